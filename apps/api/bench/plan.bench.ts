/**
 * Plan tracking benchmark (a script, not a test). Builds a few years of data — 60 banks × 36 monthly
 * green-loan reports, 300 events, 24 monthly reporting periods with a report from every
 * responsible unit (half accepted) — then prints:
 *  - p50/p95 of the dashboard (18 task statuses, 12 indicators with targets and 12-month trends,
 *    green loan ratio series, unit ranking);
 *  - the time of the .xlsx export and of opening a period (reminders for every unit).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx --tsconfig apps/api/tsconfig.json apps/api/bench/plan.bench.ts
 *   npx tsx --tsconfig apps/api/tsconfig.json apps/api/bench/plan.bench.ts          # embedded engine (PGlite)
 *
 * With DATABASE_URL a scratch database is created on that server and dropped afterwards.
 * Services are constructed directly (tsx emits no decorator metadata for Nest's injector).
 */
import { ReportingFrequency, Role } from '@zj/shared';
import { benchDatabase } from './bench-database';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { AuditService } from '../src/audit/audit.service';
import { CasesService } from '../src/cases/cases.service';
import type { Actor } from '../src/common/auth/actor';
import type { AppConfig } from '../src/config/app.config';
import { dataSourceOptions } from '../src/database/data-source-options';
import type { NotificationSignals } from '../src/notifications/notification-signals';
import { NotificationsService } from '../src/notifications/notifications.service';
import { Organization } from '../src/organizations/organization.entity';
import { DashboardService } from '../src/plan/dashboard.service';
import { IndicatorsService } from '../src/plan/indicators.service';
import { PlanService } from '../src/plan/plan.service';
import { ReportsService } from '../src/plan/reports.service';
import { ReferenceService } from '../src/reference/reference.service';
import { DivisionRecord, TaxonomyCategory, TaxonomyVersion } from '../src/reference/taxonomy.entity';
import { seedReference } from '../src/setup/reference-seed';
import { User } from '../src/users/user.entity';

