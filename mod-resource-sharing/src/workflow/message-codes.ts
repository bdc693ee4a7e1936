// The ISO 18626 codes of a conversation entry, beside its English one-line `summary`, so a UI can
// word the message in its user's language ("Lieferantenantwort: Wird geliefert") instead of showing
// "RequestResponse: WillSupply". The summary is written by `summarise` (outgoing.ts) in a fixed
// shape; this reads that shape back (test: message-codes.test.ts round-trips every kind of message),
// so stored conversations get their codes too, without a new column.
import { ACTIONS, REASONS_FOR_MESSAGE, REQUEST_TYPES, STATUSES } from '../iso18626/code-lists.ts';

export interface MessageCodes {
  /** request: New, Retry or Reminder */
  requestType?: string;
  /** request: the title asked for */
  title?: string;
  /** request: the most the borrower will pay */
  maximumCost?: { value: string; currency: string };
  /** supplyingAgencyMessage */
  reasonForMessage?: string;
  status?: string;
  answerYesNo?: 'Y' | 'N';
  dueDate?: string;
  offeredCost?: { value: string; currency: string };
  /** requestingAgencyMessage */
  action?: string;
}

const has = (list: readonly string[], v: string | undefined): v is string => v !== undefined && list.includes(v);

export function messageCodes(kind: string, summary: string): MessageCodes | undefined {
  if (kind === 'request') {
    const m = /^Request \((\w+)(?:, maximum cost (\S+) (\w+))?\): ?(.*)$/s.exec(summary);
    if (!m || !has(REQUEST_TYPES, m[1])) return undefined;
    return { requestType: m[1], ...(m[2] ? { maximumCost: { value: m[2], currency: m[3] } } : {}), title: m[4] };
  }
  if (kind === 'supplyingAgencyMessage') {
    const m = /^(\w+): (\w+)( yes| no)?(?: \(due (\d{4}-\d{2}-\d{2})\))?(?: \(cost (\S+) (\w+)\))?$/.exec(summary);
    if (!m || !has(REASONS_FOR_MESSAGE, m[1]) || !has(STATUSES, m[2])) return undefined;
    return {
      reasonForMessage: m[1],
      status: m[2],
      ...(m[3] ? { answerYesNo: m[3] === ' yes' ? 'Y' : 'N' } : {}),
      ...(m[4] ? { dueDate: m[4] } : {}),
      ...(m[5] ? { offeredCost: { value: m[5], currency: m[6] } } : {}),
    };
  }
  if (kind === 'requestingAgencyMessage') return has(ACTIONS, summary) ? { action: summary } : undefined;
  return undefined;
}
