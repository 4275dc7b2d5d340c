import { Inject, Module } from '@nestjs/common';
import { NotificationType } from '@zj/shared';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditModule, AuditNames, namesByQuery } from '../audit';
import { ReminderChecks } from '../notifications';
import { ProjectNeedsRegistry, ProjectsModule } from '../projects';
import { ContactRevealRegistry } from './contact-reveal';
import { FinancingNeed, FinancingNeedBank } from './financing-need.entity';
import { FinancingNeedsController } from './financing-needs.controller';
import { FinancingNeedsService } from './financing-needs.service';
import { needExpiringStillHolds } from './need-notices';
import { NeedSweeps } from './need-sweeps';
import { NeedVisibility } from './need-visibility';
import { NeedsOfProjects } from './needs-of-projects';

/**
 * Financing needs. Exports the service (for matching), the contact reveal registry (see
 * docs/LIBRARY.md) and NeedVisibility (matching listens to it to tell banks of needs they may now see).
 */
@Module({
  imports: [TypeOrmModule.forFeature([FinancingNeed, FinancingNeedBank]), AuditModule, ProjectsModule],
  controllers: [FinancingNeedsController],
  providers: [FinancingNeedsService, ContactRevealRegistry, NeedVisibility],
  exports: [FinancingNeedsService, ContactRevealRegistry, NeedVisibility],
})
export class FinancingNeedsModule {
  /** The audit log names a need by its amount and purpose; projects ask their needs of this module. */
  constructor(names: AuditNames, @InjectDataSource() dataSource: DataSource, projectNeeds: ProjectNeedsRegistry, visibility: NeedVisibility) {
    projectNeeds.use(new NeedsOfProjects(dataSource, visibility));
    names.register('financing_need', namesByQuery(dataSource, `SELECT id, trim(to_char(amount, 'FM999999999990.99')) || '万元 · ' || left(purpose, 40) AS name FROM financing_needs WHERE id = ANY($1::uuid[])`));
  }
}

/**
 * The needs' queue consumer (loaded with the worker): the expiry sweep's job scheduler and its
 * handler; and the check of the "about to expire" reminder, which notifications asks when it fires.
 */
@Module({
  imports: [FinancingNeedsModule],
  providers: [NeedSweeps],
  exports: [NeedSweeps],
})
export class FinancingNeedsWorkerModule {
  constructor(@Inject(ReminderChecks) checks: ReminderChecks) {
    checks.register(NotificationType.NEED_EXPIRING, needExpiringStillHolds);
  }
}
