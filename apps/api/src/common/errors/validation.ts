import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonErrorCode, FieldError } from '@zj/shared';
import { AppException } from './app.exception';

/** At most this many field errors are answered (a hostile body can have thousands of wrong fields). */
export const MAX_FIELD_ERRORS = 50;

/** Flattens nested class-validator errors to `[{ field: 'a.b[0].c', messages }]`, at most `limit` of them. */
export function flattenValidationErrors(errors: ValidationError[], prefix = '', limit = Infinity, out: FieldError[] = []): FieldError[] {
  for (const e of errors) {
    if (out.length >= limit) break;
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    if (e.constraints) {
      // One message once: IsInt, Min and Max of one field often say the same thing ('期限应为1至600个月').
      const messages = [...new Set(Object.entries(e.constraints).map(([rule, m]) => (rule === 'whitelistValidation' ? '不允许的字段' : m)))];
      out.push({ field, messages });
    }
    // An accumulator, not a spread: a list of 200,000 invalid items overflowed the call's arguments.
    if (e.children?.length) flattenValidationErrors(e.children, field, limit, out);
  }
  return out;
}

/**
 * The summary message a person reads: the first problems in the words of the field messages (which
 * name the field as the form labels it), never the raw path ('targets[0].value' is for the web to
 * place the message under its field); an item of a list is said by its position ('（第1项）'); the
 * rest are counted. Only a field the API does not know is named as sent (it has no label).
 */
export function validationMessage(details: FieldError[], more: boolean): string {
  const said = (d: FieldError) => {
    const message = d.messages[0] ?? '无效';
    if (message === '不允许的字段') return `不允许的字段“${d.field}”`;
    const index = /\[(\d+)\][^[]*$/.exec(d.field);
    return index ? `${message}（第${Number(index[1]) + 1}项）` : message;
  };
  const shown: string[] = [];
  for (const d of details) {
    const text = said(d);
    if (shown.length && (shown.length >= 3 || shown.join('；').length + text.length > 120)) break;
    shown.push(text);
  }
  const total = details.length;
  const rest = more || total > shown.length;
  return `请求参数有误：${shown.join('；')}${rest ? `；等${more ? '多' : total}项问题` : ''}`;
}

/** The one validation pipe: strips nothing silently — unknown fields are rejected and named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors, '', MAX_FIELD_ERRORS + 1);
      const more = details.length > MAX_FIELD_ERRORS;
      const shown = details.slice(0, MAX_FIELD_ERRORS);
      return new AppException(CommonErrorCode.VALIDATION_FAILED, validationMessage(shown, more), HttpStatus.BAD_REQUEST, shown);
    },
  });
}
