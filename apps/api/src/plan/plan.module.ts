import { Inject, Module } from '@nestjs/common';
import { NotificationType } from '@zj/shared';
import { BankReportsModule } from '../bank-reports';
import { CasesModule } from '../cases';
import { EnterprisesModule } from '../enterprises';
import { EventsModule } from '../events';
import { ReminderChecks } from '../notifications';
import { ProjectsModule } from '../projects';
import { DashboardService } from './dashboard.service';
import { IndicatorsService } from './indicators.service';
import { planReportStillOpen } from './plan-notices';
import { PlanController } from './plan.controller';
import { PlanService } from './plan.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Plan-wide tracking: tasks and units, indicators, progress reports, dashboard and export (issue 6). */
@Module({
  // The computed indicators' figures and the rows behind them (issue 15, drill to rows), each from the
  // module that owns the records: bank reports and profiles, the pipeline (financing disbursed), the
  // library (listed projects, identified enterprises), events.
  imports: [BankReportsModule, CasesModule, EnterprisesModule, EventsModule, ProjectsModule],
  controllers: [PlanController, ReportsController],
  providers: [PlanService, IndicatorsService, ReportsService, DashboardService],
  // PlanService, ReportsService, DashboardService: the workbench's tasks, reports due and the figures
  // of the regulator's tasks (the dashboard's kept indicators) (issue 15).
  exports: [DashboardService, IndicatorsService, PlanService, ReportsService],
})
export class PlanModule {}

/**
 * Loaded with the worker: the check of the progress-report reminders (PLAN_REPORT_DUE / _OVERDUE),
 * which notifications asks when one fires.
 */
@Module({})
export class PlanWorkerModule {
  constructor(@Inject(ReminderChecks) checks: ReminderChecks) {
    checks.register(NotificationType.PLAN_REPORT_DUE, planReportStillOpen);
    checks.register(NotificationType.PLAN_REPORT_OVERDUE, planReportStillOpen);
  }
}
