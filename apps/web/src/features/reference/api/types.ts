import type { Division } from '@zj/shared';

/** GET /reference/divisions → DivisionDto[] (same shape as the shared Division). */
export type DivisionDto = Division;

/** One catalogue version: GET /reference/taxonomies → TaxonomySummary[]. */
export interface TaxonomySummary {
  version: string;
  name: string;
  /** `YYYY-MM-DD`, or null when not given. */
  effectiveFrom: string | null;
  /** Number of categories per level: `{ 1: 6, 2: 30, 3: 211 }`. */
  categoryCounts: Record<string, number>;
}

/** GET /reference/taxonomies/:version/categories?format=tree → TaxonomyNode[] (the top level). */
export interface TaxonomyNode {
  code: string;
  name: string;
  level: number;
  description: string | null;
  /** Cited standards, `&`-separated as in the catalogue CSV. */
  standards?: string | null;
  parentCode?: string | null;
  children: TaxonomyNode[];
}

export interface TaxonomyImportFields {
  version: string;
  name: string;
  effectiveFrom?: string;
  file: File;
}

/** One rejected line of an imported CSV (details of a VALIDATION_FAILED answer). */
export interface ImportLineError {
  line: number;
  message: string;
}
