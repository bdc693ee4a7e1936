// Sends one NCIP message to the responder and returns its success response, or throws a HostError:
// Problems become errors naming the problem; timeouts, connection failures and 5xx are retryable.
import { HostError, type HostErrorCode } from '../host-error.ts';
import { emitNcip } from './ncip-emit.ts';
import { parseNcipResponse } from './ncip-parse.ts';
import { describeProblem, NcipProblemError, NcipSyntaxError } from './ncip-problem.ts';
import type { InitiationHeader, NcipProblem, NcipRequest, NcipService, ResponseFor } from './ncip-types.ts';
import type { NcipSettings } from './ncip-settings.ts';

const DEFAULT_TIMEOUT_MS = 30_000;

export function initiationHeaderFor(settings: NcipSettings): InitiationHeader {
  const h: InitiationHeader = { fromAgencyId: settings.fromAgencyId, toAgencyId: settings.toAgencyId };
  if (settings.fromAgencyAuthentication) h.fromAgencyAuthentication = settings.fromAgencyAuthentication;
  if (settings.applicationProfileType) h.applicationProfileType = settings.applicationProfileType;
  return h;
}

/** Problem types whose retry can succeed: the responder said it could not do it *now*. */
const TRANSIENT_PROBLEMS = /temporary|temporarily|try again|unavailable|timeout/i;

/** Which HostError code a Problem is; the ProblemType values are NCIP's (Z39.83-1 problem type scheme). */
export function problemCode(p: NcipProblem): HostErrorCode {
  const t = p.type.toLowerCase();
  if (TRANSIENT_PROBLEMS.test(t)) return 'server_error';
  if (t.startsWith('unknown ')) return 'not_found';
  if (t === 'duplicate item' || (t.startsWith('duplicate') && /barcode|item/i.test(p.element ?? ''))) return 'duplicate_barcode';
  if (t.startsWith('duplicate')) return 'conflict';
  if (/syntax|needed data missing|missing version|unsupported|invalid|not allowed|element rule|unrecognised|unrecognized/.test(t)) return 'bad_request';
  if (/unauthori[sz]ed|authentication|not authori[sz]ed/.test(t)) return 'forbidden';
  return 'rejected';
}

export function hostErrorFromProblem(e: NcipProblemError, service: NcipService): HostError {
  const first = e.problems[0] ?? { type: 'Unknown Problem' };
  const text = e.problems.length ? e.problems.map(describeProblem).join('; ') : 'Problem without details';
  return new HostError(problemCode(first), `NCIP ${service} refused: ${text}`, {
    operation: service,
    cause: e,
    retryable: TRANSIENT_PROBLEMS.test(first.type),
  });
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** POST one message; `request.header` is filled from the settings when absent. */
export async function sendNcip<R extends NcipRequest>(
  settings: NcipSettings,
  request: R,
  fetchImpl: FetchLike = fetch,
): Promise<ResponseFor<R['service']>> {
  const service: R['service'] = request.service;
  let body: string;
  try {
    body = emitNcip({ ...request, header: request.header ?? initiationHeaderFor(settings) } as NcipRequest);
  } catch (e) {
    throw new HostError('config', `NCIP ${service} could not be built: ${(e as Error).message}`, { operation: service, cause: e });
  }
  const headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8', accept: 'text/xml, application/xml' };
  if (settings.auth) headers.authorization = 'Basic ' + Buffer.from(`${settings.auth.username}:${settings.auth.password}`).toString('base64');

  let res: Response;
  let text: string;
  try {
    res = await fetchImpl(settings.endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(settings.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
    text = await res.text();
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new HostError('timeout', `NCIP ${service}: no answer from ${settings.endpoint} within ${settings.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`, { operation: service, cause: e });
    }
    const why = (e as Error & { cause?: { code?: string; message?: string } }).cause?.code ?? (e as Error).message;
    throw new HostError('unreachable', `NCIP ${service}: cannot reach ${settings.endpoint} (${why})`, { operation: service, cause: e });
  }

  if (res.status >= 500) {
    throw new HostError('server_error', `NCIP ${service}: responder answered HTTP ${res.status}`, { status: res.status, operation: service });
  }
  if (res.status === 401 || res.status === 403) {
    throw new HostError(res.status === 401 ? 'unauthorized' : 'forbidden', `NCIP ${service}: responder refused our credentials (HTTP ${res.status})`, {
      status: res.status,
      operation: service,
      retryable: false,
    });
  }
  try {
    const parsed = parseNcipResponse(text, service);
    if (res.status >= 300) throw new NcipSyntaxError(`HTTP ${res.status}`);
    return parsed;
  } catch (e) {
    if (e instanceof NcipProblemError) throw hostErrorFromProblem(e, service);
    if (res.status >= 400) {
      throw new HostError('bad_request', `NCIP ${service}: responder answered HTTP ${res.status}`, { status: res.status, operation: service, cause: e });
    }
    throw new HostError('bad_response', `NCIP ${service}: unreadable response (${(e as Error).message})`, { status: res.status, operation: service, cause: e });
  }
}
