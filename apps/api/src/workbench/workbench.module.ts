import { Module } from '@nestjs/common';
import { BankReportsModule } from '../bank-reports';
import { CasesModule } from '../cases';
import { EnterprisesModule } from '../enterprises';
import { EventsModule } from '../events';
import { FinancingNeedsModule } from '../financing-needs';
import { NotificationsModule } from '../notifications';
import { PlanModule } from '../plan';
import { ProductsModule } from '../products';
import { ProjectsModule } from '../projects';
import { WorkCalendarModule } from '../work-calendar';
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
