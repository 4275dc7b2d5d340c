import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getMetadataStorage, IsArray, IsString, Length, Max, ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * Walks the class-validator metadata of EVERY request DTO of the API (every file under apps/api/src
 * that declares validation rules: `dto/*.ts`, `*.dto.ts`, and classes declared beside a controller)
 * and fails on any rule whose message a person could not act on:
 * - no custom message (class-validator's English default, e.g. "limit must not be greater than 100");
 * - a message with no Chinese in it;
 * - a raw property path or name in the text ("categoryRules[1].prefix", "invited 应为 …"): the
 *   error's `details[].field` carries the path for the web; the text names the field by its label;
 * - a message that names no field ("应为列表", "不能超过500字");
 * - a bound (min, max, length, list size, amount range) the message does not state.
 */

const API_SRC = join(__dirname, '..', '..');
/** The environment configuration is validated once at start-up, for operators: not a request DTO. */
const NOT_DTOS = new Set(['AppConfig']);
const CJK = /[\u3400-\u9fff]/;
/** A message that starts with what is wrong, without saying about which field. */
const NAMES_NO_FIELD = /^(应|应为|不能|不可|不得|不超过|不是|必须|须|只能|最多|至少|格式|无效|长度|为|请输入有效的?$)/;
const PATH = /[A-Za-z_]\w*\[\d+\]|\$property|\$target|\b[a-z]\w*\.[a-z]\w*\b/;
/** Rules whose numeric constraints are bounds the message must state (a lower bound of 0 or 1 may be said in words). */
const BOUNDED = new Set(['min', 'max', 'isLength', 'minLength', 'maxLength', 'arrayMinSize', 'arrayMaxSize']);
const SAMPLES: unknown[] = [undefined, null, '', 'x', 'not a value', -1, 0, 1.5, 1e20, '2024-02-30', '0000-01-01', '2024-13', '91440882MA55ABCD1Y', [], {}];

function dtoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return relative(API_SRC, path) === 'config' ? [] : dtoFiles(path);
    if (!e.name.endsWith('.ts') || e.name.endsWith('.spec.ts') || e.name.endsWith('.d.ts')) return [];
    const source = readFileSync(path, 'utf8');
    return /from 'class-validator'|validation\/validators'/.test(source) ? [path] : [];
  });
}

/** The message a person would read for this rule, for each sample value (several for messages that depend on the value). */
function messagesOf(meta: ValidationMetadata): { texts: string[]; custom: boolean } {
  const storage = getMetadataStorage();
  const constraint = meta.constraintCls ? storage.getTargetValidatorConstraints(meta.constraintCls)[0] : undefined;
  const instance = constraint?.instance as { defaultMessage?: (a?: ValidationArguments) => string } | undefined;
  const texts = new Set<string>();
  for (const value of SAMPLES) {
    const args: ValidationArguments = { value, constraints: meta.constraints, targetName: (meta.target as { name: string }).name, object: {}, property: meta.propertyName };
    const raw = typeof meta.message === 'function' ? meta.message(args) : (meta.message ?? instance?.defaultMessage?.(args) ?? '');
    texts.add(String(raw).replace(/\$property/g, meta.propertyName).replace(/\$constraint(\d+)/g, (_m, i: string) => String(meta.constraints?.[Number(i) - 1])));
  }
  return { texts: [...texts], custom: meta.message !== undefined };
}

/** The message states the number `n` (as digits, with separators, or in 万/亿). */
function mentions(text: string, n: number): boolean {
  const forms = [String(n), n.toLocaleString('en-US'), n % 1e8 === 0 ? `${n / 1e8}亿` : '', n % 1e4 === 0 ? `${n / 1e4}万` : ''].filter(Boolean);
  return forms.some((f) => text.includes(f));
}

function boundsOf(meta: ValidationMetadata): { n: number; lower: boolean }[] {
  const c = meta.constraints ?? [];
  if (meta.name === 'isDecimalString') {
    const o = (c[0] ?? {}) as { min?: number; max?: number };
    return [o.min !== undefined ? { n: o.min, lower: true } : null, o.max !== undefined ? { n: o.max, lower: false } : null].filter((b): b is { n: number; lower: boolean } => b !== null);
  }
  if (!meta.name || !BOUNDED.has(meta.name)) return [];
  const lower = ['min', 'minLength', 'arrayMinSize'].includes(meta.name);
  if (meta.name === 'isLength') return [{ n: c[0] as number, lower: true }, ...(c[1] !== undefined ? [{ n: c[1] as number, lower: false }] : [])];
  return [{ n: c[0] as number, lower }];
}

