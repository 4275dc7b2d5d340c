import 'reflect-metadata';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config';
import { dataSourceOptions } from '../database';
import { QueueModule, type QueueBackendSettings } from '../queue';
import { NotificationsCoreModule, NotificationsWorkerModule } from './notifications.module';
import { NotificationsWorker } from './notifications.worker';

@Global()
@Module({})
class StandaloneConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: StandaloneConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}

/**
 * The notification worker alone, without HTTP (for the benchmark and for the test that kills a
 * worker process mid-job). Every provider of the notifications module names its injection tokens,
 * so this also runs under `tsx`, which does not emit decorator metadata.
 *
 * `answering`: the modules that answer what notifications asks of the modules above it (at least
 * UsersWorkerModule, which resolves a notice's users; see directory.ts and reminder-checks.ts).
 * The caller passes them, as notifications does not import the modules above it.
 */
export async function startNotificationsWorker(
  config: AppConfig,
  db: { databaseUrl: string; queue: QueueBackendSettings },
  answering: Type[],
): Promise<{ ctx: INestApplicationContext; worker: NotificationsWorker }> {
  @Module({
    imports: [
      StandaloneConfigModule.forRoot(config),
      TypeOrmModule.forRoot({ ...dataSourceOptions(db.databaseUrl), autoLoadEntities: true }),
      QueueModule.forRoot(db.queue),
      NotificationsCoreModule,
      NotificationsWorkerModule,
      ...answering,
    ],
  })
  class StandaloneWorkerModule {}
  const ctx = await NestFactory.createApplicationContext(StandaloneWorkerModule, { logger: ['error', 'warn'] });
  ctx.enableShutdownHooks();
  const worker = ctx.get(NotificationsWorker);
  await worker.started();
  return { ctx, worker };
}
