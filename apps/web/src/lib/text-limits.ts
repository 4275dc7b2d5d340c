import type { TextLimit } from '@zj/shared';

/**
 * A text field's length as the API checks it (@zj/shared TEXT_LIMITS), as a form rule with the API's
 * message (`资金用途应为2至500个字`). Whether the field is required is a rule of its own.
 */
export function lengthRule(label: string, limit: TextLimit, unit = '个字') {
  return limit.min !== undefined
    ? { min: limit.min, max: limit.max, message: `${label}应为${limit.min}至${limit.max}${unit}` }
    : { max: limit.max, message: `${label}不能超过${limit.max}${unit}` };
}

/**
 * Props for the Input / TextArea: a counter ("12 / 500") stating the limit before submit. Past the
 * limit the counter turns red and the rule says why; what was typed or pasted is never cut.
 */
export const counted = (limit: TextLimit) => ({ count: { show: true, max: limit.max } });
