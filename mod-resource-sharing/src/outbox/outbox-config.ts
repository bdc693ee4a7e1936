// Process-wide outbox settings and hooks. The workflow plugs its reactions in with
// setOutboxHooks() without the outbox knowing about it; tests and operators tune the worker with
// configureOutbox(). Per-call options of deliverPending() win over both.
import type { Database } from '../db/database.ts';
import type { OutboxHooks, Sender } from './outbox-types.ts';

export interface OutboxSettings {
  /**
   * Optional hard cap on attempts (default none): a message that keeps failing temporarily is
   * given up when its retry window runs out (`retryWindowMs`, or the `retryPolicy` hook's answer).
   */
  maxAttempts?: number;
  /** how long temporary failures are retried, from the message's creation (default 24 h) */
  retryWindowMs: number;
  /** after this long without delivery `onRetrying` is told to flag the request (default 1 h) */
  flagAfterMs: number;
  /** how long a claimed row stays reserved for its worker (default 10 s); the worker renews it every third of it while
   *  it sends, so a killed worker's rows come back within one lease */
  leaseMs: number;
  /** HTTP timeout per attempt (default 10 s) */
  timeoutMs: number;
  /** backoff: baseDelayMs × 2^(attempts-1) with ±25 % jitter, never more than maxDelayMs */
  baseDelayMs: number;
  maxDelayMs: number;
  /** rows claimed per round (default 20) */
  batchSize: number;
  /** deliveries in flight at once within a round (default 8) */
  concurrency: number;
  /** how long one timer call or kick keeps delivering (default 20 s) */
  budgetMs: number;
  /** delivered messages are deleted by the outbox timer this many days after delivery (default 30) */
  deliveredRetentionDays: number;
  /** replaces the HTTP sender (tests, other transports) */
  send?: Sender;
}

export const DEFAULT_OUTBOX_SETTINGS: Readonly<OutboxSettings> = Object.freeze({
  retryWindowMs: 24 * 3_600_000,
  flagAfterMs: 3_600_000,
  leaseMs: 10_000,
  timeoutMs: 10_000,
  baseDelayMs: 5_000,
  maxDelayMs: 300_000,
  batchSize: 20,
  concurrency: 8,
  budgetMs: 20_000,
  deliveredRetentionDays: 30,
});

let settings: OutboxSettings = { ...DEFAULT_OUTBOX_SETTINGS };
let hooks: OutboxHooks = {};

/** Changes some settings for this process; `configureOutbox()` with no argument restores the defaults. */
export function configureOutbox(changes?: Partial<OutboxSettings>): void {
  settings = changes ? { ...settings, ...changes } : { ...DEFAULT_OUTBOX_SETTINGS };
}

export function outboxSettings(): Readonly<OutboxSettings> {
  return settings;
}

/** Registers the callbacks run inside the transaction that records a delivery or a final failure. */
export function setOutboxHooks(next: OutboxHooks): void {
  hooks = { ...next };
}

export function outboxHooks(): Readonly<OutboxHooks> {
  return hooks;
}

const kindSenders = new Map<string, Sender>();

/** Delivers messages of one kind by another transport than HTTP POST (e.g. patron notices by mail). */
export function registerKindSender(kind: string, sender: Sender): void {
  kindSenders.set(kind, sender);
}

export function kindSender(kind: string): Sender | undefined {
  return kindSenders.get(kind);
}

/** Work that goes with delivering the outbox (each kick and timer call), e.g. fetching copies to store. */
export type DrainTask = (db: Database, tenant: string) => Promise<void>;
const drainTasks: DrainTask[] = [];

export function registerDrainTask(task: DrainTask): void {
  if (!drainTasks.includes(task)) drainTasks.push(task);
}

export function drainTasksOf(): readonly DrainTask[] {
  return drainTasks;
}
