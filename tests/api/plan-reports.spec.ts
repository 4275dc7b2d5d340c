import { Role } from '@zj/shared';
import { createPeriod, itemsFor, taskByNumber, unitOrgId, unitUser } from '../support/plan-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600_000;

describe('plan: progress reports (cooperating → lead → bureau), overdue, access', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app.close());

  const put = (s: Session, periodId: string, taskId: string, body: object) => app.http.put(`/api/v1/plan/periods/${periodId}/tasks/${taskId}/report`).set(s.auth).send(body);
  const post = (s: Session, path: string, body: object) => app.http.post(`/api/v1/plan/reports/${path}`).set(s.auth).send(body);

  it('runs the whole workflow: the lead returns a contribution, consolidates it, the bureau returns and then accepts; history is kept', async () => {
    // Task 17: 金融监管分局 leads, 市金融工作局 and 人民银行 cooperate.
    const period = await createPeriod(app, bureau, new Date(Date.now() + 10 * DAY));
    const nfra = await unitUser(app, 'nfra-zhanjiang');
    const pbc = await unitUser(app, 'pbc-zhanjiang');
    const t17 = await taskByNumber(app, nfra, 17);
    // Not started, or on track where the demo data (loaded by another test file into this worker's database) reports it so.
    expect(['NOT_STARTED', 'ON_TRACK']).toContain(t17.status);

    // The cooperating unit reports to the lead.
    const draft = await put(pbc, period.id, t17.id, { summary: '人行配合情况', items: itemsFor(t17, 'ON_TRACK', '督导金融机构开展贷后资金用途检查3次', 40) });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ role: 'cooperating', addressee: 'LEAD', status: 'DRAFT' });
    // A draft stays the unit's own: the lead cannot open it yet.
    expect((await app.http.get(`/api/v1/plan/reports/${draft.body.id}`).set(nfra.auth)).status).toBe(404);
    const sent = await post(pbc, `${draft.body.id}/submit`, { version: draft.body.version });
    expect(sent.status).toBe(201);
    expect(sent.body.status).toBe('SUBMITTED');

    // The bureau does not decide on a cooperating report; the lead does.
    expect((await post(bureau, `${draft.body.id}/accept`, { version: sent.body.version })).status).toBe(403);
    const leadView = await app.http.get(`/api/v1/plan/periods/${period.id}/tasks/${t17.id}/report`).set(nfra.auth);
    expect(leadView.status).toBe(200);
    const contribution = leadView.body.contributions.find((c: { organizationId: string }) => c.organizationId === pbc.organizationId);
    expect(contribution.report).toMatchObject({ status: 'SUBMITTED', summary: '人行配合情况' });
    expect(contribution.report.items[0].narrative).toBe('督导金融机构开展贷后资金用途检查3次');

    const noComment = await post(nfra, `${draft.body.id}/return`, { version: sent.body.version, comment: '' });
    expect(noComment.status).toBe(400);
    const returned = await post(nfra, `${draft.body.id}/return`, { version: sent.body.version, comment: '请补充检查发现的问题' });
    expect(returned.status).toBe(201);
    expect(returned.body).toMatchObject({ status: 'RETURNED', returnComment: '请补充检查发现的问题' });

    // Returned: edited and submitted again.
    const fixed = await put(pbc, period.id, t17.id, { version: returned.body.version, summary: '人行配合情况（补充）', items: itemsFor(t17, 'ON_TRACK', '检查3次，发现1笔资金挪用并督促整改', 60) });
    expect(fixed.status).toBe(200);
    const resent = await post(pbc, `${draft.body.id}/submit`, { version: fixed.body.version });
    expect(resent.body.status).toBe('SUBMITTED');

    // The lead consolidates by submitting its own report.
    const leadDraft = await put(nfra, period.id, t17.id, { summary: '汇总：全市已开展贷后检查', items: itemsFor(t17, 'DONE', '已指导辖内银行全面开展绿色信贷贷后管理检查', 100) });
    expect(leadDraft.body).toMatchObject({ role: 'lead', addressee: 'BUREAU' });
    const leadSent = await post(nfra, `${leadDraft.body.id}/submit`, { version: leadDraft.body.version });
    expect(leadSent.status).toBe(201);
    const consolidated = await app.http.get(`/api/v1/plan/reports/${draft.body.id}`).set(pbc.auth);
    expect(consolidated.body).toMatchObject({ status: 'CONSOLIDATED', consolidatedIntoId: leadDraft.body.id });
    expect((await put(pbc, period.id, t17.id, { version: consolidated.body.version, summary: 'x', items: [] })).status).toBe(409);

    // The bureau returns, the lead resubmits, the bureau accepts.
    expect((await post(nfra, `${leadDraft.body.id}/accept`, { version: leadSent.body.version })).status).toBe(403);
    const back = await post(bureau, `${leadDraft.body.id}/return`, { version: leadSent.body.version, comment: '请附检查通报' });
    expect(back.body.status).toBe('RETURNED');
    const again = await put(nfra, period.id, t17.id, { version: back.body.version, summary: '汇总（附通报）', items: itemsFor(t17, 'DONE', '已开展检查并印发通报', 100) });
    const againSent = await post(nfra, `${leadDraft.body.id}/submit`, { version: again.body.version });
    expect(againSent.body.status).toBe('SUBMITTED');
    const stale = await post(bureau, `${leadDraft.body.id}/accept`, { version: leadSent.body.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('PLAN_REPORT_VERSION_CONFLICT');
    const accepted = await post(bureau, `${leadDraft.body.id}/accept`, { version: againSent.body.version });
    expect(accepted.status).toBe(201);
    expect(accepted.body.status).toBe('ACCEPTED');

    expect(accepted.body.history.map((h: { action: string; toStatus: string }) => `${h.action}:${h.toStatus}`)).toEqual([
      'SAVE:DRAFT',
      'SUBMIT:SUBMITTED',
      'RETURN:RETURNED',
      'SAVE:RETURNED',
      'SUBMIT:SUBMITTED',
      'ACCEPT:ACCEPTED',
    ]);
    const submissions = accepted.body.history.filter((h: { action: string }) => h.action === 'SUBMIT');
    expect(submissions[0].snapshot.summary).toBe('汇总：全市已开展贷后检查');
    expect(submissions[1].snapshot.summary).toBe('汇总（附通报）');
    expect(accepted.body.history.find((h: { action: string }) => h.action === 'RETURN').comment).toBe('请附检查通报');

    // The plan shows the task's new status.
    expect((await taskByNumber(app, nfra, 17)).status).toBe('DONE');
    const dash = await app.http.get('/api/v1/plan/dashboard').query({ year: 2023 }).set(bureau.auth);
    const action6 = dash.body.actions.find((a: { number: number }) => a.number === 6);
    expect(action6.tasks.find((t: { number: number }) => t.number === 17).status).toBe('DONE');
  });

  it('flags overdue reports, reminds through notifications, and ranks units by reports on time', async () => {
    const dueAt = new Date(Date.now() - 3600_000);
    const period = await createPeriod(app, bureau, dueAt);
    // Reminders at the due time for every reporting unit (the early one has passed already).
    const reminders = await app.dataSource.query(`SELECT key, type, status FROM notification_reminders WHERE key LIKE $1`, [`plan.period.${period.id}.%`]);
    const [{ n: reporters }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM plan_task_reporters`);
    expect(reminders.filter((r: { type: string }) => r.type === 'PLAN_REPORT_OVERDUE')).toHaveLength(reporters);
    expect(reminders.filter((r: { type: string }) => r.type === 'PLAN_REPORT_DUE')).toHaveLength(0);

    const overview = await app.http.get(`/api/v1/plan/periods/${period.id}/overview`).set(bureau.auth);
    expect(overview.status).toBe(200);
    expect(overview.body.items).toHaveLength(reporters);
    expect(overview.body.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    const nfraId = await unitOrgId(app, 'nfra-zhanjiang');
    expect(overview.body.behind.find((b: { organizationId: string }) => b.organizationId === nfraId).tasks).toEqual(expect.arrayContaining([4, 5, 17]));

    const before = (await app.http.get('/api/v1/plan/units/ranking').set(bureau.auth)).body.items.find((r: { organizationId: string }) => r.organizationId === nfraId);

    // 金融监管分局 reports late on task 5 (it leads it).
    const nfra = await unitUser(app, 'nfra-zhanjiang');
    const mine = await app.http.get(`/api/v1/plan/periods/${period.id}/mine`).set(nfra.auth);
    const t5row = mine.body.items.find((i: { taskNumber: number }) => i.taskNumber === 5);
    expect(t5row).toMatchObject({ role: 'lead', addressee: 'BUREAU', status: null, overdue: true });
    const t5 = await taskByNumber(app, nfra, 5);
    const saved = await put(nfra, period.id, t5.id, { summary: '迟报', items: itemsFor(t5, 'AT_RISK', '环境污染强制责任险推广进度偏慢', 20) });
    const incomplete = await put(nfra, period.id, t5.id, { version: saved.body.version, summary: '迟报', items: itemsFor(t5, 'AT_RISK', '只报一项', 20).slice(0, 1) });
    const refused = await post(nfra, `${saved.body.id}/submit`, { version: incomplete.body.version });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('PLAN_REPORT_INCOMPLETE');
    const full = await put(nfra, period.id, t5.id, { version: incomplete.body.version, summary: '迟报', items: itemsFor(t5, 'AT_RISK', '环境污染强制责任险推广进度偏慢', 20) });
    const late = await post(nfra, `${saved.body.id}/submit`, { version: full.body.version });
    expect(late.body).toMatchObject({ status: 'SUBMITTED', overdue: false, onTime: false });

    const after = await app.http.get(`/api/v1/plan/periods/${period.id}/overview`).set(bureau.auth);
    const row = after.body.items.find((i: { organizationId: string; taskNumber: number }) => i.organizationId === nfraId && i.taskNumber === 5);
    expect(row).toMatchObject({ status: 'SUBMITTED', overdue: false, onTime: false });
    const [cancelled] = await app.dataSource.query(`SELECT status FROM notification_reminders WHERE key = $1`, [`plan.period.${period.id}.${t5.id}.${nfraId}.overdue`]);
    expect(cancelled.status).toBe('CANCELLED');

    const ranked = (await app.http.get('/api/v1/plan/units/ranking').set(bureau.auth)).body.items.find((r: { organizationId: string }) => r.organizationId === nfraId);
    expect(ranked.late).toBe((before?.late ?? 0) + 1);
    expect(ranked.due).toBe(before.due);

    // A period still ahead is not overdue, and reminds three days before.
    const ahead = await createPeriod(app, bureau, new Date(Date.now() + 10 * DAY));
    const aheadView = await app.http.get(`/api/v1/plan/periods/${ahead.id}/overview`).set(bureau.auth);
    expect(aheadView.body.items.some((i: { overdue: boolean }) => i.overdue)).toBe(false);
    const [due] = await app.dataSource.query(`SELECT count(*)::int AS n FROM notification_reminders WHERE key LIKE $1 AND type = 'PLAN_REPORT_DUE'`, [`plan.period.${ahead.id}.%`]);
    expect(due.n).toBe(reporters);

    // Moving the due time into the past makes the reports overdue.
    const moved = await app.http.patch(`/api/v1/plan/periods/${ahead.id}`).set(bureau.auth).send({ version: ahead.version, dueAt: new Date(Date.now() - 60_000).toISOString() });
    expect(moved.status).toBe(200);
    const movedView = await app.http.get(`/api/v1/plan/periods/${ahead.id}/overview`).set(bureau.auth);
    expect(movedView.body.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
  });

  it('lets units see and edit only their own reports; the bureau sees all, regulators read', async () => {
    const period = await createPeriod(app, bureau, new Date(Date.now() + 10 * DAY));
    const transport = await unitUser(app, 'transport');
    const ecology = await unitUser(app, 'ecology-environment');
    const pbc = await unitUser(app, 'pbc-zhanjiang');
    const t10 = await taskByNumber(app, transport, 10);
    const t17 = await taskByNumber(app, transport, 17);

    // 交通运输局 is not responsible for task 17.
    const notMine = await put(transport, period.id, t17.id, { summary: 'x', items: [] });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('PLAN_NOT_RESPONSIBLE');

    const own = await put(transport, period.id, t10.id, { summary: '交通局配合', items: itemsFor(t10, 'ON_TRACK', '梳理港口、铁路项目融资需求', 30) });
    expect(own.status).toBe(200);
    const unknownField = await put(transport, period.id, t10.id, { version: own.body.version, summary: 'x', items: [], hack: true });
    expect(unknownField.status).toBe(400);
    const badShare = await put(transport, period.id, t10.id, { version: own.body.version, summary: 'x', items: itemsFor(t10, 'ON_TRACK', 'x', 120) });
    expect(badShare.status).toBe(400);

    // Evidence: size/type limited, added while the report is the unit's draft.
    const pdf = Buffer.from('%PDF-1.4\n% 测试佐证\n');
    const up = await app.http.post(`/api/v1/plan/reports/${own.body.id}/files`).set(transport.auth).attach('file', pdf, { filename: '项目清单.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileName: '项目清单.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length });
    const exe = await app.http.post(`/api/v1/plan/reports/${own.body.id}/files`).set(transport.auth).attach('file', Buffer.from('MZ...'), { filename: 'a.exe' });
    expect(exe.status).toBe(400);
    expect(exe.body.error.code).toBe('PLAN_EVIDENCE_TYPE_NOT_ALLOWED');
    expect((await app.http.post(`/api/v1/plan/reports/${own.body.id}/files`).set(ecology.auth).attach('file', pdf, { filename: 'x.pdf' })).status).toBe(404);

    // A draft is the unit's own: nobody else opens it, not even the bureau.
    expect((await app.http.get(`/api/v1/plan/reports/${own.body.id}`).set(bureau.auth)).status).toBe(404);
    const current = await app.http.get(`/api/v1/plan/reports/${own.body.id}`).set(transport.auth);
    const sent = await post(transport, `${own.body.id}/submit`, { version: current.body.version });
    expect(sent.status).toBe(201);
    // Submitted and locked: no more evidence.
    expect((await app.http.post(`/api/v1/plan/reports/${own.body.id}/files`).set(transport.auth).attach('file', pdf, { filename: 'y.pdf' })).status).toBe(409);

    // Another department: 404, not 403. The bureau and the regulators read it.
    expect((await app.http.get(`/api/v1/plan/reports/${own.body.id}`).set(ecology.auth)).status).toBe(404);
    expect((await app.http.get(`/api/v1/plan/reports/${own.body.id}`).set(bureau.auth)).status).toBe(200);
    expect((await app.http.get(`/api/v1/plan/reports/${own.body.id}`).set(pbc.auth)).status).toBe(200);
    // …but a regulator does not edit or submit another unit's report.
    expect((await post(pbc, `${own.body.id}/submit`, { version: sent.body.version })).status).toBe(403);
    expect((await put(pbc, period.id, t17.id, { summary: 'x', items: [] })).status).toBe(200);
    const list = await app.http.get('/api/v1/plan/reports').query({ periodId: period.id }).set(ecology.auth);
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(own.body.id);
    const bureauList = await app.http.get('/api/v1/plan/reports').query({ periodId: period.id }).set(bureau.auth);
    expect(bureauList.body.items.map((r: { id: string }) => r.id)).toContain(own.body.id);
    expect((await app.http.get(`/api/v1/plan/periods/${period.id}/overview`).set(transport.auth)).status).toBe(403);

    // Only the bureau sets periods.
    expect((await app.http.post('/api/v1/plan/periods').set(transport.auth).send({ frequency: 'MONTHLY', year: 2031, index: 1, dueAt: new Date().toISOString() })).status).toBe(403);

    const dl = await app.http.get(`/api/v1/plan/report-files/${up.body.id}`).set(bureau.auth);
    expect(dl.status).toBe(200);
    expect(dl.headers['content-type']).toContain('application/pdf');
    expect((await app.http.get(`/api/v1/plan/report-files/${up.body.id}`).set(ecology.auth)).status).toBe(404);
  });

  it('lets only one of two concurrent decisions win', async () => {
    const period = await createPeriod(app, bureau, new Date(Date.now() + 10 * DAY));
    const pbc = await unitUser(app, 'pbc-zhanjiang');
    const t18 = await taskByNumber(app, pbc, 18);
    const r = await put(pbc, period.id, t18.id, { summary: '交流合作', items: itemsFor(t18, 'ON_TRACK', '举办粤港澳大湾区绿色金融交流会1场', 50) });
    const s = await post(pbc, `${r.body.id}/submit`, { version: r.body.version });
    const bureau2 = await app.admin();
    const [a, b] = await Promise.all([
      post(bureau, `${r.body.id}/accept`, { version: s.body.version }),
      post(bureau2, `${r.body.id}/return`, { version: s.body.version, comment: '请补充活动照片' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const final = await app.http.get(`/api/v1/plan/reports/${r.body.id}`).set(pbc.auth);
    expect(final.body.history.filter((h: { action: string }) => h.action === 'ACCEPT' || h.action === 'RETURN')).toHaveLength(1);
  });

  it('lets each county government report where the plan names the counties together', async () => {
    const period = await createPeriod(app, bureau, new Date(Date.now() + 10 * DAY));
    const county = await unitUser(app, 'county-440882');
    const t16 = await taskByNumber(app, county, 16);
    const mine = await app.http.get(`/api/v1/plan/periods/${period.id}/mine`).set(county.auth);
    expect(mine.body.items.map((i: { taskNumber: number; role: string }) => `${i.taskNumber}:${i.role}`)).toEqual(['3:joint', '5:cooperating', '13:cooperating', '15:cooperating', '16:joint']);
    const r = await put(county, period.id, t16.id, { summary: '雷州市专项债', items: itemsFor(t16, 'ON_TRACK', '储备绿色领域专项债项目3个', 40) });
    expect(r.body).toMatchObject({ status: 'DRAFT', addressee: 'BUREAU', organizationName: expect.stringContaining('雷州市') });
    // A county user of an organisation outside the plan is responsible for nothing.
    const other = await app.userWithRole(Role.COUNTY);
    expect((await put(other, period.id, t16.id, { summary: 'x', items: [] })).status).toBe(403);
  });

  it('turns accepted indicator values into the indicator’s reported values', async () => {
    const period = await createPeriod(app, bureau, new Date(Date.now() + 10 * DAY));
    const nfra = await unitUser(app, 'nfra-zhanjiang');
    const t5 = await taskByNumber(app, nfra, 5);
    const indicators = (await app.http.get('/api/v1/plan/indicators').set(nfra.auth)).body;
    const coverage = indicators.find((i: { code: string }) => i.code === 'pollution-insurance-coverage');
    const ratio = indicators.find((i: { code: string }) => i.code === 'green-loan-ratio');
    const computed = await put(nfra, period.id, t5.id, { summary: 'x', items: itemsFor(t5, 'ON_TRACK', 'x'), indicatorValues: [{ indicatorId: ratio.id, value: '12.00', asOf: '2023-12-31' }] });
    expect(computed.status).toBe(400);
    expect(computed.body.error.code).toBe('PLAN_REPORT_INDICATOR_INVALID');
    const r = await put(nfra, period.id, t5.id, {
      summary: '参保覆盖面',
      items: itemsFor(t5, 'ON_TRACK', '推动高风险企业投保'),
      indicatorValues: [{ indicatorId: coverage.id, value: '32.50', asOf: '2023-12-31', note: '生态环境局统计：高风险企业200家，已投保65家' }],
    });
    const s = await post(nfra, `${r.body.id}/submit`, { version: r.body.version });
    // Submitted is not yet counted.
    let view = (await app.http.get(`/api/v1/plan/indicators/${coverage.id}`).set(bureau.auth)).body;
    expect(view.values.find((v: { reportId: string }) => v.reportId === r.body.id)).toBeUndefined();
    await post(bureau, `${r.body.id}/accept`, { version: s.body.version });
    view = (await app.http.get(`/api/v1/plan/indicators/${coverage.id}`).set(bureau.auth)).body;
    expect(view.values.find((v: { reportId: string }) => v.reportId === r.body.id)).toMatchObject({ value: '32.50', asOf: '2023-12-31', evidence: '生态环境局统计：高风险企业200家，已投保65家' });
    const t2023 = view.targets.find((t: { deadline: string }) => t.deadline === '2023-12-31');
    expect(t2023).toMatchObject({ valueAtDeadline: '32.50', status: 'MET' });
    const t2025 = view.targets.find((t: { deadline: string }) => t.deadline === '2025-12-31');
    expect(t2025.status).toBe('MISSED');
  });
});
