// Configuration from the environment (FOLIO's variable names where FOLIO has them).
import path from 'node:path';
import type { PostgresConfig } from './db/database.ts';

export interface Config {
  port: number;
  host: string;
  logLevel: string;
  /** OKAPI_STANDALONE=true: trust calls without X-Okapi-Permissions (demo, tests); never behind Okapi */
  okapiStandalone: boolean;
  db:
    | ({ kind: 'postgres' } & PostgresConfig)
    | { kind: 'pglite'; dataDir: string };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const db: Config['db'] = env.DB_HOST
    ? {
        kind: 'postgres',
        host: env.DB_HOST,
        port: Number(env.DB_PORT ?? 5432),
        user: env.DB_USERNAME ?? 'folio_admin',
        password: env.DB_PASSWORD ?? '',
        database: env.DB_DATABASE ?? 'okapi_modules',
        maxPoolSize: Number(env.DB_MAXPOOLSIZE ?? 10),
        preparedStatements: env.DB_PREPARED_STATEMENTS !== 'false',
      }
    : { kind: 'pglite', dataDir: env.PGLITE_DATA_DIR ?? path.resolve('.data', 'pglite') };
  return {
    port: Number(env.PORT ?? 8081),
    host: env.HOST ?? '0.0.0.0',
    logLevel: env.LOG_LEVEL ?? 'info',
    okapiStandalone: env.OKAPI_STANDALONE === 'true',
    db,
  };
}
