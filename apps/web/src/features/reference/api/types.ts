import type { Division } from '@zj/shared';

/** GET /reference/divisions → DivisionDto[] (same shape as the shared Division). */
export type DivisionDto = Division;

export type { ImportLineError, TaxonomyNode, TaxonomySummary } from '@zj/shared';

export interface TaxonomyImportFields {
  version: string;
  name: string;
  effectiveFrom?: string;
  file: File;
}
