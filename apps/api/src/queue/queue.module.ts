import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { QueueBackend, QueueBackendSettings } from './queue-backend';

/** Provides the process's one QueueBackend; queues and workers are made from it. */
@Global()
@Module({})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(QueueBackend) private readonly backend: QueueBackend) {}

  static forRoot(settings: QueueBackendSettings): DynamicModule {
    return {
      module: QueueModule,
      providers: [{ provide: QueueBackend, useFactory: () => new QueueBackend(settings) }],
      exports: [QueueBackend],
    };
  }

  async onApplicationShutdown() {
    await this.backend.close();
  }
}
