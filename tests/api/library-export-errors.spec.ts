import { Role } from '@zj/shared';
import ExcelJS from 'exceljs';
import { request as httpRequest } from 'node:http';
import type { DataSource, QueryRunner } from 'typeorm';
import { createProject, uniq } from '../support/library-factories';
import { Session, startTestApp, TestApp } from '../support/test-app';

/** What a real HTTP client saw of one download: the answer, and whether the body ended properly. */
interface Download {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** complete: the response ended; aborted: the connection broke before the end; timeout: it hung. */
  outcome: 'complete' | 'aborted' | 'timeout';
}

/**
 * GETs `url` with a plain node:http client, giving up after `timeoutMs` (a hanging response is the
 * defect, so it must end the test rather than the test runner's timeout). `onFirstBytes` runs
 * when the first body bytes arrive.
 */
function download(url: string, headers: Record<string, string>, timeoutMs: number, onFirstBytes?: () => void): Promise<Download> {
  return new Promise((resolve) => {
    let settled = false;
    let status = 0;
    let resHeaders: Download['headers'] = {};
    const chunks: Buffer[] = [];
    const done = (outcome: Download['outcome']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ status, headers: resHeaders, body: Buffer.concat(chunks), outcome });
    };
    const req = httpRequest(url, { headers }, (res) => {
      status = res.statusCode ?? 0;
      resHeaders = res.headers;
      res.on('data', (c: Buffer) => {
        if (!chunks.length) onFirstBytes?.();
        chunks.push(c);
      });
      res.on('end', () => done('complete'));
      res.on('aborted', () => done('aborted'));
      res.on('error', () => done('aborted'));
      res.on('close', () => done(res.complete ? 'complete' : 'aborted'));
    });
    req.on('error', () => done('aborted'));
    const timer = setTimeout(() => {
      done('timeout');
      req.destroy();
    }, timeoutMs);
    req.end();
  });
}

/**
 * Defect 5 of issue 13: the library export sent 200 headers and then hung when the database failed.
 * An error before the first byte must answer in the error shape; an error once the file is flowing
 * must break the connection (a failed download), never a 200 that hangs or a file that looks whole.
 */
describe('library export: database errors before and during the download', () => {
  let app: TestApp;
  let base: string;
  let ent: Session;
  let name: string;
  /** Failure injection: the next export query whose SQL contains `sql` fails in PostgreSQL itself. */
  let inject: { sql: string; before?: Promise<void> } | null = null;

  beforeAll(async () => {
    app = await startTestApp();
    base = await app.listen();
    ent = await app.userWithRole(Role.ENTERPRISE, { divisionCode: '440803' });
    name = `导出故障测试${uniq()}`;
    await createProject(app, ent, { name });
    const realQuery = app.dataSource.query.bind(app.dataSource);
    jest.spyOn(app.dataSource, 'query').mockImplementation(async (sql: string, params?: Parameters<DataSource['query']>[1], runner?: QueryRunner) => {
      const hit = inject && sql.includes(inject.sql) ? inject : null;
      if (hit) {
        inject = null;
        await hit.before;
        // A real database error (division by zero), raised by PostgreSQL through the driver.
        return realQuery('SELECT 1 / 0 AS boom');
      }
      return realQuery(sql, params, runner);
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await app?.close();
  });

  const exportUrl = (q: string) => `${base}/api/v1/library/export/projects?q=${q}`;

  it('the export works: a complete .xlsx with the project', async () => {
    const res = await download(exportUrl(encodeURIComponent(name)), ent.auth, 15_000);
    expect(res).toMatchObject({ status: 200, outcome: 'complete' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.getWorksheet('项目')!.getRow(2).getCell(2).value).toBe(name);
  });

  it('a database error before the first byte answers 500 in the error shape, at once', async () => {
    inject = { sql: 'FROM project_categories' };
    const res = await download(exportUrl(encodeURIComponent(name)), ent.auth, 10_000);
    expect(inject).toBeNull(); // the failure was injected
    expect(res.outcome).toBe('complete');
    expect(res.status).toBe(500);
    expect(String(res.headers['content-type'])).toMatch(/application\/json/);
    const body = JSON.parse(res.body.toString('utf8'));
    expect(body).toEqual({ error: { code: 'INTERNAL', message: expect.stringContaining('服务器内部错误'), requestId: expect.any(String) } });
  });

  it('q=%00 (a value PostgreSQL refuses) answers in the error shape instead of hanging', async () => {
    const res = await download(exportUrl('%00'), ent.auth, 10_000);
    expect(res.outcome).toBe('complete');
    // 400 once input with NUL bytes is refused before any route runs; 500 when the database refuses it.
    expect([400, 500]).toContain(res.status);
    expect(JSON.parse(res.body.toString('utf8')).error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) }));
  });

  it('a database error once the file is flowing breaks the connection: a failed download, not a hang or a file that looks whole', async () => {
    let firstBytes!: () => void;
    const received = new Promise<void>((r) => (firstBytes = r));
    // The query after the project sheet fails, but only once the client holds the first bytes.
    inject = { sql: 'FROM financing_needs n', before: received };
    const res = await download(exportUrl(encodeURIComponent(name)), ent.auth, 10_000, () => firstBytes());
    expect(inject).toBeNull();
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.outcome).toBe('aborted');
    // What arrived is not a readable workbook.
    await expect(new ExcelJS.Workbook().xlsx.load(res.body as unknown as ArrayBuffer)).rejects.toThrow();
    // The API carries on.
    const again = await download(exportUrl(encodeURIComponent(name)), ent.auth, 15_000);
    expect(again).toMatchObject({ status: 200, outcome: 'complete' });
  });
});
