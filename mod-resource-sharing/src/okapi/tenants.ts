// Which tenants have the module enabled. Answers come from the tenant's own schema (so every
// instance agrees) and are cached briefly per instance to keep the check off the hot path.
import type { Database } from '../db/database.ts';
import { schemaName, schemaOf } from '../db/tenant-schema.ts';

const TTL_MS = 5_000;

export class TenantRegistry {
  private readonly cache = new Map<string, { enabled: boolean; until: number }>();

  constructor(private readonly db: Database) {}

  async isEnabled(tenant: string): Promise<boolean> {
    const hit = this.cache.get(tenant);
    if (hit && hit.until > Date.now()) return hit.enabled;
    const enabled = await this.lookup(tenant);
    this.cache.set(tenant, { enabled, until: Date.now() + TTL_MS });
    return enabled;
  }

  async schemaExists(tenant: string): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
      schemaName(tenant),
    ]);
    return rows.length > 0;
  }

  forget(tenant: string): void {
    this.cache.delete(tenant);
  }

  private async lookup(tenant: string): Promise<boolean> {
    const { rows } = await this.db.query<{ present: boolean }>(
      `SELECT to_regclass($1) IS NOT NULL AS present`,
      [`${schemaOf(tenant)}.module_state`],
    );
    if (!rows[0]?.present) return false;
    const state = await this.db.query<{ enabled: boolean }>(`SELECT enabled FROM ${schemaOf(tenant)}.module_state`);
    return state.rows[0]?.enabled === true;
  }
}
