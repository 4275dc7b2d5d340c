import { api, apiRequest } from '../../../lib/api-client';
import type { Division, TaxonomyNode, TaxonomySummary } from '@zj/shared';
import type { TaxonomyImportFields } from './types';

/** GET /reference/divisions (public; `auth: false` so the registration page never triggers a refresh). */
export function fetchDivisions(signal?: AbortSignal, auth = true): Promise<Division[]> {
  return apiRequest<Division[]>('/reference/divisions', { signal, auth });
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

/** POST multipart /reference/taxonomies (fields version, name, effectiveFrom?, file) → the new version's summary. */
export function importTaxonomy(fields: TaxonomyImportFields): Promise<TaxonomySummary> {
  const form = new FormData();
  form.append('version', fields.version);
  form.append('name', fields.name);
  if (fields.effectiveFrom) form.append('effectiveFrom', fields.effectiveFrom);
  form.append('file', fields.file, fields.file.name);
  return api.upload<TaxonomySummary>('/reference/taxonomies', form);
}
