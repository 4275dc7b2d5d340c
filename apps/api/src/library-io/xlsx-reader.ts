import { IMPORT_MAX_ROWS, ImportRowError, ImportSheet } from '@zj/shared';
import { SaxesParser, SaxesTagPlain } from 'saxes';
import { FormatKind, formatKind, numberText, serialToIso, shiftDecimalPoint, trimCell } from './cell-text';
import { SHEETS } from './columns';
import { RawRow } from './row-rules';
import { FoundLayout, findLayout, headerKey, HEADER_SCAN_ROWS, matchSheetName, missingHeader, RowCells, SheetLayout } from './sheet-layout';
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
  /** Header problems that stop the import: a missing required column, a sheet without a header. */
  headerErrors: ImportRowError[];
  /** Columns not read (unknown header, a second column of the same meaning): listed, rows still import with import-valid. */
  columnErrors: ImportRowError[];
  /** How each template sheet found is laid out (its name in the file, header row, headers as written, units). */
  layouts: Partial<Record<ImportSheet, SheetLayout>>;
}

/** Excel's own limit on the text of a cell. */
export const MAX_CELL_CHARS = 32_767;
/** Characters of XML between two tags (a cell's text with its entities escaped stays well below). */
const MAX_TEXT_RUN = 8 * MAX_CELL_CHARS;
/** Columns of a sheet (XFD). */
const MAX_COLUMNS = 16_384;

const CORRUPT_MESSAGE = '文件已损坏或不是有效的 Excel（.xlsx）文件';
const cellTooLong = () => new SpreadsheetError('CELL_TOO_LONG', `文件中有单元格超过 ${MAX_CELL_CHARS} 个字符（Excel 单元格的上限），请检查后重新上传`);

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
  hidden: boolean;
}

interface WorkbookParts {
  sheets: Sheet[];
  sharedStrings: ZipEntry | null;
  styles: ZipEntry | null;
  date1904: boolean;
}

/** Looks parts up by name as OPC does: case-insensitively, with either slash. */
function partFinder(zip: ZipDirectory): (part: string) => ZipEntry | undefined {
  const byName = new Map<string, ZipEntry>();
  for (const [name, entry] of zip.entries) byName.set(name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase(), entry);
  return (part) => byName.get(part.toLowerCase());
}

const dirOf = (part: string) => (part.includes('/') ? part.slice(0, part.lastIndexOf('/')) : '');

/**
 * A relationship's target as a part name: absolute targets (`/xl/worksheets/sheet1.xml`, as openpyxl
 * and Apache POI write them) from the package root, relative ones (`worksheets/sheet1.xml`,
 * `../xl/…`, `./…`) from the folder of the part owning the relationship; percent-escapes decoded.
 */
export function resolveTarget(sourceDir: string, target: string): string {
  let t = target.replace(/\\/g, '/').split('#')[0];
  try {
    t = decodeURIComponent(t);
  } catch {
    // left as written
  }
  const path = t.startsWith('/') ? t : sourceDir ? `${sourceDir}/${t}` : t;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** The relationships of a part (id → type and target part); none when its .rels part is absent. */
async function relationships(zip: ZipDirectory, find: (p: string) => ZipEntry | undefined, part: string): Promise<Map<string, { type: string; part: string }>> {
  const dir = dirOf(part);
  const relsPart = `${dir ? `${dir}/` : ''}_rels/${part.slice(dir ? dir.length + 1 : 0)}.rels`;
  const rels = new Map<string, { type: string; part: string }>();
  const entry = find(relsPart);
  if (!entry) return rels;
  await parsePart(zip, entry, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target || a.TargetMode === 'External') return;
      rels.set(a.Id, { type: a.Type ?? '', part: resolveTarget(dir, a.Target) });
    },
  });
  return rels;
}

