import { CHECK_IN_CODE_LENGTH, MeetingAttendance, MeetingResult, type MeetingView } from '@zj/shared';
import { formatDateTime } from '../../../../lib/format';

/** Crockford base32: digits and letters without I, L, O, U. */
const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]+$/;
const CODE_IN_TEXT = /([0-9A-HJKMNP-TV-Z]{4})-?([0-9A-HJKMNP-TV-Z]{4})-?([0-9A-HJKMNP-TV-Z]{4})(?![0-9A-Z])/g;

/**
 * A typed or scanned check-in code as the API stores it: 12 characters, upper case, without dashes or
 * spaces; the look-alikes Crockford reads as digits (I, L → 1; O → 0) are read the same way.
 */
export function normalizeCheckInCode(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export const isCheckInCode = (code: string) => code.length === CHECK_IN_CODE_LENGTH && CROCKFORD.test(code);

/** `7K3D9QXM2HPA` → `7K3D-9QXM-2HPA` (also for a partly typed code). */
export function formatCheckInCode(code: string | null | undefined): string {
  if (!code) return '—';
  return (code.match(/.{1,4}/g) ?? []).join('-');
}

/** What the input shows while typing: upper case, grouped by four, at most 12 characters. */
export function typedCheckInCode(value: string | undefined): string {
  const raw = (value ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, CHECK_IN_CODE_LENGTH);
  return (raw.match(/.{1,4}/g) ?? []).join('-');
}

/**
 * The code in a scanned QR code: the code itself (with or without dashes), or a link that carries it
 * (`…?code=XXXX-XXXX-XXXX` or ending with it). Null when none is found.
 */
export function codeFromScan(text: string): string | null {
  const whole = normalizeCheckInCode(text.trim());
  if (isCheckInCode(whole)) return whole;
  try {
    const param = new URL(text).searchParams.get('code');
    if (param && isCheckInCode(normalizeCheckInCode(param))) return normalizeCheckInCode(param);
  } catch {
    // not a link
  }
  const matches = [...text.toUpperCase().matchAll(CODE_IN_TEXT)];
  const last = matches[matches.length - 1];
  return last ? `${last[1]}${last[2]}${last[3]}` : null;
}

/** `14:20` (Beijing time). */
export const timeOf = (iso: string | null | undefined) => (iso ? formatDateTime(iso).slice(11) : '—');

/** `第 3 场 14:20–14:40`. */
export const slotText = (s: { index?: number; slotIndex?: number; startsAt: string; endsAt: string }) => `第 ${s.index ?? s.slotIndex} 场 ${timeOf(s.startsAt)}–${timeOf(s.endsAt)}`;

/** An amount in 万元 with two decimals: `500.00 万元`. */
const WAN2 = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export function wan2(v: string | number | null | undefined): string {
  const n = v === null || v === undefined || v === '' ? NaN : Number(v);
  return Number.isFinite(n) ? `${WAN2.format(n)} 万元` : '—';
}

export const ATTENDANCE_COLORS: Record<MeetingAttendance, string> = {
  [MeetingAttendance.UNKNOWN]: 'default',
  [MeetingAttendance.BOTH]: 'green',
  [MeetingAttendance.ENTERPRISE_ABSENT]: 'orange',
  [MeetingAttendance.BANK_ABSENT]: 'orange',
  [MeetingAttendance.BOTH_ABSENT]: 'red',
};

export const RESULT_COLORS: Record<MeetingResult, string> = {
  [MeetingResult.NO_INTEREST]: 'default',
  [MeetingResult.FOLLOW_UP]: 'blue',
  [MeetingResult.INTENT]: 'green',
};

/** The API's bounds of an intended amount (万元): more than 0, at most 99,999,999.99, two decimals. */
export const AMOUNT_LIMITS = '单位万元，大于 0、最多两位小数，不超过 99,999,999.99 万元';
const AMOUNT = /^\d{1,8}(\.\d{1,2})?$/;

/** A form rule for 意向金额 (typed as text, so nothing is rounded or clamped behind the user's back). */
export const intentAmountRule = {
  validator: (_r: unknown, v: string | undefined) => {
    const t = (v ?? '').trim();
    if (!t) return Promise.reject(new Error('请填写意向金额（万元）'));
    if (!AMOUNT.test(t) || Number(t) <= 0) return Promise.reject(new Error('意向金额应为大于 0、最多两位小数的数字，不超过 99,999,999.99 万元'));
    return Promise.resolve();
  },
};
export const NOTE_MAX = 500;

/** The percentage `part ÷ whole`, or — when there is no whole. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export const meetingPair = (m: Pick<MeetingView, 'enterpriseName' | 'bankName'>) => `${m.enterpriseName} × ${m.bankName}`;
