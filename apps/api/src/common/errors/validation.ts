import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonErrorCode, FieldError } from '@zj/shared';
import { AppException } from './app.exception';

/** Flattens nested class-validator errors to `[{ field: 'a.b[0].c', messages }]`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    if (e.constraints) {
      const messages = Object.entries(e.constraints).map(([rule, m]) => (rule === 'whitelistValidation' ? '不允许的字段' : m));
      out.push({ field, messages });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** The one validation pipe: strips nothing silently — unknown fields are rejected and named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new AppException(CommonErrorCode.VALIDATION_FAILED, `请求参数有误：${details.map((d) => d.field).join('、')}`, HttpStatus.BAD_REQUEST, details);
    },
  });
}
