import type { TextLimit } from '@zj/shared';
import { Length, MaxLength } from 'class-validator';

/**
 * A text field's length from @zj/shared's TEXT_LIMITS (the web's forms state the same limit), with
 * the message naming the field: `项目名称应为2至200个字`, `项目地点不能超过200个字`. `unit` is how the
 * field's message counts (个字, 字, 个字符, 字符).
 */
export function TextLength(limit: TextLimit, label: string, unit = '个字'): PropertyDecorator {
  return limit.min !== undefined
    ? Length(limit.min, limit.max, { message: `${label}应为${limit.min}至${limit.max}${unit}` })
    : MaxLength(limit.max, { message: `${label}不能超过${limit.max}${unit}` });
}
