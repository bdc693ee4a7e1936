import type { Sql } from '../db/database.ts';
import { cached, forgetTenant } from '../db/tenant-cache.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { defaultSettings, type Settings } from './settings-types.ts';

/**
 * All settings of a tenant, stored values over the defaults, from this instance's cache (every
 * partner message reads them): frozen, copy before changing. See tenant-cache.ts for why a change
 * is seen at once.
 */
export async function getSettings(sql: Sql, tenant: string): Promise<Settings> {
  return cached(sql, tenant, 'settings', () => readStoredSettings(sql, tenant));
}

/** The settings as stored now, past the cache: for the settings routes, which read what they write. */
export async function readStoredSettings(sql: Sql, tenant: string): Promise<Settings> {
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
  forgetTenant(sql, tenant);
}