/** The workbook's sheets (in its order, with their visibility), its shared strings, styles and date system. */
async function workbookParts(zip: ZipDirectory): Promise<WorkbookParts> {
  const find = partFinder(zip);
  // The package's root relationships name the workbook part (xl/workbook.xml in nearly every file).
  const root = await relationships(zip, find, '');
  const main = [...root.values()].find((r) => r.type.endsWith('/officeDocument') && find(r.part))?.part ?? 'xl/workbook.xml';
  const workbook = find(main);
  if (!workbook) throw new SpreadsheetError('CORRUPT', CORRUPT_MESSAGE);
  const targets = await relationships(zip, find, main);
  const declared: { name: string; rid: string; hidden: boolean }[] = [];
  let date1904 = false;
  await parsePart(zip, workbook, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      const rid = Object.entries(a).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
      if (a.name && rid) declared.push({ name: trimCell(a.name), rid, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
    },
  });
  const sheets: Sheet[] = [];
  for (const d of declared) {
    const entry = find(targets.get(d.rid)?.part ?? '');
    if (entry) sheets.push({ name: d.name, entry, hidden: d.hidden });
  }
  const ofType = (type: string, fallback: string) => find([...targets.values()].find((t) => t.type.endsWith(type))?.part ?? fallback) ?? find(fallback) ?? null;
  return { sheets, sharedStrings: ofType('/sharedStrings', `${dirOf(main)}/sharedStrings.xml`), styles: ofType('/styles', `${dirOf(main)}/styles.xml`), date1904 };
}

/** Cell formats (xf) beyond this many are not read (Excel allows 64,000). */
const MAX_CELL_FORMATS = 65_000;

/** What each cell format shows its numbers as (by the format index a cell's `s` names). */
async function readStyles(zip: ZipDirectory, entry: ZipEntry): Promise<FormatKind[]> {
  const codes = new Map<number, string>();
  const ids: number[] = [];
  let inCellXfs = false;
  await parsePart(zip, entry, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId !== undefined) codes.set(Number.parseInt(a.numFmtId, 10), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs && ids.length < MAX_CELL_FORMATS) ids.push(Number.parseInt(a.numFmtId ?? '0', 10) || 0);
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return ids.map((id) => formatKind(id, codes.get(id)));
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
  /** Cell texts by column number, as the spreadsheet shows them (see cell-text.ts). */
  cells: RowCells;
  /** Columns whose cell holds a formula (its text is the value last calculated). */
  formulas: number[];
}

interface CellFormats {
  kinds: FormatKind[];
  date1904: boolean;
}

/** A cell's text from its type, stored value and format. */
function cellValue(type: string, raw: string, style: number, shared: string[], formats: CellFormats): string {
  switch (type) {
    case 's':
      return trimCell(shared[Number.parseInt(raw, 10)] ?? '');
    case 'inlineStr':
    case 'str':
    case 'e':
      return trimCell(raw);
    case 'b':
      return Number.parseInt(raw, 10) !== 0 ? '是' : '否';
    case 'd':
      return trimCell(raw).slice(0, 10);
    default: {
      const kind = formats.kinds[style] ?? null;
      if (kind === 'date') return serialToIso(Number(raw), formats.date1904) ?? numberText(raw);
      const text = numberText(raw);
      return kind === 'percent' ? shiftDecimalPoint(text, 2) : text;
    }
  }
}

/**
 * Streams the rows of one sheet: `onRows` gets the rows parsed from each inflated chunk, and throws to
 * stop reading (the rest of the sheet is never inflated).
 */
