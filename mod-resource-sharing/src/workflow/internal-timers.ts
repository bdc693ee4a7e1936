// The module's own timers, for when no Okapi calls the `_timer` handlers: started stand-alone
// (`npm run start:module`, a container without Okapi, the demo). Each handler the descriptor's
// `_timer` interface declares runs on the descriptor's schedule, for every tenant that has the
// module enabled, through the very route Okapi would call (app.inject), so the single-runner guard
// (advisory locks), the answers and the metrics are the same. Running both (Okapi and these) is
// harmless, only wasteful: a run that finds its job already running does nothing.
//
// TIMERS=internal (default) runs them; TIMERS=okapi leaves the timers to Okapi (the descriptor's
// launchDescriptor sets it, so a FOLIO deployment does not run them twice).
//
// They must not crowd out the calls the module is there for: a start against a database with many
// tenants would otherwise run every handler for every tenant at once. So the handlers' first runs
// are staggered (1 s after start, then 2 s apart), and all the calls of all handlers pass one gate
// that lets a quarter of the connection pool's worth run at once (at least one; one on PGlite),
// first come first served. Each handler keeps its own schedule: its next run is its interval after
// its last one ended.
import { Sema } from 'async-sema';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { MODULE_SCHEMA_SUFFIX } from '../db/tenant-schema.ts';

export interface TimerSchedule {
  path: string;
  everyMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The `_timer` handlers and their intervals, as ModuleDescriptor.json declares them (a test keeps them equal). */
export const TIMER_SCHEDULE: readonly TimerSchedule[] = Object.freeze([
  // in the order of their first runs at start-up: the work that waits on them first
  { path: '/resource-sharing/timers/outbox', everyMs: 30 * SECOND },
  { path: '/resource-sharing/timers/workflow', everyMs: MINUTE },
  { path: '/resource-sharing/timers/host', everyMs: 5 * MINUTE },
  { path: '/resource-sharing/timers/shared-directory', everyMs: 5 * MINUTE },
  { path: '/resource-sharing/timers/overdue', everyMs: HOUR },
  { path: '/resource-sharing/timers/stale-requests', everyMs: HOUR },
  { path: '/resource-sharing/timers/needed-before', everyMs: HOUR },
]);

export type TimersMode = 'internal' | 'okapi';

export function timersMode(env: NodeJS.ProcessEnv = process.env): TimersMode {
  const v = (env.TIMERS ?? 'internal').trim().toLowerCase();
  if (v !== 'internal' && v !== 'okapi') throw new Error(`TIMERS must be internal or okapi, not ${JSON.stringify(env.TIMERS)}`);
  return v;
}

/** Tenants whose schema exists and says the module is enabled. */
export async function enabledTenants(db: Database): Promise<string[]> {
  const suffix = `_${MODULE_SCHEMA_SUFFIX}`;
  const { rows } = await db.query<{ schema: string }>(
    `SELECT s.schema_name AS schema FROM information_schema.schemata s
      WHERE right(s.schema_name, $1) = $2
        AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = s.schema_name AND t.table_name = 'module_state')
      ORDER BY 1`,
    [suffix.length, suffix],
  );
  if (!rows.length) return [];
  const quoted = (schema: string) => `"${schema.replaceAll('"', '""')}"`;
  const tenantOf = (schema: string) => schema.slice(0, -suffix.length);
  try {
    // one round trip for all of them (this runs for every timer listing and every metrics scrape)
    const enabled = await db.query<{ i: number }>(
      rows.map(({ schema }, i) => `SELECT ${i} AS i FROM ${quoted(schema)}.module_state WHERE enabled`).join(' UNION ALL '),
    );
    return enabled.rows.map(({ i }) => tenantOf(rows[i].schema)).sort();
  } catch {
    // a tenant purged between the two statements: ask each schema on its own
    const tenants: string[] = [];
    for (const { schema } of rows) {
      const state = await db.query<{ enabled: boolean }>(`SELECT enabled FROM ${quoted(schema)}.module_state`).catch(() => ({ rows: [] }));
      if (state.rows[0]?.enabled === true) tenants.push(tenantOf(schema));
    }
    return tenants;
  }
}

export interface InternalTimerOptions {
  /** the schedule (default TIMER_SCHEDULE); the demo and tests pass shorter intervals */
  schedule?: readonly TimerSchedule[];
  /** timer calls (one handler for one tenant, or one listing of the tenants) at once across all handlers (default timerConcurrency(db)) */
  concurrency?: number;
  /** the first handler's first run this long after the start (default 1 s) ... */
  firstRunMs?: number;
  /** ... and each next handler's this much later (default 2 s) */
  staggerMs?: number;
}

export interface InternalTimers {
  stop(): Promise<void>;
}

/** Timer calls at once: a quarter of the connection pool (at least one), so most connections stay free for API calls; one on PGlite. */
export function timerConcurrency(db: Database): number {
  const max = db.poolStats?.().max;
  return max ? Math.max(1, Math.floor(max / 4)) : 1;
}

/**
 * Runs every handler of the schedule, the first ones staggered after the start and then each at its
 * interval, one run at a time per handler and at most `concurrency` calls at once over all of them.
 */
export function startInternalTimers(app: FastifyInstance, db: Database, opts: InternalTimerOptions = {}): InternalTimers {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const gate = new Sema(Math.max(1, opts.concurrency ?? timerConcurrency(db)));

  /** `fn` when its turn at the gate comes; nothing once stopped. */
  const inTurn = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    await gate.acquire();
    try {
      return stopped ? undefined : await fn();
    } finally {
      gate.release();
    }
  };

  const runOnce = async (path: string) => {
    let tenants: string[] | undefined;
    try {
      tenants = await inTurn(() => enabledTenants(db));
    } catch (err) {
      app.log.warn({ err, timer: path }, 'internal timer: cannot list tenants');
      return;
    }
    for (const tenant of tenants ?? []) {
      if (stopped) return;
      try {
        const res = await inTurn(() => app.inject({ method: 'POST', url: path, headers: { 'x-okapi-tenant': tenant } }));
        if (res && res.statusCode >= 400) app.log.warn({ tenant, timer: path, status: res.statusCode, body: res.body.slice(0, 500) }, 'internal timer call failed');
      } catch (err) {
        app.log.warn({ err, tenant, timer: path }, 'internal timer call failed');
      }
    }
  };

  const loop = (entry: TimerSchedule, delayMs: number) => {
    if (stopped) return;
    const t = setTimeout(() => {
      timers.delete(t);
      const p = runOnce(entry.path).finally(() => {
        running.delete(p);
        loop(entry, entry.everyMs);
      });
      running.add(p);
    }, delayMs);
    t.unref();
    timers.add(t);
  };

  const first = opts.firstRunMs ?? SECOND;
  const stagger = opts.staggerMs ?? 2 * SECOND;
  (opts.schedule ?? TIMER_SCHEDULE).forEach((entry, i) => loop(entry, first + i * stagger));
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all([...running]);
    },
  };
}
