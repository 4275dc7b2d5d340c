import { Module } from '@nestjs/common';
import { BankReportsModule } from '../bank-reports/bank-reports.module';
import { CasesModule } from '../cases/cases.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { EventsModule } from '../events/events.module';
import { FinancingNeedsModule } from '../financing-needs/financing-needs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PlanModule } from '../plan/plan.module';
import { ProductsModule } from '../products/products.module';
import { ProjectsModule } from '../projects/projects.module';
import { WorkCalendarModule } from '../work-calendar/work-calendar.module';
import { WorkbenchController } from './workbench.controller';
import { WorkbenchService } from './workbench.service';

/**
 * The home page's work queue (工作台, issue 15). It owns no tables: it asks the owning modules'
 * services for counts and lists, and turns them into items (workbench-rules.ts).
 */
@Module({
  imports: [CasesModule, FinancingNeedsModule, ProjectsModule, EnterprisesModule, EventsModule, ProductsModule, PlanModule, BankReportsModule, NotificationsModule, WorkCalendarModule],
  controllers: [WorkbenchController],
  providers: [WorkbenchService],
})
export class WorkbenchModule {}
