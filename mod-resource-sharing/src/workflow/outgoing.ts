// Turns a state model's "send this message" effect into a complete ISO 18626 message for the
// partner, in the partner's schema version.
import type {
  BibliographicItemId,
  Iso18626Message,
  RequestMessage,
  RequestingAgencyMessage,
  SupplyingAgencyMessage,
} from '../iso18626/index.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';
import type { OutgoingMessage } from '../statemodel/index.ts';
import { noteWithIntent } from './intents.ts';
import { agencyId } from './symbols.ts';

export interface Parties {
  requester: string;
  supplier: string;
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return String(v);
}

function date(v: unknown): Date | undefined {
  const t = text(v);
  if (!t) return undefined;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function itemIds(req: ResourceSharingRequest): BibliographicItemId[] | undefined {
  const ids: BibliographicItemId[] = [];
  if (req.citation.isbn) ids.push({ identifierCode: { value: 'ISBN' }, identifier: req.citation.isbn });
  if (req.citation.issn) ids.push({ identifierCode: { value: 'ISSN' }, identifier: req.citation.issn });
  return ids.length ? ids : undefined;
}

/**
 * The record id to send the current supplier: the one its catalogue gave for its rota entry; the
 * citation's only when no rota entry says otherwise and the request goes to its first (or only)
 * supplier, since another library's record id means nothing to the next one.
 */
function supplierRecordId(req: ResourceSharingRequest): string | undefined {
  const entry = req.rota && req.rotaIndex !== undefined ? req.rota[req.rotaIndex] : undefined;
  if (typeof entry?.supplierUniqueRecordId === 'string') return entry.supplierUniqueRecordId;
  return !entry || req.rotaIndex === 0 ? req.citation.supplierUniqueRecordId : undefined;
}

/** serviceInfo/note: the action's note (a Retry's), else the notes staff and the patron wrote on the request. */
function requestNote(req: ResourceSharingRequest, actionNote: string | undefined): string | undefined {
  if (actionNote) return actionNote;
  const parts = [req.note, req.patron?.notes ? `Patron: ${req.patron.notes}` : undefined].filter((p): p is string => !!p?.trim());
  return parts.length ? parts.join('\n') : undefined;
}

function requestMessage(req: ResourceSharingRequest, out: OutgoingMessage, parties: Parties, now: Date): RequestMessage {
  const c = req.citation;
  const f = out.fields;
  const msg: RequestMessage = {
    kind: 'request',
    header: {
      supplyingAgencyId: agencyId(parties.supplier),
      requestingAgencyId: agencyId(parties.requester),
      timestamp: now,
      requestingAgencyRequestId: req.requestingAgencyRequestId ?? req.hrid,
    },
    bibliographicInfo: {
      ...(supplierRecordId(req) ? { supplierUniqueRecordId: supplierRecordId(req) } : {}),
      title: c.title,
      ...(c.author ? { author: c.author } : {}),
      ...(c.edition ? { edition: c.edition } : {}),
      ...(c.articleTitle ? { titleOfComponent: c.articleTitle } : {}),
      ...(c.volume ? { volume: c.volume } : {}),
      ...(c.issue ? { issue: c.issue } : {}),
      ...(c.pages ? { pagesRequested: c.pages } : {}),
    },
    serviceInfo: {
      requestType: out.requestType ?? 'New',
      ...(text(f['serviceInfo.requestingAgencyPreviousRequestId'])
        ? { requestingAgencyPreviousRequestId: text(f['serviceInfo.requestingAgencyPreviousRequestId']) }
        : {}),
      serviceType: req.serviceType === 'copy' ? 'Copy' : 'Loan',
      ...(req.patron?.neededBefore ? { needBeforeDate: new Date(`${req.patron.neededBefore}T23:59:59Z`) } : {}),
      ...(requestNote(req, text(f['serviceInfo.note'])) ? { note: requestNote(req, text(f['serviceInfo.note'])) } : {}),
      ...(req.serviceType === 'copy' && req.copyright?.compliance ? { copyrightCompliance: { value: req.copyright.compliance } } : {}),
    },
  };
  const ids = itemIds(req);
  if (ids) msg.bibliographicInfo.bibliographicItemId = ids;
  if (c.oclcNumber) msg.bibliographicInfo.bibliographicRecordId = [{ identifierCode: { value: 'OCLC' }, identifier: c.oclcNumber }];
  if (c.publisher || c.publicationDate || c.placeOfPublication) {
    msg.publicationInfo = {
      ...(c.publisher ? { publisher: c.publisher } : {}),
      ...(c.publicationDate ? { publicationDate: c.publicationDate } : {}),
      ...(c.placeOfPublication ? { placeOfPublication: c.placeOfPublication } : {}),
    };
  }
  if (req.patron?.id || req.patron?.name) {
    msg.patronInfo = {
      ...(req.patron.id ? { patronId: req.patron.id } : {}),
      ...(req.patron.name ? { surname: req.patron.name } : {}),
    };
  }
  const maxCost = text(f['billingInfo.maximumCosts.monetaryValue']);
  if (maxCost) {
    msg.billingInfo = {
      maximumCosts: { currencyCode: text(f['billingInfo.maximumCosts.currencyCode']) ?? 'EUR', monetaryValue: Number(maxCost).toFixed(2) },
    };
  }
  return msg;
}

function supplyingMessage(req: ResourceSharingRequest, out: OutgoingMessage, parties: Parties, now: Date): SupplyingAgencyMessage {
  const f = out.fields;
  const reason = out.reasonForMessage ?? (req.sentFirstResponse ? 'StatusChange' : 'RequestResponse');
  const note = noteWithIntent(out.intent, text(f['messageInfo.note']));
  // While the item is out, every status we send carries the due date (e.g. a status answer).
  const sentStatus = out.status ?? 'RequestReceived';
  const dueDate = date(f['statusInfo.dueDate']) ?? (['Loaned', 'Overdue', 'Recalled'].includes(sentStatus) ? date(req.dueDate) : undefined);
  const msg: SupplyingAgencyMessage = {
    kind: 'supplyingAgencyMessage',
    header: {
      supplyingAgencyId: agencyId(parties.supplier),
      requestingAgencyId: agencyId(parties.requester),
      timestamp: now,
      requestingAgencyRequestId: req.peerRequestId ?? '',
      supplyingAgencyRequestId: req.hrid,
    },
    messageInfo: {
      reasonForMessage: reason,
      ...(out.answerYesNo ? { answerYesNo: out.answerYesNo } : {}),
      ...(note ? { note } : {}),
      ...(text(f['messageInfo.reasonUnfilled']) ? { reasonUnfilled: { value: text(f['messageInfo.reasonUnfilled'])! } } : {}),
      ...(text(f['messageInfo.reasonRetry']) ? { reasonRetry: { value: text(f['messageInfo.reasonRetry'])! } } : {}),
    },
    statusInfo: {
      status: out.status ?? 'RequestReceived',
      lastChange: now,
      ...(dueDate ? { dueDate } : {}),
    },
  };
  const cost = text(f['messageInfo.offeredCosts.monetaryValue'] ?? f['deliveryInfo.deliveryCosts.monetaryValue']);
  const currency = text(f['messageInfo.offeredCosts.currencyCode'] ?? f['deliveryInfo.deliveryCosts.currencyCode']) ?? 'EUR';
  if (cost && out.status !== 'Loaned') msg.messageInfo.offeredCosts = { currencyCode: currency, monetaryValue: Number(cost).toFixed(2) };
  const itemId = text(f['deliveryInfo.itemId']);
  const url = text(f['deliveryInfo.url']);
  const loanCondition = text(f['deliveryInfo.loanCondition']);
  if (itemId || url || loanCondition || out.status === 'Loaned' || out.status === 'CopyCompleted') {
    msg.deliveryInfo = {
      dateSent: now,
      ...(itemId ? { itemId } : {}),
      ...(url ? { url } : {}),
      ...(loanCondition ? { loanCondition: { value: loanCondition } } : {}),
      ...(cost && out.status === 'Loaned' ? { deliveryCosts: { currencyCode: currency, monetaryValue: Number(cost).toFixed(2) } } : {}),
    };
  }
  return msg;
}

function requestingMessage(req: ResourceSharingRequest, out: OutgoingMessage, parties: Parties, now: Date): RequestingAgencyMessage {
  const note = noteWithIntent(out.intent, text(out.fields.note));
  return {
    kind: 'requestingAgencyMessage',
    header: {
      supplyingAgencyId: agencyId(parties.supplier),
      requestingAgencyId: agencyId(parties.requester),
      timestamp: now,
      requestingAgencyRequestId: req.requestingAgencyRequestId ?? req.hrid,
      ...(req.supplierRequestId ? { supplyingAgencyRequestId: req.supplierRequestId } : {}),
    },
    action: out.action ?? 'Notification',
    ...(note ? { note } : {}),
  };
}

export function buildOutgoingMessage(
  req: ResourceSharingRequest,
  out: OutgoingMessage,
  parties: Parties,
  now = new Date(),
): Iso18626Message {
  switch (out.kind) {
    case 'request':
      return requestMessage(req, out, parties, now);
    case 'supplyingAgencyMessage':
      return supplyingMessage(req, out, parties, now);
    case 'requestingAgencyMessage':
      return requestingMessage(req, out, parties, now);
  }
}

/** True for the body of an ISO 18626 request message (New or Retry) as we emit it. */
export function isRequestMessage(xml: string): boolean {
  return /<(?:[A-Za-z_][\w.-]*:)?request[\s>]/.test(xml.slice(0, 2000));
}

/** One line for the conversation view, e.g. "Loaned (due 2027-01-31)" or "Cancel". */
export function summarise(msg: Iso18626Message): string {
  switch (msg.kind) {
    case 'request': {
      const max = msg.billingInfo?.maximumCosts;
      const terms = max ? `, maximum cost ${max.monetaryValue} ${max.currencyCode}` : '';
      return `Request (${msg.serviceInfo?.requestType ?? 'New'}${terms}): ${msg.bibliographicInfo.title ?? ''}`.trim();
    }
    case 'supplyingAgencyMessage': {
      const due = msg.statusInfo.dueDate ? ` (due ${msg.statusInfo.dueDate.toISOString().slice(0, 10)})` : '';
      const answer = msg.messageInfo.answerYesNo ? ` ${msg.messageInfo.answerYesNo === 'Y' ? 'yes' : 'no'}` : '';
      const cost = msg.messageInfo.offeredCosts ?? msg.deliveryInfo?.deliveryCosts;
      const costs = cost ? ` (cost ${cost.monetaryValue} ${cost.currencyCode})` : '';
      const condition = msg.deliveryInfo?.loanCondition ? ` (condition ${msg.deliveryInfo.loanCondition.value})` : '';
      const reason = msg.messageInfo.reasonUnfilled ?? msg.messageInfo.reasonRetry;
      const why = reason ? ` (reason ${reason.value})` : '';
      return `${msg.messageInfo.reasonForMessage}: ${msg.statusInfo.status}${answer}${due}${why}${condition}${costs}`;
    }
    case 'requestingAgencyMessage':
      return msg.action;
    default:
      return msg.kind;
  }
}
