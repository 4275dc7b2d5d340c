import { ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page } from '@zj/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppException } from '../errors/app.exception';

/**
 * The highest page a list answers: beyond it a page number is a mistake or a probe (`page=1e308` is an
 * integer to JavaScript, and its offset overflowed PostgreSQL's bigint: a 500 before this bound).
 */
export const MAX_PAGE = 100_000;

/** `page`, `pageSize` (capped) and `sort` (`field` or `-field`), the query of every list endpoint. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码应为整数' })
  @Min(1, { message: '页码应不小于1' })
  @Max(MAX_PAGE, { message: `页码应不大于${MAX_PAGE}` })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数应为整数' })
  @Min(1, { message: '每页条数应不小于1' })
  @Max(MAX_PAGE_SIZE, { message: `每页条数应不大于${MAX_PAGE_SIZE}` })
  pageSize?: number;

  @ApiPropertyOptional({ description: '排序字段，前缀 - 表示降序，如 -createdAt' })
  @IsOptional()
  @Matches(/^-?[A-Za-z][A-Za-z0-9]*$/, { message: '排序字段格式如 createdAt 或 -createdAt' })
  @MaxLength(64, { message: '排序字段不超过64个字符' })
  sort?: string;
}

export type PageQuery = Pick<PageQueryDto, 'page' | 'pageSize' | 'sort'>;

/** Page, size and offset; clamped too, so a caller that skipped validation cannot send SQL an absurd offset. */
export function pageBounds(query: PageQuery): { page: number; pageSize: number; offset: number } {
  const clamp = (v: number | undefined, fallback: number, max: number) => (v !== undefined && Number.isInteger(v) ? Math.min(Math.max(v, 1), max) : fallback);
  const page = clamp(query.page, 1, MAX_PAGE);
  const pageSize = clamp(query.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/**
 * Applies sort and paging to a query builder. `sorts` maps the public sort names to SQL expressions;
 * an unknown sort name is a 400, not a silent default.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  query: PageQuery,
  sorts: Record<string, string>,
  defaultSort: string,
): Promise<Page<T>> {
  const { page, pageSize, offset } = pageBounds(query);
  const sort = query.sort ?? defaultSort;
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  const column = sorts[key];
  if (!column) {
    throw AppException.badRequest(`不支持的排序字段：${key}`, undefined, [{ field: 'sort', messages: [`可选：${Object.keys(sorts).join(', ')}`] }]);
  }
  qb.orderBy(column, desc ? 'DESC' : 'ASC').skip(offset).take(pageSize);
  const [items, total] = await qb.getManyAndCount();
  return { items, total, page, pageSize };
}
