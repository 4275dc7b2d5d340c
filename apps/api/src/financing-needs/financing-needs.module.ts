import { Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuditNames, namesByQuery } from '../audit/audit-names';
import { ContactRevealRegistry } from './contact-reveal';
import { FinancingNeed, FinancingNeedBank } from './financing-need.entity';
import { FinancingNeedsController } from './financing-needs.controller';
import { FinancingNeedsService } from './financing-needs.service';
import { NeedSweeps } from './need-sweeps';

/** Financing needs. Exports the service (for matching) and the contact reveal registry (see docs/LIBRARY.md). */
@Module({
  imports: [TypeOrmModule.forFeature([FinancingNeed, FinancingNeedBank]), AuditModule],
  controllers: [FinancingNeedsController],
  providers: [FinancingNeedsService, ContactRevealRegistry],
  exports: [FinancingNeedsService, ContactRevealRegistry],
})
export class FinancingNeedsModule {
  /** The audit log names a need by its amount and purpose. */
  constructor(names: AuditNames, @InjectDataSource() dataSource: DataSource) {
    names.register('financing_need', namesByQuery(dataSource, `SELECT id, trim(to_char(amount, 'FM999999999990.99')) || '万元 · ' || left(purpose, 40) AS name FROM financing_needs WHERE id = ANY($1::uuid[])`));
  }
}

/** The needs' queue consumer (loaded with the worker): the expiry sweep's job scheduler and its handler. */
@Module({
  imports: [FinancingNeedsModule],
  providers: [NeedSweeps],
  exports: [NeedSweeps],
})
export class FinancingNeedsWorkerModule {}
