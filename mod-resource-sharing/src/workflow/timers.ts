// The date-driven jobs Okapi's `_timer` interface runs per tenant: loans past their due date
// (lending side: Overdue to the borrower; borrowing side: REQ_OVERDUE), lending requests nobody
// answered within settings.staleLendingDays (Unfilled to the borrower), and borrowing requests whose
// patron's needed-before date has passed (cancelled, with the supplier when one holds the request).
// Each job takes the model's system action through runAction with the version it read, so a staff
// action or a partner's message that gets there first wins; each job runs once across instances.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { ConflictError, HttpError } from '../okapi/errors.ts';
import { getSettings } from '../settings/settings-store.ts';
import { listModels } from '../statemodel/index.ts';
import { runAction } from './run-action.ts';
import { runExclusive } from './timer-lock.ts';
import { backgroundLog } from '../metrics/json-log.ts';

export type TimerJob = 'overdue' | 'stale-requests' | 'needed-before';

/** The state model's system actions each timer job takes (the state-model walk test reads it). */
export const TIMER_ACTIONS: Readonly<Record<TimerJob, readonly string[]>> = {
  overdue: ['detectOverdue'],
  'stale-requests': ['autoUnfillStale'],
  'needed-before': ['neededBeforeExpiredWithSupplier', 'neededBeforeExpired'],
};

export interface TimerRun {
  job: TimerJob;
  /** false when another call (this or another instance) was running the same job for the tenant */
  ran: boolean;
  /** requests the job moved on */
  done: number;
  /** requests it could not move (changed meanwhile, or an error; they are looked at again next time) */
  failed: number;
  /** why the job did nothing, e.g. "staleLendingDays is off" */
  skipped?: string;
  errors?: { requestId: string; message: string }[];
}

export interface TimerOptions {
  /** most requests one call handles; the rest wait for the next call (default 200) */
  limit?: number;
}

interface Candidate {
  id: string;
  version: number;
  action: string;
  params?: Record<string, unknown>;
  dueDate?: string;
}

const DEFAULT_LIMIT = 200;
const MAX_REPORTED_ERRORS = 20;

/** (state model, states) pairs in which `action` may be taken by the system. */
function systemStatesOf(action: string): { model: string; states: string[] }[] {
  const out: { model: string; states: string[] }[] = [];
  for (const m of listModels()) {
    const a = m.actions.find((x) => x.code === action && x.who.includes('system'));
    if (a && a.fromStates.length) out.push({ model: m.id, states: a.fromStates });
  }
  return out;
}

/**
 * Requests in a state where the system may take `action`, matching `where` (SQL over `r`, with
 * parameters numbered from $1 in `params`), oldest first.
 */
async function candidates(
  db: Database,
  tenant: string,
  action: string,
  where: string,
  params: unknown[],
  orderBy: string,
  limit: number,
): Promise<Candidate[]> {
  const pairs = systemStatesOf(action);
  if (!pairs.length) return [];
  const all = [...params];
  const stateFilter = pairs
    .map((p) => {
      all.push(p.model, p.states);
      return `(r.jsonb->>'stateModel' = $${all.length - 1} AND r.state = ANY($${all.length}::text[]))`;
    })
    .join(' OR ');
  all.push(limit);
  const { rows } = await db.query<{ id: string; version: number; due: string | null }>(
    `SELECT r.id, r.version, r.jsonb->>'dueDate' AS due FROM ${schemaOf(tenant)}.requests r
      WHERE (${stateFilter}) AND (${where})
      ORDER BY ${orderBy} LIMIT $${all.length}`,
    all,
  );
  return rows.map((r) => ({ id: r.id, version: r.version, action, ...(r.due ? { dueDate: r.due } : {}) }));
}

async function takeAction(db: Database, tenant: string, job: TimerJob, c: Candidate): Promise<void> {
  await runAction(db, {
    tenant,
    requestId: c.id,
    action: c.action,
    who: 'system',
    params: c.params,
    actor: { type: 'system', id: `timer:${job}` },
    expectedVersion: c.version,
  });
}

const PASSES = 3;

/**
 * Takes each candidate's action with the version it was selected at. A request that changed
 * meanwhile (409: a partner's message or staff got there first) is selected again, so the job's
 * condition is checked afresh (e.g. a renewal moved the due date), up to PASSES times.
 */
