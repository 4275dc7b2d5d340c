import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { CITY_CODE, DIVISIONS, type Division } from '@zj/shared';
import { queryKeys } from '../../../lib/query-keys';
import { fetchDivisions } from '../api/reference-api';

/**
 * The divisions of Zhanjiang from GET /reference/divisions (public), or, while it loads or if it
 * fails, the shared DIVISIONS constant.
 */
export function useDivisions(): readonly Division[] {
  const { data } = useQuery({
    queryKey: queryKeys.reference.divisions,
    queryFn: ({ signal }) => fetchDivisions(signal, false),
    staleTime: Infinity,
    meta: { silentError: true },
  });
  return data && data.length > 0 ? data : DIVISIONS;
}

/** code → name, for showing a division code in tables. */
export function useDivisionName(): (code: string | null | undefined) => string {
  const divisions = useDivisions();
  return useMemo(() => {
    const names = new Map(divisions.map((d) => [d.code, d.name]));
    return (code) => (code ? (names.get(code) ?? code) : '—');
  }, [divisions]);
}

/** The county-level areas and zones (where enterprises and projects are). */
export function isCountyLevel(d: Division): boolean {
  return d.parentCode === CITY_CODE;
}
