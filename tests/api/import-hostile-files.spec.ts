import { Role } from '@zj/shared';
import { randomUUID } from 'node:crypto';
import { assembleZip, streamedPart } from '../fixtures/zip';
import { creditCodeFactory } from '../support/factories';
import { importFile, uniq } from '../support/library-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

/**
 * Hostile .xlsx files (issue 13, defect 4): cheap to send, expensive to read. Each file is built here
 * in memory, deflated as it is generated (the test never holds the inflated content), and must be
 * refused fast: the uncompressed sizes are checked before anything is inflated, a part that inflates
 * beyond what its directory declares is cut off, and reading stops at the row cap.
 */

const DIV = '440811'; // 麻章区
const MB = 1024 * 1024;

interface ZipEntry {
  name: string;
  /** The entry's content, generated chunk by chunk. */
  chunks: () => Iterable<Buffer>;
  /** What the zip's headers claim the uncompressed size is (a lie when set). */
  declaredSize?: number;
}

/** A plain zip (deflated entries, no data descriptors). Entries go in the order given: Excel writes the sheets before the shared strings. */
async function buildZip(entries: ZipEntry[]): Promise<Buffer> {
  const parts = [];
  for (const e of entries) parts.push({ ...(await streamedPart(e.name, e.chunks(), { level: 9, memLevel: 9 })), declaredSize: e.declaredSize });
  return assembleZip(parts);
}

