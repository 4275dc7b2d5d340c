/**
 * Matching benchmark (a script, not a test). Builds 5,000 published products (100 banks × 50) and
 * 100,000 open needs (each on a listed project with a green category), then prints p50/p95 of:
 *  - the top 20 products for one need (reading the need + the in-memory product index's freshness
 *    check + scoring every product + explaining the ones answered);
 *  - a bank's top 50 needs (newest-first scan of shared open needs + scoring, stopping early);
 *  - the bare SQL of each, and matching's time as a multiple of it: for a need, the SQL candidate
 *    query of products (what the database alone needs just to choose the candidates; matching uses
 *    the in-memory product index instead); for a bank, the scan's own queries (the same batches the
 *    workbench read, timed alone), and one batch of 1,000 needs for reference.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx --tsconfig apps/api/tsconfig.json apps/api/bench/matching.bench.ts
 *
 * With DATABASE_URL a scratch database is created on that server and dropped afterwards (BENCH_KEEP=1 keeps it).
 * Services are constructed directly (tsx emits no decorator metadata for Nest's injector).
 */
import { COUNTY_LEVEL_DIVISIONS, ProductType } from '@zj/shared';
import { benchDatabase } from './bench-database';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { AuditService } from '../src/audit/audit.service';
import type { AppConfig } from '../src/config/app.config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { bankScanSql, productCandidatesSql, toMatchNeed } from '../src/matching/candidates';
import { MatchingService } from '../src/matching/matching.service';
import { Organization } from '../src/organizations/organization.entity';
import { Product } from '../src/products/product.entity';
import { ReferenceService } from '../src/reference/reference.service';
import { DivisionRecord, TaxonomyCategory, TaxonomyVersion } from '../src/reference/taxonomy.entity';
import { seedReference } from '../src/setup/reference-seed';

const BANKS = 100;
const PRODUCTS_PER_BANK = 50;
const NEEDS = 100_000;
const ENTERPRISES = 20_000;
const NEED_RUNS = 300;
const BANK_RUNS = 40;


