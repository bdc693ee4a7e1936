// What the outbox stores and the shapes its worker, sender and hooks exchange.
import type { Sql } from '../db/database.ts';

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
  /** 'rejected': the partner answered with an ERROR confirmation; 'exhausted': no attempt left */
  reason: 'rejected' | 'exhausted';
  /** human-readable, also stored as last_error */
  message: string;
  /** from the partner's ERROR confirmation */
  errorType?: string;
  errorValue?: string;
  /** HTTP status of the last answer, when there was one */
  httpStatus?: number;
}

export type OnDelivered = (tx: Sql, tenant: string, row: OutboxMessage, response: SendResponse) => Promise<void>;
export type OnFailed = (tx: Sql, tenant: string, row: OutboxMessage, error: DeliveryFailure) => Promise<void>;

export interface OutboxHooks {
  onDelivered?: OnDelivered;
  onFailed?: OnFailed;
}
