import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit';
import { AppConfig } from '../config';
import { EventsDemo } from '../events';
import { ReferenceService } from '../reference';
import { seedLibrary } from '../library-io';
import { seedPlanDemo } from '../plan';
import { seedMatchmakingDemo } from '../cases';
import { ensureAdministrator } from './accounts-seed';
import { DemoLogin, seedDemo } from './demo-seed';
import { seedReference } from './reference-seed';

export interface SetupReport {
  admin?: { email: string; generatedPassword?: string };
  demoLogins: DemoLogin[];
}

/**
 * Start-up data: reference data, the first administrator and (unless DEMO_DATA=false) demo data,
 * each loaded only when missing, in one transaction, with an audit row for what was loaded.
 * Migrations have already run (TypeORM migrationsRun).
 */
@Injectable()
export class SetupService {
  private readonly logger = new Logger('Setup');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly eventsDemo: EventsDemo,
  ) {}

  /** Loads what is missing; answers what a person starting the platform should be told. */
  async run(): Promise<SetupReport> {
    // Two API processes starting at once must not seed twice.
    const setup = await this.dataSource.transaction(async (m) => {
      const report: SetupReport = { demoLogins: [] };
      await m.query('SELECT pg_advisory_xact_lock(7261002)');
      const loaded = await seedReference(m, this.reference);
      if (loaded.length) await this.audit.record(m, null, { action: 'system.seed_reference', entityType: 'system', after: { loaded } });

      const admin = await ensureAdministrator(m, this.config);
      if (admin) {
        await this.audit.record(m, null, { action: 'system.create_admin', entityType: 'user', after: { email: admin.email } });
        report.admin = admin;
        this.logger.log({ msg: 'first administrator created', email: admin.email, generatedPassword: !!admin.generatedPassword });
      }

      if (this.config.DEMO_DATA) {
        const logins = await seedDemo(m);
        if (logins.length) {
          await this.audit.record(m, null, { action: 'system.seed_demo', entityType: 'system', after: { logins: logins.length } });
          report.demoLogins = logins;
          this.logger.log({ msg: 'demo data loaded', logins: logins.length });
        }
      }
      await seedLibrary(m, this.audit, { demo: this.config.DEMO_DATA, reference: this.reference });
      await seedPlanDemo(m, this.audit, { demo: this.config.DEMO_DATA });
      if (this.config.DEMO_DATA) {
        const mm = await seedMatchmakingDemo(m);
        if (mm.products) await this.audit.record(m, null, { action: 'system.seed_matchmaking', entityType: 'system', after: mm });
      }
      return report;
    });
    // The demo 对接会 (events module), once the demo banks, enterprises, needs and products above are
    // committed: it reads matching scores (outside any transaction), then writes the events and, through
    // the cases module's demo writer, the cases its intents opened, dated after the event.
    if (this.config.DEMO_DATA) {
      const events = await this.eventsDemo.load();
      if (events.length) this.logger.log({ msg: 'events demo loaded', loaded: events });
    }
    return setup;
  }
}
