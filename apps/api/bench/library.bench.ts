/**
 * Library benchmark (a script, not a test). Builds 100,000 projects, then prints:
 *  - import throughput of a 10,000-row .xlsx (10,000 project rows + 500 enterprise rows) and the
 *    process's peak memory while importing;
 *  - p50/p95 of a filtered keyword search (GET /projects logic: scope + q + county + status + category prefix, page of 20 with total);
 *  - p50/p95 of searches by everyday words (光伏, 红树林…) found in descriptions and in the categories'
 *    names and keywords, of projects and of enterprises (GET /enterprises?q=, issue 15).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx --tsconfig apps/api/tsconfig.json apps/api/bench/library.bench.ts
 *   npx tsx --tsconfig apps/api/tsconfig.json apps/api/bench/library.bench.ts          # embedded engine (PGlite)
 *
 * With DATABASE_URL a scratch database is created on that server and dropped afterwards.
 * Services are constructed directly (tsx emits no decorator metadata for Nest's injector).
 */
import { COUNTY_LEVEL_DIVISIONS, ImportMode, OrgType, Role, withCreditCodeCheckChar } from '@zj/shared';
import { benchDatabase } from './bench-database';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { AuditService } from '../src/audit/audit.service';
import type { Actor } from '../src/common/auth/actor';
import { dataSourceOptions } from '../src/database/data-source-options';
import { EnterpriseProfile } from '../src/enterprises/enterprise-profile.entity';
import { EnterprisesService } from '../src/enterprises/enterprises.service';
import { ContactRevealRegistry } from '../src/financing-needs/contact-reveal';
import { GreenIdentification } from '../src/enterprises/green-identification.entity';
import { GreenGrade, Scorecard } from '../src/enterprises/scorecard.entity';
import { FinancingNeed, FinancingNeedBank } from '../src/financing-needs/financing-need.entity';
import { NeedVisibility } from '../src/financing-needs/need-visibility';
import { NeedsOfProjects } from '../src/financing-needs/needs-of-projects';
import { headerText, ENTERPRISE_COLUMNS, PROJECT_COLUMNS } from '../src/library-io/columns';
import { ImportService } from '../src/library-io/import.service';
import { ImportWriter } from '../src/library-io/import-writer';
import { Organization } from '../src/organizations/organization.entity';
import { ProjectNeedsRegistry } from '../src/projects/project-needs';
import { Project, ProjectAttachment, ProjectCategory, ProjectReviewEvent, ReviewRoute } from '../src/projects/project.entity';
import { ProjectsService } from '../src/projects/projects.service';
import { ReferenceService } from '../src/reference/reference.service';
import { DivisionRecord, TaxonomyCategory, TaxonomyVersion } from '../src/reference/taxonomy.entity';
import { seedReference } from '../src/setup/reference-seed';
import { User } from '../src/users/user.entity';
import type { AppConfig } from '../src/config/app.config';
import type { NotificationSignals } from '../src/notifications/notification-signals';
import { NotificationsService } from '../src/notifications/notifications.service';

const PROJECTS = 100_000;
const FILE_PROJECT_ROWS = 10_000;
const FILE_ENTERPRISE_ROWS = 500;
const SEARCHES = 200;

const WORDS = ['红树林生态修复', '屋顶分布式光伏', '海上风电', '储能电站', '污水处理提标改造', '冷链物流中心', '预制菜中央厨房', '港口岸电', '生物质热电联产', '余热发电', '绿色建筑', '新能源公交', '海洋牧场', '节水灌溉', '固废资源化', '充电站', '热泵替代燃煤锅炉', '防风抑尘网', '中水回用', '碳汇开发'];
const PLACES = ['雷州湾', '徐闻', '麻章临港', '东海岛', '遂溪岭北', '吴川王村港', '廉江石城', '霞山港区', '坡头乾塘', '南三岛', '赤坎海滨', '奋勇高新区'];
const KEYWORDS = ['红树林', '光伏', '岸电', '冷链物流', '预制菜', '海上风电', '污水处理', '热电联产', '海洋牧场', '储能'];
/** Words in category names or keywords (or descriptions), not in the WORDS project names are made of. */
const EVERYDAY = ['光伏', '红树林', '风电', '湿地', '充电桩', '太阳能', '生态修复', '节能'];

const pick = <T>(a: readonly T[], i: number) => a[i % a.length];
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

