import { ImportJobStatus, Role } from '@zj/shared';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { creditCodeFactory } from '../support/factories';
import { departmentUser, importFile, uniq } from '../support/library-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

const DIV = '440811'; // 麻章区

function enterpriseRow(code: string, o: Record<string, unknown> = {}) {
  return { creditCode: code, name: `湛江导入测试${uniq()}有限公司`, division: '麻章区', industrySection: 'D', industryDivision: '44', size: '小型', registeredCapital: '2000', contactName: '林经理', contactPhone: '0759-1234567', envCreditRating: '绿牌', envDisclosure: '是', ...o };
}
function projectRow(code: string, name: string, o: Record<string, unknown> = {}) {
  return { creditCode: code, name, location: '麻章区临港产业园', categories: '3.2.2', stage: '在建', totalInvestment: '4800', co2AvoidedT: '7530', tags: '分布式光伏', description: '屋顶分布式光伏', ...o };
}
function needRow(code: string, projectName: string, o: Record<string, unknown> = {}) {
  return { creditCode: code, projectName, amount: '3500', termMonths: '96', instrument: '贷款', purpose: '光伏组件采购及安装', collateral: '应收账款、设备抵押', maxRatePercent: '3.85', sharing: '向全部金融机构共享', ...o };
}

describe('library import: template, validation, modes, idempotence, bad files; export', () => {
  let app: TestApp;
  let county: Session;
  const post = (s: Session, buf: Buffer, mode: string, name = '项目汇总.xlsx', extra = '') =>
    app.http.post(`/api/v1/projects/import?mode=${mode}${extra}`).set(s.auth).attach('file', buf, name);

  beforeAll(async () => {
    app = await startTestApp();
    county = await app.userWithRole(Role.COUNTY, { divisionCode: DIV });
  });
  afterAll(() => app.close());

  it('the template has the three sheets with Chinese headers, and is itself importable (example rows skipped)', async () => {
    const res = await app.http.get('/api/v1/projects/import/template').set(county.auth).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['企业', '项目', '融资需求', '说明']);
    expect(wb.getWorksheet('项目')!.getRow(1).getCell(1).value).toBe('企业统一社会信用代码*');
    const empty = await post(county, res.body as Buffer, 'validate');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('LIBRARY_IMPORT_FILE_EMPTY');
    // enterprises and banks cannot import
    const ent = await app.userWithRole(Role.ENTERPRISE);
    expect((await app.http.get('/api/v1/projects/import/template').set(ent.auth)).status).toBe(403);
  });

  it('one bad row: validate lists it by row and column; import-all imports nothing; fixing it imports everything', async () => {
    const code = creditCodeFactory(DIV);
    const name1 = `导入光伏项目A${uniq()}`;
    const name2 = `导入光伏项目B${uniq()}`;
    const rows = {
      enterprises: [enterpriseRow(code)],
      projects: [projectRow(code, name1), projectRow(code, name2, { totalInvestment: '-300' })],
      needs: [needRow(code, name1)],
    };
    const bad = await importFile(rows);
    const v = await post(county, bad, 'validate');
    expect(v.status).toBe(200);
    expect(v.body.job).toMatchObject({ status: 'DONE', errorCount: 1, result: null });
    expect(v.body.job.errors).toEqual([{ sheet: '项目', row: 3, column: '总投资（万元）', value: '-300', message: '不能为负数' }]);

    const all = await post(county, bad, 'import-all');
    expect(all.body.job.status).toBe(ImportJobStatus.REJECTED);
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM organizations WHERE credit_code = $1`, [code]);
    expect(n).toBe(0);

    rows.projects[1].totalInvestment = '300';
    const good = await importFile(rows);
    const ok = await post(county, good, 'import-all');
    expect(ok.body.job).toMatchObject({ status: 'DONE', errorCount: 0 });
    expect(ok.body.job.result).toMatchObject({ enterprises: { created: 1 }, projects: { created: 2 }, needs: { created: 1 } });
    expect(ok.body.projectIds).toHaveLength(2);

    // imported projects wait for the county's own first review, with the import on their timeline
    const list = await app.http.get(`/api/v1/projects?q=${encodeURIComponent(name1)}`).set(county.auth);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ status: 'SUBMITTED', reviewStage: 'COUNTY', source: 'COUNTY_SUBMITTED', reviewerOrgId: county.organizationId, divisionCode: DIV });
    const detail = await app.http.get(`/api/v1/projects/${list.body.items[0].id}`).set(county.auth);
    expect(detail.body.timeline.map((e: { action: string }) => e.action)).toEqual(['CREATE', 'SUBMIT']);
    expect(detail.body.needs).toHaveLength(1);
    expect(detail.body.needs[0]).toMatchObject({ amount: '3500.00', instrument: 'LOAN', collateral: ['RECEIVABLES', 'EQUIPMENT'], sharing: 'ALL_BANKS' });

    // re-importing the same file creates no duplicates
    const again = await post(county, good, 'import-all');
    expect(again.body.job.result).toMatchObject({ enterprises: { created: 0, unchanged: 1 }, projects: { created: 0 }, needs: { created: 0, unchanged: 1 } });
    const [{ p }] = await app.dataSource.query(`SELECT count(*)::int AS p FROM projects p JOIN organizations o ON o.id = p.enterprise_org_id WHERE o.credit_code = $1`, [code]);
    expect(p).toBe(2);
    const [{ k }] = await app.dataSource.query(`SELECT count(*)::int AS k FROM financing_needs n JOIN organizations o ON o.id = n.enterprise_org_id WHERE o.credit_code = $1`, [code]);
    expect(k).toBe(1);
    // every write batch is audited
    const audits = await app.dataSource.query(`SELECT count(*)::int AS a FROM audit_log WHERE action = 'library.import' AND entity_id = $1`, [ok.body.job.id]);
    expect(audits[0].a).toBe(3);
  });

  it('import-valid imports only the rows without errors, and rows depending on a bad row are reported too', async () => {
    const good = creditCodeFactory(DIV);
    const badCode = creditCodeFactory(DIV);
    const wrongCheck = creditCodeFactory(DIV);
    const wrongCheckCode = wrongCheck.slice(0, 17) + (wrongCheck[17] === '1' ? '2' : '1');
    const pGood = `有效项目${uniq()}`;
    const file = await importFile({
      enterprises: [enterpriseRow(good), enterpriseRow(badCode, { size: '巨型' }), enterpriseRow(creditCodeFactory('440882'), { division: '雷州市' }), enterpriseRow(wrongCheckCode)],
      projects: [projectRow(good, pGood), projectRow(badCode, `无效企业的项目${uniq()}`), projectRow(good, pGood)],
      needs: [needRow(good, pGood), needRow(good, '不存在的项目')],
    });
    const res = await post(county, file, 'import-valid');
    expect(res.body.job.status).toBe('DONE');
    const errs = res.body.job.errors.map((e: { sheet: string; row: number; column: string; message: string }) => `${e.sheet}${e.row}:${e.column}:${e.message}`);
    expect(errs).toEqual(
      expect.arrayContaining([
        '企业3:企业规模:应为：大型、中型、小型、微型',
        '企业5:统一社会信用代码:统一社会信用代码校验位不正确',
        '企业4:所在县（市、区）:只能导入本县（市、区）的企业',
        '项目3:企业统一社会信用代码:所属企业（“企业”工作表第3行）有错误',
        '项目4:项目名称:与第2行重复（同一企业的同名项目）',
        '融资需求3:项目名称:该企业没有这个项目，请在“项目”工作表中填写',
      ]),
    );
    expect(res.body.job.result).toMatchObject({ enterprises: { created: 1 }, projects: { created: 1 }, needs: { created: 1 } });
  });

  it('refuses bad files: wrong type, corrupted, over the size limit, no template sheets, formula cells, unknown counties and categories, absurd amounts', async () => {
    const csv = await post(county, Buffer.from('a,b,c\n1,2,3'), 'validate', 'data.csv');
    expect(csv.status).toBe(400);
    expect(csv.body.error.code).toBe('LIBRARY_IMPORT_FILE_TYPE');
    const corrupt = await post(county, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(500, 7)]), 'validate');
    expect(corrupt.status).toBe(400);
    expect(corrupt.body.error.code).toBe('LIBRARY_IMPORT_FILE_CORRUPT');
    const notZip = await post(county, Buffer.from('this is not a spreadsheet'), 'validate');
    expect(notZip.body.error.code).toBe('LIBRARY_IMPORT_FILE_CORRUPT');
    const big = await post(county, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(21 * 1024 * 1024)]), 'validate');
    expect(big.status).toBe(413);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['随便', '什么']);
    const foreign = await post(county, Buffer.from(await wb.xlsx.writeBuffer()), 'validate');
    expect(foreign.body.error.code).toBe('LIBRARY_IMPORT_NO_TEMPLATE_SHEETS');

    const code = creditCodeFactory(DIV);
    const file = await importFile(
      {
        enterprises: [enterpriseRow(code), enterpriseRow(creditCodeFactory(DIV), { division: '海口市' })],
        projects: [
          projectRow(code, `公式项目${uniq()}`),
          projectRow(code, `分类项目${uniq()}`, { categories: '7.1.1' }),
          projectRow(code, `巨额项目${uniq()}`, { totalInvestment: '5000000000' }),
        ],
        needs: [needRow(code, '', { amount: '0', termMonths: '999', instrument: '众筹' })],
      },
      { formulaAt: { sheet: 'projects', row: 0, key: 'totalInvestment' } },
    );
    const res = await post(county, file, 'validate');
    const by = (sheet: string, row: number) => res.body.job.errors.filter((e: { sheet: string; row: number }) => e.sheet === sheet && e.row === row).map((e: { column: string; message: string }) => `${e.column}:${e.message}`);
    expect(by('企业', 3)).toEqual(['所在县（市、区）:不是湛江市的县（市、区）或园区']);
    expect(by('项目', 2)).toEqual(['总投资（万元）:单元格含有公式，请改为直接填写数值或文字']);
    expect(by('项目', 3)[0]).toContain('7.1.1');
    expect(by('项目', 4)[0]).toContain('数值过大');
    expect(by('融资需求', 2)).toEqual(expect.arrayContaining(['融资金额（万元）:应大于0', '期限（月）:应在1至360之间', expect.stringContaining('融资方式:')]));
  });

  it('a county cannot import another county’s enterprise; progress can be polled with async=true', async () => {
    const other = await app.userWithRole(Role.COUNTY, { divisionCode: '440882' });
    const code = creditCodeFactory('440882');
    await post(other, await importFile({ enterprises: [enterpriseRow(code, { division: '雷州市' })] }), 'import-all');
    const mine = await post(county, await importFile({ projects: [projectRow(code, `越界项目${uniq()}`)] }), 'validate');
    expect(mine.body.job.errors[0]).toMatchObject({ sheet: '项目', column: '企业统一社会信用代码', message: '该企业属于其他县（市、区）' });

    const code2 = creditCodeFactory(DIV);
    const started = await post(county, await importFile({ enterprises: [enterpriseRow(code2)], projects: [projectRow(code2, `异步项目${uniq()}`)] }), 'import-all', 'x.xlsx', '&async=true');
    expect([200, 202]).toContain(started.status);
    let job = started.body.job;
    for (let i = 0; i < 100 && job.status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await app.http.get(`/api/v1/projects/import/jobs/${job.id}`).set(county.auth)).body.job;
    }
    expect(job).toMatchObject({ status: 'DONE', phase: 'done', processedRows: 2, totalRows: 2 });
    // another user cannot read the job
    expect((await app.http.get(`/api/v1/projects/import/jobs/${job.id}`).set(other.auth)).status).toBe(404);
  });

  it('a job is read back from any API process, and one whose process died is reported as interrupted', async () => {
    const code = creditCodeFactory(DIV);
    const started = await post(county, await importFile({ enterprises: [enterpriseRow(code)], projects: [projectRow(code, `多进程项目${uniq()}`)] }), 'import-all', 'x.xlsx', '&async=true');
    let job = started.body.job;
    for (let i = 0; i < 100 && job.status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await app.http.get(`/api/v1/projects/import/jobs/${job.id}`).set(county.auth)).body.job;
    }
    expect(job.status).toBe('DONE');
    // A second API process on the same database (as behind a load balancer, or after a restart) answers the poll.
    const second = await startTestApp();
    try {
      const there = await second.http.get(`/api/v1/projects/import/jobs/${job.id}`).set(county.auth);
      expect(there.status).toBe(200);
      expect(there.body.job).toEqual(job);
      expect(there.body.projectIds).toHaveLength(1);
    } finally {
      await second.close();
    }

    // The row a process leaves when it dies mid-import: still running, its heartbeat two minutes old.
    const leftRunning = async (heartbeatAgo: string) => {
      const view = { ...job, id: randomUUID(), status: 'RUNNING', phase: 'importing', processedRows: 500, totalRows: 2000, result: null, message: null, finishedAt: null };
      await app.dataSource.query(`INSERT INTO import_jobs (id, user_id, view, heartbeat_at) VALUES ($1, $2, $3::jsonb, now() - $4::interval)`, [view.id, county.user.id, JSON.stringify(view), heartbeatAgo]);
      return view;
    };
    const dead = await leftRunning('2 minutes');
    const polled = await app.http.get(`/api/v1/projects/import/jobs/${dead.id}`).set(county.auth);
    expect(polled.body.job).toMatchObject({ status: 'FAILED', phase: 'done', processedRows: 500, message: expect.stringContaining('中断') });
    expect(polled.body.job.finishedAt).toEqual(expect.any(String));
    const [row] = await app.dataSource.query(`SELECT view->>'status' AS status FROM import_jobs WHERE id = $1`, [dead.id]);
    expect(row.status).toBe('FAILED');
    // A job still beating is left running.
    const alive = await leftRunning('5 seconds');
    expect((await app.http.get(`/api/v1/projects/import/jobs/${alive.id}`).set(county.auth)).body.job.status).toBe('RUNNING');
  });

  it('a department imports into its review queue directly; the export neutralises formula-looking cells', async () => {
    const transport = await departmentUser(app, 'transport');
    const code = creditCodeFactory('440803');
    const name = `港区岸电${uniq()}`;
    const res = await post(
      transport,
      await importFile({ enterprises: [enterpriseRow(code, { division: '霞山区', contactName: '=HYPERLINK("http://evil","点我")' })], projects: [projectRow(code, name, { categories: '5.2.2', description: '+cmd|calc' })] }),
      'import-all',
    );
    expect(res.body.job.status).toBe('DONE');
    const p = (await app.http.get(`/api/v1/projects?q=${encodeURIComponent(name)}`).set(transport.auth)).body.items[0];
    expect(p).toMatchObject({ status: 'SUBMITTED', reviewStage: 'DEPARTMENT', source: 'DEPARTMENT_RECOMMENDED', reviewerOrgId: transport.organizationId });

    const exp = await app.http
      .get(`/api/v1/library/export/projects?q=${encodeURIComponent(name)}`)
      .set(transport.auth)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(exp.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.body as unknown as ArrayBuffer);
    const ps = wb.getWorksheet('项目')!;
    expect(ps.rowCount).toBe(2);
    expect(ps.getRow(2).getCell(2).value).toBe(name);
    expect(ps.getRow(2).getCell(15).value).toBe(`'+cmd|calc`);
    const es = wb.getWorksheet('企业')!;
    expect(es.getRow(2).getCell(8).value).toBe(`'=HYPERLINK("http://evil","点我")`);
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });
});
