// The one error every HostLsp adapter throws: what went wrong, in words staff can read, and
// whether trying the same call again later can succeed (timeouts, 5xx) or not (a rule said no).

export type HostErrorCode =
  | 'bad_request' // 400: the host did not understand the call
  | 'unauthorized' // 401: token missing or expired
  | 'forbidden' // 403: the module (or system user) lacks a permission
  | 'not_found' // 404, or a lookup found nothing where something was required
  | 'conflict' // 409: optimistic locking or state conflict
  | 'rejected' // 422: the host's validation or circulation rules refused the call
  | 'duplicate_barcode' // 422 on an item whose barcode is already taken
  | 'timeout' // no answer within the client's timeout
  | 'unreachable' // connection refused, DNS, reset
  | 'server_error' // 5xx
  | 'bad_response' // 2xx with a body that cannot be read
  | 'config'; // settings missing or wrong for this operation

export class HostError extends Error {
  readonly code: HostErrorCode;
  readonly retryable: boolean;
  /** HTTP status from the host, when there was one. */
  readonly status?: number;
  /** Which port operation (and step) failed, e.g. "createTemporaryRecords: item". */
  readonly operation?: string;

  constructor(
    code: HostErrorCode,
    message: string,
    opts: { retryable?: boolean; status?: number; operation?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'HostError';
    this.code = code;
    this.retryable = opts.retryable ?? defaultRetryable(code);
    this.status = opts.status;
    this.operation = opts.operation;
  }
}

export function defaultRetryable(code: HostErrorCode): boolean {
  return code === 'timeout' || code === 'unreachable' || code === 'server_error' || code === 'unauthorized';
}

export function isHostError(e: unknown): e is HostError {
  return e instanceof HostError;
}
