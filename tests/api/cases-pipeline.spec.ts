import { CalendarDayKind, Role } from '@zj/shared';
import { zhanjiangDate } from '../../apps/api/src/common/time';
import { addWorkingDays } from '../../apps/api/src/work-calendar/working-days';
import { CasesService } from '../../apps/api/src/cases/cases.service';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('cases: the matchmaking pipeline (对接)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const calendar = async () => {
    const rows: { date: string; kind: CalendarDayKind }[] = await app.dataSource.query(`SELECT to_char(date,'YYYY-MM-DD') AS date, kind FROM work_calendar_days`);
    return new Map(rows.map((r) => [r.date, r.kind]));
  };

  it('apply → accept → contact → review → approve → disburse in tranches; timeline, audit, need status and statistics follow', async () => {
    const bureau = await app.admin();
    const before = (await app.http.get('/api/v1/cases/statistics').set(bureau.auth)).body;
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '600.00' });
    const bank = await app.userWithRole(Role.BANK);
    const product = await publishedProduct(app, bank);

    const applied = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id, comment: '希望尽快对接' });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ state: 'PENDING', origin: 'APPLICATION', bankOrgId: bank.organizationId, productId: product.id, overdue: false });
    // Answer within 3 working days, on the official calendar.
    expect(applied.body.dueOn).toBe(addWorkingDays(zhanjiangDate(), 3, await calendar()));
    const caseId = applied.body.id;
    expect((await app.http.get(`/api/v1/financing-needs/${need.id}`).set(g.enterprise.auth)).body.status).toBe('IN_MATCHMAKING');

    // Contact masking: the bank sees masks until it accepts — in the case and in the library's need view.
    const pending = await app.http.get(`/api/v1/cases/${caseId}`).set(bank.auth);
    expect(pending.body.contact).toEqual({ contactName: '***', contactPhone: '***', contactEmail: '***', revealed: false });
    expect((await app.http.get(`/api/v1/financing-needs/${need.id}`).set(bank.auth)).body.contact.contactPhone).toBe('***');
    expect(pending.body.allowedTransitions.sort()).toEqual(['ACCEPTED', 'DECLINED']);

    const t = (s: typeof bank, body: Record<string, unknown>) => app.http.post(`/api/v1/cases/${caseId}/transitions`).set(s.auth).send(body);
    const accepted = await t(bank, { to: 'ACCEPTED', comment: '已受理，客户经理将联系' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.contact).toMatchObject({ contactPhone: '13800138000', contactName: '林经理', revealed: true });
    expect((await app.http.get(`/api/v1/financing-needs/${need.id}`).set(bank.auth)).body.contact.contactPhone).toBe('13800138000');
    expect(accepted.body.dueOn).toBe(addWorkingDays(zhanjiangDate(), 7, await calendar()));
    // Another bank still sees masks, and cannot see the case at all.
    const otherBank = await app.userWithRole(Role.BANK);
    expect((await app.http.get(`/api/v1/financing-needs/${need.id}`).set(otherBank.auth)).body.contact.contactPhone).toBe('***');
    expect((await app.http.get(`/api/v1/cases/${caseId}`).set(otherBank.auth)).status).toBe(404);

    expect((await t(bank, { to: 'IN_CONTACT' })).status).toBe(200);
    expect((await t(bank, { to: 'UNDER_REVIEW' })).status).toBe(200);
    const missing = await t(bank, { to: 'APPROVED' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('CASE_FIELDS_REQUIRED');
    const approved = await t(bank, { to: 'APPROVED', approvedAmount: '500.00', ratePercent: '3.30', termMonths: 36, comment: '授信500万元' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'APPROVED', approvedAmount: '500.00', approvedRatePercent: '3.30', approvedTermMonths: 36 });

    // A tranche is dated between the credit approval and today (issue 14): the approval was today.
    const disbursed = await t(bank, { to: 'DISBURSED', amount: '300.00', disbursedOn: zhanjiangDate() });
    expect(disbursed.status).toBe(200);
    expect(disbursed.body).toMatchObject({ state: 'DISBURSED', disbursedTotal: '300.00' });
    expect((await app.http.get(`/api/v1/financing-needs/${need.id}`).set(g.enterprise.auth)).body.status).toBe('SATISFIED');
    const second = await app.http.post(`/api/v1/cases/${caseId}/tranches`).set(bank.auth).send({ amount: '200.00', disbursedOn: zhanjiangDate() });
    expect(second.status).toBe(201);
    expect(second.body.disbursedTotal).toBe('500.00');
    const over = await app.http.post(`/api/v1/cases/${caseId}/tranches`).set(bank.auth).send({ amount: '0.01' });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('CASE_TRANCHE_EXCEEDS_APPROVAL');

    const detail = await app.http.get(`/api/v1/cases/${caseId}`).set(g.enterprise.auth);
    expect(detail.body.timeline.map((e: { toState: string }) => e.toState)).toEqual(['PENDING', 'ACCEPTED', 'IN_CONTACT', 'UNDER_REVIEW', 'APPROVED', 'DISBURSED', 'DISBURSED']);
    expect(detail.body.timeline[1]).toMatchObject({ party: 'BANK', comment: '已受理，客户经理将联系', actorUserId: bank.user.id });
    expect(detail.body.tranches.map((x: { amount: string }) => x.amount)).toEqual(['300.00', '200.00']);
    const audit = await app.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [caseId]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual([
      'case.create', 'case.accepted', 'case.in_contact', 'case.under_review', 'case.approved', 'case.tranche', 'case.disbursed', 'case.tranche',
    ]);

    // Fund-use checks: a deviation raises a greenwashing warning for the bureau.
    const ok = await app.http.post(`/api/v1/cases/${caseId}/fund-use-checks`).set(bank.auth).send({ checkedOn: '2026-06-30', result: 'AS_AGREED' });
    expect(ok.status).toBe(201);
    const noDetail = await app.http.post(`/api/v1/cases/${caseId}/fund-use-checks`).set(bank.auth).send({ checkedOn: '2026-09-30', result: 'DEVIATION' });
    expect(noDetail.status).toBe(400);
    const dev = await app.http.post(`/api/v1/cases/${caseId}/fund-use-checks`).set(bank.auth).send({ checkedOn: '2026-09-30', result: 'DEVIATION', detail: '部分资金用于偿还非绿色项目贷款' });
    expect(dev.status).toBe(201);
    const warnings = await app.http.get('/api/v1/cases/greenwashing-warnings').set(bureau.auth).query({ status: 'OPEN' });
    const warning = warnings.body.items.find((w: { caseId: string }) => w.caseId === caseId);
    expect(warning).toMatchObject({ detail: '部分资金用于偿还非绿色项目贷款', status: 'OPEN' });
    expect((await app.http.get('/api/v1/cases/greenwashing-warnings').set(otherBank.auth)).body.items.map((w: { caseId: string }) => w.caseId)).not.toContain(caseId);
    expect((await app.http.post(`/api/v1/cases/greenwashing-warnings/${warning.id}/resolve`).set(bureau.auth).send({ note: '已约谈银行，责令整改' })).status).toBe(200);

    // Statistics: the city's totals grew by exactly this case.
    const after = (await app.http.get('/api/v1/cases/statistics').set(bureau.auth)).body;
    expect(Number(after.totals.disbursedAmount) - Number(before.totals.disbursedAmount)).toBeCloseTo(500, 2);
    expect(Number(after.totals.approvedAmount) - Number(before.totals.approvedAmount)).toBeCloseTo(500, 2);
    const mine = after.byBank.find((b: { bankOrgId: string }) => b.bankOrgId === bank.organizationId);
    expect(mine).toMatchObject({ cases: 1, answered: 1, accepted: 1, acceptanceRate: 1, approvedAmount: '500.00', disbursedAmount: '500.00' });
    expect(after.overTime.find((m: { month: string }) => m.month === zhanjiangDate().slice(0, 7))).toBeTruthy();
    // A bank's statistics are its own only.
    const asOther = (await app.http.get('/api/v1/cases/statistics').set(otherBank.auth)).body;
    expect(asOther.byBank.map((b: { bankOrgId: string }) => b.bankOrgId)).not.toContain(bank.organizationId);
    expect((await app.http.get('/api/v1/cases/statistics').set(g.enterprise.auth)).status).toBe(403);
  });

  it('a declined enterprise is referred onward to other banks’ matching products; the need is open again', async () => {
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '600.00' });
    const bankA = await app.userWithRole(Role.BANK);
    const bankB = await app.userWithRole(Role.BANK);
    const pa = await publishedProduct(app, bankA);
    const pb = await publishedProduct(app, bankB);
    const applied = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: pa.id });
    const noReason = await app.http.post(`/api/v1/cases/${applied.body.id}/transitions`).set(bankA.auth).send({ to: 'DECLINED' });
    expect(noReason.status).toBe(400);
    const declined = await app.http.post(`/api/v1/cases/${applied.body.id}/transitions`).set(bankA.auth).send({ to: 'DECLINED', reasonCode: 'CAPACITY', reasonText: '本季度额度已用完' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ state: 'DECLINED', declineReason: 'CAPACITY', reasonText: '本季度额度已用完' });
    expect((await app.http.get(`/api/v1/financing-needs/${need.id}`).set(g.enterprise.auth)).body.status).toBe('OPEN');
    const referrals = await app.http.get(`/api/v1/cases/${applied.body.id}/referrals`).set(g.enterprise.auth);
    expect(referrals.status).toBe(200);
    const ids: string[] = referrals.body.proposals.map((m: { product: { id: string } }) => m.product.id);
    // The next five of the need's ranking, without the bank that declined (other tests' products may
    // share this database and rank alongside bank B's).
    const ranking = await app.http.get(`/api/v1/financing-needs/${need.id}/matches`).query({ limit: 100 }).set(g.enterprise.auth).expect(200);
    const others = ranking.body.matches.filter((m: { product: { bankOrgId: string } }) => m.product.bankOrgId !== bankA.organizationId);
    expect(ranking.body.matches.map((m: { product: { id: string } }) => m.product.id)).toEqual(expect.arrayContaining([pa.id, pb.id]));
    expect(ids).toEqual(others.slice(0, 5).map((m: { product: { id: string } }) => m.product.id));
    expect(ids).not.toContain(pa.id);
    const next = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: pb.id });
    expect(next.status).toBe(201);
  });

  it('the enterprise compares approvals and chooses one: the other banks’ cases close', async () => {
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '600.00' });
    const banks = [await app.userWithRole(Role.BANK), await app.userWithRole(Role.BANK)];
    const caseIds: string[] = [];
    for (const bank of banks) {
      const claimed = await app.http.post('/api/v1/cases/claim').set(bank.auth).send({ needId: need.id });
      expect(claimed.status).toBe(201);
      expect(claimed.body.state).toBe('ACCEPTED');
      caseIds.push(claimed.body.id);
      for (const body of [{ to: 'IN_CONTACT' }, { to: 'UNDER_REVIEW' }, { to: 'APPROVED', approvedAmount: '600.00', ratePercent: '3.20', termMonths: 60 }]) {
        expect((await app.http.post(`/api/v1/cases/${claimed.body.id}/transitions`).set(bank.auth).send(body)).status).toBe(200);
      }
    }
    const list = await app.http.get('/api/v1/cases').set(g.enterprise.auth).query({ needId: need.id, state: 'APPROVED' });
    expect(list.body.total).toBe(2);
    const chosen = await app.http.post(`/api/v1/cases/${caseIds[1]}/choose`).set(g.enterprise.auth);
    expect(chosen.status).toBe(200);
    expect(chosen.body.chosenAt).toEqual(expect.any(String));
    const other = await app.http.get(`/api/v1/cases/${caseIds[0]}`).set(banks[0].auth);
    expect(other.body.state).toBe('CLOSED');
    expect(other.body.timeline.at(-1).comment).toContain('企业已选择');
  });

  it('overdue cases (working days) are flagged, the bureau is alerted, sees them first and reassigns', async () => {
    const bureau = await app.admin();
    const g = await greenEnterprise(app);
    const need = await openNeed(app, g, { amount: '600.00' });
    const slow = await app.userWithRole(Role.BANK);
    const fresh = await app.userWithRole(Role.BANK);
    const pushed = await app.http.post('/api/v1/cases/push').set(bureau.auth).send({ needId: need.id, bankOrgIds: [slow.organizationId], comment: '请贵行重点对接' });
    expect(pushed.status).toBe(201);
    const caseId = pushed.body.created[0];
    // Time passes: the deadline was yesterday.
    await app.dataSource.query(`UPDATE matchmaking_cases SET due_on = $2::date - 1 WHERE id = $1`, [caseId, zhanjiangDate()]);
    const flagged = await app.platform.app.get(CasesService).sweepOverdue();
    expect(flagged).toBeGreaterThanOrEqual(1);
    const [row] = await app.dataSource.query('SELECT overdue_flagged_at FROM matchmaking_cases WHERE id = $1', [caseId]);
    expect(row.overdue_flagged_at).not.toBeNull();
    const notices = await app.dataSource.query(`SELECT payload FROM notification_outbox WHERE type = 'CASE_DEADLINE_BREACHED' AND payload::text LIKE $1`, [`%${caseId}%`]);
    expect(notices).toHaveLength(1);
    expect(notices[0].payload.to.roles).toEqual(['BUREAU']);
    // A second sweep does not alert again.
    await app.platform.app.get(CasesService).sweepOverdue();
    expect(await app.dataSource.query(`SELECT 1 FROM notification_outbox WHERE type = 'CASE_DEADLINE_BREACHED' AND payload::text LIKE $1`, [`%${caseId}%`])).toHaveLength(1);

    const pipeline = await app.http.get('/api/v1/cases').set(bureau.auth).query({ pageSize: 5 });
    expect(pipeline.body.items[0].overdue).toBe(true);
    const overdueOnly = await app.http.get('/api/v1/cases').set(bureau.auth).query({ overdue: 'true', pageSize: 100 });
    expect(overdueOnly.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(overdueOnly.body.items.every((c: { overdue: boolean }) => c.overdue)).toBe(true);

    const bankTry = await app.http.post(`/api/v1/cases/${caseId}/reassign`).set(slow.auth).send({ bankOrgId: fresh.organizationId });
    expect(bankTry.status).toBe(403);
    const reassigned = await app.http.post(`/api/v1/cases/${caseId}/reassign`).set(bureau.auth).send({ bankOrgId: fresh.organizationId, comment: '超时未受理，改派' });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body).toMatchObject({ bankOrgId: fresh.organizationId, state: 'PENDING', origin: 'REASSIGNMENT' });
    const old = await app.http.get(`/api/v1/cases/${caseId}`).set(bureau.auth);
    expect(old.body.state).toBe('CLOSED');
    expect(old.body.timeline.at(-1)).toMatchObject({ party: 'BUREAU', comment: '超时未受理，改派' });
  });

  it('the bureau maintains the working-day calendar; deadlines follow it', async () => {
    const bureau = await app.admin();
    const year = await app.http.get('/api/v1/work-calendar').set(bureau.auth).query({ year: 2026 });
    expect(year.body.filter((d: { name: string; kind: string }) => d.name === '春节' && d.kind === 'HOLIDAY').map((d: { date: string }) => d.date)).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    ]);
    expect(year.body.filter((d: { kind: string }) => d.kind === 'WORKDAY').map((d: { date: string }) => d.date)).toContain('2026-02-28');
    const weekdayWork = await app.http.put('/api/v1/work-calendar/2026-03-04').set(bureau.auth).send({ kind: 'WORKDAY', name: '错误' });
    expect(weekdayWork.status).toBe(400);
    const bank = await app.userWithRole(Role.BANK);
    expect((await app.http.put('/api/v1/work-calendar/2030-03-04').set(bank.auth).send({ kind: 'HOLIDAY', name: '测试' })).status).toBe(403);
    expect((await app.http.put('/api/v1/work-calendar/2030-03-04').set(bureau.auth).send({ kind: 'HOLIDAY', name: '测试假日' })).status).toBe(200);
    expect((await app.http.get('/api/v1/work-calendar').set(bank.auth).query({ year: 2030 })).body).toEqual([{ date: '2030-03-04', kind: 'HOLIDAY', name: '测试假日' }]);
    expect((await app.http.delete('/api/v1/work-calendar/2030-03-04').set(bureau.auth)).status).toBe(204);
  });
});
