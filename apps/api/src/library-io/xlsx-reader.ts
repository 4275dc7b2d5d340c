import { IMPORT_MAX_ROWS, ImportRowError, ImportSheet } from '@zj/shared';
import { SaxesParser, SaxesTagPlain } from 'saxes';
import { ColumnDef, normaliseHeader, SHEETS } from './columns';
import { RawRow } from './row-rules';
import { inflateEntry, readZipDirectory, ZipDirectory, ZipEntry, ZipError } from './xlsx-zip';

export class SpreadsheetError extends Error {
  constructor(
    readonly code: 'CORRUPT' | 'EMPTY' | 'TOO_MANY_ROWS' | 'NO_SHEETS' | 'TOO_LARGE' | 'CELL_TOO_LONG',
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

/** Excel's own limit on the text of a cell. */
export const MAX_CELL_CHARS = 32_767;
/** Characters of XML between two tags (a cell's text with its entities escaped stays well below). */
const MAX_TEXT_RUN = 8 * MAX_CELL_CHARS;
/** Columns of a sheet (XFD). */
const MAX_COLUMNS = 16_384;

const CORRUPT_MESSAGE = '文件已损坏或不是有效的 Excel（.xlsx）文件';
const cellTooLong = () => new SpreadsheetError('CELL_TOO_LONG', `文件中有单元格超过 ${MAX_CELL_CHARS} 个字符（Excel 单元格的上限），请检查后重新上传`);

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

/** Checks the container of an import file without inflating anything (sizes, parts); throws SpreadsheetError. */
export function openImportFile(content: Buffer): ZipDirectory {
  try {
    return readZipDirectory(content);
  } catch (e) {
    throw asSpreadsheetError(e);
  }
}

function asSpreadsheetError(e: unknown): SpreadsheetError {
  if (e instanceof SpreadsheetError) return e;
  if (e instanceof ZipError) return new SpreadsheetError(e.kind, e.message);
  return new SpreadsheetError('CORRUPT', CORRUPT_MESSAGE);
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Streams one XML part through saxes: `handlers` see the elements (local names) and text; after each
 * inflated chunk `afterChunk` runs (and may throw to stop: nothing more is inflated). A document type
 * (entity definitions) is refused, as is text running longer than a cell can hold.
 */
async function parsePart(
  zip: ZipDirectory,
  entry: ZipEntry,
  handlers: { open?: (name: string, attrs: Record<string, string>) => void; close?: (name: string) => void; text?: (t: string) => void },
  afterChunk?: () => void,
): Promise<void> {
  const parser = new SaxesParser({ position: false });
  let failure: unknown = null;
  const guard = (fn: () => void) => {
    if (failure) return;
    try {
      fn();
    } catch (e) {
      failure = e;
    }
  };
  parser.on('error', (e) => {
    failure ??= new SpreadsheetError('CORRUPT', `${CORRUPT_MESSAGE}（${entry.name.slice(0, 100)}：${e.message.slice(0, 100)}）`);
  });
  parser.on('doctype', () => {
    failure ??= new SpreadsheetError('CORRUPT', `${CORRUPT_MESSAGE}（不允许文档类型声明）`);
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (node) => guard(() => open(localName(node.name), (node as SaxesTagPlain).attributes as Record<string, string>)));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (node) => guard(() => close(localName(node.name))));
  }
  if (handlers.text) {
    const text = handlers.text;
    parser.on('text', (t) => guard(() => text(t)));
    parser.on('cdata', (t) => guard(() => text(t)));
  }
  // Saxes gathers a text node whole before handing it over: runs of text are bounded here first.
  let run = 0;
  for await (const chunk of inflateEntry(zip, entry)) {
    const first = chunk.indexOf('<');
    if (run + (first < 0 ? chunk.length : first) > MAX_TEXT_RUN) throw cellTooLong();
    run = first < 0 ? run + chunk.length : chunk.length - chunk.lastIndexOf('<') - 1;
    parser.write(chunk);
    if (failure) throw failure;
    afterChunk?.();
  }
  parser.close();
  if (failure) throw failure;
}

interface Sheet {
  name: string;
  entry: ZipEntry;
}

/** The workbook's sheets (name → part, in the workbook's order) and its shared strings part. */
async function workbookParts(zip: ZipDirectory): Promise<{ sheets: Sheet[]; sharedStrings: ZipEntry | null }> {
  const workbook = zip.entries.get('xl/workbook.xml');
  const rels = zip.entries.get('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw new SpreadsheetError('CORRUPT', CORRUPT_MESSAGE);
  const targets = new Map<string, { type: string; part: string }>();
  await parsePart(zip, rels, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target) return;
      const part = a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`;
      targets.set(a.Id, { type: a.Type ?? '', part: part.replace(/[^/]+\/\.\.\//g, '') });
    },
  });
  const declared: { name: string; rid: string }[] = [];
  await parsePart(zip, workbook, {
    open(name, a) {
      if (name !== 'sheet') return;
      const rid = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
      if (a.name && rid) declared.push({ name: a.name.trim(), rid });
    },
  });
  const sheets: Sheet[] = [];
  for (const d of declared) {
    const entry = zip.entries.get(targets.get(d.rid)?.part ?? '');
    if (entry) sheets.push({ name: d.name, entry });
  }
  const ssPart = [...targets.values()].find((t) => t.type.endsWith('/sharedStrings'))?.part ?? 'xl/sharedStrings.xml';
  return { sheets, sharedStrings: zip.entries.get(ssPart) ?? null };
}

/** The shared strings (rich text joined; phonetic runs left out). */
async function readSharedStrings(zip: ZipDirectory, entry: ZipEntry): Promise<string[]> {
  const strings: string[] = [];
  let current: string[] | null = null;
  let length = 0;
  let inText = false;
  let phonetic = 0;
  await parsePart(zip, entry, {
    open(name) {
      if (name === 'si') {
        current = [];
        length = 0;
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && current && !phonetic) inText = true;
    },
    close(name) {
      if (name === 'si' && current) {
        strings.push(current.join(''));
        current = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inText = false;
    },
    text(t) {
      if (!inText || !current) return;
      length += t.length;
      if (length > MAX_CELL_CHARS) throw cellTooLong();
      current.push(t);
    },
  });
  return strings;
}

/** A column reference's number (A → 1, XFD → 16384); 0 when it is not one. */
function columnOf(ref: string | undefined): number {
  if (!ref) return 0;
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
    if (n > MAX_COLUMNS) return MAX_COLUMNS + 1;
  }
  return n;
}

interface SheetRow {
  number: number;
  /** Cell values by column number, as exceljs' reader gives them (styles ignored: numbers stay numbers). */
  cells: [number, unknown][];
}

/**
 * Streams the rows of one sheet: `onRows` gets the rows parsed from each inflated chunk, and throws to
 * stop reading (the rest of the sheet is never inflated).
 */
async function readSheetRows(zip: ZipDirectory, entry: ZipEntry, shared: string[], onRows: (rows: SheetRow[]) => void): Promise<void> {
  let pending: SheetRow[] = [];
  let row: SheetRow | null = null;
  let lastRow = 0;
  let cell: { col: number; type: string; formula: boolean; value: string[] | null; length: number } | null = null;
  let lastCol = 0;
  let collecting: 'v' | 't' | null = null;
  let inInline = false;
  await parsePart(
    zip,
    entry,
    {
      open(name, a) {
        if (name === 'row') {
          const r = Number.parseInt(a.r ?? '', 10);
          lastRow = Number.isFinite(r) && r > 0 ? r : lastRow + 1;
          row = { number: lastRow, cells: [] };
          lastCol = 0;
        } else if (name === 'c' && row) {
          const col = columnOf(a.r) || lastCol + 1;
          lastCol = col;
          cell = { col, type: a.t ?? 'n', formula: false, value: null, length: 0 };
        } else if (cell) {
          if (name === 'f') cell.formula = true;
          else if (name === 'v') {
            collecting = 'v';
            cell.value = [];
          } else if (name === 'is') {
            inInline = true;
            cell.value = [];
          } else if (name === 't' && inInline) collecting = 't';
        }
      },
      text(t) {
        if (!collecting || !cell?.value) return;
        cell.length += t.length;
        if (cell.length > MAX_CELL_CHARS) throw cellTooLong();
        cell.value.push(t);
      },
      close(name) {
        if (name === 'v' || name === 't') collecting = null;
        else if (name === 'is') inInline = false;
        else if (name === 'c' && cell && row) {
          const c = cell;
          cell = null;
          if (c.col > MAX_COLUMNS) return;
          if (c.formula) return void row.cells.push([c.col, { formula: true }]);
          if (!c.value) return;
          const raw = c.value.join('');
          let value: unknown;
          switch (c.type) {
            case 's':
              value = shared[Number.parseInt(raw, 10)];
              break;
            case 'inlineStr':
            case 'str':
              value = raw;
              break;
            case 'e':
              value = { error: raw };
              break;
            case 'b':
              value = Number.parseInt(raw, 10) !== 0;
              break;
            case 'd':
              value = raw.slice(0, 10);
              break;
            default:
              value = Number.parseFloat(raw);
          }
          row.cells.push([c.col, value]);
        } else if (name === 'row' && row) {
          pending.push(row);
          row = null;
        }
      },
    },
    () => {
      if (!pending.length) return;
      const rows = pending;
      pending = [];
      onRows(rows);
    },
  );
  if (pending.length) onRows(pending);
}

/**
 * Reads the three sheets of an import file, streaming: the zip's directory is checked first
 * (`openImportFile`), the shared strings are read, then each template sheet row by row, mapping
 * cells to column keys by the header row. Reading stops at the first row past IMPORT_MAX_ROWS, and
 * no more of the file is inflated than what was read. `onRow` reports progress.
 */
export async function readImportFile(content: Buffer | ZipDirectory, onRow?: (n: number) => void): Promise<ReadResult> {
  const rows = { [ImportSheet.ENTERPRISES]: [], [ImportSheet.PROJECTS]: [], [ImportSheet.NEEDS]: [] } as Record<ImportSheet, RawRow[]>;
  const headerErrors: ImportRowError[] = [];
  const seenSheets = new Set<ImportSheet>();
  let total = 0;
  try {
    const zip = Buffer.isBuffer(content) ? openImportFile(content) : content;
    const { sheets, sharedStrings } = await workbookParts(zip);
    const wanted = sheets.map((s) => ({ ...s, def: SHEETS.find((d) => d.sheet === s.name) })).filter((s) => s.def);
    // 说明 and other sheets are ignored; their shared strings are read only when a template sheet needs them
    const shared = wanted.length && sharedStrings ? await readSharedStrings(zip, sharedStrings) : [];
    for (const { entry, def } of wanted) {
      if (!def || seenSheets.has(def.sheet)) continue;
      seenSheets.add(def.sheet);
      let keys: Map<number, string> | null = null;
      await readSheetRows(zip, entry, shared, (batch) => {
        for (const row of batch) {
          if (!keys) {
            keys = mapHeader(row.cells, def.columns);
            const present = new Set(keys.values());
            for (const c of def.columns.filter((x) => x.required)) {
              if (!present.has(c.key)) headerErrors.push({ sheet: def.sheet, row: row.number, column: c.header, message: '缺少必填列，请使用平台提供的模板' });
            }
            continue;
          }
          const cells: Record<string, string> = {};
          const formulas: string[] = [];
          let any = false;
          for (const [col, value] of row.cells) {
            const key = keys.get(col);
            if (!key) continue;
            const { text, formula } = cellText(value);
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
      });
    }
  } catch (e) {
    throw asSpreadsheetError(e);
  }
  if (!seenSheets.size) throw new SpreadsheetError('NO_SHEETS', `文件中没有“${SHEETS.map((s) => s.sheet).join('”“')}”工作表，请使用平台提供的模板`);
  if (!total) throw new SpreadsheetError('EMPTY', '文件中没有数据行');
  onRow?.(total);
  return { rows, headerErrors };
}

function mapHeader(cells: [number, unknown][], columns: ColumnDef[]): Map<number, string> {
  const keys = new Map<number, string>();
  for (const [col, value] of cells) {
    const h = normaliseHeader(cellText(value).text);
    const key = columns.find((c) => normaliseHeader(c.header) === h)?.key;
    if (key) keys.set(col, key);
  }
  return keys;
}
