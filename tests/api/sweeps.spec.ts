import { Role } from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { CASE_OVERDUE_SCHEDULER_ID, CaseSweeps } from '../../apps/api/src/cases/case-sweeps';
import { zhanjiangDate } from '../../apps/api/src/common/time';
import { NEED_EXPIRY_SCHEDULER_ID, NeedSweeps } from '../../apps/api/src/financing-needs/need-sweeps';
import type { PeriodicJob, QueueName } from '../../apps/api/src/queue/jobs';
import { greenEnterprise, openNeed } from '../support/matchmaking-factories';
import { startTestApp, TestApp } from '../support/test-app';

/** The sweeps' period in this file (ms): short, so that a few periods pass in seconds. */
const PERIOD = 1500;

/** Polls `probe` until it answers truthy; fails after `ms` saying what it waited for. */
async function until<T>(what: string, probe: () => Promise<T>, ms = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sweepsOf = (app: TestApp) => ({ overdue: app.platform.app.get(CaseSweeps).overdue, expiry: app.platform.app.get(NeedSweeps).expiry });

async function started(app: TestApp) {
  await app.platform.app.get(CaseSweeps).started();
  await app.platform.app.get(NeedSweeps).started();
}

/** The slot (ms) of a scheduler-made job: its id is `repeat:<schedulerId>:<slot>`. */
const slotOf = (jobId: string) => Number(jobId.split(':').at(-1));

describe('sweeps: periodic background work as BullMQ job schedulers', () => {
  // One queue namespace for the file, so that a second platform can join the first one's queues.
  const env = { QUEUE_PREFIX: `sw${randomUUID().replace(/-/g, '').slice(0, 12)}`, CASE_OVERDUE_SWEEP_MS: String(PERIOD), NEED_EXPIRY_SWEEP_MS: String(PERIOD) };
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ worker: true, env });
    await started(app);
  });
  afterAll(() => app.close());

  it('the overdue sweep and the need expiry run through the queue, do their work, and do it once', async () => {
    const bureau = await app.admin();
    // A case whose answer deadline passed yesterday.
    const g = await greenEnterprise(app);
    const caseNeed = await openNeed(app, g, { amount: '300.00' });
    const bank = await app.userWithRole(Role.BANK);
    const pushed = await app.http.post('/api/v1/cases/push').set(bureau.auth).send({ needId: caseNeed.id, bankOrgIds: [bank.organizationId], comment: '请贵行对接' });
    expect(pushed.status).toBe(201);
    const caseId: string = pushed.body.created[0];
    await app.dataSource.query(`UPDATE matchmaking_cases SET due_on = $2::date - 1 WHERE id = $1`, [caseId, zhanjiangDate()]);
    // An open need whose wanted-by date passed three days ago.
    const need = await openNeed(app, g, { amount: '200.00' });
    await app.dataSource.query(`UPDATE financing_needs SET wanted_by = $2::date - 3 WHERE id = $1`, [need.id, zhanjiangDate()]);

    const sweeps = sweepsOf(app);
    await until('the overdue case flagged', async () => (await app.dataSource.query(`SELECT 1 FROM matchmaking_cases WHERE id = $1 AND overdue_flagged_at IS NOT NULL`, [caseId])).length > 0);
    await until('the need expired', async () => (await app.dataSource.query(`SELECT 1 FROM financing_needs WHERE id = $1 AND status = 'EXPIRED'`, [need.id])).length > 0);
    expect((await app.http.get(`/api/v1/financing-needs/${need.id}`).set(g.enterprise.auth)).body.status).toBe('EXPIRED');

    // It was the queue: one scheduler per sweep, with the configured period, and jobs completed by this worker.
    for (const [job, id] of [
      [sweeps.overdue, CASE_OVERDUE_SCHEDULER_ID],
      [sweeps.expiry, NEED_EXPIRY_SCHEDULER_ID],
    ] as [PeriodicJob<QueueName>, string][]) {
      const queue = job.raw!;
      expect(await queue.getJobSchedulersCount()).toBe(1);
      expect(await queue.getJobScheduler(id)).toMatchObject({ key: id, every: PERIOD });
      expect(job.handled.length).toBeGreaterThan(0);
      const done = await queue.getJobs(['completed']);
      expect(done.map((j) => j.id)).toEqual(expect.arrayContaining([job.handled[0]]));
      expect(done.every((j) => j.id!.startsWith(`repeat:${id}:`))).toBe(true);
    }

    // Two more runs of each sweep change nothing: one alert, one expiry audit row.
    const runs = { overdue: sweeps.overdue.handled.length, expiry: sweeps.expiry.handled.length };
    await until('two more runs of each sweep', async () => sweeps.overdue.handled.length >= runs.overdue + 2 && sweeps.expiry.handled.length >= runs.expiry + 2);
    const alerts = await app.dataSource.query(`SELECT 1 FROM notification_outbox WHERE type = 'CASE_DEADLINE_BREACHED' AND payload::text LIKE $1`, [`%${caseId}%`]);
    expect(alerts).toHaveLength(1);
    expect(await app.dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'case.overdue' AND entity_id = $1`, [caseId])).toHaveLength(1);
    expect(await app.dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'financing_need.expire' AND after::text LIKE $1`, [`%${need.id}%`])).toHaveLength(1);
  });

  it('two API processes with their workers on one database and one queue: each sweep runs once per period', async () => {
    // A second platform (API + worker, as a second `npm start`) on the same database and queue namespace:
    // it registers the same schedulers and consumes the same queues.
    const second = await startTestApp({ worker: true, env });
    try {
      await started(second);
      const a = sweepsOf(app);
      const b = sweepsOf(second);
      const check = async (name: 'overdue' | 'expiry') => {
        const raw = a[name].raw!;
        // Registered twice, exists once.
        expect(await raw.getJobSchedulersCount()).toBe(1);
        const from = { a: a[name].handled.length, b: b[name].handled.length };
        const startedAt = Date.now();
        const runsSince = () => [...a[name].handled.slice(from.a), ...b[name].handled.slice(from.b)];
        await until(`four runs of the ${name} sweep`, async () => runsSince().length >= 4);
        const ids = runsSince();
        const elapsed = Date.now() - startedAt;
        // Each period's job ran in one process only, and all came from the one scheduler, a period apart.
        expect(new Set(ids).size).toBe(ids.length);
        const schedulerId = name === 'overdue' ? CASE_OVERDUE_SCHEDULER_ID : NEED_EXPIRY_SCHEDULER_ID;
        expect(ids.every((id) => id.startsWith(`repeat:${schedulerId}:`))).toBe(true);
        const slots = ids.map(slotOf).sort((x, y) => x - y);
        for (let i = 1; i < slots.length; i++) expect((slots[i] - slots[i - 1]) % PERIOD === 0 && slots[i] > slots[i - 1]).toBe(true);
        // At most one run per period of wall-clock time (plus the one due when we started counting):
        // two runs per period would have made these runs in half the time.
        expect(ids.length).toBeLessThanOrEqual(Math.floor(elapsed / PERIOD) + 2);
        // The queue shows each run once, completed.
        await until(`the ${name} runs completed in the queue`, async () => (await Promise.all(ids.map((id) => raw.getJobState(id)))).every((st) => st === 'completed'));
      };
      // Both sweeps at once (each waits for a few of its periods).
      await Promise.all([check('overdue'), check('expiry')]);
    } finally {
      await second.close();
    }
  });
});
