export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Every list endpoint answers with this. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
