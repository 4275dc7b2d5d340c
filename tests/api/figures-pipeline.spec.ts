import { Role } from '@zj/shared';
import type { IndicatorView, MatchmakingStatistics } from '@zj/shared';
import { defineSlots, matchmakingEvent, registered, walkIn } from '../support/event-factories';
import { greenEnterprise, GreenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const HOUR = 3600_000;
/** A date in Zhanjiang, `days` from today. */
const zjDay = (days = 0) => new Date(Date.now() + 8 * HOUR + days * 24 * HOUR).toISOString().slice(0, 10);

/**
 * Issue 14, figures of the matchmaking pipeline: a tranche's date follows one rule on every path;
 * financing disbursed has one definition for the pipeline's statistics and the plan's indicator, both
 * saying as of which date; a response time runs from the event that starts the clock to the one that
 * stops it; a bank's statistics say they are its own.
 */
describe('figures: the matchmaking pipeline', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app?.close());

  const move = (s: Session, caseId: string, body: Record<string, unknown>) => app.http.post(`/api/v1/cases/${caseId}/transitions`).set(s.auth).send(body);
  const moved = async (s: Session, caseId: string, body: Record<string, unknown>) => {
    const res = await move(s, caseId, body);
    if (res.status !== 200) throw new Error(`move ${JSON.stringify(body)} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const statistics = async (s: Session = bureau): Promise<MatchmakingStatistics & { asOf?: string; scope?: { kind: string; name: string } }> => {
    const res = await app.http.get('/api/v1/cases/statistics').set(s.auth);
    expect(res.status).toBe(200);
    return res.body;
  };
  const indicator = async (code: string): Promise<IndicatorView> => {
    const res = await app.http.get('/api/v1/plan/dashboard').set(bureau.auth);
    expect(res.status).toBe(200);
    return (res.body.indicators as IndicatorView[]).find((i) => i.code === code)!;
  };

  /** An enterprise's application for the bank's product, accepted (answered) by the bank. */
  const applied = async (bank: Session, o: { g?: GreenEnterprise; amount?: string } = {}) => {
    const g = o.g ?? (await greenEnterprise(app));
    const need = await openNeed(app, g, { amount: o.amount ?? '600.00' });
    const product = await publishedProduct(app, bank);
    const res = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id });
    expect(res.status).toBe(201);
    return { g, need, caseId: res.body.id as string };
  };
  /** A case of the bank approved today for `approved` 万元. */
  const approvedCase = async (bank: Session, approved = '500.00') => {
    const c = await applied(bank, { amount: '1000.00' });
    await moved(bank, c.caseId, { to: 'ACCEPTED' });
    await moved(bank, c.caseId, { to: 'IN_CONTACT' });
    await moved(bank, c.caseId, { to: 'UNDER_REVIEW' });
    await moved(bank, c.caseId, { to: 'APPROVED', approvedAmount: approved, ratePercent: '3.30', termMonths: 36 });
    return c;
  };

  it('a tranche’s date is a date, never in the future, never before the credit approval — on the first disbursement and on later tranches', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const { caseId } = await approvedCase(bank);
    const today = zjDay();

    const future = await move(bank, caseId, { to: 'DISBURSED', amount: '100.00', disbursedOn: zjDay(1) });
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('CASE_TRANCHE_DATE_INVALID');
    expect(future.body.error.details).toEqual([{ field: 'disbursedOn', messages: [`放款日期不能晚于今天（${today}）`] }]);
    // Approved today: yesterday is before the approval.
    const early = await move(bank, caseId, { to: 'DISBURSED', amount: '100.00', disbursedOn: zjDay(-1) });
    expect(early.status).toBe(400);
    expect(early.body.error.details).toEqual([{ field: 'disbursedOn', messages: [`放款日期不能早于授信日期（${today}）`] }]);
    for (const text of ['明天', '2026-02-30', '2026-3-5']) expect((await move(bank, caseId, { to: 'DISBURSED', amount: '100.00', disbursedOn: text })).status).toBe(400);

    const first = await moved(bank, caseId, { to: 'DISBURSED', amount: '100.00', disbursedOn: today });
    expect(first).toMatchObject({ state: 'DISBURSED', disbursedTotal: '100.00' });
    const later = await app.http.post(`/api/v1/cases/${caseId}/tranches`).set(bank.auth).send({ amount: '50.00', disbursedOn: zjDay(30) });
    expect(later.status).toBe(400);
    expect(later.body.error.code).toBe('CASE_TRANCHE_DATE_INVALID');
    // Without a date: today.
    const undated = await app.http.post(`/api/v1/cases/${caseId}/tranches`).set(bank.auth).send({ amount: '50.00' });
    expect(undated.status).toBe(201);
    expect(undated.body.tranches.map((t: { disbursedOn: string; amount: string }) => [t.disbursedOn, t.amount])).toEqual([
      [today, '100.00'],
      [today, '50.00'],
    ]);
    expect(undated.body.disbursedTotal).toBe('150.00');
  });

  it('financing disbursed has one definition: the pipeline’s statistics and the plan dashboard say the same amount, as of the same date', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const { caseId } = await approvedCase(bank, '900.00');
    await moved(bank, caseId, { to: 'DISBURSED', amount: '600.00' });
    // A tranche dated in the future, as the platform accepted them before the rule (still in the rows):
    // it has not happened, so no figure counts it.
    await app.dataSource.query(`INSERT INTO case_tranches (case_id, amount, disbursed_on, note) VALUES ($1, '300.00', $2, '旧数据')`, [caseId, zjDay(20)]);
    await app.dataSource.query(`UPDATE matchmaking_cases SET disbursed_total = disbursed_total + 300 WHERE id = $1`, [caseId]);

    const stats = await statistics();
    const financing = await indicator('financing-disbursed');
    const [rows] = await app.dataSource.query(
      `SELECT coalesce(sum(amount), 0)::numeric(14,2)::text AS total FROM case_tranches WHERE disbursed_on <= (now() AT TIME ZONE 'Asia/Shanghai')::date`,
    );
    expect(stats.totals.disbursedAmount).toBe(rows.total);
    expect(financing.current.value).toBe(rows.total);
    expect(stats.asOf).toBe(zjDay());
    expect(financing.current.asOf).toBe(stats.asOf);
    expect(stats.byBank.find((b) => b.bankOrgId === bank.organizationId)).toMatchObject({ approvedAmount: '900.00', disbursedAmount: '600.00' });
    expect(stats.overTime.some((m) => m.month > zjDay().slice(0, 7))).toBe(false);
    // The bank reads the same definition of its own.
    expect((await statistics(bank)).totals.disbursedAmount).toBe('600.00');
  });

  it('a response time runs from the case’s opening to the bank’s answer; a case the bank took up itself (an intent signed at a 对接会) has none; never negative', async () => {
    const bank = await app.userWithRole(Role.BANK);
    // Answered 48 hours after it opened.
    const a = await applied(bank);
    await moved(bank, a.caseId, { to: 'ACCEPTED' });
    // Declined 8 hours after it opened.
    const d = await applied(bank);
    await moved(bank, d.caseId, { to: 'DECLINED', reasonCode: 'CAPACITY' });
    const backdate = async (caseId: string, openedHoursAgo: number, answeredHoursAgo: number) => {
      await app.dataSource.query(`UPDATE case_events SET at = now() - make_interval(hours => $2) WHERE case_id = $1 AND from_state IS NULL`, [caseId, openedHoursAgo]);
      await app.dataSource.query(`UPDATE case_events SET at = now() - make_interval(hours => $2) WHERE case_id = $1 AND from_state = 'PENDING'`, [caseId, answeredHoursAgo]);
      await app.dataSource.query(`UPDATE matchmaking_cases SET created_at = now() - make_interval(hours => $2), answered_at = now() - make_interval(hours => $3) WHERE id = $1`, [
        caseId,
        openedHoursAgo,
        answeredHoursAgo,
      ]);
    };
    await backdate(a.caseId, 50, 2);
    await backdate(d.caseId, 20, 12);

    // A letter of intent signed at a 对接会 opens an accepted case: no clock ran.
    const e = await matchmakingEvent(app, bureau, { startsIn: HOUR });
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '800.00' });
    const ent = await registered(app, g.enterprise, e.id, { needIds: [need.id] });
    const bk = await registered(app, bank, e.id, { desks: 1 });
    const [slot] = await defineSlots(app, bureau, e.id, [{ startsAt: new Date(Date.now() + HOUR), endsAt: new Date(Date.now() + HOUR + 20 * 60_000) }]);
    const meeting = await walkIn(app, bureau, e.id, { enterprise: g.enterprise, bank, slotId: slot, needId: need.id });
    for (const code of [ent.checkInCode, bk.checkInCode]) expect((await app.http.post(`/api/v1/events/${e.id}/check-in`).set(bureau.auth).send({ code })).status).toBe(200);
    const intent = await app.http.post(`/api/v1/events/${e.id}/meetings/${meeting.id}/outcome`).set(bank.auth).send({ held: true, result: 'INTENT', amount: '500.00' });
    expect(intent.status).toBe(200);

    const stats = await statistics();
    const mine = stats.byBank.find((b) => b.bankOrgId === bank.organizationId)!;
    expect(mine).toMatchObject({ cases: 3, answered: 3 });
    // The median of 48 h and 8 h: the intent's case is not a response.
    expect(mine.medianResponseHours).toBe(28);
    for (const b of stats.byBank) if (b.medianResponseHours !== null) expect(b.medianResponseHours).toBeGreaterThanOrEqual(0);
  });

  it('a bank’s statistics say they are its own; the bureau’s are the city’s', async () => {
    const bank = await app.userWithRole(Role.BANK);
    const [org] = await app.dataSource.query(`SELECT name FROM organizations WHERE id = $1`, [bank.organizationId]);
    expect((await statistics(bank)).scope).toEqual({ kind: 'BANK', name: org.name });
    expect((await statistics(bureau)).scope).toEqual({ kind: 'CITY', name: '全市' });
    const regulator = await app.userWithRole(Role.REGULATOR);
    expect((await statistics(regulator)).scope).toEqual({ kind: 'CITY', name: '全市' });
  });
});
