// "The database is not there right now": a connection refused, dropped or terminated, or a server
// shutting down or starting up. The caller gets 503 with a FOLIO errors[] body and may try again;
// nothing about the call is known to have been applied, except that a failed COMMIT may or may not
// have committed (a create can be retried safely with an Idempotency-Key).
import type { FolioError } from '../okapi/errors.ts';

/** SQLSTATE classes and codes that mean the connection or the server is gone, not that the SQL was wrong. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, smart/fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
]);
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const MESSAGES = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Connection lost/i,
];

export function isConnectionError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || NODE_CODES.has(code)) return true;
  }
  const message = (err as { message?: unknown }).message;
  return typeof message === 'string' && MESSAGES.some((re) => re.test(message));
}

/**
 * Deliberately not an HttpError: code that turns HttpErrors into a refusal (an ISO 18626 ERROR
 * confirmation, a skipped timer candidate) must not treat a passing outage as the partner's or the
 * request's fault; it reaches the error handler instead.
 */
export class DatabaseUnavailableError extends Error {
  readonly status = 503;
  readonly errors: FolioError[];
  /** seconds a client should wait before trying again */
  readonly retryAfter = 2;
  constructor(readonly causeError?: unknown) {
    const detail = causeError instanceof Error ? causeError.message : undefined;
    super('The database is not available; try again shortly');
    this.errors = [
      {
        message: this.message,
        code: 'database.unavailable',
        parameters: detail ? [{ key: 'reason', value: detail.slice(0, 200) }] : [],
      },
    ];
  }
}
