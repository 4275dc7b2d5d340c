import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsString, ValidateNested, ValidationError } from 'class-validator';
import { AppException } from './app.exception';
import { createValidationPipe, flattenValidationErrors, MAX_FIELD_ERRORS, validationMessage } from './validation';

class Item {
  @IsString()
  text: string;
}

class Items {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Item)
  items: Item[];
}

function error(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('validation errors', () => {
  it('flattens nested errors to named fields', () => {
    const errors = [error('name', { isString: '名称应为文字' }), error('items', undefined, [error('1', undefined, [error('text', { isString: '应为文字' })])]), error('x', { whitelistValidation: 'x should not exist' })];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'name', messages: ['名称应为文字'] },
      { field: 'items[1].text', messages: ['应为文字'] },
      { field: 'x', messages: ['不允许的字段'] },
    ]);
  });

  it('flattens 200,000 item errors without overflowing the call stack, and stops at the limit', () => {
    const children = Array.from({ length: 200_000 }, (_, i) => error(String(i), undefined, [error('text', { isString: '应为文字' })]));
    expect(flattenValidationErrors([error('items', undefined, children)]).length).toBe(200_000);
    expect(flattenValidationErrors([error('items', undefined, children)], '', 51)).toHaveLength(51);
  });

  it('says the first problems in the words of the field messages, never the raw path, and counts the rest', () => {
    const details = Array.from({ length: 12 }, (_, i) => ({ field: `targets[${i}].value`, messages: [`目标值应在0至${i}之间`] }));
    expect(validationMessage([{ field: 'name', messages: ['指标名称应为2至200个字'] }], false)).toBe('请求参数有误：指标名称应为2至200个字');
    expect(validationMessage(details.slice(0, 2), false)).toBe('请求参数有误：目标值应在0至0之间（第1项）；目标值应在0至1之间（第2项）');
    expect(validationMessage(details, false)).toBe('请求参数有误：目标值应在0至0之间（第1项）；目标值应在0至1之间（第2项）；目标值应在0至2之间（第3项）；等12项问题');
    expect(validationMessage(details, true)).toMatch(/等多项问题$/);
    expect(validationMessage([{ field: 'categoryRules[1].prefix', messages: ['支持的绿色类别应为分类代码或前缀'] }], false)).not.toContain('categoryRules');
    expect(validationMessage([{ field: 'isAdmin', messages: ['不允许的字段'] }], false)).toBe('请求参数有误：不允许的字段“isAdmin”');
  });

  it('says a message once when several rules of a field say the same', () => {
    expect(flattenValidationErrors([error('termMonths', { isInt: '期限应为1至600个月', min: '期限应为1至600个月' })])).toEqual([{ field: 'termMonths', messages: ['期限应为1至600个月'] }]);
  });

  it(`answers at most ${MAX_FIELD_ERRORS} field errors for a body with thousands of wrong fields`, async () => {
    const pipe = createValidationPipe();
    const metadata: ArgumentMetadata = { type: 'body', metatype: Items };
    const body = { items: Array.from({ length: 5_000 }, () => ({ text: 1 })) };
    const e = await pipe.transform(body, metadata).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(AppException);
    expect((e as AppException).details).toHaveLength(MAX_FIELD_ERRORS);
    expect((e as AppException).message.length).toBeLessThan(200);
  });
});
