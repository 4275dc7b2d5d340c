import { MigrationInterface, QueryRunner } from 'typeorm';

/** The text keyword search reads (as indexed by the library migration). */
const SEARCH_EXPRESSION = `lower(name || ' ' || coalesce(location, '') || ' ' || coalesce(description, ''))`;

/**
 * Performance of matching and library search (issues 3 and 4):
 * - the published catalogue's change counter: matching keeps the published products in memory and
 *   asks this one row whether they changed (matching/product-index.ts). Triggers bump it in the same
 *   transaction as any change that touches a published product (insert, update, delete, truncate),
 *   so the counter becomes visible exactly when the change does, on any API process;
 * - the projects' keyword search text (lower(name, location, description)) stored as a generated
 *   column, with the trigram and bigram indexes on it instead of on the expression: a keyword search
 *   rechecks every candidate row, and reading the stored text costs about half of recomputing it
 *   (projects/search-sql.ts).
 */
export class Performance1764300500000 implements MigrationInterface {
  name = 'Performance1764300500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE product_catalogue_changes (
        id smallint PRIMARY KEY CHECK (id = 1),
        changes bigint NOT NULL DEFAULT 0,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO product_catalogue_changes (id) VALUES (1)`);
    await q.query(`
      CREATE FUNCTION product_catalogue_touch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE product_catalogue_changes SET changes = changes + 1, changed_at = now() WHERE id = 1;
        RETURN NULL;
      END $$`);
    // Drafts come and go without touching the counter: only published products are matched.
    await q.query(`CREATE TRIGGER products_catalogue_insert AFTER INSERT ON products FOR EACH ROW WHEN (NEW.status = 'PUBLISHED') EXECUTE FUNCTION product_catalogue_touch()`);
    await q.query(
      `CREATE TRIGGER products_catalogue_update AFTER UPDATE ON products FOR EACH ROW WHEN (OLD.status = 'PUBLISHED' OR NEW.status = 'PUBLISHED') EXECUTE FUNCTION product_catalogue_touch()`,
    );
    await q.query(`CREATE TRIGGER products_catalogue_delete AFTER DELETE ON products FOR EACH ROW WHEN (OLD.status = 'PUBLISHED') EXECUTE FUNCTION product_catalogue_touch()`);
    await q.query(`CREATE TRIGGER products_catalogue_truncate AFTER TRUNCATE ON products FOR EACH STATEMENT EXECUTE FUNCTION product_catalogue_touch()`);

    await q.query(`ALTER TABLE projects ADD COLUMN search_text text GENERATED ALWAYS AS (${SEARCH_EXPRESSION}) STORED`);
    await q.query(`CREATE INDEX projects_search_text_trgm_idx ON projects USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX projects_search_text_bigram_idx ON projects USING gin (zj_bigrams(search_text))`);
    await q.query(`DROP INDEX projects_search_trgm_idx`);
    await q.query(`DROP INDEX projects_search_bigram_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX projects_search_trgm_idx ON projects USING gin ((${SEARCH_EXPRESSION}) gin_trgm_ops)`);
    await q.query(`CREATE INDEX projects_search_bigram_idx ON projects USING gin (zj_bigrams(${SEARCH_EXPRESSION}))`);
    await q.query(`ALTER TABLE projects DROP COLUMN search_text`);
    for (const t of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER products_catalogue_${t} ON products`);
    await q.query(`DROP FUNCTION product_catalogue_touch()`);
    await q.query(`DROP TABLE product_catalogue_changes`);
  }
}
