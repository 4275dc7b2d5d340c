import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** TypeORM options shared by the API, the worker, the migration command and the tests. */
export function dataSourceOptions(url: string, entities: DataSourceOptions['entities'] = [], poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // random_page_cost 1.1 (the default 4 models spinning disks): the platform's tables live in memory
    // or on SSDs, and with 4 the planner read all 110,000 projects sequentially for a keyword that
    // matches one in ten (134 ms) instead of through the keyword index (33 ms; library benchmark).
    extra: { max: poolSize, options: '-c random_page_cost=1.1' },
  };
}
