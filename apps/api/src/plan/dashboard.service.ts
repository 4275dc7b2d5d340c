import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IndicatorComputation, type IndicatorView, type PlanDashboard, WorkItemStatus } from '@zj/shared';
import { DataSource, EntityManager } from 'typeorm';
import { zhanjiangDate, zhanjiangNextMidnight } from '../common/time';
import { IndicatorsService } from './indicators.service';
import { buildPlanWorkbook, ProgressLine } from './plan-export';
import { defaultWorkYear, PlanService } from './plan.service';
import { ReportsService } from './reports.service';

interface KeptDashboard {
  version: string;
  validUntil: number;
  body: PlanDashboard;
}

/** The bureau's view of the whole plan, and its export. */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plan: PlanService,
    private readonly indicators: IndicatorsService,
    private readonly reports: ReportsService,
  ) {}

  /**
   * Each dashboard computed by this process, by the year asked, with the facts' version it was computed
   * from and the instant it stops being true by the clock alone (see `dashboard`).
   */
  private readonly kept = new Map<string, KeptDashboard>();
  /** A computation under way, by the year asked: requests arriving meanwhile wait for it. */
  private readonly computing = new Map<string, Promise<KeptDashboard>>();

  /** The year asked, else the current year's list (see defaultWorkYear). */
  private async defaultYear(year: number | undefined, m: EntityManager = this.dataSource.manager): Promise<number> {
    if (year) return year;
    return defaultWorkYear(await this.plan.years(m), Number(zhanjiangDate().slice(0, 4)));
  }

  /**
   * The bureau's dashboard, live at every request without being recomputed at every request. The
   * figures change only when a table they are read from changes (a trigger moves the version of the
   * facts in the same transaction: migration 1764301500000) or when the clock passes a boundary they
   * depend on (a new day in Zhanjiang: "today", the months of the series, targets' deadlines; a
   * reporting period falling due). A kept dashboard whose version is current and whose boundary has not
   * passed is the one a computation would give now; otherwise it is computed again, once however many
   * requests are waiting. One small read per request, on any number of API processes.
   */
  async dashboard(yearAsked?: number): Promise<PlanDashboard> {
    const key = String(yearAsked ?? 'current');
    const [facts]: { version: string }[] = await this.dataSource.query(`SELECT version::text AS version FROM plan_dashboard_facts WHERE id = 1`);
    const kept = this.kept.get(key);
    if (kept && kept.version === facts.version && Date.now() < kept.validUntil) return kept.body;
    let pending = this.computing.get(key);
    if (!pending) {
      pending = this.computeKept(yearAsked).finally(() => this.computing.delete(key));
      this.computing.set(key, pending);
    }
    const fresh = await pending;
    const latest = this.kept.get(key);
    if (!latest || BigInt(fresh.version) >= BigInt(latest.version)) this.kept.set(key, fresh);
    return fresh.body;
  }

  /**
   * The live indicators with their values now, as the dashboard shows them and kept with it (see
   * `dashboard`): a page showing a few of them (the regulator's home page, a figure per task) reads
   * them at the cost of one small read instead of computing every indicator at every load.
   */
  async indicatorsNow(): Promise<IndicatorView[]> {
    return (await this.dashboard()).indicators;
  }

  /** The dashboard and the version of the facts it was read from, in one snapshot of the database. */
  private computeKept(yearAsked?: number): Promise<KeptDashboard> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const [facts]: { version: string; nextDue: Date | null }[] = await m.query(
        `SELECT f.version::text AS version, (SELECT min(due_at) FROM plan_reporting_periods WHERE due_at > now()) AS "nextDue" FROM plan_dashboard_facts f WHERE f.id = 1`,
      );
      const body = await this.compute(yearAsked, m);
      const validUntil = Math.min(zhanjiangNextMidnight().getTime(), facts.nextDue ? new Date(facts.nextDue).getTime() : Infinity);
      return { version: facts.version, validUntil, body };
    });
  }

  /** The dashboard computed from the rows (by `m`, the snapshot it reads in). */
  async compute(yearAsked: number | undefined, m: EntityManager): Promise<PlanDashboard> {
    const year = await this.defaultYear(yearAsked, m);
    const tasks = await this.plan.tasks({ year }, m);
    const actions = (await this.plan.actions(m)).map((a) => ({
      number: a.number,
      title: a.title,
      tasks: tasks.filter((t) => t.action === a.number).map((t) => ({ id: t.id, number: t.number, title: t.title, status: t.status })),
    }));
    const statusCounts = Object.fromEntries(Object.values(WorkItemStatus).map((s) => [s, tasks.filter((t) => t.status === s).length])) as Record<WorkItemStatus, number>;
    const indicators = await this.indicators.list({}, m);
    const ratio = indicators.find((i) => i.computation === IndicatorComputation.GREEN_LOAN_RATIO);
    const periods = (await this.reports.listPeriods(m)).items;
    return {
      year,
      actions,
      statusCounts,
      indicators,
      greenLoanRatio: ratio ? { series: ratio.series, current: ratio.current, lines: [{ value: '10.00', label: '10%' }, { value: '15.00', label: '15%' }] } : null,
      ranking: (await this.reports.ranking(m)).items,
      latestPeriod: periods[0] ?? null,
    };
  }

  /** The latest progress per work item and reporting unit (lead and joint units' reports, accepted first). */
  private async progress(): Promise<ProgressLine[]> {
    const rows = await this.dataSource.query(
      `SELECT DISTINCT ON (ri.work_item_id, r.organization_id) ri.work_item_id AS "workItemId", o.name AS "organizationName", ri.narrative, ri.share_done AS "shareDone", p.name AS "periodName"
         FROM plan_report_items ri JOIN plan_reports r ON r.id = ri.report_id JOIN plan_reporting_periods p ON p.id = r.period_id JOIN organizations o ON o.id = r.organization_id
        WHERE r.addressee = 'BUREAU' AND r.status IN ('SUBMITTED','ACCEPTED') AND ri.narrative <> ''
        ORDER BY ri.work_item_id, r.organization_id, p.ends_on DESC, (r.status = 'ACCEPTED') DESC, r.submitted_at DESC`,
    );
    return rows;
  }

  async exportXlsx(yearAsked?: number): Promise<{ fileName: string; content: Buffer }> {
    const year = await this.defaultYear(yearAsked);
    const wb = buildPlanWorkbook(year, await this.plan.tasks({ year }), await this.progress(), await this.indicators.list({ series: false }));
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    return { fileName: `湛江市绿色金融重点任务及${year}年工作清单进展.xlsx`, content };
  }
}
