import { Role, UnitRole } from '@zj/shared';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLAN_TASKS } from '../../apps/api/src/plan/data/plan-2023';
import { parsePlanSeed } from '../../apps/api/src/plan/data/seed-parser';
import { createPeriod, itemsFor, taskByNumber, unitUser } from '../support/plan-factories';
import { startTestApp, TestApp } from '../support/test-app';

const seed = parsePlanSeed(readFileSync(join(__dirname, '../../apps/api/src/plan/data/zhanjiang-green-finance-plan-2023.txt'), 'utf8'));

interface ApiTask {
  id: string;
  number: number;
  action: number;
  title: string;
  workItems: string[];
  keyWorks: { id: string; text: string; workItems: { id: string; year: number; text: string; version: number }[] }[];
  units: { name: string; nameInSeed: string | null; formerNames: string[]; role: UnitRole }[];
  status: string;
}

describe('plan: the loaded 2023 plan, its editing and export', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers the 18 tasks of the seed with their work items and units in their roles', async () => {
    const dept = await app.userWithRole(Role.DEPARTMENT);
    const res = await app.http.get('/api/v1/plan/tasks').query({ year: 2023 }).set(dept.auth);
    expect(res.status).toBe(200);
    const tasks = res.body as ApiTask[];
    expect(tasks.map((t) => t.number)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(seed.tasks).toHaveLength(18);
    for (const s of seed.tasks) {
      const t = tasks.find((x) => x.number === s.number)!;
      const data = PLAN_TASKS.find((x) => x.number === s.number)!;
      expect({ number: t.number, action: t.action, title: t.title }).toEqual({ number: s.number, action: s.action, title: s.title });
      expect(t.workItems).toEqual(s.keyWorks.flatMap((k) => k.workItems2023));
      expect(t.keyWorks.map((k) => k.text)).toEqual(s.keyWorks.map((k) => k.text));
      expect(t.workItems).toEqual(data.keyWorks.flatMap((k) => k.workItems2023));
      // Each unit is matched by its name in the seed: the current name, or a former name of a renamed unit.
      expect(t.units.map((u) => ({ role: u.role, seedName: u.nameInSeed }))).toEqual(s.units.map((u) => ({ role: u.role, seedName: u.nameInSeed })));
      for (const [i, u] of t.units.entries()) {
        expect([u.name, ...u.formerNames]).toContain(s.units[i].nameInSeed);
      }
    }
  });

  it('keeps a renamed unit: the central bank carries its current name and the seed’s as a former name', async () => {
    const dept = await app.userWithRole(Role.DEPARTMENT);
    const t4 = await taskByNumber(app, dept, 4);
    const pbc = t4.units.find((u: { nameInSeed: string }) => u.nameInSeed === '人民银行湛江市中心支行');
    expect(pbc).toMatchObject({ name: '中国人民银行湛江市分行', formerNames: ['人民银行湛江市中心支行'], role: 'lead', unitCode: 'pbc-zhanjiang' });
    const [org] = await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations WHERE unit_code = 'pbc-zhanjiang'`);
    expect(org.n).toBe(1);
  });

  it('lets the bureau add a later year’s work list and edit items; others may only read', async () => {
    const bureau = await app.admin();
    const dept = await app.userWithRole(Role.DEPARTMENT);
    const t3 = await taskByNumber(app, bureau, 3);
    const year = 2090 + Math.floor(Math.random() * 9);
    const list = await app.http
      .post('/api/v1/plan/work-lists')
      .set(bureau.auth)
      .send({ year, items: [{ keyWorkId: t3.keyWorks[0].id, text: '更新绿色项目库，新增入库项目不少于50个。' }, { keyWorkId: t3.keyWorks[1].id, text: '全年组织对接活动不少于4次。' }] });
    expect(list.status).toBe(201);
    const refused = await app.http.post('/api/v1/plan/work-items').set(dept.auth).send({ keyWorkId: t3.keyWorks[0].id, year, text: '部门不能添加' });
    expect(refused.status).toBe(403);

    const byYear = await app.http.get('/api/v1/plan/tasks').query({ year }).set(dept.auth);
    expect(byYear.body.find((t: ApiTask) => t.number === 3).workItems).toEqual(['更新绿色项目库，新增入库项目不少于50个。', '全年组织对接活动不少于4次。']);
    // The 2023 list is untouched.
    expect((await taskByNumber(app, dept, 3)).workItems).toEqual(PLAN_TASKS[2].keyWorks.flatMap((k) => k.workItems2023));

    const item = list.body.items[1];
    const edit = await app.http.patch(`/api/v1/plan/work-items/${item.id}`).set(bureau.auth).send({ version: item.version, text: '全年组织宣讲、推介、对接活动不少于4次。' });
    expect(edit.status).toBe(200);
    expect(edit.body.version).toBe(item.version + 1);
    const stale = await app.http.patch(`/api/v1/plan/work-items/${item.id}`).set(bureau.auth).send({ version: item.version, text: '过期的修改' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('PLAN_WORK_ITEM_VERSION_CONFLICT');
    const unknown = await app.http.post('/api/v1/plan/work-lists').set(bureau.auth).send({ year, items: [], extra: 1 });
    expect(unknown.status).toBe(400);
  });

  it('keeps one work list per year: a second list for the year is refused, an empty one too, and the list is audited', async () => {
    const bureau = await app.admin();
    const t5 = await taskByNumber(app, bureau, 5);
    // Years 2080–2088 (the test above takes 2090–2098).
    const year = 2080 + Math.floor(Math.random() * 9);
    const empty = await app.http.post('/api/v1/plan/work-lists').set(bureau.auth).send({ year, items: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([{ field: 'items', messages: ['工作清单至少应有一项'] }]);

    const first = await app.http.post('/api/v1/plan/work-lists').set(bureau.auth).send({ year, items: [{ keyWorkId: t5.keyWorks[0].id, text: '年度清单唯一性测试事项。' }] });
    expect(first.status).toBe(201);
    const again = await app.http.post('/api/v1/plan/work-lists').set(bureau.auth).send({ year, items: [{ keyWorkId: t5.keyWorks[0].id, text: '重复提交的清单。' }] });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'PLAN_WORK_LIST_EXISTS', details: { year, items: 1 } });
    expect(again.body.error.message).toContain(`${year}年工作清单已存在`);
    const byYear = await app.http.get('/api/v1/plan/tasks').query({ year }).set(bureau.auth);
    expect(byYear.body.find((t: ApiTask) => t.number === 5).workItems).toEqual(['年度清单唯一性测试事项。']);
    const audits = await app.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'plan_work_list' AND entity_id = $1`, [String(year)]);
    expect(audits).toEqual([{ action: 'plan_work_list.create' }]);

    // Once the year's list exists, single items are still added and withdrawn one by one.
    const added = await app.http.post('/api/v1/plan/work-items').set(bureau.auth).send({ keyWorkId: t5.keyWorks[0].id, year, text: '追加的单项工作。' });
    expect(added.status).toBe(201);
    expect(added.body.position).toBe(2);
    const archived = await app.http.delete(`/api/v1/plan/work-items/${added.body.id}`).set(bureau.auth).send({ version: added.body.version });
    expect(archived.status).toBe(200);
    expect((await app.http.get('/api/v1/plan/tasks').query({ year }).set(bureau.auth)).body.find((t: ApiTask) => t.number === 5).workItems).toEqual(['年度清单唯一性测试事项。']);
    // A list is refused for a year that has items, even when none was made as a list.
    const itemOnly = 2070 + Math.floor(Math.random() * 9);
    expect((await app.http.post('/api/v1/plan/work-items').set(bureau.auth).send({ keyWorkId: t5.keyWorks[0].id, year: itemOnly, text: '单项先行。' })).status).toBe(201);
    expect((await app.http.post('/api/v1/plan/work-lists').set(bureau.auth).send({ year: itemOnly, items: [{ keyWorkId: t5.keyWorks[0].id, text: '后补清单。' }] })).status).toBe(409);

    // Lists made ahead for far years do not take over the dashboard: without a year it shows the current year's list.
    const currentYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const years: number[] = (await app.http.get('/api/v1/plan/years').set(bureau.auth)).body;
    expect(years).toEqual(expect.arrayContaining([2023, year, itemOnly]));
    const dash = await app.http.get('/api/v1/plan/dashboard').set(bureau.auth);
    expect(dash.status).toBe(200);
    expect(dash.body.year).toBe(Math.max(...years.filter((y) => y <= currentYear)));
  });

  it('is not for enterprises or banks', async () => {
    for (const role of [Role.ENTERPRISE, Role.BANK]) {
      const s = await app.userWithRole(role);
      expect((await app.http.get('/api/v1/plan/tasks').set(s.auth)).status).toBe(403);
    }
  });

  it('exports the seed’s layout with status, latest progress and indicator values appended', async () => {
    const bureau = await app.admin();
    // Task 10: the central bank and the regulator lead; an accepted report gives the task a status and progress text.
    const period = await createPeriod(app, bureau, new Date(Date.now() + 7 * 24 * 3600_000));
    const pbc = await unitUser(app, 'pbc-zhanjiang');
    const t10 = await taskByNumber(app, pbc, 10);
    const saved = await app.http
      .put(`/api/v1/plan/periods/${period.id}/tasks/${t10.id}/report`)
      .set(pbc.auth)
      .send({ summary: '已推送清单', items: itemsFor(t10, 'DONE', '已梳理重大基础设施融资需求清单12项并推送银行（导出测试）', 100) });
    expect(saved.status).toBe(200);
    const submitted = await app.http.post(`/api/v1/plan/reports/${saved.body.id}/submit`).set(pbc.auth).send({ version: saved.body.version });
    expect(submitted.status).toBe(201);
    expect((await app.http.post(`/api/v1/plan/reports/${saved.body.id}/accept`).set(bureau.auth).send({ version: submitted.body.version })).status).toBe(201);

    const res = await app.http.get('/api/v1/plan/export.xlsx').query({ year: 2023 }).set(bureau.auth).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const text = (r: number, c: number) => String(ws.getRow(r).getCell(c).text ?? '');
    expect([1, 3, 4, 5, 6, 7, 8].map((c) => text(1, c))).toEqual(['工作任务', '重点工作', '2023年具体工作清单', '责任单位', '进展状态', '最新进展', '指标完成情况']);
    // One row per key work, as in the seed.
    const keyWorks = seed.tasks.flatMap((t) => t.keyWorks);
    expect(ws.rowCount).toBe(1 + keyWorks.length);
    for (const [i, kw] of keyWorks.entries()) {
      expect(text(i + 2, 3)).toBe(kw.text);
      expect(text(i + 2, 4)).toBe(kw.workItems2023.join('\n'));
    }
    const taskCells = new Set<string>();
    for (let r = 2; r <= ws.rowCount; r++) taskCells.add(text(r, 2));
    expect(taskCells.size).toBe(18);
    expect(text(2, 1)).toBe('一、绿色金融体系培育行动');
    expect(text(2, 2)).toBe('（一）完善绿色金融组织体系');
    expect(text(2, 5)).toBe('市金融工作局、中国人民银行湛江市分行、国家金融监督管理总局湛江监管分局按职责分工负责');

    const row10 = keyWorks.findIndex((k) => k === seed.tasks[9].keyWorks[0]) + 2;
    expect(text(row10, 2)).toBe('（十）支持交通运输低碳化');
    expect(text(row10, 5)).toBe('中国人民银行湛江市分行、国家金融监督管理总局湛江监管分局牵头，市交通运输局、市发展改革局、市金融工作局配合');
    expect(text(row10, 6)).toBe('已完成');
    expect(text(row10, 7)).toContain('【中国人民银行湛江市分行】已梳理重大基础设施融资需求清单12项并推送银行（导出测试）（完成100%');
    const row2 = keyWorks.findIndex((k) => k === seed.tasks[1].keyWorks[0]) + 2;
    expect(text(row2, 8)).toContain('绿色信贷占全部贷款余额比重');
    expect(text(row2, 8)).toContain('2023年目标≥10.00%');
  });
});
