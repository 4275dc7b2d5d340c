import { Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditNames, namesByQuery } from '../audit/audit-names';
import { FinancingNeedsModule } from '../financing-needs/financing-needs.module';
import { MatchingModule } from '../matching/matching.module';
import { WorkCalendarModule } from '../work-calendar/work-calendar.module';
import { CaseNotices } from './case-notices';
import { CaseSweeps } from './case-sweeps';
import { CaseStatisticsService } from './case-statistics.service';
import { CaseEvent, CaseTranche, FundUseCheck, GreenwashingWarning, MatchmakingCase } from './case.entity';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  imports: [TypeOrmModule.forFeature([MatchmakingCase, CaseEvent, CaseTranche, FundUseCheck, GreenwashingWarning]), FinancingNeedsModule, MatchingModule, WorkCalendarModule],
  controllers: [CasesController],
  providers: [CasesService, CaseStatisticsService, CaseNotices],
  exports: [CasesService],
})
export class CasesModule {
  /** The audit log names a case by its enterprise and bank (as the case list shows them). */
  constructor(names: AuditNames, @InjectDataSource() dataSource: DataSource) {
    names.register(
      'matchmaking_case',
      namesByQuery(dataSource, `SELECT c.id, e.name || ' · ' || b.name AS name FROM matchmaking_cases c JOIN organizations e ON e.id = c.enterprise_org_id JOIN organizations b ON b.id = c.bank_org_id WHERE c.id = ANY($1::uuid[])`),
    );
  }
}

/** The cases' queue consumer (loaded with the worker): the overdue sweep's job scheduler and its handler. */
@Module({
  imports: [CasesModule],
  providers: [CaseSweeps],
  exports: [CaseSweeps],
})
export class CasesWorkerModule {}
