import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching keeps the published products in memory with their bank's name, and reloads them when the
 * catalogue's change counter moves (matching/product-index.ts). A bank renamed by the bureau changes
 * what every match of its published products shows, so the rename bumps the counter too, in the same
 * transaction: matches name the bank as it is called now, on any API process.
 */
export class CatalogueBankNames1764300600000 implements MigrationInterface {
  name = 'CatalogueBankNames1764300600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION product_catalogue_bank_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM products WHERE bank_org_id = NEW.id AND status = 'PUBLISHED') THEN
          UPDATE product_catalogue_changes SET changes = changes + 1, changed_at = now() WHERE id = 1;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER organizations_catalogue_rename AFTER UPDATE OF name ON organizations FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION product_catalogue_bank_renamed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER organizations_catalogue_rename ON organizations`);
    await q.query(`DROP FUNCTION product_catalogue_bank_renamed()`);
  }
}
