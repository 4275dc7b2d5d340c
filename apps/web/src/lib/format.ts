/** Display helpers. Dates are always shown in Beijing time, amounts in 万元. */
export const TIME_ZONE = 'Asia/Shanghai';
const EMPTY = '—';

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(date: Date): Record<string, string> {
  return Object.fromEntries(dateTimeFormat.formatToParts(date).map((p) => [p.type, p.value]));
}

function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2024-05-01 14:03` in Asia/Shanghai, whatever the browser's zone; `withSeconds` adds `:05`. */
export function formatDateTime(iso: string | number | Date | null | undefined, withSeconds = false): string {
  const d = toDate(iso);
  if (!d) return EMPTY;
  const p = parts(d);
  const time = withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${p.year}-${p.month}-${p.day} ${time}`;
}

/** `2024-05-01` in Asia/Shanghai; a plain `YYYY-MM-DD` date is shown as it is. */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = toDate(value);
  if (!d) return EMPTY;
  const p = parts(d);
  return `${p.year}-${p.month}-${p.day}`;
}

function toNumber(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** `12,345.5` (grouped, at most `digits` decimals). */
export function formatNumber(value: number | string | null | undefined, digits = 2): string {
  const n = toNumber(value);
  if (n === null) return EMPTY;
  return new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits }).format(n);
}

/** An amount already in 万元: `formatWanYuan(1500)` → `1,500 万元`. */
export function formatWanYuan(wan: number | string | null | undefined, digits = 2): string {
  const n = toNumber(wan);
  return n === null ? EMPTY : `${formatNumber(n, digits)} 万元`;
}

/** An amount in 元 shown in 万元: `formatYuanAsWan(15_000_000)` → `1,500 万元`. */
export function formatYuanAsWan(yuan: number | string | null | undefined, digits = 2): string {
  const n = toNumber(yuan);
  return n === null ? EMPTY : formatWanYuan(n / 10_000, digits);
}

/** A share as a percentage: `formatPercent(0.1234)` → `12.34%`. */
export function formatPercent(ratio: number | string | null | undefined, digits = 2): string {
  const n = toNumber(ratio);
  return n === null ? EMPTY : `${formatNumber(n * 100, digits)}%`;
}
