import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config';
import { PeriodicJob, QueueBackend } from '../queue';
import { FinancingNeedsService } from './financing-needs.service';

/** The expiry sweep's job scheduler: one in the queue backend however many processes run. */
export const NEED_EXPIRY_SCHEDULER_ID = 'need-expiry-sweep';

/**
 * The needs' background work, on the worker side: every NEED_EXPIRY_SWEEP_MS (0: off) one
 * `need-sweeps`/`expire` job turns OPEN needs past their wanted-by date into EXPIRED
 * (FinancingNeedsService.expireOverdue: it touches only OPEN needs, so a run repeated or retried
 * changes nothing twice).
 */
@Injectable()
export class NeedSweeps implements OnApplicationBootstrap, OnModuleDestroy {
  readonly expiry: PeriodicJob<'need-sweeps'>;

  constructor(
    @Inject(QueueBackend) backend: QueueBackend,
    @Inject(AppConfig) config: AppConfig,
    @Inject(FinancingNeedsService) needs: FinancingNeedsService,
  ) {
    this.expiry = new PeriodicJob(backend, {
      queue: 'need-sweeps',
      job: 'expire',
      schedulerId: NEED_EXPIRY_SCHEDULER_ID,
      everyMs: config.NEED_EXPIRY_SWEEP_MS,
      run: () => needs.expireOverdue(),
      logger: new Logger(NeedSweeps.name),
    });
  }

  onApplicationBootstrap() {
    this.expiry.start();
  }

  /** Resolves once the scheduler is registered and the worker listens (tests wait for it). */
  started() {
    return this.expiry.started();
  }

  async onModuleDestroy() {
    await this.expiry.stop();
  }
}
