import { ImportSheet } from '@zj/shared';
import ExcelJS from 'exceljs';
import { ENTERPRISE_COLUMNS, headerText } from './columns';
import { readImportFile, SpreadsheetError } from './xlsx-reader';
import { assembleZip, streamedPart } from '../../../../tests/fixtures/zip';
import { readImportFileInThread } from './xlsx-thread';

/** A minimal zip of deflated entries, each generated chunk by chunk. */
async function zipOf(entries: { name: string; chunks: Iterable<string> }[]): Promise<Buffer> {
  const parts = [];
  for (const e of entries) parts.push(await streamedPart(e.name, e.chunks, { level: 6 }));
  return assembleZip(parts);
}

describe('reading an import file in a worker thread with a memory bound', () => {
  it('answers what the reader answers in the process', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.columns = ENTERPRISE_COLUMNS.map((c) => ({ header: headerText(c), key: c.key }));
    ws.addRow({ creditCode: '91440800MA00000001', name: '湛江测试有限公司', division: '麻章区', registeredCapital: 2000, envDisclosure: true });
    ws.addRow({ creditCode: '91440800MA00000002', name: '湛江测试二公司', division: '霞山区', contactName: { formula: 'A1' } as unknown as string });
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const progress: number[] = [];
    const inThread = await readImportFileInThread(file, (n) => progress.push(n));
    expect(inThread).toEqual(await readImportFile(file));
    expect(inThread.rows[ImportSheet.ENTERPRISES]).toHaveLength(2);
    expect(inThread.rows[ImportSheet.ENTERPRISES][0].cells).toMatchObject({ creditCode: '91440800MA00000001', registeredCapital: '2000', envDisclosure: '是' });
    expect(inThread.rows[ImportSheet.ENTERPRISES][1].formulas).toEqual(['contactName']);
    expect(progress).toEqual([2]);
  });

  it('a file needing more memory than the bound ends its thread with a refusal, not the process', async () => {
    const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const STRINGS = 1_500_000;
    const file = await zipOf([
      { name: 'xl/workbook.xml', chunks: [`<workbook ${NS}><sheets><sheet name="企业" sheetId="1" r:id="rId1"/></sheets></workbook>`] },
      {
        name: 'xl/_rels/workbook.xml.rels',
        chunks: [
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        ],
      },
      { name: 'xl/worksheets/sheet1.xml', chunks: [`<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`] },
      {
        name: 'xl/sharedStrings.xml',
        chunks: (function* () {
          yield `<sst ${NS}>`;
          for (let i = 0; i < STRINGS; i += 10_000) {
            let s = '';
            for (let j = i; j < i + 10_000; j++) s += `<si><t>字符串${j}</t></si>`;
            yield s;
          }
          yield '</sst>';
        })(),
      },
    ]);
    const err = await readImportFileInThread(file, undefined, { memoryMb: 32, threads: 1, timeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpreadsheetError);
    expect(err).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('内存超过 32 MB') });
  });
});
