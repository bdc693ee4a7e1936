// What every partner message reads and staff rarely change (a tenant's settings, its directory
// entries by symbol) kept in memory per module instance, so that a message costs no round trip for
// them. Correct across instances and writers:
//
// - Triggers on the settings and directory tables (migration 012-config-change-notify) NOTIFY
//   `CONFIG_CHANNEL` with the schema on every write, whoever writes (this module, another
//   instance, an operator with psql); every instance LISTENs and forgets that tenant's entries
//   once the write has committed. A broken LISTEN connection (notifications may be lost) forgets
//   everything.
// - The module's own writers also forget at once (`forgetTenant`), so a client that changes a
//   setting and then sends a message to the same instance never sees the old value.
// - A load that started before a forget is not kept (a generation count), so a read racing a
//   write cannot put the old value back.
// - Nothing is cached until the LISTEN is in place (a module started while the database is down
//   reads every time until it can listen), and entries expire after `TTL_MS` in any case.
//
// Values are frozen: a caller that wants to change one must copy it.
import type { Database, Sql } from './database.ts';
import { MODULE_SCHEMA_SUFFIX } from './tenant-schema.ts';

export const CONFIG_CHANNEL = 'mod_resource_sharing_config';
const TTL_MS = 30_000;

const RETRY_LISTEN_MS = 5_000;
/**
 * Entries one tenant may hold: directory lookups are keyed by the symbol a message names, which a
 * hostile sender chooses; past this many the tenant's entries start over rather than grow.
 */
const MAX_ENTRIES_PER_TENANT = 1_000;

interface TenantEntries {
  generation: number;
  values: Map<string, { value: unknown; expires: number }>;
}

interface Scope {
  /** the LISTEN is in place: only then may values be kept */
  listening: boolean;
  tenants: Map<string, TenantEntries>;
}

const scopes = new WeakMap<object, Scope>();

function scopeOf(owner: object): Scope {
  let scope = scopes.get(owner);
  if (!scope) {
    scope = { listening: false, tenants: new Map() };
    scopes.set(owner, scope);
  }
  return scope;
}

function entriesOf(scope: Scope, tenant: string): TenantEntries {
  let entries = scope.tenants.get(tenant);
  if (!entries) {
    entries = { generation: 0, values: new Map() };
    scope.tenants.set(tenant, entries);
  }
  return entries;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The cached value of `key` for `tenant`, loaded with `load` when absent or expired. Without a
 * cache owner on `sql` (a test double) every call loads.
 */
export async function cached<T>(sql: Sql, tenant: string, key: string, load: () => Promise<T>): Promise<T> {
  const owner = sql.cacheOwner;
  const scope = owner && scopes.get(owner);
  // frozen whether kept or not, so that a caller changing a value fails the same way every time
  if (!scope?.listening) return deepFreeze(await load());
  const entries = entriesOf(scope, tenant);
  const hit = entries.values.get(key);
  if (hit && hit.expires > Date.now()) return hit.value as T;
  const generation = entries.generation;
  const value = deepFreeze(await load());
  if (entries.generation === generation) {
    if (entries.values.size >= MAX_ENTRIES_PER_TENANT && !entries.values.has(key)) entries.values.clear();
    entries.values.set(key, { value, expires: Date.now() + TTL_MS });
  }
  return value;
}

/** Forgets what is cached for `tenant` (after a write to its settings or directory, or a purge). */
export function forgetTenant(sql: Sql, tenant: string): void {
  const owner = sql.cacheOwner;
  if (!owner) return;
  const entries = scopes.get(owner)?.tenants.get(tenant);
  if (!entries) return;
  entries.generation++;
  entries.values.clear();
}

function forgetAll(scope: Scope): void {
  for (const entries of scope.tenants.values()) {
    entries.generation++;
    entries.values.clear();
  }
}

/**
 * LISTENs for the triggers' notifications, trying again every few seconds while the database
 * cannot be reached; caching starts once the LISTEN is in place. Answers the stop.
 */
export function listenForConfigChanges(db: Database, onError: (err: unknown) => void): () => Promise<void> {
  const owner = db.cacheOwner;
  if (!owner || !db.listen) return async () => undefined;
  const scope = scopeOf(owner);
  const suffix = `_${MODULE_SCHEMA_SUFFIX}`;
  let stopped = false;
  let unlisten: (() => Promise<void>) | undefined;
  let retry: NodeJS.Timeout | undefined;
  const start = () => {
    db.listen!(
      CONFIG_CHANNEL,
      (schema) => {
        if (schema.endsWith(suffix)) forgetTenant(db, schema.slice(0, -suffix.length));
      },
      // the LISTEN connection broke and is back: whatever changed meanwhile went unheard
      () => forgetAll(scope),
    ).then(
      async (stop) => {
        if (stopped) return stop();
        unlisten = stop;
        forgetAll(scope);
        scope.listening = true;
      },
      (err: unknown) => {
        onError(err);
        if (!stopped) retry = setTimeout(start, RETRY_LISTEN_MS).unref();
      },
    );
  };
  start();
  return async () => {
    stopped = true;
    scope.listening = false;
    forgetAll(scope);
    if (retry) clearTimeout(retry);
    await unlisten?.();
  };
}
