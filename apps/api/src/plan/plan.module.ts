import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { EventsModule } from '../events/events.module';
import { ProjectsModule } from '../projects/projects.module';
import { DashboardService } from './dashboard.service';
import { IndicatorsService } from './indicators.service';
import { PlanController } from './plan.controller';
import { PlanService } from './plan.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Plan-wide tracking: tasks and units, indicators, progress reports, dashboard and export (issue 6). */
@Module({
  // The pipeline's definition of financing disbursed (CasesService.financingDisbursed) for the indicator.
  // Events and projects: the rows behind EVENTS_HELD and LIBRARY_PROJECTS (issue 15, drill to rows).
  imports: [CasesModule, EventsModule, ProjectsModule],
  controllers: [PlanController, ReportsController],
  providers: [PlanService, IndicatorsService, ReportsService, DashboardService],
  // PlanService, ReportsService: the workbench's tasks and reports due (issue 15).
  exports: [IndicatorsService, PlanService, ReportsService],
})
export class PlanModule {}
