import { ArgumentMetadata, HttpStatus, Injectable, PipeTransform } from '@nestjs/common';
import { CommonErrorCode, FieldError } from '@zj/shared';
import type { NextFunction, Request, Response } from 'express';
import { AppException } from '../errors/app.exception';
import { validationMessage } from '../errors/validation';
import { currentRequestId } from '../http/request-context';

/**
 * The one check of every incoming value before validation (issue 13): a JSON body nested deeper than
 * MAX_INPUT_DEPTH (class-transformer and class-validator recurse, so 2,000 levels overflowed the stack),
 * NUL bytes (PostgreSQL refuses them in text) and lone UTF-16 surrogates (they break encoding, JSON
 * columns and validators) are refused with 400, naming the field. The walk is iterative, so it
 * cannot overflow the stack itself, and linear in the size of the body (bounded by the body limits).
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * At most this many values (array items and object fields, at any depth) in one body: validation costs
 * ~20 µs an item, so 600 KB of `{}` items blocked the event loop 4 s. The largest valid body (an event's
 * 2,000 invited organisations and 500 banks) has ~2,600.
 */
export const MAX_INPUT_VALUES = 10_000;

export interface InputProblem {
  field: string;
  message: string;
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const SUSPECT = /[\u0000\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The problem with one string, or null: a NUL byte or a lone surrogate. */
export function stringProblem(s: string): string | null {
  if (!SUSPECT.test(s)) return null;
  if (s.includes('\u0000')) return '不能包含空字符（U+0000）';
  if (LONE_SURROGATE.test(s)) return '包含无效的字符（不成对的 UTF-16 代理项）';
  return null;
}

/**
 * The problem with a field name: NUL or a lone surrogate, or `__proto__`, which the validation pipe
 * would strip silently (so it alone escaped "unknown fields are rejected and named").
 */
function keyProblem(k: string): string | null {
  if (k === '__proto__') return '不允许的字段';
  const message = stringProblem(k);
  return message ? `字段名${message}` : null;
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number | null;
}

function fieldOf(frame: Frame, prefix: string, extraKey?: string | number): string {
  const keys: (string | number)[] = [];
  if (extraKey !== undefined) keys.push(extraKey);
  for (let f: Frame | null = frame; f && f.key !== null; f = f.parent) keys.push(f.key);
  keys.reverse();
  let out = prefix;
  for (const k of keys) out += typeof k === 'number' ? `[${k}]` : out ? `.${k}` : k;
  return out || 'body';
}

/** The outermost field holding a frame (the path 33 levels down says nothing more); a root array is the body. */
function outermost(frame: Frame): Frame {
  let top = frame;
  while (top.parent && top.parent.key !== null) top = top.parent;
  return typeof top.key === 'number' && top.parent ? top.parent : top;
}

/**
 * The first problem in a parsed value (a JSON body, a query, a path parameter), or null. `prefix`
 * names the value itself (a query or path parameter's name); fields inside it are `a.b[0].c`.
 * For nesting and too many values, the field named is the outermost one.
 */
export function findInputProblem(value: unknown, opts: { maxDepth?: number; maxValues?: number; prefix?: string } = {}): InputProblem | null {
  const maxDepth = opts.maxDepth ?? MAX_INPUT_DEPTH;
  const maxValues = opts.maxValues ?? MAX_INPUT_VALUES;
  let values = 0;
  const prefix = opts.prefix ?? '';
  const root: Frame = { value, depth: 0, parent: null, key: null };
  if (typeof value === 'string') {
    const message = stringProblem(value);
    return message ? { field: fieldOf(root, prefix), message } : null;
  }
  // Only containers get a frame; strings are checked where they are met.
  const stack: Frame[] = [root];
  while (stack.length) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (v === null || typeof v !== 'object') continue;
    const isArray = Array.isArray(v);
    // Plain objects and arrays only (a parsed body or query); anything else (an uploaded file's buffer) is not input text.
    const proto = isArray ? null : (Object.getPrototypeOf(v) as unknown);
    if (!isArray && proto !== Object.prototype && proto !== null) continue;
    if (frame.depth >= maxDepth) return { field: fieldOf(outermost(frame), prefix), message: `嵌套层级过深（最多${maxDepth}层）` };
    const keys = isArray ? null : Object.keys(v);
    values += isArray ? v.length : keys!.length;
    if (values > maxValues) return { field: fieldOf(outermost(frame), prefix), message: `数据项过多（最多${maxValues}项）` };
    if (isArray) {
      for (let i = v.length - 1; i >= 0; i--) {
        const child: unknown = v[i];
        if (typeof child === 'string') {
          const message = stringProblem(child);
          if (message) return { field: fieldOf(frame, prefix, i), message };
        } else if (child !== null && typeof child === 'object') {
          stack.push({ value: child, depth: frame.depth + 1, parent: frame, key: i });
        }
      }
      continue;
    }
    for (let i = keys!.length - 1; i >= 0; i--) {
      const k = keys![i];
      const keyMessage = keyProblem(k);
      if (keyMessage) return { field: fieldOf(frame, prefix, k), message: keyMessage };
      const child = (v as Record<string, unknown>)[k];
      if (typeof child === 'string') {
        const message = stringProblem(child);
        if (message) return { field: fieldOf(frame, prefix, k), message };
      } else if (child !== null && typeof child === 'object') {
        stack.push({ value: child, depth: frame.depth + 1, parent: frame, key: k });
      }
    }
  }
  return null;
}

export function inputProblemException(problem: InputProblem): AppException {
  const details: FieldError[] = [{ field: problem.field, messages: [problem.message] }];
  return new AppException(CommonErrorCode.VALIDATION_FAILED, validationMessage(details, false), HttpStatus.BAD_REQUEST, details);
}

/** Bodies already inspected by the middleware: the pipe does not walk them twice. */
const inspected = new WeakSet<object>();

/**
 * Express middleware, right after the body parsers and before any Nest code: inspects the parsed
 * JSON or form body and the query. Answers 400 in the error shape itself (Nest's filter is not
 * reached from here).
 */
export function inputSafetyMiddleware(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  const problem = findInputProblem(body) ?? queryProblem(req);
  if (problem) {
    const e = inputProblemException(problem);
    const requestId = (req as Request & { id?: string }).id ?? currentRequestId() ?? 'none';
    res.status(e.status).json({ error: { code: e.code, message: e.message, details: e.details, requestId } });
    return;
  }
  if (body && typeof body === 'object') inspected.add(body);
  next();
}

function queryProblem(req: Request): InputProblem | null {
  const query = req.query as Record<string, unknown>;
  for (const [name, value] of Object.entries(query)) {
    const keyMessage = keyProblem(name);
    if (keyMessage) return { field: name, message: keyMessage };
    const problem = findInputProblem(value, { prefix: name });
    if (problem) return problem;
  }
  return null;
}

/**
 * The global pipe, first before validation: the same check for what the middleware cannot see —
 * path parameters and the text fields of multipart uploads (parsed inside the route).
 */
@Injectable()
export class InputSafetyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    if (value && typeof value === 'object' && inspected.has(value)) return value;
    const problem = findInputProblem(value, { prefix: metadata.data ?? '' });
    if (problem) throw inputProblemException(problem);
    return value;
  }
}
