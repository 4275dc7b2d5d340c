import type { Type } from '@nestjs/common';
import { AuthModule } from './auth';
import { EnterprisesModule } from './enterprises';
import { FinancingNeedsModule, FinancingNeedsWorkerModule } from './financing-needs';
import { HealthModule } from './health';
import { LibraryIoModule } from './library-io';
import { NotificationsModule, NotificationsWorkerModule } from './notifications';
import { OrganizationsModule } from './organizations';
import { ProjectsModule } from './projects';
import { ReferenceModule } from './reference';
import { SetupModule } from './setup';
import { UsersModule, UsersWorkerModule } from './users';
import { CasesModule, CasesWorkerModule } from './cases';
import { MatchingModule } from './matching';
import { ProductsModule } from './products';
import { WorkCalendarModule } from './work-calendar';
import { PlanModule, PlanWorkerModule } from './plan';
import { EventsModule, EventsWorkerModule } from './events';
import { BankReportsModule } from './bank-reports';
import { WorkbenchModule } from './workbench';

/**
 * The platform's feature modules. A new capability adds its module here (API side) and, if it
 * consumes queues, its processor module to WORKER_MODULES.
 */
export const API_MODULES: Type[] = [AuthModule, UsersModule, OrganizationsModule, ReferenceModule, HealthModule, SetupModule, ProjectsModule, FinancingNeedsModule, EnterprisesModule, LibraryIoModule, NotificationsModule, WorkCalendarModule, ProductsModule, MatchingModule, CasesModule, EventsModule, BankReportsModule, PlanModule, WorkbenchModule];

/** Queue consumers: loaded by the worker entry point, and by `npm start` in the same process. */
export const WORKER_MODULES: Type[] = [NotificationsWorkerModule, EventsWorkerModule, CasesWorkerModule, FinancingNeedsWorkerModule, PlanWorkerModule, UsersWorkerModule];
