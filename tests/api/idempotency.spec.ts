import { Role } from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { needBody, uniq } from '../support/library-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Writes that create records accept an Idempotency-Key (issue 13, defect 8): a retried key answers
 * the first result without doing the work again, so a client retrying after a lost or failed
 * answer never duplicates a record.
 */
describe('Idempotency-Key on POST', () => {
  let app: TestApp;
  let ent: Session;

  // Financing needs: nothing makes two identical needs one, so a repeated POST is a duplicate.
  const need = (o: Record<string, unknown> = {}) => needBody({ purpose: `幂等测试用途${uniq()}${uniq()}`, ...o });
  const create = (s: Session, body: Record<string, unknown>, key?: string) => {
    const req = app.http.post('/api/v1/financing-needs').set(s.auth);
    if (key !== undefined) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const count = async (body: Record<string, unknown>) => {
    const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM financing_needs WHERE purpose = $1', [body.purpose]);
    return n as number;
  };

  beforeAll(async () => {
    app = await startTestApp();
    ent = await app.userWithRole(Role.ENTERPRISE);
  });
  afterAll(() => app.close());

  it('the same POST twice with one key: one record, the same answer (status and body)', async () => {
    const body = need();
    const key = randomUUID();
    const first = await create(ent, body, key);
    expect(first.status).toBe(201);
    const again = await create(ent, body, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count(body)).toBe(1);
    // the key was marked inside the transaction that created the need (same transaction time), not after it
    const [mark] = await app.dataSource.query(
      `SELECT k.committed_at = n.created_at AS same FROM idempotency_keys k JOIN financing_needs n ON n.id = $3 WHERE k.user_id = $1 AND k.key = $2`,
      [ent.user.id, key, first.body.id],
    );
    expect(mark.same).toBe(true);
    // without a key, each POST is its own write
    const other = need();
    expect((await create(ent, other)).status).toBe(201);
    expect((await create(ent, other)).status).toBe(201);
    expect(await count(other)).toBe(2);
  });

  it('two at once with one key: one record, both answered with it', async () => {
    const body = need();
    const key = randomUUID();
    const [a, b] = await Promise.all([create(ent, body, key), create(ent, body, key)]);
    expect(await count(body)).toBe(1);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
  });

  it('a key reused for a different body is refused (422); keys are per user; a bad key is 400', async () => {
    const key = randomUUID();
    const body = need();
    expect((await create(ent, body, key)).status).toBe(201);
    const changed = await create(ent, { ...body, purpose: `${body.purpose}改` }, key);
    expect(changed.status).toBe(422);
    expect(changed.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('Idempotency-Key'), requestId: expect.any(String) });
    expect(await count({ purpose: `${body.purpose}改` })).toBe(0);
    // another user's same key is another request
    const other = await app.userWithRole(Role.ENTERPRISE);
    const theirs = await create(other, body, key);
    expect(theirs.status).toBe(201);
    expect(await count(body)).toBe(2);
    // at most 100 characters
    const long = await create(ent, need(), 'k'.repeat(101));
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('IDEMPOTENCY_KEY_INVALID');
  });

  it('a refused request did nothing: its retry runs again', async () => {
    const key = randomUUID();
    const body = need({ amount: 'abc' });
    const bad = await create(ent, body, key);
    expect(bad.status).toBe(400);
    // nothing was written: the same request retried runs again (and fails again the same way)
    expect((await create(ent, body, key)).status).toBe(400);
  });

  it('keys expire: after 24 h the key is a new request', async () => {
    const body = need();
    const key = randomUUID();
    expect((await create(ent, body, key)).status).toBe(201);
    await app.dataSource.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND key = $2`, [ent.user.id, key]);
    const later = await create(ent, body, key);
    expect(later.status).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(await count(body)).toBe(2);
  });

  it('a write that committed but whose answer was lost is never done again; an attempt that died before committing is redone', async () => {
    const body = need();
    const key = randomUUID();
    const first = await create(ent, body, key);
    // As left by a request whose transaction committed (marked inside it) while its answer failed.
    await app.dataSource.query(`UPDATE idempotency_keys SET response_status = NULL, response_body = NULL, locked_until = NULL WHERE user_id = $1 AND key = $2`, [ent.user.id, key]);
    const retry = await create(ent, body, key);
    expect(retry.status).toBe(409);
    expect(retry.body.error.code).toBe('IDEMPOTENCY_RESULT_UNAVAILABLE');
    expect(await count(body)).toBe(1);
    expect(first.status).toBe(201);

    // As left by a request that died before its transaction committed (rolled back, its lease over): the retry does the work.
    const body2 = need();
    const key2 = randomUUID();
    const died = await create(ent, body2, key2);
    await app.dataSource.query('DELETE FROM financing_needs WHERE id = $1', [died.body.id]);
    await app.dataSource.query(
      `UPDATE idempotency_keys SET committed_at = NULL, response_status = NULL, response_body = NULL, locked_until = now() - interval '1 second' WHERE user_id = $1 AND key = $2`,
      [ent.user.id, key2],
    );
    const redone = await create(ent, body2, key2);
    expect(redone.status).toBe(201);
    expect(redone.body.id).not.toBe(died.body.id);
    expect(await count(body2)).toBe(1);
    // while that attempt's lease runs, a retry waits for it rather than doing the work twice (here: it never ends → 409)
    await app.dataSource.query(
      `UPDATE idempotency_keys SET committed_at = NULL, response_status = NULL, response_body = NULL, locked_until = now() + interval '1 minute' WHERE user_id = $1 AND key = $2`,
      [ent.user.id, key2],
    );
    const waiting = await create(ent, body2, key2);
    expect(waiting.status).toBe(409);
    expect(waiting.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(await count(body2)).toBe(1);
  });
});
