import { ImportRowError, ImportSheet } from '@zj/shared';
import { narrow, trimCell } from './cell-text';
import { ColumnDef, IGNORED_HEADERS, SHEET_ALIASES, SHEETS } from './columns';

/**
 * How a spreadsheet made anywhere is laid out, found from its own words: which sheet is which
 * (企业信息 is 企业), which row is the header (a title row or two may stand above it; a header may
 * span two rows under merged group cells), which column is which (by header text, with synonyms),
 * and the unit of each amount column (万元, 元 or 亿元) and the catalogue version the category column
 * names. Plain functions: the reader (xlsx-reader.ts) feeds them the first rows of each sheet.
 */

export type MoneyUnit = '万元' | '元' | '亿元';

/** A sheet's layout, as the row rules and the error list need it. */
export interface SheetLayout {
  /** The sheet's name in the file. */
  sheet: string;
  /** The (last) header row, 1-based as the spreadsheet shows it. */
  headerRow: number;
  /** Column key → the header as written in the file (without the required mark '*'). */
  headers: Record<string, string>;
  /** Money column key → the unit its header (or else a title row) names; 万元 when none. */
  units: Record<string, MoneyUnit>;
  /** A catalogue version named by the category column's header or a title row (resolved against the loaded catalogues later). */
  versionHint: string | null;
}

/** Cells of a row: column number (A = 1) → text. */
export type RowCells = [number, string][];

const SPACES = /[\s\u00a0\u3000\u200b-\u200d\ufeff]+/g;

