import { Inject, Module } from '@nestjs/common';
import { NotificationType } from '@zj/shared';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditNames, namesByQuery } from '../audit';
import { FinancingNeedsModule } from '../financing-needs';
import { MatchingModule } from '../matching';
import { ReminderChecks } from '../notifications';
import { WorkCalendarModule } from '../work-calendar';
import { CaseNotices, caseDeadlineStillHolds } from './case-notices';
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

/**
 * The cases' queue consumer (loaded with the worker): the overdue sweep's job scheduler and its
 * handler; and the check of the deadline reminder, which notifications asks when it fires.
 */
@Module({
  imports: [CasesModule],
  providers: [CaseSweeps],
  exports: [CaseSweeps],
})
export class CasesWorkerModule {
  constructor(@Inject(ReminderChecks) checks: ReminderChecks) {
    checks.register(NotificationType.CASE_DEADLINE_APPROACHING, caseDeadlineStillHolds);
  }
}
