import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
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
export class FinancingNeedsModule {}

/** The needs' queue consumer (loaded with the worker): the expiry sweep's job scheduler and its handler. */
@Module({
  imports: [FinancingNeedsModule],
  providers: [NeedSweeps],
  exports: [NeedSweeps],
})
export class FinancingNeedsWorkerModule {}
