/** POST /reference/taxonomies: the catalogue version's fields and its spreadsheet (sent as multipart form data). */
export interface TaxonomyImportFields {
  version: string;
  name: string;
  effectiveFrom?: string;
  file: File;
}
