import { AppException } from '../errors/app.exception';
import { findInputProblem, InputSafetyPipe, MAX_INPUT_DEPTH, MAX_INPUT_VALUES, stringProblem } from './input-safety';

function nestedArray(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function nestedObject(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('input safety: one check of every incoming value before validation', () => {
  describe('strings', () => {
    it('refuses NUL bytes and lone surrogates, and accepts everything else', () => {
      expect(stringProblem('a\u0000b')).toMatch(/空字符/);
      expect(stringProblem('\ud800')).toMatch(/代理项/);
      expect(stringProblem('a\udc00')).toMatch(/代理项/);
      expect(stringProblem('\udbff\ud800')).toMatch(/代理项/); // two high surrogates: no pair
      expect(stringProblem('绿色金融 😀 \u0001\t\n')).toBeNull(); // a pair, other control characters
      expect(stringProblem('')).toBeNull();
    });
  });

  describe('findInputProblem', () => {
    it('names the field of a NUL or a lone surrogate anywhere in a body', () => {
      expect(findInputProblem({ name: 'a\u0000' })).toEqual({ field: 'name', message: expect.stringMatching(/空字符/) });
      expect(findInputProblem({ items: [{ text: 'ok' }, { text: 'x\ud83d' }] })).toEqual({ field: 'items[1].text', message: expect.stringMatching(/代理项/) });
      expect(findInputProblem({ tags: ['a', '\u0000'] })?.field).toBe('tags[1]');
      expect(findInputProblem('a\u0000', { prefix: 'q' })?.field).toBe('q');
      expect(findInputProblem(['x', 'y\u0000'], { prefix: 'status' })?.field).toBe('status[1]');
      expect(findInputProblem({ a: { 'b\u0000': 1 } })).toEqual({ field: 'a.b\u0000', message: expect.stringMatching(/^字段名/) });
    });

    it('refuses a field named __proto__ (the validation pipe would drop it silently)', () => {
      expect(findInputProblem(JSON.parse('{"name":"x","__proto__":{"isAdmin":true}}'))).toEqual({ field: '__proto__', message: '不允许的字段' });
    });

    it('accepts ordinary bodies, numbers, booleans and null', () => {
      expect(findInputProblem({ a: 1, b: [true, null, 2.5, { c: '湛江' }], d: {} })).toBeNull();
      expect(findInputProblem(undefined)).toBeNull();
      expect(findInputProblem(42)).toBeNull();
    });

    it(`allows ${MAX_INPUT_DEPTH} levels of nesting and refuses one more, naming the outermost field`, () => {
      expect(findInputProblem(nestedArray(MAX_INPUT_DEPTH))).toBeNull();
      expect(findInputProblem(nestedArray(MAX_INPUT_DEPTH + 1))).toEqual({ field: 'body', message: expect.stringMatching(/嵌套层级过深/) });
      expect(findInputProblem({ password: nestedObject(2000) })?.field).toBe('password');
      expect(findInputProblem({ items: [{ text: nestedArray(100) }] })?.field).toBe('items');
    });

    it('walks a million levels without overflowing the stack', () => {
      expect(findInputProblem(nestedArray(1_000_000))?.message).toMatch(/嵌套层级过深/);
      expect(findInputProblem(nestedArray(1_000_000), { maxDepth: 2_000_000, maxValues: 2_000_000 })).toBeNull();
    });

    it(`refuses more than ${MAX_INPUT_VALUES} values in one body, at any depth`, () => {
      expect(findInputProblem({ ids: Array.from({ length: 2_600 }, (_, i) => `id${i}`) })).toBeNull();
      expect(findInputProblem({ items: Array.from({ length: MAX_INPUT_VALUES + 1 }, () => 0) })).toEqual({ field: 'items', message: expect.stringMatching(/数据项过多/) });
      expect(findInputProblem({ a: Array.from({ length: 20 }, () => Array.from({ length: 600 }, () => 1)) })?.field).toBe('a');
    });

    it('checks a 1 MB body in one pass, without blocking the loop for long', () => {
      const body = { items: Array.from({ length: 2_000 }, (_, i) => ({ id: `id-${i}`, text: '绿'.repeat(160), n: i })) };
      expect(JSON.stringify(body).length).toBeGreaterThan(300_000);
      const started = process.hrtime.bigint();
      for (let i = 0; i < 5; i++) expect(findInputProblem(body)).toBeNull();
      // Generous (five walks of ~1 MB of UTF-8 take a few ms): it only catches a walk that went quadratic.
      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1_000);
    });

    it('looks only at plain objects and arrays (an uploaded file is not input text)', () => {
      expect(findInputProblem({ file: Buffer.from('a\u0000b') })).toBeNull();
      expect(findInputProblem(Object.assign(Object.create(null) as object, { version: 'a\u0000' }))?.field).toBe('version');
    });
  });

  describe('InputSafetyPipe', () => {
    const pipe = new InputSafetyPipe();

    it('names a path parameter or a query value with a NUL, and passes sound values through', () => {
      expect(() => pipe.transform('GIC\u00002019', { type: 'param', data: 'version' })).toThrow(AppException);
      try {
        pipe.transform('GIC\u00002019', { type: 'param', data: 'version' });
      } catch (e) {
        expect((e as AppException).status).toBe(400);
        expect((e as AppException).details).toEqual([{ field: 'version', messages: [expect.stringMatching(/空字符/)] }]);
      }
      expect(pipe.transform({ q: 'fine' }, { type: 'query' })).toEqual({ q: 'fine' });
    });

    it('leaves values of custom decorators (the actor, an uploaded file) alone', () => {
      const actor = { name: 'a\u0000' };
      expect(pipe.transform(actor, { type: 'custom' })).toBe(actor);
    });
  });
});
