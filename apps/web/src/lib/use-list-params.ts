import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@zj/shared';

function toPositiveInt(raw: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = raw === null ? NaN : Number.parseInt(raw, 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, max) : fallback;
}

export interface ListParams<K extends string> {
  page: number;
  pageSize: number;
  filters: Partial<Record<K, string>>;
  /** page, pageSize and filters together: what list endpoints take as query. */
  params: Partial<Record<K, string>> & { page: number; pageSize: number };
  /** Changes filters (empty values remove them) and goes back to page 1. */
  setFilters: (next: Partial<Record<K, string | undefined | null>>) => void;
  setPage: (page: number, pageSize?: number) => void;
  reset: () => void;
}

/**
 * Server-side paging and filter state of a list page, kept in the URL (`?page=2&q=…`) so that
 * reloading, sharing a link and the back button keep the list where it was.
 */
export function useListParams<K extends string>(filterKeys: readonly K[], defaultPageSize = DEFAULT_PAGE_SIZE): ListParams<K> {
  const [search, setSearch] = useSearchParams();
  const keysSignature = filterKeys.join(',');

  const state = useMemo(() => {
    const page = toPositiveInt(search.get('page'), 1);
    const pageSize = toPositiveInt(search.get('pageSize'), defaultPageSize, MAX_PAGE_SIZE);
    const filters: Partial<Record<K, string>> = {};
    for (const key of keysSignature.split(',') as K[]) {
      const v = search.get(key);
      if (v) filters[key] = v;
    }
    return { page, pageSize, filters, params: { ...filters, page, pageSize } };
  }, [search, keysSignature, defaultPageSize]);

  const setFilters = useCallback(
    (next: Partial<Record<K, string | undefined | null>>) => {
      setSearch(
        (prev) => {
          const sp = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(next) as [string, string | undefined | null][]) {
            if (value === undefined || value === null || value === '') sp.delete(key);
            else sp.set(key, value);
          }
          sp.delete('page');
          return sp;
        },
        { replace: true },
      );
    },
    [setSearch],
  );

  const setPage = useCallback(
    (page: number, pageSize?: number) => {
      setSearch((prev) => {
        const sp = new URLSearchParams(prev);
        const size = pageSize ?? toPositiveInt(prev.get('pageSize'), defaultPageSize);
        const sizeChanged = size !== toPositiveInt(prev.get('pageSize'), defaultPageSize);
        const target = sizeChanged ? 1 : page;
        if (target > 1) sp.set('page', String(target));
        else sp.delete('page');
        if (size !== defaultPageSize) sp.set('pageSize', String(size));
        else sp.delete('pageSize');
        return sp;
      });
    },
    [setSearch, defaultPageSize],
  );

  const reset = useCallback(() => setSearch(new URLSearchParams(), { replace: true }), [setSearch]);

  return { ...state, setFilters, setPage, reset };
}