/** A header or name for comparing: narrow forms, no spaces or line breaks, no required marks, lower case. */
export function headerKey(h: string): string {
  return narrow(h)
    .replace(SPACES, '')
    .replace(/\*/g, '')
    .replace(/\((?:必填|必填项|选填|可选|非必填)\)/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

/** The header as the person wrote it, tidied for error messages: one line, no required mark. */
export function headerLabel(h: string): string {
  return trimCell(h.replace(/[\r\n]+/g, '').replace(/[*＊]+\s*$/, '').replace(/^\s*[*＊]+/, ''));
}

const MONEY_UNITS: Record<string, MoneyUnit> = { 万元: '万元', 万: '万元', 人民币万元: '万元', 元: '元', 人民币元: '元', 亿元: '亿元', 亿: '亿元', 人民币亿元: '亿元' };

/** A money unit written in a header's bracket or a title row ('单位：元', '人民币万元'), or null. */
export function moneyUnitOf(text: string): MoneyUnit | null {
  const t = headerKey(text).replace(/^(?:金额)?单位[:：]?/, '');
  return MONEY_UNITS[t] ?? null;
}

type HeaderMatch =
  | { kind: 'column'; key: string; unit?: MoneyUnit; versionHint?: string }
  | { kind: 'wrong-unit'; key: string; expected: string }
  | { kind: 'ignored' }
  | { kind: 'unknown' };

interface ColumnNames {
  def: ColumnDef;
  /** Whole names (header and aliases). */
  names: Set<string>;
  /** The names without their unit bracket. */
  bases: Set<string>;
  units: Set<string>;
}

const namesCache = new Map<ImportSheet, ColumnNames[]>();

function columnNames(sheet: ImportSheet): ColumnNames[] {
  let found = namesCache.get(sheet);
  if (found) return found;
  const def = SHEETS.find((s) => s.sheet === sheet)!;
  found = def.columns.map((c) => {
    const all = [c.header, ...(c.aliases ?? [])].map(headerKey);
    const units = new Set([c.unit, ...(c.unitAliases ?? [])].filter((u): u is string => !!u).map(headerKey));
    const bases = new Set(all.map((n) => splitQualifier(n)).map((s) => (s && (units.has(s.qualifier) || (c.money && moneyUnitOf(s.qualifier))) ? s.base : null)).filter((b): b is string => !!b));
    for (const n of all) if (!splitQualifier(n)) bases.add(n);
    return { def: c, names: new Set(all), bases, units };
  });
  namesCache.set(sheet, found);
  return found;
}

/** 'base(qualifier)', 'base/qualifier' or 'base（单位：元）' → its parts (of a header key). */
function splitQualifier(key: string): { base: string; qualifier: string } | null {
  const bracket = /^(.+?)\(([^()]*)\)$/.exec(key);
  if (bracket) return { base: bracket[1], qualifier: bracket[2] };
  const slash = /^(.+?)\/([^/]+)$/.exec(key);
  if (slash) return { base: slash[1], qualifier: slash[2] };
  return null;
}

/** What a header cell names on a sheet: a column (with its unit or version), a column in a unit it cannot take, a column set aside, or nothing known. */
export function matchHeader(sheet: ImportSheet, text: string): HeaderMatch {
  const key = headerKey(text);
  if (!key) return { kind: 'unknown' };
  const ignored = IGNORED_HEADERS[sheet].map(headerKey);
  if (ignored.includes(key)) return { kind: 'ignored' };
  const columns = columnNames(sheet);
  const whole = columns.find((c) => c.names.has(key));
  if (whole) {
    const q = whole.def.money ? splitQualifier(key) : null;
    const unit = q ? moneyUnitOf(q.qualifier) : null;
    return { kind: 'column', key: whole.def.key, ...(unit ? { unit } : {}) };
  }

  // A qualifier in brackets: a unit (总投资（元）), a catalogue version (绿色产业分类代码（GIC-2019）) or a remark.
  const parts = splitQualifier(key);
  // Money headers written without brackets: 总投资万元, 融资金额元.
  const suffix = /^(.+?)(万元|亿元|元)$/.exec(key);
  const candidates = [parts, suffix ? { base: suffix[1], qualifier: suffix[2] } : null].filter((p): p is { base: string; qualifier: string } => !!p);
  for (const p of candidates) {
    const c = columns.find((x) => x.bases.has(p.base) || x.names.has(p.base));
    if (!c) continue;
    const def = c.def;
    if (def.money) {
      const unit = moneyUnitOf(p.qualifier);
      if (unit) return { kind: 'column', key: def.key, unit };
      if (p.qualifier.includes('元')) return { kind: 'wrong-unit', key: def.key, expected: `${def.header}，或以元、亿元为单位` };
      return { kind: 'column', key: def.key };
    }
    if (def.versioned) {
      const original = /[(（]([^()（）]*)[)）]\s*[*＊]?\s*$/.exec(narrow(text).trim());
      return { kind: 'column', key: def.key, versionHint: original ? original[1].trim() : p.qualifier };
    }
    if (def.unit) {
      if (c.units.has(p.qualifier.replace(/^单位[:：]?/, ''))) return { kind: 'column', key: def.key };
      return { kind: 'wrong-unit', key: def.key, expected: def.header };
    }
    return { kind: 'column', key: def.key };
  }
  if (ignored.includes(parts?.base ?? '')) return { kind: 'ignored' };
  return { kind: 'unknown' };
}

/** The letters of a column number (1 → A, 28 → AB). */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A sheet's layout with its column map, and what is wrong with its header. */
export interface FoundLayout {
  layout: SheetLayout;
  /** Column number → key of the columns read. */
  columns: Map<number, string>;
  /** Missing required columns (or required columns in a unit they cannot take): nothing of the file is imported. */
  headerErrors: ImportRowError[];
  /** Columns that are not read (unknown header, a second column of the same meaning, an optional column in the wrong unit): listed as errors, the rows still import with import-valid. */
  columnErrors: ImportRowError[];
}

/** How many rows at the top of a sheet are searched for its header. */
export const HEADER_SCAN_ROWS = 20;

interface Mapped {
  columns: Map<number, { key: string; label: string; unit?: MoneyUnit; versionHint?: string }>;
  wrongUnit: Map<number, { key: string; label: string; expected: string }>;
  unknown: Map<number, string>;
  score: number;
}

function mapRow(sheet: ImportSheet, cells: RowCells): Mapped {
  const columns: Mapped['columns'] = new Map();
  const wrongUnit: Mapped['wrongUnit'] = new Map();
  const unknown = new Map<number, string>();
  const keys = new Set<string>();
  for (const [col, text] of cells) {
    if (!trimCell(text)) continue;
    const m = matchHeader(sheet, text);
    const label = headerLabel(text);
    if (m.kind === 'column') {
      columns.set(col, { key: m.key, label, unit: m.unit, versionHint: m.versionHint });
      keys.add(m.key);
    } else if (m.kind === 'wrong-unit') {
      wrongUnit.set(col, { key: m.key, label, expected: m.expected });
      keys.add(m.key);
    } else if (m.kind === 'unknown') unknown.set(col, label);
  }
  return { columns, wrongUnit, unknown, score: keys.size };
}

/** Two header rows read as one: each column's lower cell where it has one (sub-headers under a merged group cell), else its upper cell (a cell merged down over both rows). */
function combine(upper: RowCells, lower: RowCells): RowCells {
  const byCol = new Map<number, string>();
  for (const [col, text] of upper) if (trimCell(text)) byCol.set(col, text);
  for (const [col, text] of lower) if (trimCell(text)) byCol.set(col, text);
  return [...byCol.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * Finds the header among the first rows of a sheet: the row (or two consecutive rows) naming the most
 * columns. Rows above it are title rows; a unit ('单位：元') or a catalogue version ('分类标准：GIC-2019')
 * written there applies to the whole sheet. Answers null when no row names any column.
 */
export function findLayout(sheet: ImportSheet, sheetName: string, rows: { number: number; cells: RowCells }[]): FoundLayout | null {
  const scan = rows.slice(0, HEADER_SCAN_ROWS);
  let best: { mapped: Mapped; first: number; last: number } | null = null;
  for (let i = 0; i < scan.length; i++) {
    const single = mapRow(sheet, scan[i].cells);
    if (single.score > (best?.mapped.score ?? 0)) best = { mapped: single, first: i, last: i };
    const next = scan[i + 1];
    if (next && next.number === scan[i].number + 1) {
      const pair = mapRow(sheet, combine(scan[i].cells, next.cells));
      const nextAlone = mapRow(sheet, next.cells);
      if (pair.score > single.score && pair.score > nextAlone.score && pair.score > (best?.mapped.score ?? 0)) best = { mapped: pair, first: i, last: i + 1 };
    }
  }
  if (!best) return null;
  const def = SHEETS.find((s) => s.sheet === sheet)!;
  const headerRow = scan[best.last].number;

  // Title rows: a unit or a catalogue version for the whole sheet.
  let sheetUnit: MoneyUnit | null = null;
  let sheetVersion: string | null = null;
  for (const r of scan.slice(0, best.first)) {
    for (const [, text] of r.cells) {
      const t = narrow(text);
      const unit = /(?:金额)?单位[:：]\s*(人民币)?(万元|亿元|元)/.exec(t);
      if (unit) sheetUnit = MONEY_UNITS[unit[2]];
      const version = /分类标准(?:版本)?[:：]\s*([^\s,;，；）)]+)/.exec(t);
      if (version) sheetVersion = version[1];
    }
  }

  const columns = new Map<number, string>();
  const headers: Record<string, string> = {};
  const units: Record<string, MoneyUnit> = {};
  const firstCol = new Map<string, number>();
  const headerErrors: ImportRowError[] = [];
  const columnErrors: ImportRowError[] = [];
  let versionHint: string | null = sheetVersion;
  for (const [col, m] of [...best.mapped.columns.entries()].sort((a, b) => a[0] - b[0])) {
    const seen = firstCol.get(m.key);
    if (seen !== undefined) {
      columnErrors.push({
        sheet: sheetName,
        row: headerRow,
        column: m.label,
        value: m.label,
        message: `与${columnLetters(seen)}列“${headers[m.key]}”是同一项内容，此列（${columnLetters(col)}列）未读取：请删除其中一列`,
      });
      continue;
    }
    firstCol.set(m.key, col);
    columns.set(col, m.key);
    headers[m.key] = m.label;
    const c = def.columns.find((x) => x.key === m.key)!;
    if (c.money) units[m.key] = m.unit ?? sheetUnit ?? '万元';
    if (m.versionHint) versionHint = m.versionHint;
  }
  for (const [col, w] of best.mapped.wrongUnit) {
    if (firstCol.has(w.key)) continue;
    const c = def.columns.find((x) => x.key === w.key)!;
    const e = { sheet: sheetName, row: headerRow, column: w.label, value: w.label, message: `此列的单位与模板不符，此列（${columnLetters(col)}列）未读取：表头应为“${w.expected}”` };
    if (c.required) headerErrors.push(e);
    else columnErrors.push(e);
    firstCol.set(w.key, col);
  }
  const known = def.columns.map((c) => c.header).join('、');
  for (const [col, label] of best.mapped.unknown) {
    columnErrors.push({ sheet: sheetName, row: headerRow, column: label, value: label, message: `无法识别的列名，此列（${columnLetters(col)}列）未读取：请改为模板中的列名或删除该列（本表的列：${known}）` });
  }
  for (const c of def.columns.filter((x) => x.required && !firstCol.has(x.key))) {
    headerErrors.push({ sheet: sheetName, row: headerRow, column: c.header, value: null, message: `缺少必填列“${c.header}”，请使用平台提供的模板` });
  }
  return { layout: { sheet: sheetName, headerRow, headers, units, versionHint }, columns, headerErrors, columnErrors };
}

/** The layout of a sheet whose header was not found: every required column is missing. */
export function missingHeader(sheet: ImportSheet, sheetName: string, firstRow: number): ImportRowError[] {
  const def = SHEETS.find((s) => s.sheet === sheet)!;
  const names = def.columns.filter((c) => c.required).map((c) => c.header);
  return [{ sheet: sheetName, row: firstRow, column: names[0], value: null, message: `前${HEADER_SCAN_ROWS}行中找不到表头：应有“${names.join('”“')}”等列，请使用平台提供的模板` }];
}

const SHEET_SUFFIXES = ['基本信息表', '基本情况表', '信息汇总表', '基本信息', '基本情况', '汇总表', '信息表', '情况表', '明细表', '一览表', '清单', '名录', '名单', '信息', '情况', '列表', '明细', '汇总', '数据', '表', '库'];
const SHEET_PREFIXES = ['湛江市', '拟入库', '拟报送', '报送', '绿色'];

/** The template sheet a sheet's name means (企业信息, 1.项目清单, 融资需求表…), and whether it is the template's own name. */
export function matchSheetName(name: string): { sheet: ImportSheet; exact: boolean } | null {
  const exact = SHEETS.find((s) => s.sheet === trimCell(name));
  if (exact) return { sheet: exact.sheet, exact: true };
  const n = headerKey(name)
    .replace(/^(?:\d+|[一二三四五六七八九十]+)[.、:：\-_)）]*/, '')
    .replace(/^[(（][^)）]*[)）]/, '');
  const forms = new Set<string>([n]);
  for (const f of [...forms]) for (const s of SHEET_SUFFIXES) if (f.endsWith(s) && f.length > s.length) forms.add(f.slice(0, -s.length));
  for (const f of [...forms]) for (const p of SHEET_PREFIXES) if (f.startsWith(p) && f.length > p.length) forms.add(f.slice(p.length));
  for (const f of [...forms]) for (const s of SHEET_SUFFIXES) if (f.endsWith(s) && f.length > s.length) forms.add(f.slice(0, -s.length));
  for (const s of SHEETS) {
    if (SHEET_ALIASES[s.sheet].some((a) => forms.has(headerKey(a)))) return { sheet: s.sheet, exact: false };
  }
  return null;
}
