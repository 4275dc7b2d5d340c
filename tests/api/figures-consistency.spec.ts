import { Role, sumDecimal } from '@zj/shared';
import type { EventReport, IndicatorView, MatchmakingStatistics } from '@zj/shared';
import { defineSlots, matchmakingEvent, registered, walkIn } from '../support/event-factories';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const HOUR = 3600_000;

/** A small seeded generator (mulberry32): the same data set on every run. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)],
    /** An amount in 万元 with cents, between min and max (both in cents). */
    amount: (minCents: number, maxCents: number) => {
      const c = int(minCents, maxCents);
      return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
    },
  };
}
const cents = (amount: string) => Math.round(Number(amount) * 100);

/**
 * Issue 14, "done when": every figure shown on the bureau's dashboards — the pipeline's statistics
 * (totals and per bank: cases, credit approved, financing disbursed, median response time), the plan
 * dashboard's indicators for financing disbursed and events held (value and targets), and each event
 * report's intents, approvals and disbursements — equals the same figure computed here, independently,
 * from the rows with SQL; and no duration is negative, nothing happened in the future. Checked on the
 * demo data, then again after a data set generated through the API with a fixed seed.
 */
describe('figures: every figure on the bureau’s dashboards equals the rows', () => {
  let app: TestApp;
  let bureau: Session;
  /** The organisations of the generated data set (with the demo's, the rows whose times are checked). */
  const generatedBanks: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ env: { DEMO_DATA: 'true' } });
    bureau = await app.admin();
  });
  afterAll(() => app?.close());

  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => app.dataSource.query(sql, params);
  const get = async <T>(path: string, s: Session = bureau): Promise<T> => {
    const res = await app.http.get(`/api/v1${path}`).set(s.auth);
    expect(res.status).toBe(200);
    return res.body as T;
  };

  /** Every checked figure against the rows. */
  async function checkFigures() {
    const [{ today }] = await q<{ today: string }>(`SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS today`);
    const stats = await get<MatchmakingStatistics>('/cases/statistics');
    const dashboard = await get<{ indicators: IndicatorView[] }>('/plan/dashboard');
    expect(stats.asOf).toBe(today);

    // ---- the pipeline's totals: cases, credit approved, financing disbursed (tranches dated by today)
    const [totals] = await q<{ cases: number; approved: string }>(`SELECT count(*)::int AS cases, coalesce(sum(approved_amount), 0)::numeric(14,2)::text AS approved FROM matchmaking_cases`);
    const disbursedBy = async (day: string) =>
      (await q<{ amount: string; cases: number }>(`SELECT coalesce(sum(amount), 0)::numeric(14,2)::text AS amount, count(DISTINCT case_id)::int AS cases FROM case_tranches WHERE disbursed_on <= $1::date`, [day]))[0];
    const disbursed = await disbursedBy(today);
    expect(stats.totals).toMatchObject({ cases: totals.cases, approvedAmount: totals.approved, disbursedAmount: disbursed.amount });
    // The months add up to the total, none of them ahead.
    expect(sumDecimal(stats.overTime.map((m) => m.disbursed))).toBe(disbursed.amount);
    if (stats.overTime.length) expect(stats.overTime[stats.overTime.length - 1].cumulative).toBe(disbursed.amount);
    expect(stats.overTime.every((m) => m.month <= today.slice(0, 7))).toBe(true);

    // ---- per bank
    const banks = await q<{ id: string; cases: number; approved: string }>(
      `SELECT bank_org_id AS id, count(*)::int AS cases, coalesce(sum(approved_amount), 0)::numeric(14,2)::text AS approved FROM matchmaking_cases GROUP BY 1`,
    );
    const bankDisbursed = new Map(
      (
        await q<{ id: string; amount: string }>(
          `SELECT c.bank_org_id AS id, sum(t.amount)::numeric(14,2)::text AS amount FROM case_tranches t JOIN matchmaking_cases c ON c.id = t.case_id WHERE t.disbursed_on <= $1::date GROUP BY 1`,
          [today],
        )
      ).map((r) => [r.id, r.amount]),
    );
    // Response times: from the case's opening pending for the bank to the bank's answer, read on the timeline.
    const clocks = await q<{ bank: string; seconds: number | null }>(
      `SELECT c.bank_org_id AS bank, extract(epoch FROM a.at - o.at)::float8 AS seconds
         FROM matchmaking_cases c
         JOIN LATERAL (SELECT min(at) AS at FROM case_events WHERE case_id = c.id AND from_state IS NULL AND to_state = 'PENDING') o ON true
         JOIN LATERAL (SELECT min(at) AS at FROM case_events WHERE case_id = c.id AND from_state = 'PENDING' AND to_state IN ('ACCEPTED','DECLINED')) a ON true
        WHERE o.at IS NOT NULL AND a.at IS NOT NULL`,
    );
    const median = (xs: number[]) => {
      if (!xs.length) return null;
      const s = [...xs].sort((x, y) => x - y);
      const mid = Math.floor(s.length / 2);
      const m = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
      return Math.round(m * 10) / 10;
    };
    expect(stats.byBank.map((b) => b.bankOrgId).sort()).toEqual(banks.map((b) => b.id).sort());
    for (const b of banks) {
      const shown = stats.byBank.find((x) => x.bankOrgId === b.id)!;
      expect(shown).toMatchObject({ cases: b.cases, approvedAmount: b.approved, disbursedAmount: bankDisbursed.get(b.id) ?? '0.00' });
      expect(shown.medianResponseHours).toBe(median(clocks.filter((c) => c.bank === b.id).map((c) => c.seconds! / 3600)));
    }
    // No duration is negative.
    expect(clocks.filter((c) => c.seconds! < 0)).toEqual([]);
    for (const b of stats.byBank) if (b.medianResponseHours !== null) expect(b.medianResponseHours).toBeGreaterThanOrEqual(0);

    // ---- the plan dashboard: financing disbursed (the same definition, the same day) and events held
    const financing = dashboard.indicators.find((i) => i.code === 'financing-disbursed')!;
    expect(financing.current).toMatchObject({ value: disbursed.amount, asOf: stats.asOf, breakdown: { cases: String(disbursed.cases) } });
    expect(financing.current.value).toBe(stats.totals.disbursedAmount);
    const heldBy = async (day: string) =>
      (
        await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM events WHERE status = 'HELD'
              AND starts_at >= (date_trunc('year', $1::date)::timestamp AT TIME ZONE 'Asia/Shanghai') AND starts_at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
          [day],
        )
      )[0].n;
    const events = dashboard.indicators.find((i) => i.code === 'events-held')!;
    expect(Number(events.current.value)).toBe(await heldBy(today));
    // Each target: on the value at its deadline once passed (met / missed / no data), in progress with the latest value before.
    for (const [i, at] of [
      [financing, async (d: string) => (await disbursedBy(d)).amount],
      [events, async (d: string) => `${await heldBy(d)}.00`],
    ] as const) {
      for (const t of i.targets) {
        if (t.deadline < today) {
          const value = await at(t.deadline);
          expect(t).toMatchObject({ basis: 'DEADLINE', valueAtDeadline: value, valueAsOf: t.deadline });
          expect(t.status).toBe(Number(value) >= Number(t.value) ? 'MET' : 'MISSED');
        } else {
          expect(t).toMatchObject({ basis: 'LATEST', valueAtDeadline: i.current.value, status: 'PENDING' });
        }
      }
    }
    // No target anywhere is "missed" for want of a value, or judged on a value of after its deadline.
    for (const i of dashboard.indicators) {
      for (const t of i.targets) {
        if (t.valueAtDeadline === null) expect(t.status === 'NO_DATA' || t.status === 'PENDING').toBe(true);
        if (t.basis === 'DEADLINE' && t.valueAsOf) expect(t.valueAsOf <= t.deadline).toBe(true);
      }
    }

    // ---- every event report: intents, and their cases' approvals and disbursements
    const eventIds = (await q<{ id: string }>(`SELECT DISTINCT event_id AS id FROM event_intents`)).map((r) => r.id);
    expect(eventIds.length).toBeGreaterThan(0);
    for (const id of eventIds) {
      const report = await get<EventReport>(`/events/${id}/report`);
      const [intents] = await q<{ n: number; amount: string }>(`SELECT count(*)::int AS n, coalesce(sum(amount), 0)::numeric(14,2)::text AS amount FROM event_intents WHERE event_id = $1`, [id]);
      const [cases] = await q<{ approved: string; approved_count: number; disbursed: string; disbursed_count: number }>(
        `WITH cs AS (SELECT DISTINCT case_id FROM event_intents WHERE event_id = $1 AND case_id IS NOT NULL),
              d AS (SELECT t.case_id, sum(t.amount) AS amount FROM case_tranches t JOIN cs USING (case_id) WHERE t.disbursed_on <= $2::date GROUP BY 1),
              x AS (SELECT c.approved_amount, coalesce(d.amount, 0) AS disbursed,
                           (c.state IN ('APPROVED','DISBURSED') OR (c.state = 'CLOSED' AND coalesce(d.amount, 0) > 0)) AS standing
                      FROM cs JOIN matchmaking_cases c ON c.id = cs.case_id LEFT JOIN d ON d.case_id = c.id)
         SELECT coalesce(sum(approved_amount) FILTER (WHERE standing), 0)::numeric(14,2)::text AS approved, count(*) FILTER (WHERE standing)::int AS approved_count,
                coalesce(sum(disbursed), 0)::numeric(14,2)::text AS disbursed, count(*) FILTER (WHERE disbursed > 0)::int AS disbursed_count FROM x`,
        [id, today],
      );
      expect(report).toMatchObject({
        intents: { count: intents.n, amount: intents.amount },
        approvedAmount: cases.approved,
        approvedCount: cases.approved_count,
        disbursedAmount: cases.disbursed,
        disbursedCount: cases.disbursed_count,
      });
    }
  }

  /** Nothing of the demo's and the generated rows happened in the future or before what it follows. */
  async function checkTimes() {
    const [bad] = await q(
      `WITH mine AS (SELECT id, created_at, answered_at FROM matchmaking_cases WHERE is_demo OR bank_org_id = ANY($1::uuid[])),
            today AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d)
       SELECT
         (SELECT count(*)::int FROM mine WHERE created_at > now() OR answered_at < created_at OR answered_at > now()) AS cases,
         (SELECT count(*)::int FROM case_events e JOIN mine ON mine.id = e.case_id WHERE e.at > now() OR e.at < mine.created_at) AS steps,
         (SELECT count(*)::int FROM case_tranches t JOIN mine ON mine.id = t.case_id, today
           WHERE t.disbursed_on > today.d
              OR t.disbursed_on < (SELECT (max(e.at) AT TIME ZONE 'Asia/Shanghai')::date FROM case_events e WHERE e.case_id = t.case_id AND e.to_state = 'APPROVED' AND e.from_state <> 'APPROVED')) AS tranches,
         (SELECT count(*)::int FROM plan_reports WHERE is_demo AND (first_submitted_at > now() OR submitted_at > now() OR decided_at > now())) AS reports,
         (SELECT count(*)::int FROM plan_report_events e JOIN plan_reports r ON r.id = e.report_id WHERE r.is_demo AND e.at > now()) AS report_steps,
         (SELECT count(*)::int FROM financing_needs n JOIN matchmaking_cases c ON c.need_id = n.id WHERE n.is_demo AND n.created_at > c.created_at) AS needs`,
      [generatedBanks],
    );
    expect(bad).toEqual({ cases: 0, steps: 0, tranches: 0, reports: 0, report_steps: 0, needs: 0 });
  }

  it('on the demo data', async () => {
    const [{ n }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM matchmaking_cases WHERE is_demo`);
    expect(n).toBeGreaterThan(5);
    await checkFigures();
    await checkTimes();
  });

  it('on the demo data and a data set generated through the API with a fixed seed', async () => {
    const r = generator(14);
    const banks: Session[] = [];
    const products: string[] = [];
    for (let i = 0; i < 3; i++) {
      const bank = await app.userWithRole(Role.BANK);
      banks.push(bank);
      generatedBanks.push(bank.organizationId);
      products.push((await publishedProduct(app, bank)).id);
    }
    const move = async (s: Session, caseId: string, body: Record<string, unknown>) => {
      const res = await app.http.post(`/api/v1/cases/${caseId}/transitions`).set(s.auth).send(body);
      if (res.status !== 200) throw new Error(`${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    /** Moves a case the bank accepted on to approval and, as asked, to disbursement in one or two tranches. */
    const goOn = async (bank: Session, caseId: string, needAmount: string, to: 'accepted' | 'review' | 'approved' | 'disbursed' | 'tranches') => {
      if (to === 'accepted') return;
      await move(bank, caseId, { to: 'IN_CONTACT' });
      await move(bank, caseId, { to: 'UNDER_REVIEW' });
      if (to === 'review') return;
      const approved = r.amount(5000, cents(needAmount));
      await move(bank, caseId, { to: 'APPROVED', approvedAmount: approved, ratePercent: r.pick(['3.10', '3.45', '3.80']), termMonths: r.pick([12, 36, 60]) });
      if (to === 'approved') return;
      const first = r.amount(100, cents(approved));
      await move(bank, caseId, { to: 'DISBURSED', amount: first });
      const left = cents(approved) - cents(first);
      if (to === 'tranches' && left > 0) {
        const res = await app.http.post(`/api/v1/cases/${caseId}/tranches`).set(bank.auth).send({ amount: r.amount(1, left) });
        expect(res.status).toBe(201);
      }
    };

    // Enterprises with needs, each taken up by one bank: applied for, claimed, answered or not, moved on.
    for (let e = 0; e < 4; e++) {
      const g = await greenEnterprise(app);
      for (let k = r.int(1, 2); k > 0; k--) {
        const amount = r.amount(20000, 400000);
        const need = await openNeed(app, g, { amount });
        const b = r.int(0, banks.length - 1);
        const bank = banks[b];
        const path = r.pick(['pending', 'declined', 'accepted', 'review', 'approved', 'disbursed', 'tranches', 'claimed'] as const);
        if (path === 'claimed') {
          const res = await app.http.post('/api/v1/cases/claim').set(bank.auth).send({ needId: need.id });
          expect(res.status).toBe(201);
          await goOn(bank, res.body.id, amount, r.pick(['accepted', 'approved', 'disbursed'] as const));
          continue;
        }
        const res = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: products[b] });
        expect(res.status).toBe(201);
        if (path === 'pending') continue;
        if (path === 'declined') {
          await move(bank, res.body.id, { to: 'DECLINED', reasonCode: 'CAPACITY' });
          continue;
        }
        await move(bank, res.body.id, { to: 'ACCEPTED' });
        await goOn(bank, res.body.id, amount, path);
      }
    }

    // A 对接会 with letters of intent: two enterprises, two banks, a meeting each, an intent each; one moves on.
    const event = await matchmakingEvent(app, bureau, { startsIn: HOUR });
    const pairs = [];
    for (const bank of banks.slice(0, 2)) {
      const g = await greenEnterprise(app);
      const amount = r.amount(20000, 300000);
      const need = await openNeed(app, g, { amount });
      const ent = await registered(app, g.enterprise, event.id, { needIds: [need.id] });
      const bk = await registered(app, bank, event.id, { desks: 1 });
      pairs.push({ g, need, amount, bank, codes: [ent.checkInCode, bk.checkInCode] });
    }
    const [slot] = await defineSlots(app, bureau, event.id, [{ startsAt: new Date(Date.now() + HOUR), endsAt: new Date(Date.now() + HOUR + 20 * 60_000) }]);
    for (const p of pairs) {
      const meeting = await walkIn(app, bureau, event.id, { enterprise: p.g.enterprise, bank: p.bank, slotId: slot, needId: p.need.id });
      for (const code of p.codes) expect((await app.http.post(`/api/v1/events/${event.id}/check-in`).set(bureau.auth).send({ code })).status).toBe(200);
      const intent = await app.http
        .post(`/api/v1/events/${event.id}/meetings/${meeting.id}/outcome`)
        .set(p.bank.auth)
        .send({ held: true, result: 'INTENT', amount: r.amount(10000, cents(p.amount)) });
      expect(intent.status).toBe(200);
      Object.assign(p, { caseId: intent.body.caseId as string });
    }
    const first = pairs[0] as (typeof pairs)[number] & { caseId: string };
    await goOn(first.bank, first.caseId, first.amount, 'tranches');

    const [{ n }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM matchmaking_cases WHERE bank_org_id = ANY($1::uuid[])`, [generatedBanks]);
    expect(n).toBeGreaterThanOrEqual(6);
    await checkFigures();
    await checkTimes();
  });
});
