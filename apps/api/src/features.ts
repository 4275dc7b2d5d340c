import type { Type } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { FinancingNeedsModule, FinancingNeedsWorkerModule } from './financing-needs/financing-needs.module';
import { HealthModule } from './health/health.module';
import { LibraryIoModule } from './library-io/library-io.module';
import { NotificationsModule, NotificationsWorkerModule } from './notifications/notifications.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { ProjectsModule } from './projects/projects.module';
import { ReferenceModule } from './reference/reference.module';
import { SetupModule } from './setup/setup.module';
import { UsersModule } from './users/users.module';
import { CasesModule, CasesWorkerModule } from './cases/cases.module';
import { MatchingModule } from './matching/matching.module';
import { ProductsModule } from './products/products.module';
import { WorkCalendarModule } from './work-calendar/work-calendar.module';
import { PlanModule } from './plan/plan.module';
import { EventsModule, EventsWorkerModule } from './events/events.module';
import { BankReportsModule } from './bank-reports/bank-reports.module';
import { WorkbenchModule } from './workbench/workbench.module';

/**
 * The platform's feature modules. A new capability adds its module here (API side) and, if it
 * consumes queues, its processor module to WORKER_MODULES.
 */
export const API_MODULES: Type[] = [AuthModule, UsersModule, OrganizationsModule, ReferenceModule, HealthModule, SetupModule, ProjectsModule, FinancingNeedsModule, EnterprisesModule, LibraryIoModule, NotificationsModule, WorkCalendarModule, ProductsModule, MatchingModule, CasesModule, EventsModule, BankReportsModule, PlanModule, WorkbenchModule];

/** Queue consumers: loaded by the worker entry point, and by `npm start` in the same process. */
export const WORKER_MODULES: Type[] = [NotificationsWorkerModule, EventsWorkerModule, CasesWorkerModule, FinancingNeedsWorkerModule];
