import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Body size limits per route (issue 13): login and almost every JSON route need a few KB, so a body
 * over DEFAULT_BODY_LIMIT is refused with 413 before it is read whole (by Content-Length at once).
 * The few routes whose largest valid body is bigger (the estimate from their DTO's limits, 3 bytes
 * a character) get their own limit here, and only for a signed-in caller: an anonymous request is
 * held to the default, whatever route it names.
 */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface BodyLimitRule {
  method: 'POST' | 'PUT' | 'PATCH';
  /** Express-style path with the API prefix, `:name` for a parameter. */
  path: string;
  limit: number;
  why: string;
}

const KB = 1024;
const MB = 1024 * KB;

export const LARGE_BODY_ROUTES: readonly BodyLimitRule[] = [
  { method: 'POST', path: '/api/v1/events', limit: 256 * KB, why: 'up to 2,000 invited organisations and a 5,000-character description (~115 KB)' },
  { method: 'PATCH', path: '/api/v1/events/:id', limit: 256 * KB, why: 'as POST /events' },
  { method: 'POST', path: '/api/v1/events/:id/invitations', limit: 256 * KB, why: 'up to 2,000 named organisations and 500 banks (~96 KB)' },
  { method: 'POST', path: '/api/v1/events/:id/invitations/preview', limit: 256 * KB, why: 'as the invitations' },
  { method: 'POST', path: '/api/v1/plan/work-lists', limit: 2 * MB, why: 'up to 200 items of 2,000 characters (~1.2 MB)' },
  { method: 'PUT', path: '/api/v1/plan/periods/:periodId/tasks/:taskId/report', limit: 2 * MB, why: 'a 10,000-character summary and up to 100 items of 5,000 characters (~1.6 MB)' },
];

interface CompiledRule extends BodyLimitRule {
  re: RegExp;
}

function compile(rule: BodyLimitRule): CompiledRule {
  const pattern = rule.path
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')))
    .join('/');
  // Express matches paths case-insensitively and with an optional trailing slash.
  return { ...rule, re: new RegExp(`^${pattern}/?$`, 'i') };
}

/** The body limit of a request: its route's own, or the default. */
export function bodyLimitFor(method: string, path: string, rules: readonly BodyLimitRule[] = LARGE_BODY_ROUTES): number {
  const m = method.toUpperCase();
  return rules.map(compile).find((r) => r.method === m && r.re.test(path))?.limit ?? DEFAULT_BODY_LIMIT;
}

export interface BodyParserOptions {
  /** Whether the request carries a valid bearer token (asked only for a large body on a large route). */
  isSignedIn(req: Request): Promise<boolean>;
  rules?: readonly BodyLimitRule[];
}

/**
 * The JSON and form body parsers with per-route limits. A request whose declared length fits the
 * default never costs a token check; a larger one on a large route is parsed with that route's limit
 * once its token verifies.
 */
export function createBodyParsers(opts: BodyParserOptions): RequestHandler {
  const rules = (opts.rules ?? LARGE_BODY_ROUTES).map(compile);
  const parsers = new Map<number, RequestHandler[]>();
  const parsersFor = (limit: number) => {
    let p = parsers.get(limit);
    if (!p) {
      p = [express.json({ limit }), express.urlencoded({ extended: false, limit })];
      parsers.set(limit, p);
    }
    return p;
  };
  parsersFor(DEFAULT_BODY_LIMIT);
  for (const r of rules) parsersFor(r.limit);

  const run = (limit: number, req: Request, res: Response, next: NextFunction) => {
    const [json, form] = parsersFor(limit);
    json(req, res, (err?: unknown) => (err ? next(err) : form(req, res, next)));
  };

  return (req, res, next) => {
    const method = req.method.toUpperCase();
    const rule = rules.find((r) => r.method === method && r.re.test(req.path));
    const declared = Number(req.headers['content-length']);
    if (!rule || (Number.isFinite(declared) && declared <= DEFAULT_BODY_LIMIT)) return run(DEFAULT_BODY_LIMIT, req, res, next);
    opts.isSignedIn(req).then(
      (signedIn) => run(signedIn ? rule.limit : DEFAULT_BODY_LIMIT, req, res, next),
      () => run(DEFAULT_BODY_LIMIT, req, res, next),
    );
  };
}