function problemsOf(meta: ValidationMetadata, propertyNames: Set<string>): string[] {
  const { texts, custom } = messagesOf(meta);
  const problems: string[] = [];
  if (!custom && !texts.some((t) => CJK.test(t))) return [`no custom message (default: "${texts[texts.length - 1]}")`];
  for (const text of texts) {
    if (!CJK.test(text)) problems.push(custom ? `not Chinese: "${text}"` : `no custom message (default: "${text}")`);
    else {
      const words = text.match(/[A-Za-z_$][\w$]*/g) ?? [];
      const raw = words.find((w) => propertyNames.has(w)) ?? PATH.exec(text)?.[0];
      if (raw) problems.push(`raw field path "${raw}" in "${text}"`);
      if (NAMES_NO_FIELD.test(text)) problems.push(`names no field: "${text}"`);
      for (const { n, lower } of boundsOf(meta)) {
        const saidInWords = lower && (n === 0 || n === 1);
        if (typeof n === 'number' && !saidInWords && !mentions(text, n)) problems.push(`does not state the bound ${n}: "${text}"`);
      }
    }
  }
  return [...new Set(problems)];
}

describe('validation messages of every DTO', () => {
  const files = dtoFiles(API_SRC);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const f of files) require(f);
  const all = [...((getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, ValidationMetadata[]> }).validationMetadatas.values())]
    .flat()
    .filter((m) => typeof m.target === 'function' && !NOT_DTOS.has(m.target.name))
    .filter((m) => m.type === 'customValidation' || m.type === 'nestedValidation' || m.type === 'isDefined');
  const propertyNames = new Set(all.map((m) => m.propertyName).filter((p) => p.length >= 3));

  it('finds the DTOs of every feature, nested ones too', () => {
    const classes = new Set(all.map((m) => (m.target as { name: string }).name));
    expect(files.length).toBeGreaterThan(15);
    for (const name of ['TargetDto', 'CategoryRuleDto', 'AgendaItemDto', 'OfficerDto', 'ProductFieldsDto', 'IdentificationsQuery', 'CreateIndicatorDto', 'TransitionDto', 'PageQueryDto']) expect(classes).toContain(name);
    expect(all.length).toBeGreaterThan(500);
  });

  it('flags English defaults, raw paths, messages that name no field and unstated bounds', () => {
    class Bad {
      @Max(100)
      limit: number;

      @IsString({ message: 'categoryRules[1].prefix 应为文字' })
      prefix: string;

      @IsArray({ message: '应为列表' })
      items: string[];

      @Length(2, 200, { message: '名称长度不对' })
      name: string;
    }
    const problems = (p: string) => getMetadataStorage().getTargetValidationMetadatas(Bad, '', true, false).filter((m) => m.propertyName === p).flatMap((m) => problemsOf(m, new Set(['limit', 'categoryRules'])));
    expect(problems('limit')).toEqual([expect.stringContaining('no custom message')]);
    expect(problems('prefix')).toEqual([expect.stringContaining('raw field path')]);
    expect(problems('items')).toEqual([expect.stringContaining('names no field')]);
    expect(problems('name')).toEqual([expect.stringContaining('the bound 2:'), expect.stringContaining('the bound 200:')]);
  });

  it('gives every rule a Chinese message that names the field by its label and states the allowed range', () => {
    const offenders: string[] = [];
    for (const meta of all) {
      const problems = problemsOf(meta, propertyNames);
      if (problems.length) offenders.push(`${(meta.target as { name: string }).name}.${meta.propertyName}: ${meta.name ?? meta.type}${meta.each ? ' (each)' : ''} — ${problems.join('; ')}`);
    }
    const unique = [...new Set(offenders)];
    if (unique.length) console.warn(`${unique.length} validation rules (of ${all.length}) with messages a person cannot act on:\n${unique.join('\n')}`);
    expect(unique).toEqual([]);
  });
});
