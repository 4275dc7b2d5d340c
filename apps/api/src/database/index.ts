/** Public face of database: what other modules may import from it. */
export { dataSourceOptions } from './data-source-options';
export { startEmbeddedPostgres } from './embedded-postgres';
export type { EmbeddedPostgres } from './embedded-postgres';
export { runMigrations } from './migrate';
