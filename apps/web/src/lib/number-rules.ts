import { MAX_AMOUNT_WAN, MAX_RATE_PERCENT, MAX_TERM_MONTHS } from '@zj/shared';

/**
 * Numbers typed into forms: one rule for every form. What the person typed is kept as typed; a value
 * out of range, with too many decimals or not a number gets a message under the field that names
 * the field as labelled and the allowed range — never a silent change (antd InputNumber's min, max
 * and precision clamp or round on blur, so forms do not use them; they use these rules instead).
 */
export interface NumberSpec {
  /** The field as the form labels it; the messages name it. */
  label: string;
  /** Inclusive bounds (strings for exact decimals such as '0.01'). */
  min?: number | string;
  max?: number | string;
  /** Decimal places allowed: 0 for whole numbers. */
  decimals: number;
  /** The unit said after the bounds (万元, 个月, %, 吨…). */
  unit?: string;
  /** Required: an empty field says so; otherwise empty is fine. */
  required?: boolean;
}

const GROUPED = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 });
const bound = (v: number | string) => GROUPED.format(Number(v));
const NUMBER = /^[+-]?(\d+)(?:\.(\d+))?$/;

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The allowed range in words: `0.01至10,000,000万元，最多2位小数` (said under the field and in messages). */
export function rangeHint(spec: NumberSpec): string {
  const unit = spec.unit ?? '';
  const range =
    spec.min !== undefined && spec.max !== undefined
      ? `${bound(spec.min)}至${bound(spec.max)}${unit}`
      : spec.min !== undefined
        ? `不小于${bound(spec.min)}${unit}`
        : spec.max !== undefined
          ? `不大于${bound(spec.max)}${unit}`
          : '';
  const kind = spec.decimals === 0 ? '整数' : `最多${spec.decimals}位小数`;
  return [range, kind].filter(Boolean).join('，');
}

/** What is wrong with a typed value (null when it is fine). */
export function numberProblem(spec: NumberSpec, value: unknown): string | null {
  if (isEmpty(value)) return spec.required ? `请填写${spec.label}` : null;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const m = NUMBER.exec(text);
  if (!m || (typeof value === 'number' && !Number.isFinite(value))) return `${spec.label}应为数字（${rangeHint(spec)}）`;
  const n = Number(text);
  const tooLow = spec.min !== undefined && n < Number(spec.min);
  const tooHigh = spec.max !== undefined && n > Number(spec.max);
  if (tooLow || tooHigh) {
    const unit = spec.unit ?? '';
    if (spec.min !== undefined && spec.max !== undefined) return `${spec.label}应在${bound(spec.min)}至${bound(spec.max)}${unit}之间`;
    return tooLow ? `${spec.label}不能小于${bound(spec.min!)}${unit}` : `${spec.label}不能大于${bound(spec.max!)}${unit}`;
  }
  const decimals = m[2]?.length ?? 0;
  if (decimals > spec.decimals) return spec.decimals === 0 ? `${spec.label}应为整数` : `${spec.label}最多${spec.decimals}位小数`;
  return null;
}

/** An antd Form rule (structurally) checking `spec`; use it as the field's only number rule. */
export interface NumberRule {
  required?: boolean;
  validator: (rule: unknown, value: unknown) => Promise<void>;
}
export function numberRule(spec: NumberSpec): NumberRule {
  return {
    // Marks the label with the required asterisk; the validator says the message.
    required: spec.required,
    validator: (_rule, value) => {
      const problem = numberProblem(spec, value);
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  };
}

// ---- the platform's usual kinds (bounds as the API checks them) -------------------------------

/** An amount in 万元 with 2 decimals, 0.01 to 10,000,000 unless told otherwise. */
export const amountWan = (label: string, o: { min?: number | string; max?: number | string; required?: boolean } = {}): NumberSpec => ({
  label,
  min: o.min ?? '0.01',
  max: o.max ?? MAX_AMOUNT_WAN,
  decimals: 2,
  unit: '万元',
  required: o.required,
});

/** A whole number between `min` and `max` (months, years, seats…). */
export const wholeNumber = (label: string, min: number, max: number, o: { unit?: string; required?: boolean } = {}): NumberSpec => ({ label, min, max, decimals: 0, ...o });

/** A term in months, 1 to 360 (a need's) unless told otherwise. */
export const termMonths = (label: string, o: { max?: number; required?: boolean } = {}) => wholeNumber(label, 1, o.max ?? MAX_TERM_MONTHS, { unit: '个月', required: o.required });

/** An annual rate in % with 2 decimals, 0 to 36. */
export const ratePercent = (label: string, o: { required?: boolean } = {}): NumberSpec => ({ label, min: 0, max: MAX_RATE_PERCENT, decimals: 2, unit: '%', required: o.required });

/** A yearly quantity (tonnes…), 0 to 100,000,000,000. */
export const quantity = (label: string, o: { unit?: string; decimals?: number } = {}): NumberSpec => ({ label, min: 0, max: 1e11, decimals: o.decimals ?? 2, unit: o.unit });

/** A year, 2000 to 2100. */
export const yearNumber = (label: string, o: { required?: boolean } = {}) => wholeNumber(label, 2000, 2100, { unit: '年', required: o.required });
