import { Writable } from 'node:stream';
import { startTestApp, TestApp, TEST_ADMIN } from '../support/test-app';

/** The request log as an operator reads it: one line per API request, tied to the answer's id, no secrets. */
describe('request log', () => {
  let app: TestApp;
  const lines: Record<string, unknown>[] = [];
  const text: string[] = [];

  beforeAll(async () => {
    const to = new Writable({
      write(chunk, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) {
          text.push(l);
          lines.push(JSON.parse(l));
        }
        done();
      },
    });
    app = await startTestApp({ log: { level: 'info', to } });
  });
  afterAll(() => app.close());

  const requestLines = (requestId: string) => lines.filter((l) => l.msg === 'request' && l.requestId === requestId);

  it('writes one line per request with method, path, status and time, under the id the answer carries', async () => {
    const res = await app.http.get('/api/v1/health?probe=1').set('X-Request-Id', 'log-test-0001');
    expect(res.headers['x-request-id']).toBe('log-test-0001');
    expect(requestLines('log-test-0001')).toEqual([
      expect.objectContaining({ level: 'info', req: { method: 'GET', path: '/api/v1/health' }, res: { status: res.status }, ms: expect.any(Number) }),
    ]);
  });

  it('never writes the password of a login or the tokens it answers', async () => {
    const res = await app.http.post('/api/v1/auth/login').set('X-Request-Id', 'log-test-0002').send(TEST_ADMIN);
    expect(res.status).toBe(200);
    const failed = await app.http.post('/api/v1/auth/login').set('X-Request-Id', 'log-test-0003').send({ email: TEST_ADMIN.email, password: 'Wrong#Password2026' });
    expect(failed.status).toBe(401);
    await app.http.get('/api/v1/me').set('X-Request-Id', 'log-test-0004').set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(requestLines('log-test-0002')).toHaveLength(1);
    expect(requestLines('log-test-0003')).toEqual([expect.objectContaining({ res: { status: 401 } })]);
    expect(requestLines('log-test-0004')).toEqual([expect.objectContaining({ res: { status: 200 } })]);
    const all = text.join('\n');
    for (const secret of [TEST_ADMIN.password, 'Wrong#Password2026', res.body.accessToken, res.body.refreshToken]) expect(all).not.toContain(secret);
  });
});
