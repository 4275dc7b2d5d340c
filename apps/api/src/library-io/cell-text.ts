/**
 * A cell's text as the person sees it in their spreadsheet, from what the file stores: numbers
 * without float noise (Excel shows 15 significant digits), dates stored as serial numbers under a
 * date format as YYYY-MM-DD, percentages under a percent format as the percent (0.0385 → 3.85).
 */

/** Full-width letters, digits and punctuation as their ASCII forms (１２３４．５６ → 1234.56); ideographs unchanged. */
export function narrow(s: string): string {
  return s.normalize('NFKC');
}

const EDGE_SPACES = /^[\s\u00a0\u3000\u200b-\u200d\ufeff]+|[\s\u00a0\u3000\u200b-\u200d\ufeff]+$/g;

/** A cell's text without surrounding spaces of any width (ideographic, no-break and zero-width spaces too). */
export function trimCell(s: string): string {
  return s.replace(EDGE_SPACES, '');
}

/** What a number format shows: a date, a percentage, or the number itself. */
export type FormatKind = 'date' | 'percent' | null;

/** Built-in formats showing dates (ECMA-376 §18.8.30, with the East Asian ones: 27–31, 36, 50–58). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** The kind of a number format code ('yyyy"年"m"月"d"日"' is a date, '0.00%' a percentage). */
export function formatCodeKind(code: string): FormatKind {
  const s = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0];
  if (s.includes('%')) return 'percent';
  if (/general/i.test(s)) return null;
  if (/[yd]/i.test(s) || (/m/i.test(s) && !/[hs]/i.test(s))) return 'date';
  return null;
}

/** The kind of a cell format's number format: a custom code if the workbook defines one, else a built-in id. */
export function formatKind(numFmtId: number, code: string | undefined): FormatKind {
  if (code !== undefined) return formatCodeKind(code);
  if (BUILTIN_DATES.has(numFmtId)) return 'date';
  if (numFmtId === 9 || numFmtId === 10) return 'percent';
  return null;
}

const DAY_MS = 86_400_000;

/** A date serial number as YYYY-MM-DD (1900 date system, or 1904 when the workbook says so); null when it is no plausible date. */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(base + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** A stored number as text: at most 15 significant digits (what the spreadsheet shows), never in exponent form. */
export function numberText(raw: string): string {
  const n = Number(raw);
  if (!raw.trim() || !Number.isFinite(n)) return trimCell(raw);
  const p = Number.isInteger(n) ? n : Number(n.toPrecision(15));
  const s = String(p);
  if (!/e/i.test(s)) return s;
  return p.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** Moves the decimal point of a plain decimal `places` to the right (negative: to the left), exactly: ('0.0385', 2) → '3.85'. */
export function shiftDecimalPoint(value: string, places: number): string {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(value);
  if (!m) return value;
  const digits = (m[2] || '0') + (m[3] ?? '');
  let point = (m[2] || '0').length + places;
  let all = digits;
  if (point < 0) {
    all = '0'.repeat(-point) + all;
    point = 0;
  }
  if (point > all.length) all = all + '0'.repeat(point - all.length);
  const int = all.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const frac = all.slice(point).replace(/0+$/, '');
  const out = frac ? `${int}.${frac}` : int;
  return m[1] && /[1-9]/.test(out) ? `-${out}` : out;
}