const BANKS = 60;
const MONTHS = 36;
const EVENTS = 300;
const PERIODS = 24;
const RUNS = 20;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main() {
  const { url, cleanup } = await benchDatabase('zj_bench_plan');
  const ds = new DataSource(dataSourceOptions(url, [Organization, User, AuditEntry, DivisionRecord, TaxonomyVersion, TaxonomyCategory], 4));
  try {
    await ds.initialize();
    await ds.runMigrations();
    const audit = new AuditService(ds);
    await ds.transaction((m) => seedReference(m, new ReferenceService(ds, audit)));
    const [bureauOrg] = await ds.query(`SELECT id FROM organizations WHERE unit_code = 'finance-bureau'`);
    const actor: Actor = { userId: '00000000-0000-0000-0000-000000000001', email: 'bench@local', role: Role.BUREAU, organizationId: bureauOrg.id, organizationType: 'GOVERNMENT_UNIT' as Actor['organizationType'] };

    let t = Date.now();
    await ds.query(
      `INSERT INTO organizations (type, name, institution_kind) SELECT 'FINANCIAL_INSTITUTION', '压测银行' || g || '湛江分行', 'BANK' FROM generate_series(1, $1) g`,
      [BANKS],
    );
    await ds.query(
      `INSERT INTO bank_profiles (organization_id, has_green_finance_team, green_team_since, is_local_rural_commercial_bank, discloses_environmental_info, disclosure_year)
       SELECT id, random() < 0.6, '2023-01-01', random() < 0.2, random() < 0.5, 2023 FROM organizations WHERE type = 'FINANCIAL_INSTITUTION'`,
    );
    await ds.query(`UPDATE bank_profiles SET green_team_since = NULL WHERE NOT has_green_finance_team`);
    await ds.query(`UPDATE bank_profiles SET disclosure_year = NULL WHERE NOT discloses_environmental_info`);
    await ds.query(
      `INSERT INTO bank_loan_reports (bank_org_id, month, total_loan_balance, green_loan_balance)
       SELECT o.id, (date_trunc('month', now()) - (g || ' months')::interval)::date, 1000000 + g * 1000, round(((1000000 + g * 1000) * (0.08 + random() * 0.04))::numeric, 2)
         FROM organizations o CROSS JOIN generate_series(1, $1) g WHERE o.type = 'FINANCIAL_INSTITUTION'`,
      [MONTHS],
    );
    await ds.query(
      `INSERT INTO events (type, title, starts_at, venue, status, organizer_org_id)
       SELECT (ARRAY['AWARENESS','SHOWCASE','MATCHMAKING'])[1 + g % 3], '压测活动' || g, now() - (g || ' days')::interval, '湛江', CASE WHEN g % 5 = 0 THEN 'CANCELLED' ELSE 'HELD' END, $2
         FROM generate_series(1, $1) g`,
      [EVENTS, bureauOrg.id],
    );
    for (let p = 1; p <= PERIODS; p++) {
      const start = new Date(Date.UTC(2030, p - 1, 1)).toISOString().slice(0, 10);
      const end = new Date(Date.UTC(2030, p, 0)).toISOString().slice(0, 10);
      const [period] = await ds.query(
        `INSERT INTO plan_reporting_periods (name, frequency, work_year, starts_on, ends_on, due_at) VALUES ($1, 'MONTHLY', 2023, $2, $3, $3::date + 10) RETURNING id`,
        [`压测${p}`, start, end],
      );
      await ds.query(
        `INSERT INTO plan_reports (period_id, task_id, organization_id, role, addressee, status, summary, first_submitted_at, submitted_at, decided_at)
         SELECT $1, task_id, organization_id, role, CASE WHEN role = 'cooperating' THEN 'LEAD' ELSE 'BUREAU' END,
                CASE WHEN role = 'cooperating' THEN 'CONSOLIDATED' WHEN random() < 0.5 THEN 'ACCEPTED' ELSE 'SUBMITTED' END,
                '压测', $2::date + (random() * 15)::int, $2::date + 12, $2::date + 14
           FROM plan_task_reporters`,
        [period.id, end],
      );
      await ds.query(
        `INSERT INTO plan_report_items (report_id, work_item_id, status, narrative, share_done)
         SELECT r.id, i.id, (ARRAY['NOT_STARTED','ON_TRACK','AT_RISK','DONE'])[1 + (random() * 3)::int], '压测进展', (random() * 100)::int
           FROM plan_reports r JOIN plan_key_works k ON k.task_id = r.task_id JOIN plan_work_items i ON i.key_work_id = k.id AND i.year = 2023
          WHERE r.period_id = $1`,
        [period.id],
      );
    }
    const [counts] = await ds.query(`SELECT (SELECT count(*) FROM plan_reports)::int AS reports, (SELECT count(*) FROM plan_report_items)::int AS items, (SELECT count(*) FROM bank_loan_reports)::int AS loans`);
    console.log(`data: ${BANKS} banks × ${MONTHS} months = ${counts.loans} loan reports, ${EVENTS} events, ${PERIODS} periods, ${counts.reports} reports, ${counts.items} report items (${Date.now() - t} ms)`);

    const notifications = new NotificationsService({ outboxWritten() {} } as unknown as NotificationSignals, { PUBLIC_URL: 'http://localhost:3000', QUEUE_PREFIX: 'bench' } as AppConfig);
    const plan = new PlanService(ds, audit);
    // The indicators read financing disbursed from the cases module; only its data source is needed here.
    const cases = Object.assign(Object.create(CasesService.prototype), { dataSource: ds }) as CasesService;
    const indicators = new IndicatorsService(ds, audit, cases);
    const reports = new ReportsService(ds, audit, notifications);
    const dashboard = new DashboardService(ds, plan, indicators, reports);

    await dashboard.dashboard(2023);
    // Computed from the rows: each run follows a change of the facts (as after any write the dashboard reads).
    const computed: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await ds.query(`UPDATE plan_dashboard_facts SET version = version + 1 WHERE id = 1`);
      t = performance.now();
      await dashboard.dashboard(2023);
      computed.push(performance.now() - t);
    }
    console.log(`dashboard (GET /plan/dashboard) computed after a change: p50 ${ms(pct(computed, 50))}, p95 ${ms(pct(computed, 95))} over ${RUNS} runs`);
    // Kept: nothing changed since it was computed; one read of the facts' version.
    const kept: number[] = [];
    for (let i = 0; i < RUNS * 10; i++) {
      t = performance.now();
      await dashboard.dashboard(2023);
      kept.push(performance.now() - t);
    }
    console.log(`dashboard (GET /plan/dashboard) kept, facts unchanged: p50 ${pct(kept, 50).toFixed(2)} ms, p95 ${pct(kept, 95).toFixed(2)} ms over ${RUNS * 10} runs`);
    // Reference: one bare round trip to the database on the same pool (the floor of any query).
    const bare: number[] = [];
    for (let i = 0; i < 200; i++) {
      t = performance.now();
      await ds.query('SELECT 1');
      bare.push(performance.now() - t);
    }
    console.log(`  reference, bare SELECT 1 round trip (same pool, 200 queries): p50 ${pct(bare, 50).toFixed(2)} ms, p95 ${pct(bare, 95).toFixed(2)} ms`);

    t = performance.now();
    const x = await dashboard.exportXlsx(2023);
    console.log(`export (GET /plan/export.xlsx): ${ms(performance.now() - t)}, ${(x.content.length / 1024).toFixed(0)} KB`);

    t = performance.now();
    const p = await reports.createPeriod(actor, { frequency: ReportingFrequency.QUARTERLY, year: 2031, index: 1, dueAt: '2031-04-10T10:00:00Z' });
    const [rem] = await ds.query(`SELECT count(*)::int AS n FROM notification_reminders WHERE key LIKE $1`, [`plan.period.${p.id}.%`]);
    console.log(`open a period (POST /plan/periods, ${rem.n} reminders scheduled): ${ms(performance.now() - t)}`);

    t = performance.now();
    await reports.overview(p.id);
    console.log(`period overview (GET /plan/periods/:id/overview): ${ms(performance.now() - t)}`);
  } finally {
    await ds.destroy().catch(() => undefined);
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