const pick = <T>(a: readonly T[], i: number) => a[i % a.length];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms (n=${xs.length})`;
const ratio = (xs: number[], bare: number[]) => `${(pct(xs, 50) / pct(bare, 50)).toFixed(2)}× bare SQL at p50, ${(pct(xs, 95) / pct(bare, 95)).toFixed(2)}× at p95`;
/** Deterministic pseudo-random numbers. */
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const r = await fn();
  return [Number(process.hrtime.bigint() - t) / 1e6, r];
}

async function main() {
  const { url, engine, cleanup } = await benchDatabase('zj_mbench');
  const ds = new DataSource(dataSourceOptions(url, [Organization, AuditEntry, DivisionRecord, TaxonomyVersion, TaxonomyCategory, Product], 4));
  try {
    await ds.initialize();
    await ds.runMigrations();
    const audit = new AuditService(ds);
    await ds.transaction((m) => seedReference(m, new ReferenceService(ds, audit)));
    console.log(`engine: ${engine}`);

    let t = Date.now();
    const codes: string[] = (await ds.query(`SELECT code FROM taxonomy_categories WHERE version = 'GIC-2019' AND level = 3 ORDER BY code`)).map((r: { code: string }) => r.code);
    const seconds: string[] = [...new Set(codes.map((c) => c.split('.').slice(0, 2).join('.')))];
    const tops: string[] = [...new Set(codes.map((c) => c.split('.')[0]))];
    const divisions = COUNTY_LEVEL_DIVISIONS.map((d) => d.code);

    // ---- banks and products
    await ds.query(
      `INSERT INTO organizations (type, name, institution_kind, branch_name) SELECT 'FINANCIAL_INSTITUTION', '基准测试银行' || g || '湛江分行', 'BANK', '湛江分行' FROM generate_series(1, $1) g`,
      [BANKS],
    );
    const banks: string[] = (await ds.query(`SELECT id FROM organizations WHERE type = 'FINANCIAL_INSTITUTION' ORDER BY name`)).map((r: { id: string }) => r.id);
    const TYPES = [ProductType.LOAN, ProductType.LOAN, ProductType.LOAN, ProductType.LOAN, ProductType.SUPPLY_CHAIN, ProductType.LEASE, ProductType.BOND, ProductType.INSURANCE, ProductType.FUND];
    const products = [];
    for (let i = 0; i < BANKS * PRODUCTS_PER_BANK; i++) {
      const max = pick([300, 500, 1000, 3000, 5000, 10000, 50000], Math.floor(rnd() * 7));
      const r = rnd();
      const rules =
        r < 0.15 ? [] : r < 0.45 ? [{ version: 'GIC-2019', prefix: pick(tops, Math.floor(rnd() * 99)) }] : r < 0.8 ? [{ version: 'GIC-2019', prefix: pick(seconds, Math.floor(rnd() * 999)) }] : [{ version: 'GIC-2019', prefix: pick(codes, Math.floor(rnd() * 9999)) }, { version: 'GIC-2019', prefix: pick(codes, Math.floor(rnd() * 9999)) }];
      products.push({
        bank: banks[i % BANKS],
        name: `基准产品${i}`,
        type: pick(TYPES, Math.floor(rnd() * 99)),
        min: String(Math.max(10, max / 20)),
        max: String(max),
        minTerm: pick([1, 6, 12, 12, 24], Math.floor(rnd() * 5)),
        maxTerm: pick([12, 36, 60, 120, 180], Math.floor(rnd() * 5)),
        rateMin: (2.8 + rnd()).toFixed(2),
        rules: JSON.stringify(rules),
        counties: rnd() < 0.6 ? '{}' : `{${divisions.filter(() => rnd() < 0.4).join(',')}}`,
        sizes: rnd() < 0.7 ? '{}' : '{SMALL,MICRO}',
        grade: rnd() < 0.8 ? null : pick(['A', 'B', 'C'], Math.floor(rnd() * 3)),
      });
    }
    for (let i = 0; i < products.length; i += 1000) {
      const chunk = products.slice(i, i + 1000);
      await ds.query(
        `INSERT INTO products (bank_org_id, name, type, description, min_amount, max_amount, min_term_months, max_term_months, rate_kind, rate_min_percent, rate_max_percent,
                               collateral_accepted, category_rules, counties, enterprise_sizes, min_green_grade, status, published_at)
         SELECT x.bank, x.name, x.type, '基准测试产品', x.mn, x.mx, least(x.mint, x.maxt), x.maxt, 'FIXED', x.rate, x.rate + 0.8,
                '{RECEIVABLES,REAL_ESTATE}', x.rules::jsonb, x.counties::text[], x.sizes::text[], x.grade, 'PUBLISHED', now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::int[], $7::int[], $8::numeric[], $9::text[], $10::text[], $11::text[], $12::text[])
             AS x(bank, name, type, mn, mx, mint, maxt, rate, rules, counties, sizes, grade)`,
        [
          chunk.map((p) => p.bank), chunk.map((p) => p.name), chunk.map((p) => p.type), chunk.map((p) => p.min), chunk.map((p) => p.max), chunk.map((p) => p.minTerm),
          chunk.map((p) => p.maxTerm), chunk.map((p) => p.rateMin), chunk.map((p) => p.rules), chunk.map((p) => p.counties), chunk.map((p) => p.sizes), chunk.map((p) => p.grade),
        ],
      );
    }
    console.log(`products: ${products.length} in ${Date.now() - t} ms`);

    // ---- enterprises, listed projects and open needs (generated in SQL)
    t = Date.now();
    await ds.query(
      `INSERT INTO organizations (type, name, division_code) SELECT 'ENTERPRISE', '基准测试企业' || g || '有限公司', ($2::text[])[1 + g % array_length($2::text[], 1)] FROM generate_series(1, $1) g`,
      [ENTERPRISES, divisions],
    );
    await ds.query(
      `INSERT INTO enterprise_profiles (organization_id, size) SELECT id, (ARRAY['LARGE','MEDIUM','SMALL','SMALL','MICRO'])[1 + (hashtext(id::text) & 4095) % 5] FROM organizations WHERE type = 'ENTERPRISE'`,
    );
    await ds.query(`CREATE TEMP TABLE ents AS SELECT row_number() OVER (ORDER BY id) AS k, id, division_code FROM organizations WHERE type = 'ENTERPRISE'`);
    await ds.query(
      `INSERT INTO projects (enterprise_org_id, name, division_code, stage, total_investment, primary_category_version, primary_category_code, source, submitted_by_org_id, status, listed_at)
       SELECT e.id, '基准项目' || g, ($3::text[])[1 + (g * 7) % array_length($3::text[], 1)], 'UNDER_CONSTRUCTION', 1000 + (g % 500) * 37, 'GIC-2019',
              ($2::text[])[1 + (g * 13) % array_length($2::text[], 1)], 'SELF_REGISTERED', e.id, 'LISTED', now()
         FROM generate_series(1, $1) g JOIN ents e ON e.k = 1 + g % ${ENTERPRISES}`,
      [NEEDS, codes, divisions],
    );
    await ds.query(`INSERT INTO project_categories (project_id, taxonomy_version, code, is_primary) SELECT id, primary_category_version, primary_category_code, true FROM projects`);
    await ds.query(
      `INSERT INTO financing_needs (enterprise_org_id, project_id, amount, term_months, instrument, purpose, collateral, max_rate_percent, sharing, status, created_by_org_id)
       SELECT p.enterprise_org_id, p.id, (ARRAY[50,120,300,450,800,1500,2800,4500,9000,20000])[1 + (hashtext(p.id::text) & 4095) % 10],
              (ARRAY[6,12,24,36,60,96,120])[1 + (hashtext(p.name) & 4095) % 7],
              (ARRAY['LOAN','LOAN','LOAN','LOAN','SUPPLY_CHAIN','LEASE','BOND','INSURANCE','EQUITY'])[1 + (hashtext(p.id::text || 'i') & 4095) % 9],
              '基准测试融资需求', '{RECEIVABLES}', (ARRAY[3.2,3.6,4.0,NULL])[1 + (hashtext(p.id::text || 'r') & 4095) % 4],
              'ALL_BANKS', 'OPEN', p.enterprise_org_id
         FROM projects p`,
    );
    await ds.query('ANALYZE');
    console.log(`needs: ${NEEDS} (on ${NEEDS} listed projects of ${ENTERPRISES} enterprises) in ${Date.now() - t} ms`);

    const matching = new MatchingService(ds, { LPR_1Y_PERCENT: '3.00' } as AppConfig, null as never);
    const needIds: string[] = (await ds.query(`SELECT id FROM financing_needs ORDER BY hashtext(id::text) LIMIT $1`, [NEED_RUNS])).map((r: { id: string }) => r.id);

    // warm-up
    for (const id of needIds.slice(0, 20)) await matching.rankProducts((await matching.needRows([id]))[0], { limit: 20 });

    const full: number[] = [];
    const bare: number[] = [];
    let found = 0;
    for (const id of needIds) {
      const [ms, r] = await time(async () => matching.rankProducts((await matching.needRows([id]))[0], { limit: 20 }));
      full.push(ms);
      found += r.matches.length;
      const [row] = await matching.needRows([id]);
      const { sql, params } = productCandidatesSql(toMatchNeed(row), { maxFails: 1 });
      bare.push((await time(() => ds.query(sql, params)))[0]);
    }
    console.log(`top 20 products for one need:  ${fmt(full)}   (avg ${(found / needIds.length).toFixed(1)} matches)`);
    console.log(`  bare SQL candidate query:      ${fmt(bare)}`);
    console.log(`  matching = ${ratio(full, bare)}`);

    // A bank's workbench; the SQL it issues is timed on the side (the scan's batches, run again alone).
    const bankFull: number[] = [];
    const bankBare: number[] = [];
    const batchBare: number[] = [];
    const issued: { sql: string; params: unknown[] }[] = [];
    const query = ds.query.bind(ds);
    const recording = ((sql: string, params?: unknown[]) => {
      if (sql.includes('cursor_at')) issued.push({ sql, params: params ?? [] });
      return query(sql, params);
    }) as typeof ds.query;
    await matching.forBank(banks[0], 50);
    for (let i = 0; i < BANK_RUNS; i++) {
      const bank = banks[(i * 37) % BANKS];
      issued.length = 0;
      ds.query = recording;
      bankFull.push((await time(() => matching.forBank(bank, 50)))[0]);
      ds.query = query;
      let sqlMs = 0;
      for (const q of [...issued]) sqlMs += (await time(() => ds.query(q.sql, q.params)))[0];
      bankBare.push(sqlMs);
      batchBare.push((await time(() => ds.query(bankScanSql(1000, false), [bank])))[0]);
    }
    console.log(`a bank's top 50 needs:          ${fmt(bankFull)}`);
    console.log(`  bare SQL (the scan's batches): ${fmt(bankBare)}`);
    console.log(`  matching = ${ratio(bankFull, bankBare)}`);
    console.log(`  (one batch of 1,000 needs:     ${fmt(batchBare)})`);
    console.log(`targets: 20 ms and 150 ms p95`);
  } finally {
    await ds.destroy().catch(() => undefined);
    await cleanup();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
