import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { defaultSettings, type Settings } from './settings-types.ts';

/** All settings of a tenant, stored values over the defaults. */
export async function getSettings(sql: Sql, tenant: string): Promise<Settings> {
  const { rows } = await sql.query<{ key: string; value: unknown }>(`SELECT key, value FROM ${schemaOf(tenant)}.settings`);
  const stored = Object.fromEntries(rows.filter((r) => r.key in defaultSettings).map((r) => [r.key, r.value]));
  return { ...defaultSettings, ...stored } as Settings;
}

export async function putSetting<K extends keyof Settings>(sql: Sql, tenant: string, key: K, value: Settings[K]): Promise<void> {
  await sql.query(
    `INSERT INTO ${schemaOf(tenant)}.settings (key, value, updated_date) VALUES ($1, $2, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_date = now()`,
    [key, JSON.stringify(value)],
  );
}
