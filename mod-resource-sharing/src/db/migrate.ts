// Applies the migrations a tenant still needs, inside the caller's transaction.
import type { Sql } from './database.ts';
import { migrations } from './migrations/index.ts';
import { compareVersions, type Semver } from './module-version.ts';

export async function appliedMigrations(tx: Sql, s: string): Promise<Set<string>> {
  await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
    id text PRIMARY KEY, applied_date timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await tx.query<{ id: string }>(`SELECT id FROM ${s}.schema_migrations`);
  return new Set(rows.map((r) => r.id));
}

/** Runs the pending migrations up to `target` (all of them when null); returns the ids applied. */
export async function migrate(tx: Sql, s: string, target: Semver | null): Promise<string[]> {
  const done = await appliedMigrations(tx, s);
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    if (target && compareVersions(m.since, target) > 0) continue;
    for (const stmt of m.statements(s)) await tx.query(stmt);
    await tx.query(`INSERT INTO ${s}.schema_migrations (id) VALUES ($1)`, [m.id]);
    applied.push(m.id);
  }
  return applied;
}
