// OkapiError (transport, HTTP status, FOLIO message) to HostError (what the workflow records).
import { HostError, type HostErrorCode } from '../host-error.ts';
import { OkapiError } from '../../okapi/okapi-client.ts';

function codeFor(e: OkapiError): HostErrorCode {
  if (e.kind === 'timeout') return 'timeout';
  if (e.kind === 'network') return 'unreachable';
  if (e.kind === 'bad_response') return 'bad_response';
  if (e.status >= 500 || e.status === 408 || e.status === 429) return 'server_error';
  switch (e.status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    default:
      return 'rejected';
  }
}

/** Wrap any failure of one FOLIO call as a HostError naming the operation. */
export function toHostError(e: unknown, operation: string): HostError {
  if (e instanceof HostError) return e;
  if (e instanceof OkapiError) {
    let code = codeFor(e);
    if (code === 'rejected' && /barcode/i.test(e.message) && /(unique|already|exists)/i.test(e.message)) code = 'duplicate_barcode';
    const status = e.status === 0 ? undefined : e.status;
    return new HostError(code, `${operation}: ${e.message}`, { retryable: e.retryable || code === 'unauthorized', status, operation, cause: e });
  }
  const message = e instanceof Error ? e.message : String(e);
  return new HostError('bad_response', `${operation}: ${message}`, { retryable: false, operation, cause: e });
}

/** Run one step; any failure comes out as a HostError for `operation`. */
export async function step<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toHostError(e, operation);
  }
}
