import { mkdirSync } from 'node:fs';
import type { Config } from '../config.ts';
import { pgliteDatabase, postgresDatabase, type Database } from './database.ts';

export async function openDatabase(config: Config['db']): Promise<Database> {
  if (config.kind === 'postgres') return postgresDatabase(config);
  if (config.dataDir !== 'memory://') mkdirSync(config.dataDir, { recursive: true });
  return pgliteDatabase(config.dataDir);
}
