import { Role } from '@zj/shared';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inflateEntry, readZipDirectory } from '../../apps/api/src/library-io/xlsx-zip';
import { creditCodeFactory } from '../support/factories';
import { uniq } from '../support/library-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';
import {
  CATALOGUE_2025,
  CATALOGUE_2025_CSV,
  countyWorkbookExcelJs,
  countyWorkbookOpenpyxlStyle,
  E1,
  E2,
  EXPECTED_ERRORS,
  HIDDEN_BAD,
  openpyxlStyleParts,
  P1,
  P2,
  P3,
  zipParts,
} from '../fixtures/county-workbook';
import { convertWithLibreOffice } from '../fixtures/make-libreoffice-fixture';

/**
 * Issue 17: county spreadsheets from every office suite, in every catalogue version. The same county
 * workbook written by exceljs, by an openpyxl-style writer (absolute part targets, inline strings)
 * and by LibreOffice (a checked-in file `soffice --headless --convert-to xlsx` produced) imports with
 * the same result; the category codes are checked against the catalogue version the file names.
 */

const DIV = '440811'; // 麻章区
const LIBREOFFICE_FIXTURE = path.join(__dirname, '../fixtures/county-libreoffice.xlsx');

interface RowError {
  sheet: string;
  row: number;
  column: string;
  value: string | null;
  message: string;
}

async function partText(file: Buffer, part: string): Promise<string> {
  const zip = readZipDirectory(file);
  const entry = zip.entries.get(part);
  if (!entry) return '';
  let s = '';
  for await (const chunk of inflateEntry(zip, entry)) s += chunk;
  return s;
}

