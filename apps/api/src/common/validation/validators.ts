import { CREDIT_CODE_PROBLEM_MESSAGES, creditCodeProblem, divisionByCode } from '@zj/shared';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** 统一社会信用代码 with its GB 32100 check character; the message names the problem in Chinese. */
export function IsCreditCode(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCreditCode',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && creditCodeProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => {
          const v = args?.value;
          if (typeof v !== 'string') return '统一社会信用代码必须是字符串';
          const problem = creditCodeProblem(v);
          return problem ? CREDIT_CODE_PROBLEM_MESSAGES[problem] : '统一社会信用代码无效';
        },
      },
    });
}

/** A division or zone code of Zhanjiang (see @zj/shared DIVISIONS). */
export function IsDivisionCode(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDivisionCode',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !!divisionByCode(value),
        defaultMessage: () => '不是湛江市的县（市、区）或园区代码',
      },
    });
}

/** A number as people read it in a message: plain digits, never an exponent (1e11 → 100000000000). */
export function plainNumber(n: number): string {
  return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}

/**
 * A decimal amount as a string with at most `scale` decimals, e.g. 万元 '1200.50'. Never a float.
 * With `label` (the field as the form labels it) and `unit`, the message names the field and the
 * allowed range: '融资金额应在0.01至10000000万元之间，最多2位小数'.
 */
export function IsDecimalString(opts: { precision?: number; scale?: number; min?: number; max?: number; label?: string; unit?: string } = {}, options?: ValidationOptions) {
  const scale = opts.scale ?? 2;
  const intDigits = (opts.precision ?? 14) - scale;
  const re = new RegExp(`^-?\\d{1,${intDigits}}(\\.\\d{1,${scale}})?$`);
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDecimalString',
      target: object.constructor,
      propertyName,
      options,
      constraints: [{ min: opts.min, max: opts.max, scale }],
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !re.test(value)) return false;
          const n = Number(value);
          if (opts.min !== undefined && n < opts.min) return false;
          if (opts.max !== undefined && n > opts.max) return false;
          return true;
        },
        defaultMessage: () => {
          if (opts.label) return decimalMessage(opts.label, opts, scale);
          const range = [opts.min !== undefined ? `不小于${opts.min}` : '', opts.max !== undefined ? `不大于${opts.max}` : ''].filter(Boolean).join('且');
          return `应为最多${scale}位小数的数字字符串${range ? `，${range}` : ''}`;
        },
      },
    });
}

/** '总投资应在0.01至10000000万元之间，最多2位小数'; '金额下限应不小于0万元，最多2位小数'. */
export function decimalMessage(label: string, opts: { min?: number; max?: number; unit?: string }, scale = 2): string {
  const unit = opts.unit ?? '';
  const { min, max } = opts;
  const range =
    min !== undefined && max !== undefined
      ? `应在${plainNumber(min)}至${plainNumber(max)}${unit}之间`
      : min !== undefined
        ? `应不小于${plainNumber(min)}${unit}`
        : max !== undefined
          ? `应不大于${plainNumber(max)}${unit}`
          : '应为数字';
  return `${label}${range}，最多${scale}位小数`;
}

/** Trims strings; lower-cases (e-mail addresses) or upper-cases (codes) too when asked. */
export const Trim = (kase?: 'lower' | 'upper') =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const t = value.trim();
    return kase === 'lower' ? t.toLowerCase() : kase === 'upper' ? t.toUpperCase() : t;
  });

/** The date `YYYY-MM-DD` names a day of the calendar (not 2023-02-29, not year 0000), or null. */
export function calendarDateProblem(value: unknown, minYear = 1900, maxYear = 2999): string | null {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!m) return '日期格式应为 YYYY-MM-DD';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < minYear || year > maxYear) return `年份应在${minYear}至${maxYear}之间`;
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return '日期不存在';
  return null;
}

/**
 * A date problem said of the field as the form labels it: '日期格式应为 YYYY-MM-DD' of 放款日期 is
 * '放款日期格式应为 YYYY-MM-DD', '年份应在…' is '放款日期的年份应在…', '日期不存在' is '放款日期无效：该日不存在'.
 */
export function labelledDateProblem(label: string | undefined, problem: string): string {
  if (!label) return problem;
  if (problem === '日期不存在' || problem === '月份不存在') return `${label}无效：该${problem === '日期不存在' ? '日' : '月'}不存在`;
  if (problem.startsWith('日期') || problem.startsWith('月份')) return `${label}${problem.slice(2)}`;
  return `${label}的${problem}`;
}

/**
 * A real calendar date `YYYY-MM-DD` (a pattern alone let 2024-02-30 and 0000-01-01 through to
 * PostgreSQL, which answered them with a 500). Use instead of `@Matches(ISO_DATE)`.
 */
export function IsCalendarDate(opts: { minYear?: number; maxYear?: number; label?: string } = {}, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => calendarDateProblem(value, opts.minYear, opts.maxYear) === null,
        defaultMessage: (args?: ValidationArguments) => labelledDateProblem(opts.label, calendarDateProblem(args?.value, opts.minYear, opts.maxYear) ?? '日期无效'),
      },
    });
}

/** A month `YYYY-MM` of a year PostgreSQL and the platform can hold (1900–2999 unless told). */
export function IsYearMonth(opts: { minYear?: number; maxYear?: number; label?: string } = {}, options?: ValidationOptions) {
  const problem = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}$/.test(value) ? calendarDateProblem(`${value}-01`, opts.minYear, opts.maxYear) : '月份格式应为 YYYY-MM');
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isYearMonth',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args?: ValidationArguments) => labelledDateProblem(opts.label, problem(args?.value) === '日期不存在' ? '月份不存在' : (problem(args?.value) ?? '月份无效')),
      },
    });
}
