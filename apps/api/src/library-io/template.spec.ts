import { ImportSheet } from '@zj/shared';
import ExcelJS from 'exceljs';
import { buildTemplate } from './export.service';
import { readImportFile, SpreadsheetError } from './xlsx-reader';

describe('the import template and its catalogue version', () => {
  const catalogues = {
    versions: [
      { version: 'GIC-2019', name: '绿色产业指导目录（2019年版）' },
      { version: 'GFC-2025', name: '绿色金融支持项目目录（2025年版）' },
    ],
    current: 'GFC-2025',
    exampleCode: '7.1.1',
  };

  it('names the current version in the category header, offers every loaded version in the 分类标准 column, and reads back as such', async () => {
    const file = await buildTemplate(catalogues);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['企业', '项目', '融资需求', '说明']);
    const ws = wb.getWorksheet('项目')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers[4]).toBe('绿色产业分类代码（GFC-2025）*');
    expect(headers[15]).toBe('分类标准');
    expect(ws.getRow(2).getCell(5).value).toBe('7.1.1');
    expect(ws.getRow(2).getCell(16).value).toBe('GFC-2025');
    expect(ws.getCell('P2').dataValidation).toMatchObject({ type: 'list', formulae: ['"GIC-2019,GFC-2025"'] });
    expect(JSON.stringify(wb.getWorksheet('说明')!.getSheetValues())).toContain('本模板默认当前版本 GFC-2025');

    // As downloaded it holds only example rows; filled in, its rows carry the header's version.
    await expect(readImportFile(file)).rejects.toMatchObject({ code: 'EMPTY' } satisfies Partial<SpreadsheetError>);
    ws.addRow(['91440811MA17X00015', '红树林修复', '', '', '7.1.1', '拟建', '100']);
    const read = await readImportFile(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(read.layouts[ImportSheet.PROJECTS]).toMatchObject({ sheet: '项目', headerRow: 1, versionHint: 'GFC-2025' });
    expect(read.rows[ImportSheet.PROJECTS]).toEqual([{ row: 3, cells: { creditCode: '91440811MA17X00015', name: '红树林修复', categories: '7.1.1', stage: '拟建', totalInvestment: '100' }, formulas: [] }]);
    expect(read.columnErrors).toEqual([]);
  });
});
