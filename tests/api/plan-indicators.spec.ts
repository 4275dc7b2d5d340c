import { InstitutionKind, OrgType, Role } from '@zj/shared';
import { orgFactory } from '../support/factories';
import { bankUser, createPeriod, itemsFor, taskByNumber, unitUser } from '../support/plan-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

interface Indicator {
  id: string;
  code: string;
  current: { value: string | null; asOf: string | null; breakdown?: Record<string, string> | null };
  targets: { deadline: string; value: string; comparison: string; valueAtDeadline: string | null; status: string }[];
  series: { asOf: string; value: string }[];
}

const n = (v: string | null | undefined) => Number(v ?? 0);

describe('plan: indicators computed from events, bank reports and profiles, the library and the pipeline', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app.close());

  const indicator = async (code: string): Promise<Indicator> => {
    const res = await app.http.get('/api/v1/plan/indicators').set(bureau.auth);
    expect(res.status).toBe(200);
    return res.body.find((i: Indicator) => i.code === code);
  };
  const target = (i: Indicator, deadline: string) => i.targets.find((t) => t.deadline === deadline)!;

  it('counts events held by type: a held event counts, a planned or cancelled one does not', async () => {
    const before = await indicator('events-held');
    const yesterday = new Date(Date.now() - 24 * 3600_000).toISOString();
    // Published events (a draft cannot be marked held).
    const create = async (type: string, startsAt = yesterday) => {
      const draft = await app.http.post('/api/v1/events').set(bureau.auth).send({ type, title: `绿色金融产品推介会（测试）`, startsAt, venue: '湛江市民大厦' });
      expect(draft.status).toBe(201);
      return app.http.post(`/api/v1/events/${draft.body.id}/publish`).set(bureau.auth).send({ version: draft.body.version });
    };
    const showcase = await create('SHOWCASE');
    expect(showcase.status).toBe(200);
    const cancelled = await create('AWARENESS');
    expect((await indicator('events-held')).current.value).toBe(before.current.value);

    const held = await app.http.post(`/api/v1/events/${showcase.body.id}/status`).set(bureau.auth).send({ version: showcase.body.version, status: 'HELD', attendanceCount: 60, note: '到场银行8家、企业30家' });
    expect(held.status).toBe(201);
    expect(held.body.status).toBe('HELD');
    await app.http.post(`/api/v1/events/${cancelled.body.id}/status`).set(bureau.auth).send({ version: cancelled.body.version, status: 'CANCELLED', note: '台风' });
    const after = await indicator('events-held');
    expect(n(after.current.value)).toBe(n(before.current.value) + 1);
    expect(n(after.current.breakdown!.SHOWCASE)).toBe(n(before.current.breakdown!.SHOWCASE) + 1);
    expect(after.current.breakdown!.AWARENESS).toBe(before.current.breakdown!.AWARENESS);

    // Held is final, only after the start, and only the bureau runs events.
    expect((await app.http.post(`/api/v1/events/${showcase.body.id}/status`).set(bureau.auth).send({ version: held.body.version, status: 'CANCELLED' })).status).toBe(409);
    const future = await create('MATCHMAKING', new Date(Date.now() + 7 * 24 * 3600_000).toISOString());
    const early = await app.http.post(`/api/v1/events/${future.body.id}/status`).set(bureau.auth).send({ version: future.body.version, status: 'HELD', attendanceCount: 60, note: '到场银行8家、企业30家' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('EVENT_NOT_YET_STARTED');
    const dept = await app.userWithRole(Role.DEPARTMENT);
    expect((await app.http.post('/api/v1/events').set(dept.auth).send({ type: 'SHOWCASE', title: '部门活动', startsAt: yesterday, venue: '某地' })).status).toBe(403);
    expect((await app.http.get('/api/v1/events').query({ status: 'HELD' }).set(dept.auth)).body.items.map((e: { id: string }) => e.id)).toContain(showcase.body.id);
  });

  it('meets the 2023 target of 3 events only with 3 events held in 2023', async () => {
    const before = target(await indicator('events-held'), '2023-12-31');
    const held = [];
    // Recorded afterwards: created, published, then marked held.
    const publishedEvent = async (body: object) => {
      const e = await app.http.post('/api/v1/events').set(bureau.auth).send(body);
      return app.http.post(`/api/v1/events/${e.body.id}/publish`).set(bureau.auth).send({ version: e.body.version });
    };
    for (const [i, type] of ['AWARENESS', 'SHOWCASE', 'MATCHMAKING'].entries()) {
      const e = await publishedEvent({ type, title: `2023年活动${i + 1}（测试）`, startsAt: `2023-0${i + 4}-15T09:00:00+08:00`, venue: '湛江' });
      held.push(await app.http.post(`/api/v1/events/${e.body.id}/status`).set(bureau.auth).send({ version: e.body.version, status: 'HELD', attendanceCount: 50, note: '补录2023年举办的活动（测试）' }));
    }
    // An event of 2024 does not count for 2023.
    const e24 = await publishedEvent({ type: 'SHOWCASE', title: '2024年活动（测试）', startsAt: '2024-01-01T09:00:00+08:00', venue: '湛江' });
    await app.http.post(`/api/v1/events/${e24.body.id}/status`).set(bureau.auth).send({ version: e24.body.version, status: 'HELD', attendanceCount: 50, note: '补录2024年举办的活动（测试）' });
    expect(held.every((h) => h.status === 201)).toBe(true);
    const after = target(await indicator('events-held'), '2023-12-31');
    expect(n(after.valueAtDeadline)).toBe(n(before.valueAtDeadline) + 3);
    expect(after.status).toBe('MET');
  });

  it('computes the city’s green loan ratio as Σ green ÷ Σ total over several banks and months, with history and trend', async () => {
    const a = await bankUser(app);
    const b = await bankUser(app);
    const report = (s: Session, month: string, green: string, total: string, version?: number) =>
      app.http.put(`/api/v1/bank-loan-reports/${month}`).set(s.auth).send({ greenLoanBalance: green, totalLoanBalance: total, ...(version ? { version } : {}) });
    // Months of 2019 belong to this test only.
    expect((await report(a, '2019-01', '800.00', '10000.00')).status).toBe(200);
    expect((await report(b, '2019-01', '9000.00', '90000.00')).status).toBe(200);
    const a2 = await report(a, '2019-02', '1500.00', '10000.00');
    expect((await report(b, '2019-02', '9500.00', '90000.00')).status).toBe(200);

    const ratio = await app.http.get('/api/v1/green-loan-ratio').query({ from: '2019-01', to: '2019-02' }).set(bureau.auth);
    expect(ratio.status).toBe(200);
    // (800 + 9000) / 100000 = 9.80%; (1500 + 9500) / 100000 = 11.00% — not the mean of the banks' ratios (8% and 10%; 15% and 10.56%).
    expect(ratio.body.series).toEqual([
      { month: '2019-01', green: '9800.00', total: '100000.00', ratio: '9.80', banks: 2 },
      { month: '2019-02', green: '11000.00', total: '100000.00', ratio: '11.00', banks: 2 },
    ]);
    expect(ratio.body.trend).toBe('+1.20');
    expect(ratio.body.targets.map((t: { value: string }) => t.value)).toEqual(['10.00', '15.00']);

    // A correction needs the version read; a stale one loses.
    const corrected = await report(a, '2019-02', '1400.00', '10000.00', a2.body.version);
    expect(corrected.status).toBe(200);
    const stale = await report(a, '2019-02', '1300.00', '10000.00', a2.body.version);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('BANK_REPORT_VERSION_CONFLICT');
    expect((await report(a, '2019-03', '1400.00', '10000.00', undefined)).status).toBe(200);
    const again = await app.http.get('/api/v1/green-loan-ratio').query({ from: '2019-02', to: '2019-02' }).set(bureau.auth);
    expect(again.body.series[0].ratio).toBe('10.90');

    // Amounts are validated: decimals as strings, green within total, no future month, banks only.
    expect((await report(a, '2019-04', '20000.00', '10000.00')).body.error.code).toBe('BANK_REPORT_GREEN_EXCEEDS_TOTAL');
    expect((await app.http.put('/api/v1/bank-loan-reports/2019-04').set(a.auth).send({ greenLoanBalance: 100.5, totalLoanBalance: '1000.00' })).status).toBe(400);
    expect((await report(a, '2099-01', '1.00', '10.00')).body.error.code).toBe('BANK_REPORT_MONTH_INVALID');
    const insurer = await bankUser(app, InstitutionKind.INSURER);
    expect((await report(insurer, '2019-01', '1.00', '10.00')).status).toBe(403);

    // Regulators read the ratio and the banks' reports; banks see only their own.
    const pbc = await app.userWithRole(Role.REGULATOR, { organizationId: (await app.dataSource.query(`SELECT id FROM organizations WHERE unit_code = 'pbc-zhanjiang'`))[0].id });
    expect((await app.http.get('/api/v1/green-loan-ratio').set(pbc.auth)).status).toBe(200);
    const list = await app.http.get('/api/v1/bank-loan-reports').query({ month: '2019-01' }).set(pbc.auth);
    expect(list.body.items.filter((r: { bankOrgId: string }) => [a.organizationId, b.organizationId].includes(r.bankOrgId))).toHaveLength(2);
    expect((await app.http.get('/api/v1/bank-loan-reports').set(a.auth)).status).toBe(403);
    const mine = await app.http.get('/api/v1/bank-loan-reports/mine').set(b.auth);
    expect(mine.body.items.map((r: { month: string }) => r.month)).toEqual(['2019-02', '2019-01']);
    const coverage = await app.http.get('/api/v1/bank-loan-reports/coverage').query({ month: '2019-03' }).set(bureau.auth);
    expect(coverage.body.reported.map((x: { id: string }) => x.id)).toContain(a.organizationId);
    expect(coverage.body.missing.map((x: { id: string }) => x.id)).toContain(b.organizationId);
  });

  it('reads the green loan ratio at the end of 2023 against the 10% target', async () => {
    const a = await bankUser(app);
    await app.http.put('/api/v1/bank-loan-reports/2023-12').set(a.auth).send({ greenLoanBalance: '5000000.00', totalLoanBalance: '10000000.00' });
    const i = await indicator('green-loan-ratio');
    const t = target(i, '2023-12-31');
    // Every bank's December 2023 report is in the sum; this bank alone is 50%, which lifts it.
    const [sum] = await app.dataSource.query(
      `SELECT round(sum(green_loan_balance) * 100 / sum(total_loan_balance), 2)::text AS ratio FROM bank_loan_reports WHERE month = '2023-12-01'`,
    );
    expect(t.valueAtDeadline).toBe(sum.ratio);
    expect(t.status).toBe(Number(sum.ratio) >= 10 ? 'MET' : 'MISSED');
    expect(i.series.map((p) => p.asOf)).toEqual(expect.arrayContaining(['2019-01', '2019-02', '2023-12']));
  });

  it('counts banks with a green finance team and the rural commercial banks that disclose, from the banks’ own profiles', async () => {
    const teamBefore = await indicator('banks-green-team');
    const ruralBefore = await indicator('rural-banks-disclosure');
    const bank = await bankUser(app);
    const teamLate = await bankUser(app);
    const rural = await bankUser(app);

    const put = (s: Session, body: object) => app.http.put('/api/v1/bank-profiles/me').set(s.auth).send(body);
    const noDate = await put(bank, { hasGreenFinanceTeam: true, isLocalRuralCommercialBank: false, disclosesEnvironmentalInfo: false });
    expect(noDate.body.error.code).toBe('BANK_PROFILE_TEAM_SINCE_REQUIRED');
    const p1 = await put(bank, { hasGreenFinanceTeam: true, greenTeamSince: '2023-06-01', isLocalRuralCommercialBank: false, disclosesEnvironmentalInfo: false });
    expect(p1.status).toBe(200);
    await put(teamLate, { hasGreenFinanceTeam: true, greenTeamSince: '2024-03-01', isLocalRuralCommercialBank: false, disclosesEnvironmentalInfo: false });
    const r1 = await put(rural, { hasGreenFinanceTeam: false, isLocalRuralCommercialBank: true, disclosesEnvironmentalInfo: false });

    const team = await indicator('banks-green-team');
    expect(n(team.current.value)).toBe(n(teamBefore.current.value) + 2);
    // The team formed in 2024 does not count for the 2023 target.
    expect(n(target(team, '2023-12-31').valueAtDeadline)).toBe(n(target(teamBefore, '2023-12-31').valueAtDeadline) + 1);

    const ruralMid = await indicator('rural-banks-disclosure');
    expect(n(ruralMid.current.breakdown!.total)).toBe(n(ruralBefore.current.breakdown?.total) + 1);
    expect(ruralMid.current.breakdown!.disclosed).toBe(ruralBefore.current.breakdown?.disclosed ?? '0');
    expect(ruralMid.targets[0].status).not.toBe('MET');

    const stale = await put(rural, { version: r1.body.version + 5, hasGreenFinanceTeam: false, isLocalRuralCommercialBank: true, disclosesEnvironmentalInfo: true, disclosureYear: 2023 });
    expect(stale.status).toBe(409);
    const disclosed = await put(rural, { version: r1.body.version, hasGreenFinanceTeam: false, isLocalRuralCommercialBank: true, disclosesEnvironmentalInfo: true, disclosureYear: 2023, disclosureUrl: 'https://example.com/esg-2023.pdf' });
    expect(disclosed.status).toBe(200);
    const ruralAfter = await indicator('rural-banks-disclosure');
    expect(n(ruralAfter.current.breakdown!.disclosed)).toBe(n(ruralMid.current.breakdown!.disclosed) + 1);
    const { disclosed: d, total } = ruralAfter.current.breakdown!;
    expect(ruralAfter.current.value).toBe(((Number(d) * 100) / Number(total)).toFixed(2));

    // The bureau and regulators read every institution's profile; banks edit only their own.
    const profiles = await app.http.get('/api/v1/bank-profiles').set(bureau.auth);
    expect(profiles.body.items.find((p: { organizationId: string }) => p.organizationId === rural.organizationId)).toMatchObject({ isLocalRuralCommercialBank: true, disclosesEnvironmentalInfo: true, disclosureYear: 2023 });
    expect((await app.http.get('/api/v1/bank-profiles').set(bank.auth)).status).toBe(403);
    expect((await app.http.get('/api/v1/bank-profiles/me').set(rural.auth)).body.disclosureUrl).toBe('https://example.com/esg-2023.pdf');
  });

  it('counts the library and the financing disbursed through the pipeline when those facts change', async () => {
    const projectsBefore = await indicator('library-projects');
    const disbursedBefore = await indicator('financing-disbursed');
    expect(projectsBefore.current.value).not.toBeNull();
    expect(disbursedBefore.current.value).not.toBeNull();

    // Facts written as the library and pipeline write them (their own tests cover how they get there).
    const ent = await app.http.post('/api/v1/organizations').set(bureau.auth).send(orgFactory(OrgType.ENTERPRISE, { divisionCode: '440882' }));
    const bank = await bankUser(app);
    const [project] = await app.dataSource.query(
      `INSERT INTO projects (enterprise_org_id, name, division_code, stage, total_investment, primary_category_version, primary_category_code, source, submitted_by_org_id, status, listed_at)
       VALUES ($1, '雷州红树林修复（指标测试）', '440882', 'UNDER_CONSTRUCTION', '2000.00', 'GIC-2019', '4.1.1', 'SELF_REGISTERED', $1, 'LISTED', now()) RETURNING id`,
      [ent.body.id],
    );
    const projectsAfter = await indicator('library-projects');
    expect(n(projectsAfter.current.value)).toBe(n(projectsBefore.current.value) + 1);
    const enterprises = await indicator('library-enterprises');
    expect(n(enterprises.current.value)).toBeGreaterThanOrEqual(1);

    const [need] = await app.dataSource.query(
      `INSERT INTO financing_needs (enterprise_org_id, project_id, amount, term_months, instrument, purpose, sharing, status, created_by_org_id)
       VALUES ($1, $2, '1000.00', 60, 'LOAN', '红树林修复', 'ALL_BANKS', 'IN_MATCHMAKING', $1) RETURNING id`,
      [ent.body.id, project.id],
    );
    const [kase] = await app.dataSource.query(
      `INSERT INTO matchmaking_cases (need_id, bank_org_id, enterprise_org_id, origin, state, approved_amount, disbursed_total)
       VALUES ($1, $2, $3, 'CLAIM', 'DISBURSED', '800.00', '300.00') RETURNING id`,
      [need.id, bank.organizationId, ent.body.id],
    );
    await app.dataSource.query(`INSERT INTO case_tranches (case_id, amount, disbursed_on) VALUES ($1, '300.00', current_date)`, [kase.id]);
    const disbursedAfter = await indicator('financing-disbursed');
    expect(Number(disbursedAfter.current.value) * 100).toBe(Number(disbursedBefore.current.value) * 100 + 30000);
    expect(disbursedAfter.current.value).toMatch(/^\d+\.\d{2}$/);
  });

  it('lets the bureau attach an indicator with targets to a task and record its values with evidence', async () => {
    const tasks = (await app.http.get('/api/v1/plan/tasks').set(bureau.auth)).body;
    const t16 = tasks.find((t: { number: number }) => t.number === 16);
    const code = `green-bonds-${Date.now().toString(36)}`;
    const created = await app.http
      .post('/api/v1/plan/indicators')
      .set(bureau.auth)
      .send({ taskId: t16.id, code, name: '绿色债券发行规模', unit: '万元', source: 'REPORTED', targets: [{ comparison: 'AT_LEAST', value: '50000.00', deadline: '2030-12-31' }] });
    expect(created.status).toBe(201);
    expect((await app.http.post('/api/v1/plan/indicators').set(bureau.auth).send({ taskId: t16.id, code, name: '重复', unit: '万元', source: 'REPORTED', targets: [] })).status).toBe(409);
    const bad = await app.http.post('/api/v1/plan/indicators').set(bureau.auth).send({ taskId: t16.id, code: `${code}-x`, name: '无计算方式', unit: '次', source: 'COMPUTED', targets: [] });
    expect(bad.body.error.code).toBe('PLAN_INDICATOR_COMPUTATION_INVALID');

    const v = await app.http.post(`/api/v1/plan/indicators/${created.body.id}/values`).set(bureau.auth).send({ value: '60000.00', asOf: '2026-06-30', evidence: '发展改革局统计（测试）' });
    expect(v.status).toBe(201);
    const detail = await app.http.get(`/api/v1/plan/indicators/${created.body.id}`).set(bureau.auth);
    expect(detail.body.current).toMatchObject({ value: '60000.00', asOf: '2026-06-30', evidence: '发展改革局统计（测试）' });
    // Reached already, but the deadline (2030) is ahead: in progress, shown with the latest value (issue 14).
    expect(detail.body.targets[0]).toMatchObject({ status: 'PENDING', basis: 'LATEST', valueAtDeadline: '60000.00', valueAsOf: '2026-06-30' });
    const edit = await app.http.patch(`/api/v1/plan/indicators/${created.body.id}`).set(bureau.auth).send({ version: created.body.version, targets: [{ comparison: 'AT_LEAST', value: '80000.00', deadline: '2030-12-31' }] });
    expect(edit.status).toBe(200);
    expect(edit.body.targets[0].status).toBe('PENDING');
    const computed = (await indicator('events-held')).id;
    expect((await app.http.post(`/api/v1/plan/indicators/${computed}/values`).set(bureau.auth).send({ value: 5, asOf: '2023-12-31', evidence: '手工' })).status).toBe(400);
    expect((await app.http.post(`/api/v1/plan/indicators/${computed}/values`).set(bureau.auth).send({ value: '5.00', asOf: '2023-12-31', evidence: '手工' })).body.error.code).toBe('PLAN_INDICATOR_NOT_REPORTED');
  });

  it('answers an indicator’s description for editing, lets the bureau change it, and audits each change', async () => {
    const tasks = (await app.http.get('/api/v1/plan/tasks').set(bureau.auth)).body;
    const t9 = tasks.find((t: { number: number }) => t.number === 9);
    const code = `described-${Date.now().toString(36)}`;
    const created = await app.http
      .post('/api/v1/plan/indicators')
      .set(bureau.auth)
      .send({ taskId: t9.id, code, name: '环境污染强制责任保险覆盖率（说明测试）', unit: '%', source: 'REPORTED', description: '投保企业数 ÷ 高风险企业数', targets: [{ comparison: 'AT_LEAST', value: '30', deadline: '2030-12-31' }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code, description: '投保企业数 ÷ 高风险企业数', version: 1 });
    const listed = (await app.http.get('/api/v1/plan/indicators').set(bureau.auth)).body.find((i: { code: string }) => i.code === code);
    expect(listed.description).toBe('投保企业数 ÷ 高风险企业数');
    const edit = await app.http.patch(`/api/v1/plan/indicators/${created.body.id}`).set(bureau.auth).send({ version: 1, description: '投保企业数 ÷ 生态环境局认定的高风险企业数' });
    expect(edit.status).toBe(200);
    expect(edit.body.description).toBe('投保企业数 ÷ 生态环境局认定的高风险企业数');
    // Only the bureau changes indicators; a regulator reads them.
    const regulator = await app.userWithRole(Role.REGULATOR);
    expect((await app.http.patch(`/api/v1/plan/indicators/${created.body.id}`).set(regulator.auth).send({ version: 2, name: '监管改名' })).status).toBe(403);
    expect((await app.http.get(`/api/v1/plan/indicators/${created.body.id}`).set(regulator.auth)).body.description).toBe('投保企业数 ÷ 生态环境局认定的高风险企业数');
    const audits = await app.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'plan_indicator' AND entity_id = $1 ORDER BY seq`, [created.body.id]);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['plan_indicator.create', 'plan_indicator.update']);
  });

  it('lets the bureau move an indicator to another task and delete one it no longer follows; recorded values and reports keep it', async () => {
    const t16 = await taskByNumber(app, bureau, 16);
    const t5 = await taskByNumber(app, bureau, 5);
    const code = `retired-${Date.now().toString(36)}`;
    const created = await app.http
      .post('/api/v1/plan/indicators')
      .set(bureau.auth)
      .send({ taskId: t16.id, code, name: '绿色保险保额（删除测试）', unit: '万元', source: 'REPORTED', targets: [{ comparison: 'AT_LEAST', value: '1000.00', deadline: '2030-12-31' }] });
    expect(created.status).toBe(201);
    expect((await app.http.post(`/api/v1/plan/indicators/${created.body.id}/values`).set(bureau.auth).send({ value: '800.00', asOf: '2026-06-30', evidence: '保险机构报送（测试）' })).status).toBe(201);

    // Moved to task 5: it is listed there, and the regulator's report form for task 5 asks for it.
    expect((await app.http.patch(`/api/v1/plan/indicators/${created.body.id}`).set(bureau.auth).send({ version: 1, taskId: '00000000-0000-4000-8000-000000000000' })).body.error.code).toBe('PLAN_TASK_NOT_FOUND');
    const moved = await app.http.patch(`/api/v1/plan/indicators/${created.body.id}`).set(bureau.auth).send({ version: 1, taskId: t5.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ taskId: t5.id, taskNumber: 5, version: 2, archivedAt: null });
    expect((await indicator(code)).current.value).toBe('800.00');
    const nfra = await unitUser(app, 'nfra-zhanjiang');
    const period = await createPeriod(app, bureau, new Date(Date.now() + 10 * 24 * 3600_000));
    const form = async () => (await app.http.get(`/api/v1/plan/periods/${period.id}/tasks/${t5.id}/report`).set(nfra.auth)).body.indicators.map((i: { id: string }) => i.id);
    expect(await form()).toContain(created.body.id);
    const report = (body: object) => app.http.put(`/api/v1/plan/periods/${period.id}/tasks/${t5.id}/report`).set(nfra.auth).send(body);
    const draft = await report({ summary: '草稿', items: itemsFor(t5, 'ON_TRACK', '推进中'), indicatorValues: [{ indicatorId: created.body.id, value: '900.00', asOf: '2026-09-30' }] });
    expect(draft.status).toBe(200);

    // Only the bureau deletes, at the version it read.
    expect((await app.http.delete(`/api/v1/plan/indicators/${created.body.id}`).set(nfra.auth).send({ version: 2 })).status).toBe(403);
    const stale = await app.http.delete(`/api/v1/plan/indicators/${created.body.id}`).set(bureau.auth).send({ version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('PLAN_INDICATOR_VERSION_CONFLICT');
    expect((await app.http.delete(`/api/v1/plan/indicators/${created.body.id}`).set(bureau.auth).send({ version: 2 })).status).toBe(200);

    // Gone from the list, the dashboard and the report form; read by id it is marked deleted, with its values.
    expect(await indicator(code)).toBeUndefined();
    const dashboard = (await app.http.get('/api/v1/plan/dashboard').set(bureau.auth)).body;
    expect(dashboard.indicators.map((i: { code: string }) => i.code)).not.toContain(code);
    expect(await form()).not.toContain(created.body.id);
    const detail = (await app.http.get(`/api/v1/plan/indicators/${created.body.id}`).set(bureau.auth)).body;
    expect(detail.archivedAt).toEqual(expect.any(String));
    expect(detail.values.map((v: { value: string }) => v.value)).toEqual(['800.00']);
    // The draft keeps what was reported; it can no longer report against the deleted indicator.
    expect((await app.http.get(`/api/v1/plan/reports/${draft.body.id}`).set(nfra.auth)).body.indicatorValues).toMatchObject([{ indicatorId: created.body.id, value: '900.00' }]);
    const again = await report({ version: draft.body.version, summary: '草稿', items: itemsFor(t5, 'ON_TRACK', '推进中'), indicatorValues: [{ indicatorId: created.body.id, value: '950.00', asOf: '2026-09-30' }] });
    expect(again.body.error.code).toBe('PLAN_REPORT_INDICATOR_INVALID');

    // Nothing more is changed or recorded on it; every step is in the audit log.
    expect((await app.http.patch(`/api/v1/plan/indicators/${created.body.id}`).set(bureau.auth).send({ version: 3, name: '改名' })).body.error.code).toBe('PLAN_INDICATOR_ARCHIVED');
    expect((await app.http.post(`/api/v1/plan/indicators/${created.body.id}/values`).set(bureau.auth).send({ value: '1.00', asOf: '2026-10-31', evidence: '保险机构报送（测试）' })).body.error.code).toBe('PLAN_INDICATOR_ARCHIVED');
    const audits = await app.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'plan_indicator' AND entity_id = $1 ORDER BY seq`, [created.body.id]);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['plan_indicator.create', 'plan_indicator.value', 'plan_indicator.update', 'plan_indicator.archive']);
  });
});
