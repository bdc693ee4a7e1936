// The delivery worker: claim due rows, send each outside any transaction, record the outcome (and
// run the workflow's hook) in one short transaction per row.
import type { Database, Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { claimDue } from './claim.ts';
import { classifyResponse, retryDelayMs, type Outcome } from './classify-response.ts';
import { httpSend } from './http-sender.ts';
import { kindSender, outboxHooks, outboxSettings } from './outbox-config.ts';
import { fromRow, type OutboxRow } from './outbox-store.ts';
import type { DeliveryFailure, OnDelivered, OnFailed, OutboxMessage, Sender, SendResponse } from './outbox-types.ts';

export interface OutboxLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export const consoleLogger: OutboxLogger = {
  error: (obj, msg) => console.error(`[outbox] ${msg}`, obj),
  warn: (obj, msg) => console.warn(`[outbox] ${msg}`, obj),
};

export interface DeliverOptions {
  /** rows claimed in this round (default: settings.batchSize) */
  limit?: number;
  /** the worker's clock, for tests; default the database's now() */
  now?: Date;
  send?: Sender;
  onDelivered?: OnDelivered;
  onFailed?: OnFailed;
  maxAttempts?: number;
  leaseMs?: number;
  timeoutMs?: number;
  log?: OutboxLogger;
  /** for the backoff jitter; tests pass a constant */
  random?: () => number;
}

export interface DeliveryCounts {
  delivered: number;
  /** attempts that failed transiently and were scheduled again */
  retried: number;
  /** messages given up: ERROR confirmation, or no attempt left */
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
  const claimed = await claimDue(db, tenant, {
    limit: opts.limit ?? cfg.batchSize,
    leaseMs: opts.leaseMs ?? cfg.leaseMs,
    now: opts.now,
  });
  const counts: DeliveryCounts = { delivered: 0, retried: 0, failed: 0 };
  await forEachLimited(claimed, cfg.concurrency, async (row) => {
    try {
      const result = await deliverOne(db, tenant, row, opts);
      if (result !== 'lost') counts[result] += 1;
    } catch (err) {
      // e.g. the database went away: the row stays 'sending' and comes back when its lease ends
      (opts.log ?? consoleLogger).error({ err, tenant, id: row.id }, 'could not record an outbox delivery');
    }
  });
  return { counts, claimed: claimed.length };
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
): Promise<OutboxMessage | undefined> {
  const res = await tx.query<OutboxRow>(
    `UPDATE ${schemaOf(tenant)}.outbox
        SET status = $3::text, last_error = $4, response = $5, locked_until = NULL,
            delivered_date = CASE WHEN $3::text = 'delivered' THEN coalesce($6::timestamptz, now()) ELSE delivered_date END,
            next_attempt_at = CASE WHEN $7::integer IS NULL THEN next_attempt_at
                                   ELSE coalesce($6::timestamptz, now()) + $7::integer * interval '1 millisecond' END
      WHERE id = $1 AND status = 'sending' AND attempts = $2
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

  let result: Result;
  let update: RowUpdate;
  let hook: ((tx: Sql, updated: OutboxMessage) => Promise<void>) | undefined;
  if (outcome.type === 'delivered') {
    result = 'delivered';
    update = { status: 'delivered', lastError: null };
    const h = opts.onDelivered ?? hooks.onDelivered;
    if (h && response) hook = (tx, m) => h(tx, tenant, m, response);
  } else if (outcome.type === 'rejected' || row.attempts >= maxAttempts) {
    result = 'failed';
    const failure: DeliveryFailure =
      outcome.type === 'rejected'
        ? { reason: 'rejected', message: outcome.message, errorType: outcome.errorType, errorValue: outcome.errorValue }
        : { reason: 'exhausted', message: `gave up after ${row.attempts} attempts; last: ${outcome.message}` };
    if (response) failure.httpStatus = response.status;
    update = { status: 'failed', lastError: failure.message };
    const h = opts.onFailed ?? hooks.onFailed;
    if (h) hook = (tx, m) => h(tx, tenant, m, failure);
  } else {
    result = 'retried';
    const delayMs = retryDelayMs(row.attempts, cfg.baseDelayMs, cfg.maxDelayMs, opts.random);
    update = { status: 'pending', lastError: outcome.message, delayMs };
  }

  const write = (u: RowUpdate, withHook: boolean): Promise<boolean> =>
    db.transaction(async (tx) => {
      const updated = await applyUpdate(tx, tenant, row, u, response, opts.now);
      if (!updated) return false;
      if (withHook && hook) await hook(tx, updated);
      return true;
    });

  let lastError: unknown;
  // A hook may hit a transient conflict (e.g. staff saving the same request): try it again.
  for (let i = 0; i < (hook ? HOOK_TRIES : 1); i += 1) {
    try {
      if (await write(update, true)) return result;
      log.warn({ tenant, id: row.id, attempts: row.attempts }, 'outbox row was claimed again before its result was recorded');
      return 'lost';
    } catch (err) {
      lastError = err;
    }
  }
  if (!hook) throw lastError;
  // The hook keeps failing: record the outcome alone so the message is not sent again, and say so.
  log.error({ err: lastError, tenant, id: row.id, result }, 'outbox hook failed; outcome recorded without it');
  const note = `${result === 'delivered' ? 'onDelivered' : 'onFailed'} hook failed: ${errorText(lastError)}`;
  const lastErrorText = update.lastError ? `${update.lastError}; ${note}` : note;
  return (await write({ ...update, lastError: lastErrorText }, false)) ? result : 'lost';
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
  const cause = err instanceof Error ? (err as Error & { cause?: unknown }).cause : undefined;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : undefined;
  const base = errorText(err);
  return code ? `${base} (${code})` : base;
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
