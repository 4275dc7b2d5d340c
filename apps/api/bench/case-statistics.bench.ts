/**
 * Latency of GET /api/v1/cases/statistics on a few thousand cases (issue 16: the kept case statistics).
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379 \
 *     npx tsx --tsconfig apps/api/tsconfig.json apps/api/bench/case-statistics.bench.ts [cases]
 * Boots the platform from the sources on a scratch database (demo data on), adds N cases by SQL
 * (needs copied from the demo's, banks in turn, states, answers, approvals and tranches spread over a
 * year), then times the route: 300 requests one at a time and 600 with 16 in flight, as the bureau
 * (the city) and as a bank.
 */
import './nest-decorator-metadata';
import http from 'node:http';
import { serverScratchDatabase } from './bench-database';

const N = Number(process.argv[2] ?? 5000);

async function main() {
  const db = await serverScratchDatabase(process.env.DATABASE_URL!, 'zj_helper_stats');
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createPlatform } = require('../src/bootstrap');
  const { loadConfig } = require('../src/config/app.config');
  const config = loadConfig({ ...process.env, DATABASE_URL: db.url, QUEUE_PREFIX: `zjhs${Date.now()}`, LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  const platform = await createPlatform(config, { api: true, worker: false, logLevel: 'error' });
  try {
    await platform.app.listen(0, '127.0.0.1');
    const { port } = platform.app.getHttpServer().address();
    const ds = platform.app.get(require(require.resolve('typeorm', { paths: [__dirname] })).DataSource);
    const t0 = Date.now();
    await ds.transaction(async (m: any) => {
      const needs = await m.query(`SELECT id, enterprise_org_id, project_id FROM financing_needs ORDER BY id`);
      const banks = await m.query(`SELECT id FROM organizations WHERE type = 'FINANCIAL_INSTITUTION' AND is_demo ORDER BY name`);
      await m.query(
        `WITH src AS (SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM financing_needs),
              made AS (
                INSERT INTO financing_needs (enterprise_org_id, project_id, amount, term_months, instrument, purpose, sharing, status, created_by_org_id, is_demo)
                SELECT s.enterprise_org_id, s.project_id, s.amount, s.term_months, s.instrument, s.purpose, s.sharing, 'IN_MATCHMAKING', s.created_by_org_id, true
                  FROM generate_series(0, $1::int - 1) i JOIN src s ON s.k = i % $2::int RETURNING id, enterprise_org_id)
         INSERT INTO matchmaking_cases (need_id, bank_org_id, enterprise_org_id, origin, state, decline_reason, approved_amount, approved_rate_percent, approved_term_months, disbursed_total, due_on, answered_at, created_at, is_demo)
         SELECT x.id, ($3::uuid[])[1 + x.n % array_length($3::uuid[], 1)], x.enterprise_org_id,
                (ARRAY['APPLICATION','PUSH','CLAIM','REFERRAL'])[1 + x.n % 4],
                (ARRAY['PENDING','ACCEPTED','DECLINED','IN_CONTACT','UNDER_REVIEW','APPROVED','DISBURSED','DISBURSED','CLOSED','REJECTED'])[1 + x.n % 10],
                CASE WHEN x.n % 10 = 2 THEN 'CAPACITY' END,
                CASE WHEN x.n % 10 IN (5,6,7,8) THEN 100 + x.n % 900 END, CASE WHEN x.n % 10 IN (5,6,7,8) THEN 3.3 END, CASE WHEN x.n % 10 IN (5,6,7,8) THEN 36 END,
                CASE WHEN x.n % 10 IN (6,7,8) THEN 50 ELSE 0 END,
                CASE WHEN x.n % 10 IN (0,1) THEN current_date + (x.n % 30) - 15 END,
                CASE WHEN x.n % 10 NOT IN (0) AND x.n % 4 <> 2 THEN now() - make_interval(days => x.n % 365) + make_interval(hours => x.n % 72) END,
                now() - make_interval(days => x.n % 365), true
           FROM (SELECT (row_number() OVER ())::int AS n, * FROM made) x`,
        [N, needs.length, banks.map((b: any) => b.id)],
      );
      await m.query(`INSERT INTO case_events (case_id, from_state, to_state, at) SELECT id, NULL, CASE WHEN origin = 'CLAIM' THEN 'ACCEPTED' ELSE 'PENDING' END, created_at FROM matchmaking_cases WHERE is_demo AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = matchmaking_cases.id)`);
      await m.query(`INSERT INTO case_events (case_id, from_state, to_state, at) SELECT id, 'PENDING', CASE WHEN decline_reason IS NULL THEN 'ACCEPTED' ELSE 'DECLINED' END, answered_at FROM matchmaking_cases c WHERE answered_at IS NOT NULL AND origin <> 'CLAIM' AND (SELECT count(*) FROM case_events e WHERE e.case_id = c.id) = 1`);
      await m.query(`INSERT INTO case_tranches (case_id, amount, disbursed_on) SELECT id, 50, (created_at + interval '20 days')::date FROM matchmaking_cases WHERE disbursed_total = 50 AND NOT EXISTS (SELECT 1 FROM case_tranches t WHERE t.case_id = matchmaking_cases.id)`);
    });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM matchmaking_cases`);
    const [{ ev }] = await ds.query(`SELECT count(*)::int AS ev FROM case_events`);
    console.log(`data: ${n} cases, ${ev} case events (generated in ${Date.now() - t0} ms)`);
    await ds.query('ANALYZE');

    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const call = (method: string, path: string, token?: string, body?: unknown) =>
      new Promise<{ status: number; body: any; ms: number }>((resolve, reject) => {
        const t = process.hrtime.bigint();
        const data = body ? JSON.stringify(body) : undefined;
        const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString() || 'null'), ms: Number(process.hrtime.bigint() - t) / 1e6 }));
        });
        req.on('error', reject);
        req.end(data);
      });
    const login = async (email: string) => (await call('POST', '/api/v1/auth/login', undefined, { email, password: 'Demo@Zhanjiang2026' })).body.accessToken as string;
    const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))].toFixed(1);
    for (const who of ['bureau@demo.zjgf.local', 'bank1@demo.zjgf.local']) {
      const token = await login(who);
      for (let i = 0; i < 20; i++) await call('GET', '/api/v1/cases/statistics', token); // warm-up
      const seq: number[] = [];
      for (let i = 0; i < 300; i++) {
        const r = await call('GET', '/api/v1/cases/statistics', token);
        if (r.status !== 200) throw new Error(`status ${r.status} ${JSON.stringify(r.body)}`);
        seq.push(r.ms);
      }
      const conc: number[] = [];
      const start = Date.now();
      let next = 0;
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (next++ < 600) conc.push((await call('GET', '/api/v1/cases/statistics', token)).ms);
      }));
      const secs = (Date.now() - start) / 1000;
      const one = (await call('GET', '/api/v1/cases/statistics', token)).body;
      console.log(`${who}: totals ${JSON.stringify(one.totals)}; one at a time p50 ${pct(seq, 50)} ms p95 ${pct(seq, 95)} p99 ${pct(seq, 99)}; 16 in flight ${(600 / secs).toFixed(0)} req/s p50 ${pct(conc, 50)} p99 ${pct(conc, 99)} ms`);
    }
    // A period (half a year), and the computation from the rows (the code before issue 16), in this process.
    const token = await login('bureau@demo.zjgf.local');
    const per: number[] = [];
    for (let i = 0; i < 100; i++) per.push((await call('GET', '/api/v1/cases/statistics?from=2026-03-01&to=2026-08-31', token)).ms);
    const svcPath = '../src/cases/case-statistics.service';
    const svc = platform.app.get(require(svcPath).CaseStatisticsService);
    const actor = { userId: '00000000-0000-0000-0000-000000000000', email: 'x', role: 'BUREAU', organizationId: '00000000-0000-0000-0000-000000000000', organizationType: 'GOVERNMENT_UNIT' };
    const timed = async (f: () => Promise<unknown>, n: number) => { const xs: number[] = []; for (let i = 0; i < n; i++) { const t = process.hrtime.bigint(); await f(); xs.push(Number(process.hrtime.bigint() - t) / 1e6); } return xs; };
    const rec = await timed(() => svc.recompute(actor, {}), 50);
    const kept = await timed(() => svc.statistics(actor, {}), 50);
    console.log(`period (HTTP, bureau): p50 ${pct(per, 50)} p99 ${pct(per, 99)} ms; in-process city, all time: kept p50 ${pct(kept, 50)} ms, computed from the rows p50 ${pct(rec, 50)} p95 ${pct(rec, 95)} ms`);
    // An event report's disbursed figures for 50 cases: all tranches summed then joined (before) or the cases' own (after).
    const ids = (await ds.query(`SELECT case_id FROM case_tranches GROUP BY case_id ORDER BY case_id LIMIT 50`)).map((r: any) => r.case_id);
    const form = (scoped: boolean) => `SELECT c.id, c.state, coalesce(d.disbursed, 0)::numeric(14,2)::text FROM matchmaking_cases c LEFT JOIN (SELECT case_id, sum(amount) AS disbursed FROM case_tranches WHERE disbursed_on <= $2::date${scoped ? ' AND case_id = ANY($1::uuid[])' : ''} GROUP BY case_id) d ON d.case_id = c.id WHERE c.id = ANY($1::uuid[]) ORDER BY c.id`;
    const [{ tr }] = await ds.query(`SELECT count(*)::int AS tr FROM case_tranches`);
    const allTranches = await timed(() => ds.query(form(false), [ids, '2099-01-01']), 100);
    const ownTranches = await timed(() => ds.query(form(true), [ids, '2099-01-01']), 100);
    console.log(`event report's case figures (50 cases, ${tr} tranches): every tranche summed p50 ${pct(allTranches, 50)} ms; the cases' own p50 ${pct(ownTranches, 50)} ms`);
    // The cost on writes: a bank answering pending cases, with the kept figures' triggers and without.
    const bankToken = await login('bank1@demo.zjgf.local');
    const [{ id: bankId }] = await ds.query(`SELECT organization_id AS id FROM users WHERE email = 'bank1@demo.zjgf.local'`);
    const pending: { id: string }[] = await ds.query(`SELECT id FROM matchmaking_cases WHERE state = 'PENDING' AND bank_org_id = $1 ORDER BY id LIMIT 120`, [bankId]);
    const answer = async (ids: { id: string }[]) => { const xs: number[] = []; for (const c of ids) { const r = await call('POST', `/api/v1/cases/${c.id}/transitions`, bankToken, { to: 'ACCEPTED' }); if (r.status !== 200) throw new Error(JSON.stringify(r.body)); xs.push(r.ms); } return xs; };
    const withTriggers = await answer(pending.slice(0, 60));
    const triggers = ['matchmaking_cases', 'case_events', 'case_tranches', 'greenwashing_warnings'];
    const hasFacts = (await ds.query(`SELECT 1 FROM pg_class WHERE relname = 'case_statistics_cells'`)).length > 0;
    if (hasFacts) for (const t of triggers) { await ds.query(`ALTER TABLE ${t} DISABLE TRIGGER ${t}_case_statistics_collect`); await ds.query(`ALTER TABLE ${t} DISABLE TRIGGER ${t}_case_statistics_flush`); }
    const without = await answer(pending.slice(60, 120));
    if (hasFacts) for (const t of triggers) { await ds.query(`ALTER TABLE ${t} ENABLE TRIGGER ${t}_case_statistics_collect`); await ds.query(`ALTER TABLE ${t} ENABLE TRIGGER ${t}_case_statistics_flush`); }
    console.log(`a bank accepting a case (HTTP, ${withTriggers.length} + ${without.length}): ${hasFacts ? 'with the triggers' : 'run 1'} p50 ${pct(withTriggers, 50)} p95 ${pct(withTriggers, 95)} ms; ${hasFacts ? 'without' : 'run 2'} p50 ${pct(without, 50)} p95 ${pct(without, 95)} ms`);
    agent.destroy();
  } finally {
    await platform.close();
    await db.drop();
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
