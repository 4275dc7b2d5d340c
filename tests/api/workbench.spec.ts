import { formatMeasureNumber, type IndicatorView, Role, type Workbench, type WorkbenchItem, WorkbenchItemKind } from '@zj/shared';
import { createProject, departmentUser, submittedProject } from '../support/library-factories';
import { greenEnterprise, openNeed, publishedProduct } from '../support/matchmaking-factories';
import { matchmakingEvent } from '../support/event-factories';
import { bankUser, createPeriod, itemsFor, taskByNumber, unitUser } from '../support/plan-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600_000;

/** The home page's queue (issue 15): per role, an item appears when the work arrives and leaves when it is done. */
describe('workbench: each role’s queue on the home page', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app.close());

  async function workbench(s: Session): Promise<Workbench> {
    const res = await app.http.get('/api/v1/workbench').set(s.auth);
    expect(res.status).toBe(200);
    return res.body as Workbench;
  }
  const items = (w: Workbench): WorkbenchItem[] => w.sections.flatMap((s) => s.items);
  const item = (w: Workbench, key: string) => items(w).find((i) => i.key === key);
  const section = (w: Workbench, key: string) => w.sections.find((s) => s.key === key);
  const step = async (s: Session, caseId: string, body: Record<string, unknown>) => {
    const res = await app.http.post(`/api/v1/cases/${caseId}/transitions`).set(s.auth).send(body);
    expect({ to: body.to, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ to: body.to, status: 200, body: null });
    return res.body;
  };
  const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);

  it('answers 401 without a session', async () => {
    expect((await app.http.get('/api/v1/workbench')).status).toBe(401);
  });

  it('bank: needs to answer with their working-day deadline (overdue first), then the next steps; another bank never sees them', async () => {
    const bank = await bankUser(app);
    const rival = await bankUser(app);
    const g = await greenEnterprise(app);
    const product = await publishedProduct(app, bank);
    const apply = async () => {
      const need = await openNeed(app, g, { amount: '400.00' });
      const res = await app.http.post('/api/v1/cases/apply').set(g.enterprise.auth).send({ needId: need.id, productId: product.id });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const first = await apply();
    const second = await apply();

    let w = await workbench(bank);
    expect(w.role).toBe(Role.BANK);
    const answer = item(w, `bank.case-answer:${first}`);
    expect(answer).toMatchObject({ kind: 'bank.case-answer', count: 1, overdue: false, workingDays: true, path: `/cases/${first}` });
    expect(answer!.title).toContain('答复融资需求');
    expect(answer!.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(answer!.daysLeft).toBeGreaterThanOrEqual(1);
    expect(answer!.daysLeft).toBeLessThanOrEqual(3);
    expect(item(w, `bank.case-answer:${second}`)).toBeDefined();
    // Another bank sees nothing of it.
    const other = JSON.stringify(await workbench(rival));
    expect(other).not.toContain(first);
    expect(other).not.toContain(second);

    // Past its deadline: overdue, shown first.
    await app.dataSource.query(`UPDATE matchmaking_cases SET due_on = $2::date WHERE id = $1`, [second, daysAgo(3)]);
    w = await workbench(bank);
    const deadlines = section(w, 'deadlines')!.items.map((i) => i.key);
    expect(deadlines.indexOf(`bank.case-answer:${second}`)).toBeLessThan(deadlines.indexOf(`bank.case-answer:${first}`));
    expect(item(w, `bank.case-answer:${second}`)).toMatchObject({ overdue: true, severity: 'danger' });
    expect(item(w, `bank.case-answer:${second}`)!.daysLeft).toBeLessThan(0);

    // Accepted: the answer is done, first contact is next; the enterprise sees that the bank took it up.
    await step(bank, first, { to: 'ACCEPTED' });
    w = await workbench(bank);
    expect(item(w, `bank.case-answer:${first}`)).toBeUndefined();
    expect(item(w, `bank.case-contact:${first}`)).toMatchObject({ path: `/cases/${first}`, workingDays: true, overdue: false });
    expect(item(await workbench(g.enterprise), `enterprise.case-accepted:${first}`)).toMatchObject({ path: `/cases/${first}` });

    // In contact, then approved: one item per step with how many; the enterprise is asked to look at the offer.
    await step(bank, first, { to: 'IN_CONTACT' });
    w = await workbench(bank);
    expect(item(w, `bank.case-contact:${first}`)).toBeUndefined();
    expect(item(w, 'bank.cases-to-move:IN_CONTACT')).toMatchObject({ count: 1, path: `/cases/${first}` });
    await step(bank, first, { to: 'UNDER_REVIEW' });
    await step(bank, first, { to: 'APPROVED', approvedAmount: '400.00', ratePercent: '3.30', termMonths: 36 });
    w = await workbench(bank);
    expect(item(w, 'bank.cases-to-move:IN_CONTACT')).toBeUndefined();
    expect(item(w, 'bank.cases-to-move:APPROVED')).toMatchObject({ count: 1, title: '已授信：登记放款' });
    expect(item(await workbench(g.enterprise), `enterprise.case-approved:${first}`)).toMatchObject({ path: `/cases/${first}`, severity: 'warning' });
    expect((await app.http.post(`/api/v1/cases/${first}/choose`).set(g.enterprise.auth)).status).toBe(200);
    expect(item(await workbench(g.enterprise), `enterprise.case-approved:${first}`)).toBeUndefined();

    // Disbursed: nothing to move; the fund-use check falls due a quarter after the first tranche.
    await step(bank, first, { to: 'DISBURSED', amount: '400.00' });
    w = await workbench(bank);
    expect(item(w, 'bank.cases-to-move:APPROVED')).toBeUndefined();
    expect(item(w, `bank.fund-use-check:${first}`)).toBeUndefined();
    await app.dataSource.query(`UPDATE case_tranches SET disbursed_on = $2::date WHERE case_id = $1`, [first, daysAgo(100)]);
    w = await workbench(bank);
    expect(item(w, `bank.fund-use-check:${first}`)).toMatchObject({ overdue: true, deadline: daysAgo(10), path: `/cases/${first}` });
    const check = await app.http.post(`/api/v1/cases/${first}/fund-use-checks`).set(bank.auth).send({ checkedOn: daysAgo(0), result: 'AS_AGREED' });
    expect(check.status).toBe(201);
    expect(item(await workbench(bank), `bank.fund-use-check:${first}`)).toBeUndefined();

    // Declined: the answer is done; the enterprise may refer the need onward.
    await step(bank, second, { to: 'DECLINED', reasonCode: 'CAPACITY', reasonText: '本季度额度已满' });
    expect(item(await workbench(bank), `bank.case-answer:${second}`)).toBeUndefined();
    const declined = item(await workbench(g.enterprise), `enterprise.case-declined:${second}`);
    expect(declined).toMatchObject({ path: `/cases/${second}` });
    expect(declined!.title).toContain('可转介');
    // A product that expires soon.
    const soon = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
    const expiring = await publishedProduct(app, bank, { validUntil: soon });
    expect(item(await workbench(bank), `bank.product-expiring:${expiring.id}`)).toMatchObject({ deadline: soon, path: '/my-products', overdue: false });
    expect(JSON.stringify(await workbench(rival))).not.toContain(expiring.id);
  });

  it('enterprise: a returned project to fix until resubmitted, and what would raise its green grade', async () => {
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440811' });
    let w = await workbench(ent);
    const grade = item(w, 'enterprise.grade');
    expect(grade).toMatchObject({ path: '/my-enterprise', severity: 'warning' });
    expect(grade!.title).toContain('计算绿色评级');
    expect(grade!.detail).toContain('绿色企业认定');

    const p = await submittedProject(app, ent, { divisionCode: '440811' });
    expect(item(w, `enterprise.project-returned:${p.id}`)).toBeUndefined();
    const returned = await app.http.post(`/api/v1/projects/${p.id}/review`).set(bureau.auth).send({ action: 'RETURN', version: p.version, reasons: [{ message: '请补充项目备案文件' }] });
    expect(returned.status).toBe(200);
    w = await workbench(ent);
    expect(item(w, `enterprise.project-returned:${p.id}`)).toMatchObject({ path: `/projects/${p.id}`, severity: 'warning' });
    expect(item(w, `enterprise.project-returned:${p.id}`)!.detail).toContain('退回理由 1 条');
    const again = await app.http.post(`/api/v1/projects/${p.id}/submit`).set(ent.auth).send({ version: returned.body.version });
    expect(again.status).toBe(200);
    expect(item(await workbench(ent), `enterprise.project-returned:${p.id}`)).toBeUndefined();

    // Graded: the item names the grade and what would raise it.
    expect((await app.http.post(`/api/v1/enterprises/${ent.organizationId}/grade`).set(ent.auth)).status).toBe(200);
    const graded = item(await workbench(ent), 'enterprise.grade')!;
    expect(graded.title).toMatch(/^绿色评级 D · 非绿（0\.00分）：完善 3 项可提高$/);
    expect(graded.detail).toContain('绿色企业认定（+25分）');
    // Another enterprise sees none of it.
    expect(JSON.stringify(await workbench(await app.userWithRole(Role.ENTERPRISE)))).not.toContain(p.id);
  });

  it('county and department: a project waiting for their review, overdue after 5 working days, gone once reviewed', async () => {
    const county = await app.userWithRole(Role.COUNTY, { divisionCode: '440882' });
    const otherCounty = await app.userWithRole(Role.COUNTY, { divisionCode: '440882' });
    const ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440882' });
    const created = await createProject(app, county, { enterpriseOrgId: ent.organizationId, divisionCode: '440882' });
    const submitted = await app.http.post(`/api/v1/projects/${created.id}/submit`).set(county.auth).send({});
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', reviewStage: 'COUNTY', reviewerOrgId: county.organizationId });

    let w = await workbench(county);
    const key = `review.project:${created.id}`;
    expect(item(w, key)).toMatchObject({ path: `/projects/${created.id}`, overdue: false, workingDays: true });
    expect(item(w, key)!.daysLeft).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(await workbench(otherCounty))).not.toContain(created.id);

    // Waiting for weeks: overdue.
    await app.dataSource.query(`UPDATE project_review_events SET at = now() - interval '30 days' WHERE project_id = $1 AND action = 'SUBMIT'`, [created.id]);
    w = await workbench(county);
    expect(item(w, key)).toMatchObject({ overdue: true, severity: 'danger' });
    expect(section(w, 'review')!.items[0].key).toBe(key);

    const started = await app.http.post(`/api/v1/projects/${created.id}/review`).set(county.auth).send({ action: 'START_REVIEW', version: submitted.body.version });
    expect(started.status).toBe(200);
    expect(item(await workbench(county), key)!.title).toContain('完成审核');
    const passed = await app.http.post(`/api/v1/projects/${created.id}/review`).set(county.auth).send({ action: 'PASS', version: started.body.version });
    expect(passed.body).toMatchObject({ reviewStage: 'DEPARTMENT' });
    expect(item(await workbench(county), key)).toBeUndefined();

    // The department's turn, counted from the county's pass; long past, it leads the department's queue.
    const transport = await departmentUser(app, 'transport');
    expect(passed.body.reviewerOrgId).toBe(transport.organizationId);
    await app.dataSource.query(`UPDATE project_review_events SET at = now() - interval '60 days' WHERE project_id = $1 AND action = 'PASS'`, [created.id]);
    w = await workbench(transport);
    // 交通运输局 is one seeded unit: other files' projects may wait in its queue too. Overdue ones lead.
    const queue = section(w, 'review')!.items;
    const at = queue.findIndex((i) => i.key === key);
    expect(queue[at]).toMatchObject({ overdue: true });
    expect(queue.slice(0, at).every((i) => i.overdue)).toBe(true);
    const s2 = await app.http.post(`/api/v1/projects/${created.id}/review`).set(transport.auth).send({ action: 'START_REVIEW', version: passed.body.version });
    const listed = await app.http.post(`/api/v1/projects/${created.id}/review`).set(transport.auth).send({ action: 'LIST', version: s2.body.version });
    expect(listed.body.status).toBe('LISTED');
    expect(item(await workbench(transport), key)).toBeUndefined();
  });

  it('regulator and bureau: the figures of the regulator’s tasks, reports due and awaiting acceptance', async () => {
    const period = await createPeriod(app, bureau, new Date(Date.now() + 3 * DAY));
    const nfra = await unitUser(app, 'nfra-zhanjiang');
    let w = await workbench(nfra);
    expect(section(w, 'figures')!.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['regulator.green-loan-ratio', 'regulator.disbursed']));
    const tasks = section(w, 'tasks')!.items;
    const t17 = await taskByNumber(app, nfra, 17);
    // 金融监管分局 leads task (十七): its tasks link to the task's rows.
    expect(tasks.find((i) => i.key === `regulator.tasks:${t17.id}`)).toMatchObject({ path: '/plan/tasks?task=17' });
    const due = item(w, `plan.report-due:${period.id}`)!;
    expect(due).toMatchObject({ overdue: false, path: expect.stringContaining(`/plan/reports?period=${period.id}`) });
    expect(due.daysLeft).toBeGreaterThanOrEqual(2);
    const owed = due.count;
    expect(owed).toBeGreaterThanOrEqual(1);

    // The lead submits task 17: one report less; the bureau has it to accept.
    const saved = await app.http
      .put(`/api/v1/plan/periods/${period.id}/tasks/${t17.id}/report`)
      .set(nfra.auth)
      .send({ summary: '已指导辖内银行开展贷后检查', items: itemsFor(t17, 'ON_TRACK', '开展检查3次', 50) });
    expect(saved.status).toBe(200);
    const sent = await app.http.post(`/api/v1/plan/reports/${saved.body.id}/submit`).set(nfra.auth).send({ version: saved.body.version });
    expect(sent.status).toBe(201);
    w = await workbench(nfra);
    if (owed === 1) expect(item(w, `plan.report-due:${period.id}`)).toBeUndefined();
    else expect(item(w, `plan.report-due:${period.id}`)!.count).toBe(owed - 1);
    const toAccept = item(await workbench(bureau), `bureau.reports-to-accept:${period.id}`);
    expect(toAccept).toMatchObject({ count: 1, path: `/plan/review?period=${period.id}` });
    const accepted = await app.http.post(`/api/v1/plan/reports/${saved.body.id}/accept`).set(bureau.auth).send({ version: sent.body.version });
    expect(accepted.status).toBe(201);
    expect(item(await workbench(bureau), `bureau.reports-to-accept:${period.id}`)).toBeUndefined();
  });

  it('regulator: each task’s figure is the value its indicator shows in the plan now, and follows a value as soon as it is recorded', async () => {
    const nfra = await unitUser(app, 'nfra-zhanjiang');
    const taskItems = async () => section(await workbench(nfra), 'tasks')!.items;
    /** A task's figure as the plan's indicators (computed from the rows at the request) give it: the first indicator with a value. */
    const fromIndicators = async (items: WorkbenchItem[]) => {
      const res = await app.http.get('/api/v1/plan/indicators').set(nfra.auth);
      expect(res.status).toBe(200);
      const indicators = res.body as IndicatorView[];
      return items.map((i) => {
        const of = indicators.filter((x) => `${WorkbenchItemKind.REGULATOR_TASKS}:${x.taskId}` === i.key);
        const measured = of.find((x) => x.current.value !== null);
        return { key: i.key, count: of.length, value: measured ? formatMeasureNumber(measured.current.value, measured.unit) : i.value, unit: measured?.unit ?? null };
      });
    };
    const shown = (items: WorkbenchItem[]) => items.map((i) => ({ key: i.key, count: i.count, value: i.value, unit: i.unit ?? null }));

    const before = await taskItems();
    expect(before.length).toBeGreaterThan(0);
    expect(shown(before)).toEqual(await fromIndicators(before));

    // The bureau gives a task of the regulator's that has no measured indicator one, and records a value:
    // the home page shows it at the next load.
    const unmeasured = before.find((i) => i.unit === null)!;
    const taskId = unmeasured.key.split(':')[1];
    const created = await app.http
      .post('/api/v1/plan/indicators')
      .set(bureau.auth)
      .send({ taskId, code: `wb-${Date.now()}`, name: '开展环境信息披露的银行（测试）', unit: '家', source: 'REPORTED', targets: [] });
    expect(created.status).toBe(201);
    expect((await app.http.post(`/api/v1/plan/indicators/${created.body.id}/values`).set(bureau.auth).send({ value: '7', asOf: daysAgo(1), evidence: '测试统计' })).status).toBe(201);
    const after = await taskItems();
    expect(after.find((i) => i.key === unmeasured.key)).toMatchObject({ count: unmeasured.count + 1, value: '7', unit: '家' });
    expect(shown(after)).toEqual(await fromIndicators(after));
  });

  it('bureau: the day’s numbers move with the day’s work; an event under way is listed until cancelled', async () => {
    let w = await workbench(bureau);
    const today = section(w, 'today')!;
    expect(today.layout).toBe('figures');
    expect(today.items.map((i) => i.kind)).toEqual(['bureau.new-needs', 'bureau.claimed', 'bureau.disbursed', 'bureau.overdue-answers', 'bureau.greenwashing']);
    // overdue answers lead to the pipeline filtered to them (where they are reassigned), warnings to their tab
    expect(item(w, 'bureau.overdue-answers')!.path).toBe('/pipeline?tab=pipeline&overdue=true');
    expect(item(w, 'bureau.greenwashing')!.path).toBe('/pipeline?tab=warnings');
    const before = item(w, 'bureau.new-needs')!.count;
    const g = await greenEnterprise(app);
    await openNeed(app, g);
    w = await workbench(bureau);
    expect(item(w, 'bureau.new-needs')!.count).toBe(before + 1);
    expect(item(w, 'bureau.new-needs')!.path).toBe('/financing-needs');

    const event = await matchmakingEvent(app, bureau, { startsIn: 2 * 3600_000 });
    const key = `bureau.event-live:${event.id}`;
    expect(item(await workbench(bureau), key)).toMatchObject({ path: `/events/${event.id}`, overdue: false });
    const cancelled = await app.http.post(`/api/v1/events/${event.id}/status`).set(bureau.auth).send({ version: event.version, status: 'CANCELLED', note: '场地调整' });
    expect(cancelled.status).toBe(201);
    expect(item(await workbench(bureau), key)).toBeUndefined();
  });

  it('enterprise and bank: an invitation to an event until they register', async () => {
    const bank = await bankUser(app);
    const ent = await app.userWithRole(Role.ENTERPRISE);
    const event = await matchmakingEvent(app, bureau, { startsIn: 5 * DAY, invitedOrganizationIds: [bank.organizationId, ent.organizationId] });
    expect(item(await workbench(ent), `enterprise.event-invited:${event.id}`)).toMatchObject({ path: `/events/${event.id}` });
    expect(item(await workbench(bank), `bank.event-invited:${event.id}`)).toMatchObject({ path: `/events/${event.id}` });
    const reg = await app.http.post(`/api/v1/events/${event.id}/registrations`).set(ent.auth).send({});
    expect(reg.status).toBe(201);
    const w = await workbench(ent);
    expect(item(w, `enterprise.event-invited:${event.id}`)).toBeUndefined();
    expect(item(w, `enterprise.event-registered:${event.id}`)).toMatchObject({ path: `/events/${event.id}/agenda` });
  });
});