const text = (s: string) => () => [Buffer.from(s, 'utf8')];
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The parts every workbook has: one sheet named 企业 (xl/worksheets/sheet1.xml). */
function skeleton(): ZipEntry[] {
  return [
    {
      name: '[Content_Types].xml',
      chunks: text(
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
          `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
          `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
          `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      chunks: text(`${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: text(
        `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/workbook.xml', chunks: text(`${XML}<workbook ${NS}><sheets><sheet name="企业" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
  ];
}

/**
 * A shared-strings part: the two headers 统一社会信用代码 and 企业名称 (0, 1), a credit code (2), then one
 * string of `bytes` letters (3), generated 1 MB at a time.
 */
function hugeSharedString(bytes: number, declaredSize?: number): ZipEntry {
  return {
    name: 'xl/sharedStrings.xml',
    declaredSize,
    *chunks() {
      yield Buffer.from(`${XML}<sst ${NS} count="4" uniqueCount="4"><si><t>统一社会信用代码*</t></si><si><t>企业名称*</t></si><si><t>91440800MA00000000</t></si><si><t>`);
      const block = Buffer.alloc(MB, 'A');
      for (let left = bytes; left > 0; left -= MB) yield left >= MB ? block : block.subarray(0, left);
      yield Buffer.from('</t></si></sst>');
    },
  };
}

/** A sheet with the header row (shared strings 0 and 1) and one row: the credit code (2) and the huge name (3). */
const sheetWithHugeName: ZipEntry = {
  name: 'xl/worksheets/sheet1.xml',
  chunks: text(`${XML}<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row></sheetData></worksheet>`),
};

/** A sheet whose first row is the header 统一社会信用代码 (shared string 0), then `rows` rows of shared string 1. */
function sheetWithRows(rows: number): ZipEntry {
  return {
    name: 'xl/worksheets/sheet1.xml',
    *chunks() {
      yield Buffer.from(`${XML}<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>`);
      let parts: string[] = [];
      for (let r = 2; r <= rows + 1; r++) {
        parts.push(`<row r="${r}"><c r="A${r}" t="s"><v>1</v></c></row>`);
        if (parts.length === 20_000) {
          yield Buffer.from(parts.join(''));
          parts = [];
        }
      }
      yield Buffer.from(`${parts.join('')}</sheetData></worksheet>`);
    },
  };
}

const smallStrings: ZipEntry = {
  name: 'xl/sharedStrings.xml',
  chunks: text(`${XML}<sst ${NS} count="2" uniqueCount="2"><si><t>统一社会信用代码*</t></si><si><t>91440800MA00000000</t></si></sst>`),
};

describe('library import: hostile files are refused cheaply (issue 13, defect 4)', () => {
  let app: TestApp;
  let county: Session;
  const post = (s: Session, buf: Buffer, mode = 'validate', extra = '') =>
    app.http.post(`/api/v1/projects/import?mode=${mode}${extra}`).set(s.auth).attach('file', buf, '项目汇总.xlsx');

  beforeAll(async () => {
    app = await startTestApp();
    county = await app.userWithRole(Role.COUNTY, { divisionCode: DIV });
  });
  afterAll(() => app.close());

  it('a 200 KB file holding a 200 MB shared string is refused from its zip directory (before inflating anything), naming the limit', async () => {
    const file = await buildZip([...skeleton(), sheetWithHugeName, hugeSharedString(200 * MB)]);
    expect(file.length).toBeLessThan(400 * 1024);
    const res = await post(county, file);
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'LIBRARY_IMPORT_UNCOMPRESSED_TOO_LARGE', requestId: expect.any(String) });
    expect(res.body.error.message).toMatch(/解压后.*MB/);
    // async mode checks it before starting a job too
    const a = await post(county, file, 'validate', '&async=true');
    expect(a.status).toBe(413);
  });

  it('a part that inflates beyond the size its directory declares is cut off, not inflated whole', async () => {
    const file = await buildZip([...skeleton(), sheetWithHugeName, hugeSharedString(200 * MB, 4_000)]);
    const res = await post(county, file);
    expect([400, 413]).toContain(res.status);
    expect(res.body.error.code).toMatch(/^LIBRARY_IMPORT_/);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a sheet of 2,000,000 rows (110 MB of XML, within the size limits) stops at the 50,000-row cap instead of being read whole', async () => {
    const file = await buildZip([...skeleton(), sheetWithRows(2_000_000), smallStrings]);
    const res = await post(county, file);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('LIBRARY_IMPORT_TOO_MANY_ROWS');
    expect(res.body.error.message).toContain('50000');
  });

  it('one import per organisation at a time: 409 while one runs, for any user of the organisation; others are not blocked', async () => {
    const code = creditCodeFactory(DIV);
    const small = await importFile({ enterprises: [{ creditCode: code, name: `湛江并发导入${uniq()}有限公司`, division: '麻章区' }] });
    // A job of this organisation that is running (its heartbeat fresh), as another request or process leaves it.
    const runningJob = async (s: Session, heartbeatAgo: string) => {
      const id = randomUUID();
      const view = { id, status: 'RUNNING', mode: 'import-all', fileName: 'x.xlsx', phase: 'importing', totalRows: 10, processedRows: 1, errorCount: 0, errors: [], errorsTruncated: false, result: null, message: null, startedAt: new Date().toISOString(), finishedAt: null };
      await app.dataSource.query(`INSERT INTO import_jobs (id, user_id, view, heartbeat_at) VALUES ($1, $2, $3::jsonb, now() - $4::interval)`, [id, s.user.id, JSON.stringify(view), heartbeatAgo]);
      return id;
    };
    const colleague = await app.userWithRole(Role.COUNTY, { organizationId: county.organizationId });
    const id = await runningJob(colleague, '2 seconds');
    const busy = await post(county, small, 'import-all');
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: 'LIBRARY_IMPORT_ALREADY_RUNNING', message: expect.stringContaining('导入') });
    expect((await post(county, small, 'validate', '&async=true')).status).toBe(409);
    // another organisation imports meanwhile
    const other = await app.userWithRole(Role.COUNTY, { divisionCode: DIV });
    expect((await post(other, small, 'validate')).status).toBe(200);
    // when it ends (or its process died: heartbeat stale), the organisation imports again
    await app.dataSource.query(`UPDATE import_jobs SET heartbeat_at = now() - interval '5 minutes' WHERE id = $1`, [id]);
    const ok = await post(county, small, 'import-all');
    expect(ok.status).toBe(200);
    expect(ok.body.job.status).toBe('DONE');
  });
});