async function sweep(db: Database, tenant: string, job: TimerJob, select: () => Promise<Candidate[]>): Promise<TimerRun> {
  const run: TimerRun = { job, ran: true, done: 0, failed: 0 };
  const fail = (id: string, err: unknown) => {
    run.failed += 1;
    const message = err instanceof Error ? err.message : String(err);
    if (!(err instanceof HttpError)) backgroundLog.error({ tenant, timer: job, requestId: id, err }, 'timer job failed for a request');
    if ((run.errors ??= []).length < MAX_REPORTED_ERRORS) run.errors.push({ requestId: id, message: message.slice(0, 500) });
  };
  let list = await select();
  for (let pass = 1; list.length; pass++) {
    const conflicts = new Map<string, unknown>();
    for (const c of list) {
      try {
        await takeAction(db, tenant, job, c);
        run.done += 1;
      } catch (err) {
        // A refusal means the request moved on meanwhile; anything else is reported, and must not
        // stop the sweep for the other requests.
        if (err instanceof ConflictError && pass < PASSES) conflicts.set(c.id, err);
        else fail(c.id, err);
      }
    }
    if (!conflicts.size) break;
    list = (await select()).filter((c) => conflicts.has(c.id));
  }
  return run;
}

/** Loans whose due date has passed: `detectOverdue` (lending: tells the borrower Overdue). */
export async function checkOverdue(db: Database, tenant: string, opts: TimerOptions = {}): Promise<TimerRun> {
  const limit = opts.limit ?? DEFAULT_LIMIT;
  return sweep(db, tenant, 'overdue', async () => {
    const now = Date.now();
    // dueDate is ISO text with any offset: a text prefilter on its date part with a day's margin
    // narrows the rows, the exact comparison happens here.
    const horizon = new Date(now + 86_400_000).toISOString().slice(0, 10);
    const list = await candidates(
      db,
      tenant,
      'detectOverdue',
      `r.jsonb->>'dueDate' IS NOT NULL AND left(r.jsonb->>'dueDate', 10) <= $1`,
      [horizon],
      `r.jsonb->>'dueDate'`,
      limit * 2,
    );
    return list.filter((c) => Number.isFinite(Date.parse(c.dueDate ?? '')) && Date.parse(c.dueDate ?? '') < now).slice(0, limit);
  });
}

/** Lending requests left unanswered for settings.staleLendingDays: `autoUnfillStale` (Unfilled to the borrower). */
export async function checkStaleRequests(db: Database, tenant: string, opts: TimerOptions = {}): Promise<TimerRun> {
  const days = (await getSettings(db, tenant)).staleLendingDays;
  if (days === null || days === undefined) return { job: 'stale-requests', ran: true, done: 0, failed: 0, skipped: 'staleLendingDays is off' };
  const note = `No answer within ${days} day${days === 1 ? '' : 's'}; closed automatically`;
  return sweep(db, tenant, 'stale-requests', async () => {
    const list = await candidates(
      db,
      tenant,
      'autoUnfillStale',
      `r.role = 'lending' AND r.updated_date < now() - make_interval(days => $1::integer)`,
      [days],
      'r.updated_date',
      opts.limit ?? DEFAULT_LIMIT,
    );
    return list.map((c) => ({ ...c, params: { note } }));
  });
}

/**
 * Borrowing requests whose patron's needed-before date (the last day of interest) is before
 * today (UTC): cancelled locally (`neededBeforeExpired`) or with the supplier that holds the
 * request (`neededBeforeExpiredWithSupplier`, which sends Cancel).
 */
export async function checkNeededBefore(db: Database, tenant: string, opts: TimerOptions = {}): Promise<TimerRun> {
  const limit = opts.limit ?? DEFAULT_LIMIT;
  return sweep(db, tenant, 'needed-before', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const where = `r.role = 'borrowing' AND r.jsonb->'patron'->>'neededBefore' ~ '^\\d{4}-\\d{2}-\\d{2}$' AND r.jsonb->'patron'->>'neededBefore' < $1`;
    const list = [
      ...(await candidates(db, tenant, 'neededBeforeExpiredWithSupplier', where, [today], 'r.updated_date', limit)),
      ...(await candidates(db, tenant, 'neededBeforeExpired', where, [today], 'r.updated_date', limit)),
    ];
    return list.slice(0, limit);
  });
}

const JOBS: Record<TimerJob, (db: Database, tenant: string, opts?: TimerOptions) => Promise<TimerRun>> = {
  overdue: checkOverdue,
  'stale-requests': checkStaleRequests,
  'needed-before': checkNeededBefore,
};

/** Runs `job` for `tenant` unless it is already running (here or in another instance). */
export async function runTimerJob(db: Database, tenant: string, job: TimerJob, opts: TimerOptions = {}): Promise<TimerRun> {
  const outcome = await runExclusive(db, tenant, job, () => JOBS[job](db, tenant, opts));
  return outcome.ran ? outcome.result : { job, ran: false, done: 0, failed: 0, skipped: 'already running' };
}

/** The `_timer` routes (declared in the descriptor's `_timer` 1.0 interface). */
export function registerTimerRoutes(app: FastifyInstance, db: Database): void {
  for (const job of Object.keys(JOBS) as TimerJob[]) {
    app.post(`/resource-sharing/timers/${job}`, async (req) => runTimerJob(db, req.tenant, job));
  }
}
