import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config';
import { PeriodicJob, QueueBackend } from '../queue';
import { CasesService } from './cases.service';

/** The overdue sweep's job scheduler: one in the queue backend however many processes run. */
export const CASE_OVERDUE_SCHEDULER_ID = 'case-overdue-sweep';

/**
 * The cases' background work, on the worker side: every CASE_OVERDUE_SWEEP_MS (0: off) one
 * `case-sweeps`/`overdue` job flags the cases past their working-day deadline and alerts the bank and
 * the bureau (CasesService.sweepOverdue: it takes only unflagged cases, so a run repeated or retried
 * alerts nobody twice).
 */
@Injectable()
export class CaseSweeps implements OnApplicationBootstrap, OnModuleDestroy {
  readonly overdue: PeriodicJob<'case-sweeps'>;

  constructor(
    @Inject(QueueBackend) backend: QueueBackend,
    @Inject(AppConfig) config: AppConfig,
    @Inject(CasesService) cases: CasesService,
  ) {
    this.overdue = new PeriodicJob(backend, {
      queue: 'case-sweeps',
      job: 'overdue',
      schedulerId: CASE_OVERDUE_SCHEDULER_ID,
      everyMs: config.CASE_OVERDUE_SWEEP_MS,
      run: () => cases.sweepOverdue(),
      logger: new Logger(CaseSweeps.name),
    });
  }

  onApplicationBootstrap() {
    this.overdue.start();
  }

  /** Resolves once the scheduler is registered and the worker listens (tests wait for it). */
  started() {
    return this.overdue.started();
  }

  async onModuleDestroy() {
    await this.overdue.stop();
  }
}