async function readSheetRows(zip: ZipDirectory, entry: ZipEntry, shared: string[], formats: CellFormats, onRows: (rows: SheetRow[]) => void): Promise<void> {
  let pending: SheetRow[] = [];
  let row: SheetRow | null = null;
  let lastRow = 0;
  let cell: { col: number; type: string; style: number; formula: boolean; value: string[] | null; length: number } | null = null;
  let lastCol = 0;
  let collecting = false;
  let inInline = false;
  let phonetic = 0;
  await parsePart(
    zip,
    entry,
    {
      open(name, a) {
        if (name === 'row') {
          const r = Number.parseInt(a.r ?? '', 10);
          lastRow = Number.isFinite(r) && r > 0 ? r : lastRow + 1;
          row = { number: lastRow, cells: [], formulas: [] };
          lastCol = 0;
        } else if (name === 'c' && row) {
          const col = columnOf(a.r) || lastCol + 1;
          lastCol = col;
          cell = { col, type: a.t ?? 'n', style: Number.parseInt(a.s ?? '0', 10) || 0, formula: false, value: null, length: 0 };
        } else if (cell) {
          if (name === 'f') cell.formula = true;
          else if (name === 'v' && !inInline) {
            collecting = true;
            cell.value = [];
          } else if (name === 'is') {
            inInline = true;
            cell.value = [];
          } else if (name === 'rPh') phonetic++;
          else if (name === 't' && inInline && !phonetic) collecting = true;
        }
      },
      text(t) {
        if (!collecting || !cell?.value) return;
        cell.length += t.length;
        if (cell.length > MAX_CELL_CHARS) throw cellTooLong();
        cell.value.push(t);
      },
      close(name) {
        if (name === 'v' || name === 't') collecting = false;
        else if (name === 'is') inInline = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'c' && cell && row) {
          const c = cell;
          cell = null;
          if (c.col > MAX_COLUMNS) return;
          if (c.formula) row.formulas.push(c.col);
          if (!c.value) return;
          const text = cellValue(c.type, c.value.join(''), c.style, shared, formats);
          if (text || c.formula) row.cells.push([c.col, text]);
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

/** Which sheet of the workbook stands for each template sheet: its own name before a similar one, a visible sheet before a hidden one, then the first. */
function pickSheets(sheets: Sheet[]): { sheet: Sheet; role: ImportSheet }[] {
  const best = new Map<ImportSheet, { sheet: Sheet; rank: number }>();
  for (const s of sheets) {
    const m = matchSheetName(s.name);
    if (!m) continue;
    const rank = (s.hidden ? 2 : 0) + (m.exact ? 0 : 1);
    const prev = best.get(m.sheet);
    if (!prev || rank < prev.rank) best.set(m.sheet, { sheet: s, rank });
  }
  return sheets.flatMap((s) => [...best.entries()].filter(([, b]) => b.sheet === s).map(([role]) => ({ sheet: s, role })));
}

/** A row that is not data: a total (合计), a note (注：) or a sign-off line (填报人：) under the table. */
const NOT_DATA = /^(?:合\s*计|总\s*计|小\s*计|注\s*[:：]|备注\s*[:：]|说明\s*[:：]|填报人|填表人|填报单位|填报日期|填表日期|制表人|审核人|负责人\s*[:：]|单位负责人)/;

/** A cell that only says whether its column must be filled in. */
const FILL_IN_HINT = /^[(（]?(?:必填|选填|可选|非必填|必填项|选填项)[)）]?$/;

/**
 * Reads the template sheets of an import file, streaming: the zip's directory is checked first
 * (`openImportFile`), the shared strings and cell formats are read, then each template sheet row by
 * row. A sheet is found by its name (企业信息 is 企业); its header row among its first rows (title rows
 * above it, two header rows under merged group cells); its columns by their header text (see
 * sheet-layout.ts). Reading stops at the first row past IMPORT_MAX_ROWS, and no more of the file is
 * inflated than what was read. `onRow` reports progress.
 */
export async function readImportFile(content: Buffer | ZipDirectory, onRow?: (n: number) => void): Promise<ReadResult> {
  const rows = { [ImportSheet.ENTERPRISES]: [], [ImportSheet.PROJECTS]: [], [ImportSheet.NEEDS]: [] } as Record<ImportSheet, RawRow[]>;
  const headerErrors: ImportRowError[] = [];
  const columnErrors: ImportRowError[] = [];
  const layouts: ReadResult['layouts'] = {};
  let found: string[];
  let picked: number;
  let total = 0;
  try {
    const zip = Buffer.isBuffer(content) ? openImportFile(content) : content;
    const parts = await workbookParts(zip);
    found = parts.sheets.map((s) => s.name);
    const wanted = pickSheets(parts.sheets);
    picked = wanted.length;
    // 说明 and other sheets are ignored; shared strings and formats are read only when a template sheet needs them
    const shared = wanted.length && parts.sharedStrings ? await readSharedStrings(zip, parts.sharedStrings) : [];
    const formats: CellFormats = { kinds: wanted.length && parts.styles ? await readStyles(zip, parts.styles) : [], date1904: parts.date1904 };
    for (const { sheet, role } of wanted) {
      let layout: FoundLayout | null = null;
      let decided = false;
      const top: SheetRow[] = [];
      const data = (r: SheetRow) => {
        if (!layout || r.number <= layout.layout.headerRow) return;
        const first = r.cells.find(([, t]) => t)?.[1];
        if (first && NOT_DATA.test(first)) return;
        const cells: Record<string, string> = {};
        const formulas: string[] = [];
        let any = false;
        let asHeader = 0;
        for (const [col, text] of r.cells) {
          const key = layout.columns.get(col);
          if (!key) continue;
          cells[key] = text;
          if (!text) continue;
          any = true;
          if (asHeader >= 0) asHeader = headerKey(text) === headerKey(layout.layout.headers[key]) ? asHeader + 1 : -1;
        }
        for (const col of r.formulas) {
          const key = layout.columns.get(col);
          if (!key) continue;
          formulas.push(key);
          any = true;
        }
        if (!any) return; // blank rows (or rows with only a row number) are skipped
        if (asHeader >= 2) return; // the header repeated (as printed on every page)
        const texts = Object.values(cells).filter(Boolean);
        if (!formulas.length && texts.length && texts.every((t) => FILL_IN_HINT.test(t))) return; // a row of 必填/选填 marks under the header
        if ((cells.creditCode ?? '').startsWith('（示例')) return; // the template's example rows
        total++;
        if (total > IMPORT_MAX_ROWS) throw new SpreadsheetError('TOO_MANY_ROWS', `文件超过 ${IMPORT_MAX_ROWS} 行，请分批导入`);
        rows[role].push({ row: r.number, cells, formulas });
        if (onRow && total % 500 === 0) onRow(total);
      };
      const decide = () => {
        decided = true;
        if (!top.length) return; // an empty sheet is as good as none
        layout = findLayout(
          role,
          sheet.name,
          top.map((r) => ({ number: r.number, cells: r.cells })),
        );
        if (!layout) {
          headerErrors.push(...missingHeader(role, sheet.name, top[0].number));
          return;
        }
        layouts[role] = layout.layout;
        headerErrors.push(...layout.headerErrors);
        columnErrors.push(...layout.columnErrors);
        for (const r of top) data(r);
      };
      await readSheetRows(zip, sheet.entry, shared, formats, (batch) => {
        for (const row of batch) {
          if (decided) {
            data(row);
            continue;
          }
          if (row.cells.length || row.formulas.length) top.push(row);
          if (top.length >= HEADER_SCAN_ROWS) decide();
        }
      });
      if (!decided) decide();
    }
  } catch (e) {
    throw asSpreadsheetError(e);
  }
  if (!picked) {
    const names = found.length ? `（文件中的工作表：${found.slice(0, 10).map((n) => `“${n.slice(0, 30)}”`).join('')}）` : '';
    throw new SpreadsheetError(
      'NO_SHEETS',
      `文件中没有“${SHEETS.map((s) => s.sheet).join('”“')}”工作表${names}：工作表应命名为“企业”“项目”“融资需求”（或“企业信息”“项目清单”等相近名称），请使用平台提供的模板`,
    );
  }
  if (!total && !headerErrors.length) throw new SpreadsheetError('EMPTY', '文件中没有数据行');
  onRow?.(total);
  return { rows, headerErrors, columnErrors, layouts };
}
