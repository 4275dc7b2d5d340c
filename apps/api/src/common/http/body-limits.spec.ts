import express from 'express';
import request from 'supertest';
import { bodyLimitFor, createBodyParsers, DEFAULT_BODY_LIMIT, LARGE_BODY_ROUTES } from './body-limits';

describe('body limits per route', () => {
  it('gives login and ordinary routes the small default', () => {
    expect(DEFAULT_BODY_LIMIT).toBe(64 * 1024);
    expect(bodyLimitFor('POST', '/api/v1/auth/login')).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor('POST', '/api/v1/organizations')).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor('POST', '/api/v1/events/0f1c/registrations')).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor('GET', '/api/v1/events')).toBe(DEFAULT_BODY_LIMIT);
  });

  it('gives the routes that need it their own limit, matched as Express matches (any case, trailing slash)', () => {
    expect(bodyLimitFor('POST', '/api/v1/events')).toBe(256 * 1024);
    expect(bodyLimitFor('post', '/API/V1/Events/')).toBe(256 * 1024);
    expect(bodyLimitFor('PATCH', '/api/v1/events/6a1b7c0e-0000-4000-8000-000000000000')).toBe(256 * 1024);
    expect(bodyLimitFor('POST', '/api/v1/events/x/invitations/preview')).toBe(256 * 1024);
    expect(bodyLimitFor('POST', '/api/v1/plan/work-lists')).toBe(2 * 1024 * 1024);
    expect(bodyLimitFor('PUT', '/api/v1/plan/periods/p/tasks/t/report')).toBe(2 * 1024 * 1024);
    expect(bodyLimitFor('PUT', '/api/v1/plan/periods/p/tasks/t/report/extra')).toBe(DEFAULT_BODY_LIMIT);
    for (const r of LARGE_BODY_ROUTES) expect(r.limit).toBeGreaterThan(DEFAULT_BODY_LIMIT);
  });

  describe('createBodyParsers', () => {
    function appWith(signedIn: (req: express.Request) => boolean) {
      const calls: string[] = [];
      const app = express();
      app.use(
        createBodyParsers({
          isSignedIn: async (req) => {
            calls.push(req.path);
            return signedIn(req);
          },
        }),
      );
      app.use((req, res) => res.json({ size: JSON.stringify(req.body ?? null).length }));
      app.use((err: { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        res.status(err.status ?? 500).json({ type: err.type });
      });
      return { app, calls };
    }
    const big = { text: 'x'.repeat(100 * 1024) };

    it('refuses a body over the default with 413 on an ordinary route, before asking who calls', async () => {
      const { app, calls } = appWith(() => true);
      const res = await request(app).post('/api/v1/auth/login').send(big);
      expect(res.status).toBe(413);
      expect(res.body.type).toBe('entity.too.large');
      expect(calls).toEqual([]);
    });

    it('parses a large body on a large route for a signed-in caller only', async () => {
      const { app } = appWith((req) => req.header('authorization') === 'Bearer good');
      expect((await request(app).post('/api/v1/events').set('Authorization', 'Bearer good').send(big)).status).toBe(200);
      expect((await request(app).post('/api/v1/events').set('Authorization', 'Bearer forged').send(big)).status).toBe(413);
      expect((await request(app).post('/api/v1/events').send(big)).status).toBe(413);
      // Beyond the route's own limit even a signed-in caller is refused.
      expect((await request(app).post('/api/v1/events').set('Authorization', 'Bearer good').send({ text: 'x'.repeat(300 * 1024) })).status).toBe(413);
    });

    it('does not check the token when the declared length fits the default', async () => {
      const { app, calls } = appWith(() => false);
      const res = await request(app).post('/api/v1/events').send({ title: '小报文' });
      expect(res.status).toBe(200);
      expect(calls).toEqual([]);
    });

    it('holds a caller to the default when the token check itself fails', async () => {
      const app = express();
      app.use(createBodyParsers({ isSignedIn: () => Promise.reject(new Error('database down')) }));
      app.use((_req, res) => res.json({ ok: true }));
      app.use((err: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        res.status(err.status ?? 500).end();
      });
      expect((await request(app).post('/api/v1/plan/work-lists').send(big)).status).toBe(413);
    });
  });
});
