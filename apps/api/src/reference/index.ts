/** Public face of reference: what other modules may import from it. */
export { GOVERNMENT_UNITS, unitByAnyName } from './data/government-units';
export { ReferenceModule } from './reference.module';
export { ReferenceService } from './reference.service';
export { parseTaxonomyCsv } from './taxonomy-csv';
export { DivisionRecord, TaxonomyCategory, TaxonomyVersion } from './taxonomy.entity';
