import { IMPORT_MAX_ROWS, ImportRowError, ImportSheet } from '@zj/shared';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { ColumnDef, normaliseHeader, SHEETS } from './columns';
import { RawRow } from './row-rules';

export class SpreadsheetError extends Error {
  constructor(
    readonly code: 'CORRUPT' | 'EMPTY' | 'TOO_MANY_ROWS' | 'NO_SHEETS',
    message: string,
  ) {
    super(message);
  }
}

export interface ReadResult {
  rows: Record<ImportSheet, RawRow[]>;
  /** Header problems: missing required columns. */
  headerErrors: ImportRowError[];
}

/** A cell's text, and whether it held a formula. Dates become YYYY-MM-DD. */
export function cellText(value: unknown): { text: string; formula: boolean } {
  if (value === null || value === undefined) return { text: '', formula: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false };
  if (typeof value === 'number') return { text: Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15))), formula: false };
  if (typeof value === 'boolean') return { text: value ? '是' : '否', formula: false };
  if (typeof value === 'string') return { text: value.trim(), formula: false };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) return { text: '', formula: true };
    if (Array.isArray(v.richText)) return { text: (v.richText as { text: string }[]).map((r) => r.text).join('').trim(), formula: false };
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return { text: String(v.error), formula: false };
  }
  return { text: String(value).trim(), formula: false };
}

/**
 * Reads the three sheets of an import file with exceljs' streaming reader (shared strings cached,
 * styles ignored), row by row, mapping cells to column keys by the header row. `onRow` reports progress.
 */
export async function readImportFile(content: Buffer, onRow?: (n: number) => void): Promise<ReadResult> {
  const rows = { [ImportSheet.ENTERPRISES]: [], [ImportSheet.PROJECTS]: [], [ImportSheet.NEEDS]: [] } as Record<ImportSheet, RawRow[]>;
  const headerErrors: ImportRowError[] = [];
  const seenSheets = new Set<ImportSheet>();
  let total = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(content), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name?.trim();
      const def = SHEETS.find((s) => s.sheet === name);
      if (!def) continue; // 说明 and other sheets are ignored
      seenSheets.add(def.sheet);
      let keys: (string | null)[] | null = null;
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        if (!keys) {
          keys = mapHeader(values, def.columns);
          for (const c of def.columns.filter((x) => x.required)) {
            if (!keys.includes(c.key)) headerErrors.push({ sheet: def.sheet, row: row.number, column: c.header, message: '缺少必填列，请使用平台提供的模板' });
          }
          continue;
        }
        const cells: Record<string, string> = {};
        const formulas: string[] = [];
        let any = false;
        for (let i = 1; i < values.length; i++) {
          const key = keys[i];
          if (!key) continue;
          const { text, formula } = cellText(values[i]);
          if (formula) formulas.push(key);
          if (text || formula) any = true;
          cells[key] = text;
        }
        if (!any) continue; // blank rows are skipped
        if ((cells.creditCode ?? '').startsWith('（示例')) continue; // the template's example rows
        total++;
        if (total > IMPORT_MAX_ROWS) throw new SpreadsheetError('TOO_MANY_ROWS', `文件超过 ${IMPORT_MAX_ROWS} 行，请分批导入`);
        rows[def.sheet].push({ row: row.number, cells, formulas });
        if (onRow && total % 500 === 0) onRow(total);
      }
    }
  } catch (e) {
    if (e instanceof SpreadsheetError) throw e;
    throw new SpreadsheetError('CORRUPT', '文件已损坏或不是有效的 Excel（.xlsx）文件');
  }
  if (!seenSheets.size) throw new SpreadsheetError('NO_SHEETS', `文件中没有“${SHEETS.map((s) => s.sheet).join('”“')}”工作表，请使用平台提供的模板`);
  if (!total) throw new SpreadsheetError('EMPTY', '文件中没有数据行');
  onRow?.(total);
  return { rows, headerErrors };
}

function mapHeader(values: unknown[], columns: ColumnDef[]): (string | null)[] {
  const keys: (string | null)[] = [];
  for (let i = 1; i < values.length; i++) {
    const h = normaliseHeader(cellText(values[i]).text);
    keys[i] = columns.find((c) => normaliseHeader(c.header) === h)?.key ?? null;
  }
  return keys;
}
