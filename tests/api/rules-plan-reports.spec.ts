import { createPeriod, itemsFor, taskByNumber, unitUser } from '../support/plan-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const DAY = 24 * 3600_000;

/**
 * Issue 14: an empty progress report cannot be submitted. A report's content is each work item of the
 * year with its status and its progress text (进展情况); a report of a task without work items that
 * year carries the overall progress (总体进展). A draft may be saved incomplete.
 */
describe('rules: a progress report carries its content', () => {
  let app: TestApp;
  let bureau: Session;
  beforeAll(async () => {
    app = await startTestApp();
    bureau = await app.admin();
  });
  afterAll(() => app.close());

  const put = (s: Session, periodId: string, taskId: string, body: object) => app.http.put(`/api/v1/plan/periods/${periodId}/tasks/${taskId}/report`).set(s.auth).send(body);
  const submit = (s: Session, id: string, version: number) => app.http.post(`/api/v1/plan/reports/${id}/submit`).set(s.auth).send({ version });

  it('a report whose items say nothing is refused, naming each empty item; filled in, it goes', async () => {
    const period = await createPeriod(app, bureau, new Date(Date.now() + 10 * DAY));
    const pbc = await unitUser(app, 'pbc-zhanjiang');
    const t17 = await taskByNumber(app, pbc, 17);
    const count = itemsFor(t17, 'NOT_STARTED', '').length;
    expect(count).toBeGreaterThan(0);

    // What the report page sends untouched: every item 未开始 with no text, no summary. It saves (a draft)…
    const empty = await put(pbc, period.id, t17.id, { summary: '', items: itemsFor(t17, 'NOT_STARTED', '', 0) });
    expect(empty.status).toBe(200);
    // …but is not a report.
    const refused = await submit(pbc, empty.body.id, empty.body.version);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('PLAN_REPORT_INCOMPLETE');
    expect(refused.body.error.details).toEqual(Array.from({ length: count }, (_, i) => ({ field: `items[${i}].narrative`, messages: [expect.stringContaining('请填写进展情况')] })));
    // Blanks are no content either.
    const blanks = await put(pbc, period.id, t17.id, { version: empty.body.version, summary: '   ', items: itemsFor(t17, 'ON_TRACK', '  \n ', 10) });
    expect((await submit(pbc, empty.body.id, blanks.body.version)).status).toBe(400);
    expect((await app.http.get(`/api/v1/plan/reports/${empty.body.id}`).set(pbc.auth)).body.status).toBe('DRAFT');

    const filled = await put(pbc, period.id, t17.id, { version: blanks.body.version, summary: '', items: itemsFor(t17, 'ON_TRACK', '督导金融机构开展贷后资金用途检查3次', 40) });
    const sent = await submit(pbc, empty.body.id, filled.body.version);
    expect(sent.status).toBe(201);
    expect(sent.body.status).toBe('SUBMITTED');
  });

  it('a task without work items that year needs the overall progress (总体进展)', async () => {
    // A work year without any work items: the report can only say how the task went overall.
    const period = await createPeriod(app, bureau, new Date(Date.now() + 10 * DAY), { workYear: 2023 });
    const periodId = period.id;
    await app.dataSource.query(`UPDATE plan_reporting_periods SET work_year = 2099 WHERE id = $1`, [periodId]);
    const pbc = await unitUser(app, 'pbc-zhanjiang');
    const t17 = await taskByNumber(app, pbc, 17);
    const empty = await put(pbc, periodId, t17.id, { summary: '', items: [] });
    expect(empty.status).toBe(200);
    const refused = await submit(pbc, empty.body.id, empty.body.version);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'PLAN_REPORT_INCOMPLETE', details: [{ field: 'summary', messages: ['请填写总体进展'] }] });
    const filled = await put(pbc, periodId, t17.id, { version: empty.body.version, summary: '本期督导辖内银行开展绿色信贷贷后检查', items: [] });
    expect((await submit(pbc, empty.body.id, filled.body.version)).status).toBe(201);
  });
});
