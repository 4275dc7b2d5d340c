import type { Type } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { ReferenceModule } from './reference/reference.module';
import { SetupModule } from './setup/setup.module';
import { UsersModule } from './users/users.module';

/**
 * The platform's feature modules. A new capability adds its module here (API side) and, if it
 * consumes queues, its processor module to WORKER_MODULES.
 */
export const API_MODULES: Type[] = [AuthModule, UsersModule, OrganizationsModule, ReferenceModule, HealthModule, SetupModule];

/** Queue consumers: loaded by the worker entry point, and by `npm start` in the same process. */
export const WORKER_MODULES: Type[] = [];
