import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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
export class CasesModule {}

/** The cases' queue consumer (loaded with the worker): the overdue sweep's job scheduler and its handler. */
@Module({
  imports: [CasesModule],
  providers: [CaseSweeps],
  exports: [CaseSweeps],
})
export class CasesWorkerModule {}
