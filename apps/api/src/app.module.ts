import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AuditModule } from './audit';
import { loggingModule } from './common/logging/logger';
import { AppConfig } from './config';
import { dataSourceOptions } from './database';
import { API_MODULES, WORKER_MODULES } from './features';
import type { Infrastructure } from './infrastructure';
import { QueueModule } from './queue';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}

export interface AppModuleOptions {
  /** Load the HTTP API's modules. */
  api: boolean;
  /** Load the queue consumers. */
  worker: boolean;
  /** Nest's logger and the request log write here. */
  logger: Logger;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, infra: Infrastructure, opts: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule(opts.logger),
        TypeOrmModule.forRoot({ ...dataSourceOptions(infra.databaseUrl), autoLoadEntities: true, migrationsRun: true }),
        QueueModule.forRoot(infra.queue),
        AuditModule,
        ...(opts.api ? API_MODULES : []),
        ...(opts.worker ? WORKER_MODULES : []),
      ],
    };
  }
}