function creditCode(i: number): string {
  const ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let s = '';
  let n = i;
  for (let k = 0; k < 9; k++) {
    s = ALPHA[n % 31] + s;
    n = Math.floor(n / 31);
  }
  return withCreditCodeCheckChar(`92440811${s}`);
}

async function main() {
  const { url, engine, cleanup } = await benchDatabase('zj_bench');
  const ds = new DataSource({
    ...dataSourceOptions(url, [
      Organization, User, AuditEntry, DivisionRecord, TaxonomyVersion, TaxonomyCategory, EnterpriseProfile, GreenIdentification, Scorecard, GreenGrade,
      Project, ProjectCategory, ProjectReviewEvent, ProjectAttachment, ReviewRoute, FinancingNeed, FinancingNeedBank,
    ], 4),
  });
  try {
    await ds.initialize();
    await ds.runMigrations();
    const audit = new AuditService(ds);
    await ds.transaction(async (m) => {
      await seedReference(m, new ReferenceService(ds, audit));
      await ProjectsService.seedDefaultRoutes(m);
    });
    const config = { PUBLIC_URL: 'http://localhost:3000', QUEUE_PREFIX: 'bench', LPR_1Y_PERCENT: '3.00' } as unknown as AppConfig;
    const notifications = new NotificationsService({ outboxWritten() {} } as unknown as NotificationSignals, config);
    const reference = new ReferenceService(ds, audit);
    // Projects ask their needs of the financing-needs module, as FinancingNeedsModule registers it at start.
    const needVisibility = new NeedVisibility();
    const projectNeeds = new ProjectNeedsRegistry();
    projectNeeds.use(new NeedsOfProjects(ds, needVisibility));
    const projects = new ProjectsService(ds, audit, notifications, reference, projectNeeds);
    const importer = new ImportService(ds, new ImportWriter(ds, audit, projects));
    const enterprises = new EnterprisesService(ds, audit, new ContactRevealRegistry(), notifications, needVisibility);
    console.log(`engine: ${engine}`);

    // ---------------------------------------------------------------- 100,000 projects
    let t = Date.now();
    const codes: string[] = (await ds.query(`SELECT code FROM taxonomy_categories WHERE version = 'GIC-2019' AND level = 3 ORDER BY code`)).map((r: { code: string }) => r.code);
    // The category search words of each category, as the projects service writes them.
    const termsOf = new Map<string, string>();
    for (const code of codes) termsOf.set(code, await projects.categoryTermsOf(ds.manager, 'GIC-2019', [code]));
    const divisions = COUNTY_LEVEL_DIVISIONS.map((d) => d.code);
    const [{ id: bureau }] = await ds.query(`SELECT id FROM organizations WHERE unit_code = 'finance-bureau'`);
    const ENTS = 10_000;
    for (let i = 0; i < ENTS; i += 2000) {
      const n = Math.min(2000, ENTS - i);
      const idx = Array.from({ length: n }, (_, k) => i + k);
      await ds.query(
        `INSERT INTO organizations (type, name, credit_code, division_code) SELECT 'ENTERPRISE', x.name, x.code, x.div FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS x(name, code, div)`,
        [idx.map((k) => `${pick(PLACES, k)}${pick(WORDS, k * 7)}基准测试企业${k}有限公司`), idx.map((k) => creditCode(1_000_000 + k)), idx.map((k) => pick(divisions, k))],
      );
    }
    const ents: { id: string; division_code: string }[] = await ds.query(`SELECT id, division_code FROM organizations WHERE type = 'ENTERPRISE' ORDER BY credit_code`);
    const STATUSES = ['LISTED', 'LISTED', 'LISTED', 'SUBMITTED', 'UNDER_REVIEW', 'RETURNED', 'DRAFT'];
    const STAGES = ['PLANNED', 'UNDER_CONSTRUCTION', 'OPERATING'];
    for (let i = 0; i < PROJECTS; i += 5000) {
      const idx = Array.from({ length: Math.min(5000, PROJECTS - i) }, (_, k) => i + k);
      const rows: { id: string }[] = await ds.query(
        `INSERT INTO projects (enterprise_org_id, name, division_code, location, description, stage, total_investment, tags, primary_category_version, primary_category_code,
                               source, submitted_by_org_id, status, department_org_id, category_terms)
         SELECT x.ent, x.name, x.div, x.loc, x.descr, x.stage, x.amount, x.tags::text[], 'GIC-2019', x.code, 'SELF_REGISTERED', x.ent, x.status, $11, x.terms
           FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::text[], $6::varchar[], $7::numeric[], $8::text[], $9::varchar[], $10::varchar[], $12::text[])
             AS x(ent, name, div, loc, descr, stage, amount, tags, code, status, terms)
         RETURNING id, primary_category_code`,
        [
          idx.map((k) => ents[k % ENTS].id),
          idx.map((k) => `${pick(PLACES, k * 3)}${pick(WORDS, k)}项目（第${k}期）`),
          idx.map((k) => ents[k % ENTS].division_code),
          idx.map((k) => `${pick(PLACES, k * 3)}片区`),
          idx.map((k) => `建设${pick(WORDS, k * 11)}设施，配套${pick(WORDS, k * 13)}，年减排二氧化碳约${(k % 900) + 100}吨。`),
          idx.map((k) => pick(STAGES, k)),
          idx.map((k) => ((k * 37) % 50000) + 100 + '.00'),
          idx.map((k) => `{${pick(['红树林', '蓝碳', '碳汇', '预制菜', '重大基础设施', '分布式光伏'], k)}}`),
          idx.map((k) => pick(codes, k * 17)),
          idx.map((k) => pick(STATUSES, k)),
          bureau,
          idx.map((k) => termsOf.get(pick(codes, k * 17))!),
        ],
      );
      await ds.query(
        `INSERT INTO project_categories (project_id, taxonomy_version, code, is_primary) SELECT p.id, 'GIC-2019', p.primary_category_code, true FROM projects p WHERE p.id = ANY($1)`,
        [rows.map((r) => r.id)],
      );
    }
    await ds.query('ANALYZE');
    console.log(`built ${PROJECTS.toLocaleString()} projects of ${ENTS.toLocaleString()} enterprises in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    // ---------------------------------------------------------------- the import file
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false, useSharedStrings: true });
    const es = wb.addWorksheet('企业');
    es.columns = ENTERPRISE_COLUMNS.map((c) => ({ header: headerText(c), key: c.key }));
    for (let k = 0; k < FILE_ENTERPRISE_ROWS; k++) {
      es.addRow({ creditCode: creditCode(5_000_000 + k), name: `导入基准企业${k}有限公司`, division: '麻章区', industrySection: 'D', industryDivision: '44', size: '小型', registeredCapital: '2000', contactName: '林经理', contactPhone: '0759-1234567', envCreditRating: '蓝牌', envDisclosure: '是' }).commit();
    }
    es.commit();
    const ps = wb.addWorksheet('项目');
    ps.columns = PROJECT_COLUMNS.map((c) => ({ header: headerText(c), key: c.key }));
    for (let k = 0; k < FILE_PROJECT_ROWS; k++) {
      ps.addRow({
        creditCode: creditCode(5_000_000 + (k % FILE_ENTERPRISE_ROWS)),
        name: `麻章${pick(WORDS, k)}导入项目${k}`,
        location: '麻章区临港产业园',
        categories: pick(codes, k * 7),
        stage: '在建',
        totalInvestment: String(1000 + (k % 5000)),
        co2AvoidedT: String(100 + (k % 900)),
        tags: '分布式光伏',
        description: `导入基准项目 ${k}`,
      }).commit();
    }
    ps.commit();
    await wb.commit();
    const file = Buffer.concat(chunks);
    console.log(`import file: ${FILE_ENTERPRISE_ROWS} enterprise rows + ${FILE_PROJECT_ROWS.toLocaleString()} project rows, ${(file.length / 1024 / 1024).toFixed(1)} MB`);

    // ---------------------------------------------------------------- import
    const [{ id: countyOrg }] = await ds.query(`SELECT id FROM organizations WHERE unit_code = 'county-440811'`);
    // Import jobs belong to a user who can read them back (import_jobs.user_id).
    const [{ id: countyUser }] = await ds.query(`INSERT INTO users (email, display_name, role, organization_id, password_hash) VALUES ('bench-county@local', '基准县区用户', 'COUNTY', $1, 'x') RETURNING id`, [countyOrg]);
    const countyActor: Actor = { userId: countyUser, email: 'bench-county@local', role: Role.COUNTY, organizationId: countyOrg, organizationType: OrgType.COUNTY };
    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    t = Date.now();
    const out = await importer.start(countyActor, { originalname: 'bench.xlsx', buffer: file }, ImportMode.IMPORT_ALL, false);
    const secs = (Date.now() - t) / 1000;
    clearInterval(sampler);
    const rows = FILE_ENTERPRISE_ROWS + FILE_PROJECT_ROWS;
    console.log(`import (import-all): ${out.job.status}, ${out.job.errorCount} errors, ${JSON.stringify(out.job.result?.projects)}`);
    console.log(`  ${rows.toLocaleString()} rows in ${secs.toFixed(2)} s = ${Math.round(rows / secs).toLocaleString()} rows/s`);
    console.log(`  peak memory while importing: +${mb(peakRss - base.rss)} RSS over the ${mb(base.rss)} the process held before (peak RSS ${mb(peakRss)}, which includes building the 100,000 projects); peak heap ${mb(peakHeap)}`);
    t = Date.now();
    const again = await importer.start(countyActor, { originalname: 'bench.xlsx', buffer: file }, ImportMode.IMPORT_ALL, false);
    console.log(`  re-import of the same file: ${((Date.now() - t) / 1000).toFixed(2)} s, projects ${JSON.stringify(again.job.result?.projects)}`);
    await ds.query('ANALYZE');

    // ---------------------------------------------------------------- search
    const bureauActor: Actor = { userId: randomUUID(), email: 'bench@local', role: Role.BUREAU, organizationId: bureau, organizationType: OrgType.GOVERNMENT_UNIT };
    const [{ n: total }] = await ds.query('SELECT count(*)::int AS n FROM projects');
    const run = async (label: string, make: (i: number) => Record<string, unknown>) => {
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < SEARCHES; i++) {
        const q = make(i);
        const s = process.hrtime.bigint();
        const page = await projects.list(bureauActor, q as never);
        times.push(Number(process.hrtime.bigint() - s) / 1e6);
        hits += page.total;
      }
      times.sort((a, b) => a - b);
      console.log(`  ${label}: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms (avg ${Math.round(hits / SEARCHES)} matches)`);
    };
    console.log(`search over ${total.toLocaleString()} projects, ${SEARCHES} queries each, page of 20 with total count:`);
    await run('filtered keyword search (keyword + county + status + category prefix)', (i) => ({ q: pick(KEYWORDS, i), divisionCode: pick(divisions, i * 5), status: 'LISTED', categoryPrefix: String((i % 6) + 1) }));
    await run('keyword + status', (i) => ({ q: pick(KEYWORDS, i), status: 'LISTED' }));
    await run('keyword only (3+ characters)', (i) => ({ q: pick(KEYWORDS.filter((k) => k.length >= 3), i) }));
    // Everyday words that are in no project's name here, only in descriptions or in the categories'
    // names and keywords (太阳能利用设施建设和运营 is found by 光伏, 海域、海岸带和海岛综合整治 by 红树林).
    await run('everyday words (categories\' names and keywords, descriptions)', (i) => ({ q: pick(EVERYDAY, i) }));
    await run('everyday words + status', (i) => ({ q: pick(EVERYDAY, i), status: 'LISTED' }));
    const runEnterprises = async (label: string, make: (i: number) => Record<string, unknown>) => {
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < SEARCHES; i++) {
        const s = process.hrtime.bigint();
        const page = await enterprises.list(bureauActor, { page: 1, pageSize: 20, ...make(i) } as never);
        times.push(Number(process.hrtime.bigint() - s) / 1e6);
        hits += page.total;
      }
      times.sort((a, b) => a - b);
      console.log(`  ${label}: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms (avg ${Math.round(hits / SEARCHES)} matches)`);
    };
    console.log(`enterprise search over ${ENTS.toLocaleString()} enterprises (name, profile, their projects' search text), ${SEARCHES} queries each, page of 20 with total count:`);
    await runEnterprises('enterprises by keyword', (i) => ({ q: pick(KEYWORDS, i) }));
    await runEnterprises('enterprises by everyday word', (i) => ({ q: pick(EVERYDAY, i) }));
    // Reference: one bare round trip to the database on the same pool (the floor of any query).
    const bare: number[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const s = process.hrtime.bigint();
      await ds.query('SELECT 1');
      bare.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    bare.sort((a, b) => a - b);
    console.log(`  reference, bare SELECT 1 round trip (same pool, ${SEARCHES} queries): p50 ${pct(bare, 50).toFixed(2)} ms, p95 ${pct(bare, 95).toFixed(2)} ms`);
    console.log('targets: 10,000 rows imported in under 10 s within 300 MB; filtered keyword search p95 under 50 ms; everyday-word and enterprise searches p95 under 100 ms');
  } finally {
    await ds.destroy().catch(() => undefined);
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
