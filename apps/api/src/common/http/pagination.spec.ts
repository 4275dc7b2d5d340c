import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@zj/shared';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { MAX_PAGE, pageBounds, PageQueryDto } from './pagination';

/** The fields a query string fails on, as the validation pipe sees it (strings in, numbers after @Type). */
function invalidFields(query: Record<string, string>): string[] {
  return validateSync(plainToInstance(PageQueryDto, query)).map((e) => e.property);
}

describe('PageQueryDto: page numbers are bounded integers', () => {
  it.each(['1e308', '12345678901234567890', String(MAX_PAGE + 1), '-1', '0', '1.5', 'NaN', 'Infinity', '', 'abc'])('refuses page=%s', (page) => {
    expect(invalidFields({ page })).toEqual(['page']);
  });

  it.each(['1e308', '99999999999999999999', String(MAX_PAGE_SIZE + 1), '0', '-5', '2.5'])('refuses pageSize=%s', (pageSize) => {
    expect(invalidFields({ pageSize })).toEqual(['pageSize']);
  });

  it('accepts the ordinary and the highest pages, with messages in Chinese for the rest', () => {
    expect(invalidFields({ page: '1', pageSize: '20' })).toEqual([]);
    expect(invalidFields({ page: String(MAX_PAGE), pageSize: String(MAX_PAGE_SIZE) })).toEqual([]);
    const [error] = validateSync(plainToInstance(PageQueryDto, { page: '1e308' }));
    expect(Object.values(error.constraints ?? {})).toEqual([`页码应不大于${MAX_PAGE}`]);
  });

  it('refuses an overlong or malformed sort', () => {
    expect(invalidFields({ sort: `-${'a'.repeat(100)}` })).toEqual(['sort']);
    expect(invalidFields({ sort: 'name; DROP TABLE users' })).toEqual(['sort']);
    expect(invalidFields({ sort: '-createdAt' })).toEqual([]);
  });
});

describe('pageBounds', () => {
  it('answers page, size and offset', () => {
    expect(pageBounds({})).toEqual({ page: 1, pageSize: DEFAULT_PAGE_SIZE, offset: 0 });
    expect(pageBounds({ page: 3, pageSize: 10 })).toEqual({ page: 3, pageSize: 10, offset: 20 });
  });

  it('clamps what skipped validation, so SQL never gets an absurd offset', () => {
    expect(pageBounds({ page: 1e308, pageSize: 1e308 })).toEqual({ page: MAX_PAGE, pageSize: MAX_PAGE_SIZE, offset: (MAX_PAGE - 1) * MAX_PAGE_SIZE });
    expect(pageBounds({ page: -4, pageSize: 0 })).toEqual({ page: 1, pageSize: 1, offset: 0 });
    expect(pageBounds({ page: Number.NaN, pageSize: 2.5 })).toEqual({ page: 1, pageSize: DEFAULT_PAGE_SIZE, offset: 0 });
  });
});
