// Reads a partner's answer to one delivery attempt: delivered, rejected for good, or try again.
// ISO 18626 answers in the HTTP response of the same POST: any 2xx with an OK confirmation is
// delivered; an ERROR confirmation (usually with 400) is a protocol error and is not retried.
// Without a confirmation the HTTP status decides: a 4xx (other than 408 and 429) is permanent (the
// partner refuses what we sent, and the same bytes will be refused again); a 5xx, 408, 429, a
// timeout or a refused connection is temporary (the partner may be back later).
import { parseMessage } from '../iso18626/index.ts';
import type { SendResponse } from './outbox-types.ts';

export type Outcome =
  | { type: 'delivered' }
  | { type: 'rejected'; message: string; errorType?: string; errorValue?: string }
  /** temporary: try again later (5xx, 408, 429, no answer, connection refused, unreadable 2xx) */
  | { type: 'retry'; message: string };

const CONFIRMATIONS = new Set(['requestConfirmation', 'supplyingAgencyMessageConfirmation', 'requestingAgencyMessageConfirmation']);

const snippet = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
};

export function classifyResponse(kind: string, res: SendResponse): Outcome {
  if (kind === 'iso18626') return classifyIso18626(res);
  // Other kinds (host calls): 2xx delivered; 408, 429 and 5xx retried; other 4xx refused.
  if (res.status >= 200 && res.status < 300) return { type: 'delivered' };
  if (res.status === 408 || res.status === 429 || res.status >= 500) return { type: 'retry', message: `HTTP ${res.status}` };
  return { type: 'rejected', message: `HTTP ${res.status}: ${snippet(res.body)}` };
}

function classifyIso18626(res: SendResponse): Outcome {
  const parsed = parseMessage(res.body, { acceptMissingEnvelope: true });
  if (parsed.ok && CONFIRMATIONS.has(parsed.message.kind) && 'confirmationHeader' in parsed.message) {
    const confirmation = parsed.message;
    if (confirmation.confirmationHeader.messageStatus === 'ERROR') {
      const errorType = confirmation.errorData?.errorType;
      const errorValue = confirmation.errorData?.errorValue;
      const detail = [errorType, errorValue].filter(Boolean).join(': ') || 'no errorData';
      return { type: 'rejected', message: `partner answered ERROR (HTTP ${res.status}): ${detail}`, errorType, errorValue };
    }
    if (res.status >= 200 && res.status < 300) return { type: 'delivered' };
    return { type: 'retry', message: `HTTP ${res.status} with an OK confirmation` };
  }
  if (res.status >= 500 || res.status === 429 || res.status === 408) return { type: 'retry', message: `HTTP ${res.status}: ${snippet(res.body)}` };
  if (res.status >= 400) return { type: 'rejected', message: `partner refused it with HTTP ${res.status}: ${snippet(res.body) || '(empty body)'}` };
  const why = parsed.ok ? `a ${parsed.message.kind}, not a confirmation` : `no ISO 18626 confirmation (${parsed.error.errorValue})`;
  return { type: 'retry', message: `HTTP ${res.status}, ${why}: ${snippet(res.body)}` };
}

/** Milliseconds before attempt `attempts + 1`: base × 2^(attempts-1) with ±25 % jitter, never over maxMs. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);
  return Math.min(maxMs, Math.round(exp * (0.75 + 0.5 * random())));
}
