import { api } from '../../../lib/api-client';
import type { DivisionDto, TaxonomyImportFields, TaxonomyNode, TaxonomySummary } from './types';

export function fetchDivisions(signal?: AbortSignal): Promise<DivisionDto[]> {
  return api.get<DivisionDto[]>('/reference/divisions', undefined, signal);
}

export function fetchTaxonomies(signal?: AbortSignal): Promise<TaxonomySummary[]> {
  return api.get<TaxonomySummary[]>('/reference/taxonomies', undefined, signal);
}

export function fetchTaxonomyTree(version: string, signal?: AbortSignal): Promise<TaxonomyNode[]> {
  return api.get<TaxonomyNode[]>(
    `/reference/taxonomies/${encodeURIComponent(version)}/categories`,
    { format: 'tree' },
    signal,
  );
}

/** POST multipart /reference/taxonomies (fields version, name, effectiveFrom, file). */
export function importTaxonomy(fields: TaxonomyImportFields): Promise<TaxonomySummary> {
  const form = new FormData();
  form.append('version', fields.version);
  form.append('name', fields.name);
  form.append('effectiveFrom', fields.effectiveFrom);
  form.append('file', fields.file, fields.file.name);
  return api.upload<TaxonomySummary>('/reference/taxonomies', form);
}
