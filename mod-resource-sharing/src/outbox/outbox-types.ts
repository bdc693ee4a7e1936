// What the outbox stores and the shapes its worker, sender and hooks exchange.
import type { Database, Sql } from '../db/database.ts';

export type OutboxStatus = 'pending' | 'sending' | 'delivered' | 'failed';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'delivered', 'failed'];

/** What a message is; decides how the partner's answer is read. Host calls will add kinds. */
export type OutboxKind = 'iso18626' | 'patron-notice';

export interface NewOutboxMessage {
  requestId?: string;
  partnerSymbol: string;
  url: string;
  kind: OutboxKind;
  body: string;
}

export interface OutboxMessage {
  id: string;
  requestId?: string;
  /** global enqueue order */
  seq: number;
  partnerSymbol: string;
  url: string;
  kind: string;
  body: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lockedUntil?: string;
  lastError?: string;
  /** the partner's last answer (body), kept for operators */
  response?: string;
  createdDate: string;
  deliveredDate?: string;
}

/** The partner's HTTP answer. */
export interface SendResponse {
  status: number;
  body: string;
}

/** Delivers one message; resolves with the HTTP answer, rejects on a network error or timeout. */
export type Sender = (msg: OutboxMessage, signal?: AbortSignal) => Promise<SendResponse>;

/** Why a message was given up. */
export interface DeliveryFailure {
  /**
   * 'rejected': permanent (an ERROR confirmation, or a 4xx without one);
   * 'exhausted': temporary failures until the retry window ran out
   */
  reason: 'rejected' | 'exhausted';
  /** human-readable, also stored as last_error */
  message: string;
  /** from the partner's ERROR confirmation */
  errorType?: string;
  errorValue?: string;
  /** HTTP status of the last answer, when there was one */
  httpStatus?: number;
}

/** A temporary failure that will be tried again. */
export interface DeliveryRetry {
  /** what went wrong this time, also stored as last_error */
  message: string;
  nextAttemptAt: string;
  /** when the outbox stops trying (the message fails as 'exhausted') */
  giveUpAt: string;
  /** how long the message has waited since it was written */
  waitedMs: number;
  /** the message has waited longer than the policy's flagAfterMs: staff should know */
  overdue: boolean;
  httpStatus?: number;
}

/** How long a message that fails temporarily is retried, and when its request is flagged. */
export interface RetryPolicy {
  /** from the message's creation */
  giveUpAfterMs: number;
  /** from the message's creation; default: never */
  flagAfterMs?: number;
}

export type OnRetrying = (tx: Sql, tenant: string, row: OutboxMessage, retry: DeliveryRetry) => Promise<void>;
/** Work to run once the outcome has committed (e.g. move a request on to its next supplier). */
export type AfterCommit = (db: Database) => Promise<void>;
export type RetryPolicyHook = (sql: Sql, tenant: string, row: OutboxMessage) => Promise<RetryPolicy>;

export type OnDelivered = (tx: Sql, tenant: string, row: OutboxMessage, response: SendResponse) => Promise<void>;
export type OnFailed = (tx: Sql, tenant: string, row: OutboxMessage, error: DeliveryFailure) => Promise<void | AfterCommit>;

export interface OutboxHooks {
  onDelivered?: OnDelivered;
  /**
   * Whether onDelivered has anything to do for this row; when it answers false the outcome is
   * recorded by one statement, without a transaction around a hook (most messages get through at
   * their first try, and only a message that failed before can have left something to undo).
   */
  onDeliveredApplies?: (row: OutboxMessage) => boolean;
  onFailed?: OnFailed;
  /** a temporary failure was scheduled again (inside the recording transaction) */
  onRetrying?: OnRetrying;
  /** the retry window of one message (default: the process-wide retryWindowMs and flagAfterMs) */
  retryPolicy?: RetryPolicyHook;
}
