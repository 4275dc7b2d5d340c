import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IndicatorComputation, WorkItemStatus } from '@zj/shared';
import { DataSource } from 'typeorm';
import { zhanjiangDate } from '../common/time';
import { IndicatorsService } from './indicators.service';
import { buildPlanWorkbook, ProgressLine } from './plan-export';
import { defaultWorkYear, PlanService } from './plan.service';
import { ReportsService } from './reports.service';

/** The bureau's view of the whole plan, and its export. */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plan: PlanService,
    private readonly indicators: IndicatorsService,
    private readonly reports: ReportsService,
  ) {}

  /** The year asked, else the current year's list (see defaultWorkYear). */
  private async defaultYear(year?: number): Promise<number> {
    if (year) return year;
    return defaultWorkYear(await this.plan.years(), Number(zhanjiangDate().slice(0, 4)));
  }

  async dashboard(yearAsked?: number) {
    const year = await this.defaultYear(yearAsked);
    const tasks = await this.plan.tasks({ year });
    const actions = (await this.plan.actions()).map((a: { number: number; title: string }) => ({
      number: a.number,
      title: a.title,
      tasks: tasks.filter((t) => t.action === a.number).map((t) => ({ id: t.id, number: t.number, title: t.title, status: t.status })),
    }));
    const statusCounts = Object.fromEntries(Object.values(WorkItemStatus).map((s) => [s, tasks.filter((t) => t.status === s).length]));
    const indicators = await this.indicators.list();
    const ratio = indicators.find((i) => i.computation === IndicatorComputation.GREEN_LOAN_RATIO);
    const periods = (await this.reports.listPeriods()).items;
    return {
      year,
      actions,
      statusCounts,
      indicators,
      greenLoanRatio: ratio ? { series: ratio.series, current: ratio.current, lines: [{ value: '10.00', label: '10%' }, { value: '15.00', label: '15%' }] } : null,
      ranking: (await this.reports.ranking()).items,
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
