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
      const messages = Object.entries(e.constraints).map(([rule, m]) => (rule === 'whitelistValidation' ? '不允许的字段' : m));
      out.push({ field, messages });
    }
    // An accumulator, not a spread: a list of 200,000 invalid items overflowed the call's arguments.
    if (e.children?.length) flattenValidationErrors(e.children, field, limit, out);
  }
  return out;
}

/** The summary message: the first few fields named, the rest counted. */
export function validationMessage(details: FieldError[], more: boolean): string {
  const shown = details.slice(0, 10).map((d) => d.field);
  const rest = more || details.length > shown.length;
  return `请求参数有误：${shown.join('、')}${rest ? ' 等' : ''}`;
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
