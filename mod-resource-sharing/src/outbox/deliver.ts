// The delivery worker: claim due rows, send each outside any transaction, record the outcome (and
// run the workflow's hook) in one short transaction per row.
import type { Database, Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { claimDue, keepClaimed, LAZY_COMMIT } from './claim.ts';
import { countDelivery } from '../metrics/metrics.ts';
import { backgroundLog } from '../metrics/json-log.ts';
import { classifyResponse, retryDelayMs, type Outcome } from './classify-response.ts';
import { httpSend } from './http-sender.ts';
import { drainTasksOf, kindSender, outboxHooks, outboxSettings } from './outbox-config.ts';
import { fromRow, type OutboxRow } from './outbox-store.ts';
import type {
  AfterCommit,
  DeliveryFailure,
  DeliveryRetry,
  OnDelivered,
  OnFailed,
  OnRetrying,
  OutboxMessage,
  RetryPolicy,
  RetryPolicyHook,
  Sender,
  SendResponse,
} from './outbox-types.ts';

export interface OutboxLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** JSON lines like the request logs (the name is kept for the callers) */
export const consoleLogger: OutboxLogger = backgroundLog;

export interface DeliverOptions {
  /** rows claimed in this round (default: settings.batchSize) */
  limit?: number;
  /** the worker's clock, for tests; default the database's now() */
  now?: Date;
  send?: Sender;
  onDelivered?: OnDelivered;
  onFailed?: OnFailed;
  onRetrying?: OnRetrying;
  retryPolicy?: RetryPolicyHook;
  /** optional hard cap on attempts; the retry window decides otherwise */
  maxAttempts?: number;
  leaseMs?: number;
  timeoutMs?: number;
  log?: OutboxLogger;
  /** for the backoff jitter; tests pass a constant */
  random?: () => number;
  /**
   * told each time a round is about to send its claim to the database: from then on its claim's
   * snapshot may be older than a commit, so a later kick must not count on this round
   */
  onClaiming?: () => void;
}

export interface DeliveryCounts {
  delivered: number;
  /** attempts that failed transiently and were scheduled again */
  retried: number;
  /** messages given up: refused by the partner, or the retry window ran out */
  failed: number;
}

type Result = keyof DeliveryCounts | 'lost';

const HOOK_TRIES = 3;
const MAX_STORED_RESPONSE = 64 * 1024;

/** One round: claims up to `limit` due rows and delivers them. */
export async function deliverPending(db: Database, tenant: string, opts: DeliverOptions = {}): Promise<DeliveryCounts> {
  const { counts } = await deliverRound(db, tenant, opts);
  return counts;
}

/** Rounds of deliverPending until nothing is due or `budgetMs` is spent. */
export async function drainOutbox(
  db: Database,
  tenant: string,
  opts: DeliverOptions & { budgetMs?: number } = {},
): Promise<DeliveryCounts> {
  const budget = opts.budgetMs ?? outboxSettings().budgetMs;
  const started = Date.now();
  const total: DeliveryCounts = { delivered: 0, retried: 0, failed: 0 };
  for (const task of drainTasksOf()) {
    await task(db, tenant).catch((err: unknown) => (opts.log ?? consoleLogger).warn({ err, tenant }, 'outbox drain task failed; the next drain tries again'));
  }
  for (;;) {
    const { counts, claimed } = await deliverRound(db, tenant, opts);
    total.delivered += counts.delivered;
    total.retried += counts.retried;
    total.failed += counts.failed;
    if (claimed === 0 || Date.now() - started >= budget) return total;
  }
}

async function deliverRound(
  db: Database,
  tenant: string,
  opts: DeliverOptions,
): Promise<{ counts: DeliveryCounts; claimed: number }> {
  const cfg = outboxSettings();
  opts.onClaiming?.();
  const claimed = await claimDue(db, tenant, {
    limit: opts.limit ?? cfg.batchSize,
    leaseMs: opts.leaseMs ?? cfg.leaseMs,
    now: opts.now,
  });
  const counts: DeliveryCounts = { delivered: 0, retried: 0, failed: 0 };
  // With a test clock (`now`) the lease is the test's to expire; otherwise keep it while sending.
  const release = opts.now ? () => undefined : keepClaimed(db, tenant, claimed, opts.leaseMs ?? cfg.leaseMs);
  try {
    await deliverAll(db, tenant, claimed, counts, opts);
  } finally {
    release();
  }
  return { counts, claimed: claimed.length };
}

async function deliverAll(db: Database, tenant: string, claimed: OutboxMessage[], counts: DeliveryCounts, opts: DeliverOptions): Promise<void> {
  await forEachLimited(claimed, outboxSettings().concurrency, async (row) => {
    try {
      const result = await deliverOne(db, tenant, row, opts);
      countDelivery(row, result);
      if (result !== 'lost') counts[result] += 1;
    } catch (err) {
      // e.g. the database went away: the row stays 'sending' and comes back when its lease ends
      (opts.log ?? consoleLogger).error({ err, tenant, id: row.id }, 'could not record an outbox delivery');
    }
  });
}

async function deliverOne(db: Database, tenant: string, row: OutboxMessage, opts: DeliverOptions): Promise<Result> {
  const cfg = outboxSettings();
  const send = kindSender(row.kind) ?? opts.send ?? cfg.send ?? httpSend;
  const timeoutMs = opts.timeoutMs ?? cfg.timeoutMs;
  let response: SendResponse | undefined;
  let outcome: Outcome;
  try {
    response = await withTimeout((signal) => send(row, signal), timeoutMs);
    outcome = classifyResponse(row.kind, response);
  } catch (err) {
    outcome = { type: 'retry', message: describeError(err, timeoutMs) };
  }
  return record(db, tenant, row, outcome, response, opts);
}

interface RowUpdate {
  status: 'delivered' | 'pending' | 'failed';
  lastError: string | null;
  /** for 'pending': when to try again, from now */
  delayMs?: number;
}

/** Writes the outcome of the current claim; undefined when another worker has claimed the row since. */
async function applyUpdate(
  tx: Sql,
  tenant: string,
  row: OutboxMessage,
  u: RowUpdate,
  response: SendResponse | undefined,
  now: Date | undefined,
  /** a statement on its own whose loss in a database crash costs only a repeat: see claim.ts's LAZY_COMMIT */
  lazy = false,
): Promise<OutboxMessage | undefined> {
  const res = await tx.query<OutboxRow>(
    `${lazy ? `WITH ${LAZY_COMMIT} ` : ''}UPDATE ${schemaOf(tenant)}.outbox
        SET status = $3::text, last_error = $4, response = $5, locked_until = NULL,
            delivered_date = CASE WHEN $3::text = 'delivered' THEN coalesce($6::timestamptz, now()) ELSE delivered_date END,
            next_attempt_at = CASE WHEN $7::integer IS NULL THEN next_attempt_at
                                   ELSE coalesce($6::timestamptz, now()) + $7::integer * interval '1 millisecond' END
      ${lazy ? 'FROM lazy_commit ' : ''}WHERE id = $1 AND status = 'sending' AND attempts = $2
      RETURNING *`,
    [
      row.id,
      row.attempts,
      u.status,
      u.lastError,
      response ? response.body.slice(0, MAX_STORED_RESPONSE) : null,
      now ?? null,
      u.delayMs ?? null,
    ],
  );
  return res.rows[0] ? fromRow(res.rows[0]) : undefined;
}

async function record(
  db: Database,
  tenant: string,
  row: OutboxMessage,
  outcome: Outcome,
  response: SendResponse | undefined,
  opts: DeliverOptions,
): Promise<Result> {
  const cfg = outboxSettings();
  const hooks = outboxHooks();
  const log = opts.log ?? consoleLogger;
  const maxAttempts = opts.maxAttempts ?? cfg.maxAttempts;

  let hook: ((tx: Sql, updated: OutboxMessage) => Promise<void | AfterCommit>) | undefined;
  const now = opts.now ?? new Date();
  // Temporary failures are tried again within the message's retry window (the library's setting,
  // through the retryPolicy hook), with a backoff capped at maxDelayMs; the last try falls on the
  // window's end. Past it, the message fails as 'exhausted'.
  let exhausted: string | undefined;
  let retry: (DeliveryRetry & { delayMs: number }) | undefined;
  if (outcome.type === 'retry') {
    const policy = await retryPolicyFor(db, tenant, row, opts);
    const created = new Date(row.createdDate).getTime();
    const giveUpAt = created + policy.giveUpAfterMs;
    const left = giveUpAt - now.getTime();
    if (maxAttempts !== undefined && row.attempts >= maxAttempts) exhausted = `gave up after ${row.attempts} attempts`;
    else if (left <= 0) exhausted = `gave up after ${row.attempts} attempts over ${duration(now.getTime() - created)}`;
    else {
      const delayMs = Math.min(retryDelayMs(row.attempts, cfg.baseDelayMs, cfg.maxDelayMs, opts.random), left);
      retry = {
        delayMs,
        message: outcome.message,
        nextAttemptAt: new Date(now.getTime() + delayMs).toISOString(),
        giveUpAt: new Date(giveUpAt).toISOString(),
        waitedMs: now.getTime() - created,
        overdue: policy.flagAfterMs !== undefined && now.getTime() - created >= policy.flagAfterMs,
        ...(response ? { httpStatus: response.status } : {}),
      };
    }
  }

  let result: Result;
  let update: RowUpdate;
  if (outcome.type === 'delivered') {
    result = 'delivered';
    update = { status: 'delivered', lastError: null };
    const h = opts.onDelivered ?? hooks.onDelivered;
    const applies = opts.onDelivered ? true : (hooks.onDeliveredApplies?.(row) ?? true);
    if (h && response && applies) hook = (tx, m) => h(tx, tenant, m, response);
  } else if (retry) {
    result = 'retried';
    const { delayMs, ...info } = retry;
    update = { status: 'pending', lastError: outcome.message, delayMs };
    const h = opts.onRetrying ?? hooks.onRetrying;
    if (h) hook = (tx, m) => h(tx, tenant, m, info);
  } else {
    result = 'failed';
    const failure: DeliveryFailure =
      outcome.type === 'rejected'
        ? { reason: 'rejected', message: outcome.message, errorType: outcome.errorType, errorValue: outcome.errorValue }
        : { reason: 'exhausted', message: `${exhausted}; last: ${outcome.message}` };
    if (response) failure.httpStatus = response.status;
    update = { status: 'failed', lastError: failure.message };
    const h = opts.onFailed ?? hooks.onFailed;
    if (h) hook = (tx, m) => h(tx, tenant, m, failure);
  }

  let afterCommit: AfterCommit | undefined;
  const write = async (u: RowUpdate, withHook: boolean): Promise<boolean> => {
    // nothing but the row to write: one statement
    if (!(withHook && hook)) return (await applyUpdate(db, tenant, row, u, response, opts.now, true)) !== undefined;
    return db.transaction(async (tx) => {
      afterCommit = undefined;
      const updated = await applyUpdate(tx, tenant, row, u, response, opts.now);
      if (!updated) return false;
      if (withHook && hook) afterCommit = (await hook(tx, updated)) ?? undefined;
      return true;
    });
  };
  const runAfterCommit = async () => {
    if (!afterCommit) return;
    try {
      await afterCommit(db);
    } catch (err) {
      log.error({ err, tenant, id: row.id }, 'outbox: work after recording a delivery outcome failed; the timers will pick it up');
    }
  };

  let lastError: unknown;
  // A hook may hit a transient conflict (e.g. staff saving the same request): try it again.
  for (let i = 0; i < (hook ? HOOK_TRIES : 1); i += 1) {
    try {
      if (await write(update, true)) {
        await runAfterCommit();
        return result;
      }
      log.warn({ tenant, id: row.id, attempts: row.attempts }, 'outbox row was claimed again before its result was recorded');
      return 'lost';
    } catch (err) {
      lastError = err;
    }
  }
  if (!hook) throw lastError;
  // The hook keeps failing: record the outcome alone so the message is not sent again, and say so.
  log.error({ err: lastError, tenant, id: row.id, result }, 'outbox hook failed; outcome recorded without it');
  const note = `${result === 'delivered' ? 'onDelivered' : result === 'retried' ? 'onRetrying' : 'onFailed'} hook failed: ${errorText(lastError)}`;
  const lastErrorText = update.lastError ? `${update.lastError}; ${note}` : note;
  return (await write({ ...update, lastError: lastErrorText }, false)) ? result : 'lost';
}

async function retryPolicyFor(db: Database, tenant: string, row: OutboxMessage, opts: DeliverOptions): Promise<RetryPolicy> {
  const cfg = outboxSettings();
  const fallback: RetryPolicy = { giveUpAfterMs: cfg.retryWindowMs, flagAfterMs: cfg.flagAfterMs };
  const hook = opts.retryPolicy ?? outboxHooks().retryPolicy;
  if (!hook) return fallback;
  try {
    return await hook(db, tenant, row);
  } catch {
    return fallback;
  }
}

/** "12 min", "3 h 5 min", "40 s" */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
}

async function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    fn(signal).then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** "connection refused (ECONNREFUSED)", "timeout after 10 s", ... */
export function describeError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  // node:http puts the system's code on the error ("connect ECONNREFUSED 10.0.0.1:443"), fetch on its cause
  const codeOf = (e: unknown) => (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : undefined);
  const code = codeOf(err) ?? codeOf(err instanceof Error ? (err as Error & { cause?: unknown }).cause : undefined);
  const base = errorText(err);
  return code && !base.includes(code) ? `${base} (${code})` : base;
}

async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(Math.max(1, limit), items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await fn(item);
    }
  });
  await Promise.all(workers);
}