/** A workbook with the template's sheet names and headers, written by exceljs (rows keyed by header). */
async function workbook(sheets: Record<string, { header: string[]; rows: unknown[][]; above?: unknown[][] }>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, s] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of s.above ?? []) ws.addRow(r);
    ws.addRow(s.header);
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('library import: county spreadsheets from every office suite, in every catalogue version (issue 17)', () => {
  let app: TestApp;
  let county: Session;
  const post = (s: Session, buf: Buffer, mode: string, name = '麻章区项目汇总.xlsx') => app.http.post(`/api/v1/projects/import?mode=${mode}`).set(s.auth).attach('file', buf, name);

  beforeAll(async () => {
    app = await startTestApp();
    county = await app.userWithRole(Role.COUNTY, { divisionCode: DIV });
    // The 2025 catalogue, loaded as the bureau loads a catalogue version (without a date in force: it does not become the current version for other tests).
    const admin = await app.admin();
    const loaded = await app.http
      .post('/api/v1/reference/taxonomies')
      .set(admin.auth)
      .field('version', CATALOGUE_2025.version)
      .field('name', CATALOGUE_2025.name)
      .attach('file', Buffer.from(CATALOGUE_2025_CSV), 'catalogue-2025.csv');
    expect([201, 409]).toContain(loaded.status);
    const cats = await app.http.get(`/api/v1/reference/taxonomies/${CATALOGUE_2025.version}/categories`);
    expect(cats.body.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['7.1.1', '8.1.1']));
  });
  afterAll(() => app.close());

  it('an openpyxl workbook (absolute part targets, inline strings, no shared strings) is read like any other, as is one whose targets are written ./ in another case', async () => {
    const parts = openpyxlStyleParts().filter((p) => !p.name.startsWith('xl/worksheets/'));
    const build = (code: string, name: string, target: (t: string) => string) =>
      zipParts([
        ...parts.map((p) =>
          p.name === 'xl/workbook.xml'
            ? { ...p, data: p.data.replace(/<sheets>.*<\/sheets>/, '<sheets><sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" name="企业" sheetId="1" state="visible" r:id="rId1"/></sheets>') }
            : p.name === 'xl/_rels/workbook.xml.rels'
              ? { ...p, data: p.data.replace(/<Relationship Id="rId[2-9]" Type="[^"]*\/worksheet"[^>]*\/>/g, '').replace(/Target="([^"]*)"/g, (_, t: string) => `Target="${target(t)}"`) }
              : p,
        ),
        {
          name: 'xl/worksheets/sheet1.xml',
          data: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>统一社会信用代码*</t></is></c><c r="B1" t="inlineStr"><is><t>企业名称*</t></is></c><c r="C1" t="inlineStr"><is><t>所在县（市、区）*</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>${code}</t></is></c><c r="B2" t="inlineStr"><is><r><t>${name.slice(0, 4)}</t></r><r><t>${name.slice(4)}</t></r></is></c><c r="C2" t="inlineStr"><is><t>麻章区</t></is></c></row>
          </sheetData></worksheet>`,
        },
      ]);
    const variants: [string, (t: string) => string][] = [
      ['absolute, as openpyxl writes them', (t) => t],
      ['relative, ./ and another letter case (OPC part names compare case-insensitively)', (t) => t.replace('/xl/', './').replace('sheet1', 'Sheet1').replace('styles', 'Styles')],
    ];
    for (const [how, target] of variants) {
      const code = creditCodeFactory(DIV);
      const name = `湛江openpyxl测试${uniq()}有限公司`;
      const file = build(code, name, target);
      expect({ how, rels: await partText(file, 'xl/_rels/workbook.xml.rels') }).toEqual({ how, rels: expect.stringContaining(`Target="${target('/xl/worksheets/sheet1.xml')}"`) });
      const res = await post(county, file, 'import-all');
      expect({ how, status: res.status, job: res.body.job }).toMatchObject({ how, status: 200, job: { status: 'DONE', errorCount: 0, result: { enterprises: { created: 1 } } } });
      const [org] = await app.dataSource.query('SELECT name, division_code FROM organizations WHERE credit_code = $1', [code]);
      expect(org).toEqual({ name, division_code: DIV });
    }
  });

  it('the same county workbook written by exceljs, an openpyxl-style writer and LibreOffice validates to the same rows and the same errors', async () => {
    const libre = readFileSync(LIBREOFFICE_FIXTURE);
    // The checked-in file is LibreOffice's own: its application name and styles, shared strings, relative targets.
    expect(await partText(libre, 'docProps/app.xml')).toContain('<Application>LibreOffice/');
    expect(await partText(libre, 'xl/workbook.xml')).toContain('<fileVersion appName="Calc"/>');
    const openpyxl = countyWorkbookOpenpyxlStyle();
    expect(await partText(openpyxl, 'xl/_rels/workbook.xml.rels')).toContain('Target="/xl/worksheets/sheet1.xml"');
    expect(await partText(openpyxl, 'xl/worksheets/sheet1.xml')).toContain('t="inlineStr"');
    expect(await partText(openpyxl, 'xl/sharedStrings.xml')).toBe('');

    const files: Record<string, Buffer> = { exceljs: await countyWorkbookExcelJs(), openpyxl, libreoffice: libre };
    // Where LibreOffice is installed (apt-get install libreoffice-calc-nogui), a file it converts now answers the same too.
    if (spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0) {
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'county-')), 'converted.xlsx');
      await convertWithLibreOffice(files.exceljs, out);
      files.libreofficeNow = readFileSync(out);
    }
    const answers: Record<string, { status: string; totalRows: number; errors: RowError[] }> = {};
    for (const [writer, file] of Object.entries(files)) {
      const res = await post(county, file, 'validate');
      expect({ writer, status: res.status }).toEqual({ writer, status: 200 });
      answers[writer] = { status: res.body.job.status, totalRows: res.body.job.totalRows, errors: res.body.job.errors };
    }
    // 2 enterprises (the hidden old copy is not read), 3 projects, 2 needs (the sign-off line under the table is not a row).
    expect(answers.exceljs).toMatchObject({ status: 'DONE', totalRows: 7 });
    expect(answers.openpyxl).toEqual(answers.exceljs);
    expect(answers.libreoffice).toEqual(answers.exceljs);
    if (answers.libreofficeNow) expect(answers.libreofficeNow).toEqual(answers.exceljs);

    const errors = answers.exceljs.errors;
    expect(errors.map(({ sheet, row, column, value }) => ({ sheet, row, column, value }))).toEqual(EXPECTED_ERRORS);
    const [unknownColumn, otherCatalogue, notWholeWan] = errors.map((e) => e.message);
    // a header it cannot map, by name (and where: the row of the header, under the title row)
    expect(unknownColumn).toContain('无法识别的列名');
    expect(unknownColumn).toContain('I列');
    // a 2019 code in a 2025 workbook names both versions
    expect(otherCatalogue).toContain('GFC-2025');
    expect(otherCatalogue).toContain('GIC-2019');
    expect(otherCatalogue).toContain('分类标准');
    // 1234567.89 元 is 123.456789 万元: not storable as 万元 with two decimals, said exactly
    expect(notWholeWan).toContain('123.456789 万元');
    expect(errors.some((e) => e.value === HIDDEN_BAD)).toBe(false);
  });

  it('imports: 元 becomes 万元 exactly, dates stored either way, full-width digits, two catalogue versions; the other writers’ files then change nothing', async () => {
    const res = await post(county, readFileSync(LIBREOFFICE_FIXTURE), 'import-valid');
    expect(res.body.job).toMatchObject({ status: 'DONE', errorCount: 3, result: { enterprises: { created: 2 }, projects: { created: 2 }, needs: { created: 1 } } });

    const orgs = await app.dataSource.query(
      `SELECT o.credit_code, o.name, o.division_code, ep.registered_capital::text, ep.contact_phone, ep.size FROM organizations o JOIN enterprise_profiles ep ON ep.organization_id = o.id WHERE o.credit_code = ANY($1) ORDER BY o.credit_code`,
      [[E1, E2, HIDDEN_BAD]],
    );
    expect(orgs).toEqual([
      { credit_code: E1, name: '湛江绿源光伏科技有限公司', division_code: DIV, registered_capital: '2000.00', contact_phone: '0759-1234567', size: 'SMALL' },
      { credit_code: E2, name: '湛江蓝湾生态修复有限公司', division_code: DIV, registered_capital: '350.00', contact_phone: '13800138000', size: 'MEDIUM' },
    ]);
    const projects = await app.dataSource.query(
      `SELECT p.name, p.total_investment::text AS total, to_char(p.construction_start, 'YYYY-MM-DD') AS start, to_char(p.construction_end, 'YYYY-MM-DD') AS "end",
              p.primary_category_version AS version, p.primary_category_code AS code, p.division_code, p.stage,
              (SELECT string_agg(pc.taxonomy_version || ' ' || pc.code, ',') FROM project_categories pc WHERE pc.project_id = p.id) AS cats
         FROM projects p JOIN organizations o ON o.id = p.enterprise_org_id WHERE o.credit_code = ANY($1) ORDER BY p.name`,
      [[E1, E2]],
    );
    expect(projects).toEqual([
      { name: P1, total: '4800.00', start: '2026-05-01', end: '2026-12-31', version: 'GIC-2019', code: '3.2.2', division_code: DIV, stage: 'UNDER_CONSTRUCTION', cats: 'GIC-2019 3.2.2' },
      { name: P2, total: '1234.56', start: '2026-05-01', end: '2027-06-30', version: CATALOGUE_2025.version, code: '7.1.1', division_code: DIV, stage: 'PLANNED', cats: `${CATALOGUE_2025.version} 7.1.1` },
    ]);
    expect(projects.some((p: { name: string }) => p.name === P3)).toBe(false);
    const needs = await app.dataSource.query(
      `SELECT n.amount::text, n.term_months, n.instrument, n.max_rate_percent::text AS rate, to_char(n.wanted_by, 'YYYY-MM-DD') AS wanted, n.sharing, n.collateral, p.name AS project
         FROM financing_needs n JOIN organizations o ON o.id = n.enterprise_org_id JOIN projects p ON p.id = n.project_id WHERE o.credit_code = ANY($1)`,
      [[E1, E2]],
    );
    expect(needs).toEqual([{ amount: '3000.00', term_months: 96, instrument: 'LOAN', rate: '3.85', wanted: '2030-06-30', sharing: 'ALL_BANKS', collateral: ['RECEIVABLES', 'EQUIPMENT'], project: P1 }]);

    // The same content from the two other writers: nothing new, nothing changed.
    for (const file of [await countyWorkbookExcelJs(), countyWorkbookOpenpyxlStyle()]) {
      const again = await post(county, file, 'import-valid');
      expect(again.body.job).toMatchObject({
        status: 'DONE',
        errorCount: 3,
        result: { enterprises: { created: 0, updated: 0, unchanged: 2 }, projects: { created: 0, updated: 0, unchanged: 2 }, needs: { created: 0, unchanged: 1 } },
      });
    }
  });

  it('a 2025 workbook (the category header names the version) imports 2025 codes; a 2019 code there names both versions; a row may name its own version; an unknown version is refused by name', async () => {
    const code = creditCodeFactory(DIV);
    const a = `2025目录项目${uniq()}`;
    const b = `2019代码项目${uniq()}`;
    const c = `逐行版本项目${uniq()}`;
    const d = `未知版本项目${uniq()}`;
    const file = await workbook({
      企业: { header: ['统一社会信用代码*', '企业名称*', '所在县（市、区）*'], rows: [[code, `湛江目录测试${uniq()}有限公司`, '麻章区']] },
      项目: {
        header: ['企业统一社会信用代码*', '项目名称*', `绿色产业分类代码（${CATALOGUE_2025.version}）*`, '项目阶段*', '总投资（万元）*', '分类标准'],
        rows: [
          [code, a, '8.1.1', '在建', '100', ''],
          [code, b, '5.2.2', '在建', '100', ''],
          [code, c, '5.2.2', '在建', '100', '2019年版'],
          [code, d, '5.2.2', '在建', '100', 'GXX-2030'],
        ],
      },
    });
    const res = await post(county, file, 'import-valid');
    expect(res.body.job).toMatchObject({ status: 'DONE', errorCount: 2, result: { projects: { created: 2 } } });
    const [e1, e2] = res.body.job.errors as RowError[];
    expect(e1).toMatchObject({ sheet: '项目', row: 3, column: `绿色产业分类代码（${CATALOGUE_2025.version}）`, value: '5.2.2' });
    expect(e1.message).toMatch(new RegExp(`不是《${CATALOGUE_2025.name}》（${CATALOGUE_2025.version}）的三级分类.*《绿色产业指导目录（2019年版）》（GIC-2019）`));
    expect(e2).toMatchObject({ sheet: '项目', row: 5, column: '分类标准', value: 'GXX-2030' });
    expect(e2.message).toContain('不是平台已加载的分类标准');
    expect(e2.message).toContain(CATALOGUE_2025.version);
    const rows = await app.dataSource.query(`SELECT name, primary_category_version AS v, primary_category_code AS code FROM projects WHERE name = ANY($1) ORDER BY name`, [[a, c]]);
    expect(rows).toEqual(expect.arrayContaining([{ name: a, v: CATALOGUE_2025.version, code: '8.1.1' }, { name: c, v: 'GIC-2019', code: '5.2.2' }]));

    // A header naming a version the platform has not loaded stops the import, naming the header.
    const unknown = await workbook({ 项目: { header: ['企业统一社会信用代码*', '项目名称*', '绿色产业分类代码（GXX-2030）*', '项目阶段*', '总投资（万元）*'], rows: [[code, a, '8.1.1', '在建', '100']] } });
    const refused = await post(county, unknown, 'validate');
    expect(refused.body.job).toMatchObject({ status: 'REJECTED', errorCount: 1 });
    expect(refused.body.job.errors[0]).toMatchObject({ sheet: '项目', row: 1, column: '绿色产业分类代码（GXX-2030）', value: 'GXX-2030' });
  });

  it('the template offers the current catalogue version by default and lists every loaded one; a filled-in template imports', async () => {
    const res = await app.http
      .get('/api/v1/projects/import/template')
      .set(county.auth)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (ch: Buffer) => chunks.push(ch));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const versions: { version: string; effectiveFrom: string | null }[] = (await app.http.get('/api/v1/reference/taxonomies')).body;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const inForce = versions.filter((v) => !v.effectiveFrom || v.effectiveFrom <= today);
    inForce.sort((x, y) => (x.effectiveFrom === y.effectiveFrom ? y.version.localeCompare(x.version) : !x.effectiveFrom ? 1 : !y.effectiveFrom ? -1 : y.effectiveFrom.localeCompare(x.effectiveFrom)));
    const current = inForce[0].version;

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('项目')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain(`绿色产业分类代码（${current}）*`);
    expect(headers[headers.length - 1]).toBe('分类标准');
    const list = ws.getCell(`${String.fromCharCode(64 + headers.length)}2`).dataValidation;
    expect(list).toMatchObject({ type: 'list' });
    expect(list.formulae?.[0]).toContain(CATALOGUE_2025.version);
    expect(list.formulae?.[0]).toContain('GIC-2019');
    expect(JSON.stringify(wb.getWorksheet('说明')!.getSheetValues())).toContain(CATALOGUE_2025.version);

    // Filled in the way a clerk does: the example rows left in, rows added below.
    const code = creditCodeFactory(DIV);
    const codes: { code: string; level: number }[] = (await app.http.get(`/api/v1/reference/taxonomies/${current}/categories`)).body;
    const level3 = codes.find((x) => x.level === 3)!.code;
    wb.getWorksheet('企业')!.addRow([code, `湛江模板测试${uniq()}有限公司`, '麻章区']);
    ws.addRow([code, `模板项目${uniq()}`, '', '', level3, '拟建', '300']);
    const filled = await post(county, Buffer.from(await wb.xlsx.writeBuffer()), 'import-all');
    expect(filled.body.job).toMatchObject({ status: 'DONE', errorCount: 0, result: { enterprises: { created: 1 }, projects: { created: 1 } } });
  });

  it('an old .xls, a CSV (by its name or its content) and an .ods answer how to save the file as .xlsx', async () => {
    const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]);
    const cases: [Buffer, string, RegExp][] = [
      [ole2, '项目汇总.xls', /旧版 Excel 97-2003（\.xls）/],
      [ole2, '项目汇总.xlsx', /旧版 Excel 97-2003（\.xls）.*打开密码/],
      [Buffer.from('统一社会信用代码,企业名称\n91440811MA17X00015,湛江某公司\n'), '企业.csv', /CSV 文本文件/],
      [Buffer.from('统一社会信用代码,企业名称\n91440811MA17X00015,湛江某公司\n'), '企业.xlsx', /CSV 文本/],
      [Buffer.from('PK\u0003\u0004 not really'), '项目.ods', /OpenDocument/],
    ];
    for (const [buf, name, pattern] of cases) {
      const res = await post(county, buf, 'validate', name);
      expect({ name, status: res.status, code: res.body.error?.code }).toEqual({ name, status: 400, code: 'LIBRARY_IMPORT_FILE_TYPE' });
      expect(res.body.error.message).toMatch(pattern);
      expect(res.body.error.message).toContain('另存为');
      expect(res.body.error.message).toContain('Excel 工作簿（*.xlsx）');
      expect(res.body.error.message).toMatch(/WPS.*Excel.*LibreOffice/);
    }
  });

  it('columns found by their words: a title row above the header, synonyms, a unit from a title row, unknown and repeated columns named; import-valid imports the rows, import-all does not', async () => {
    const code = creditCodeFactory(DIV);
    const name = `湛江同义词测试${uniq()}有限公司`;
    const file = await workbook({
      企业名录: {
        above: [['麻章区企业名录'], ['金额单位：元']],
        header: ['序号', '社会信用代码', '公司名称', '县区', '注册资金', '手机', '联系电话', '法人代表'],
        rows: [[1, code, name, '湛江市麻章区', '5,000,000', '13800000000', '0759-7654321', '王五']],
      },
    });
    const v = await post(county, file, 'validate');
    expect(v.body.job).toMatchObject({ status: 'DONE', totalRows: 1, errorCount: 2 });
    const errs = (v.body.job.errors as RowError[]).map((e) => `${e.sheet}${e.row}:${e.column}:${e.message.slice(0, 7)}`);
    expect(errs).toEqual(['企业名录3:联系电话:与F列“手机”', '企业名录3:法人代表:无法识别的列名']);
    expect((await post(county, file, 'import-all')).body.job.status).toBe('REJECTED');
    const ok = await post(county, file, 'import-valid');
    expect(ok.body.job).toMatchObject({ status: 'DONE', result: { enterprises: { created: 1 } } });
    const [org] = await app.dataSource.query('SELECT o.division_code, ep.registered_capital::text AS cap, ep.contact_phone FROM organizations o JOIN enterprise_profiles ep ON ep.organization_id = o.id WHERE o.credit_code = $1', [code]);
    expect(org).toEqual({ division_code: DIV, cap: '500.00', contact_phone: '13800000000' });
  });
});
