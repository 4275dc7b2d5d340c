import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { AppConfig } from './config/app.config';
import { dataSourceOptions } from './database/data-source-options';
import { API_MODULES, WORKER_MODULES } from './features';
import type { Infrastructure } from './infrastructure';
import { QueueModule } from './queue/queue.module';

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
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, infra: Infrastructure, opts: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(infra.databaseUrl), autoLoadEntities: true, migrationsRun: true }),
        QueueModule.forRoot(infra.queue),
        AuditModule,
        ...(opts.api ? API_MODULES : []),
        ...(opts.worker ? WORKER_MODULES : []),
      ],
    };
  }
}
