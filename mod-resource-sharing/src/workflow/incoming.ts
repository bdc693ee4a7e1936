// What happens when a partner's ISO 18626 message arrives: the sender must be a partner, the
// request it names must exist, and the state model decides what the message means now. The
// answer is the confirmation; a message delivered twice is confirmed twice and applied once.
import { createHash } from 'node:crypto';
import type { Database, Sql, Tx } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { brokerAttribution, brokeredLending, brokeredMessage, sentThroughBroker, type BrokeredLending } from '../broker/index.ts';
import { isPartner } from '../directory/index.ts';
import type {
  ErrorType,
  Iso18626Version,
  PartialHeader,
  RequestMessage,
  RequestingAgencyMessage,
  SupplyingAgencyMessage,
} from '../iso18626/index.ts';
import { HttpError, ValidationError } from '../okapi/errors.ts';
import { kickOutbox } from '../outbox/index.ts';
import type { Actor } from '../requests/audit.ts';
import { insertRequest, saveRequest } from '../requests/request-store.ts';
import { BY_PEER_REQUEST_ID } from '../requests/lending-lookup.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';
import { findProtocolAction, getModel, modelFor, type IncomingMessage, type StateModel } from '../statemodel/index.ts';
import { recordMessage } from './conversation.ts';
import { intentOfNote } from './intents.ts';
import { summarise } from './outgoing.ts';
import { performActionInTx, type ActionInput } from './perform-action.ts';
import { ownSymbols, sameSymbol, symbolOf } from './symbols.ts';
import { getSettings } from '../settings/settings-store.ts';
import { lendingCompliance, NO_COMPLIANCE_ATTENTION } from '../copyright/copyright-check.ts';

export type InitiatingMessage = RequestMessage | SupplyingAgencyMessage | RequestingAgencyMessage;

export interface IncomingResult {
  ok: boolean;
  errorType?: ErrorType;
  errorValue?: string;
  /** refused: the request the refusal was recorded on (its conversation, flagged), when one was found */
  refusalRecordedOn?: string;
  /** the request the message created or changed */
  requestId?: string;
  /** the protocol action the message caused, committed; its host step's `after` is still to run */
  performed?: { input: ActionInput; request: ResourceSharingRequest };
  /** the request the message created, as committed */
  created?: ResourceSharingRequest;
}

class ProtocolError extends Error {
  constructor(
    readonly errorType: ErrorType,
    readonly errorValue: string,
  ) {
    super(errorValue);
  }
}

function fingerprint(msg: InitiatingMessage): string {
  const h = msg.header;
  const parts = [
    msg.kind,
    symbolOf(h.requestingAgencyId),
    symbolOf(h.supplyingAgencyId),
    h.requestingAgencyRequestId,
    h.timestamp.toISOString(),
    msg.kind === 'requestingAgencyMessage' ? `${msg.action}|${msg.note ?? ''}` : '',
    msg.kind === 'supplyingAgencyMessage'
      ? `${msg.messageInfo.reasonForMessage}|${msg.statusInfo.status}|${msg.messageInfo.answerYesNo ?? ''}|${msg.messageInfo.note ?? ''}`
      : '',
  ];
  return createHash('sha256').update(parts.join('\u0001')).digest('hex');
}

function isoDate(d: Date | undefined): string | undefined {
  return d ? d.toISOString() : undefined;
}

/** The protocol action's parameters, from the message, limited to what the action declares. */
function paramsFor(model: StateModel, actionCode: string, msg: InitiatingMessage, note: string | undefined): Record<string, unknown> {
  const available: Record<string, unknown> = {};
  if (note) available.note = note;
  if (msg.kind === 'supplyingAgencyMessage') {
    const m = msg.messageInfo;
    const d = msg.deliveryInfo;
    Object.assign(available, {
      dueDate: isoDate(msg.statusInfo.dueDate),
      itemId: d?.itemId,
      documentUrl: d?.url,
      sentVia: d?.sentVia?.value,
      loanCondition: d?.loanCondition?.value,
      answerYesNo: m.answerYesNo,
      reasonUnfilled: m.reasonUnfilled?.value,
      reasonRetry: m.reasonRetry?.value,
      retryAfter: m.retryAfter?.toISOString().slice(0, 10),
      retryBefore: m.retryBefore?.toISOString().slice(0, 10),
    });
    const cost = m.offeredCosts ?? d?.deliveryCosts;
    if (cost) {
      available.offeredCost = Number(cost.monetaryValue);
      available.currency = cost.currencyCode;
    }
  }
  const action = model.actions.find((a) => a.code === actionCode);
  const out: Record<string, unknown> = {};
  for (const p of action?.parameters ?? []) {
    const v = available[p.name];
    if (v === undefined || v === null || v === '') continue;
    if (p.type === 'enum' && !(p.values ?? []).includes(String(v))) continue;
    out[p.name] = v;
  }
  return out;
}

function describe(msg: IncomingMessage): string {
  return [msg.kind, msg.action, msg.reasonForMessage, msg.status].filter(Boolean).join(' ');
}

/** Requests a message names, locked, and whether the message itself was taken in before. */
interface Found {
  requests: ResourceSharingRequest[];
  /** a message with this fingerprint is already in a conversation (a partner's retry) */
  seen: boolean;
}

/**
 * One round trip: the requests of `role` that `where` selects, locked FOR UPDATE (the message is matched against
 * the state it will be applied to; a staff action committing meanwhile would otherwise make the
 * model refuse it), newest first, and whether `fingerprint` was seen. The seen flag comes from the
 * statement's snapshot, taken before any wait for the lock: a duplicate applied meanwhile by
 * another transaction is caught by the fingerprint's unique index instead (handleIncoming then
 * tries once more and finds it seen).
 */
async function lockRequests(
  tx: Sql,
  tenant: string,
  role: ResourceSharingRequest['role'],
  where: string,
  params: unknown[],
  fingerprint: string,
): Promise<Found> {
  const s = schemaOf(tenant);
  // Neither the role nor an ORDER BY in the statement: it is prepared, and a generic plan made
  // while the table was small may pick an index that serves them (role, created_date) and then
  // filter every request of that role on each message as the table grows. The few rows found are
  // checked and sorted here.
  const { rows } = await tx.query<{ seen: boolean; id: string | null; version: number; jsonb: ResourceSharingRequest }>(
    `SELECT f.seen, r.id, r.version, r.jsonb
       FROM (SELECT EXISTS (SELECT 1 FROM ${s}.request_messages WHERE fingerprint = $${params.length + 1}) AS seen) f
       LEFT JOIN LATERAL (
         SELECT id, version, jsonb FROM ${s}.requests WHERE ${where} FOR UPDATE
       ) r ON true`,
    [...params, fingerprint],
    { prepare: true },
  );
  const found = rows.filter((r) => r.id !== null && r.jsonb.role === role);
  // newest first, by the creation time the record carries (ISO 8601, UTC: compares as text)
  const created = (r: (typeof found)[number]) => r.jsonb.metadata?.createdDate ?? '';
  found.sort((x, y) => (created(x) < created(y) ? 1 : created(x) > created(y) ? -1 : 0));
  return {
    seen: rows[0]?.seen === true,
    requests: found.map((r) => ({ ...r.jsonb, id: r.id!, _version: r.version })),
  };
}

const isOpen = (r: ResourceSharingRequest) => !getModel(r.stateModel).states.find((s) => s.code === r.state)?.terminal;

/** Our borrowing request a supplier names: by its hrid, or by the id a Retry gave it (`<hrid>-R<n>`). */
async function findBorrowing(tx: Sql, tenant: string, requestId: string, fingerprint = ''): Promise<{ request: ResourceSharingRequest | null; seen: boolean }> {
  const base = /^(.+)-R\d+$/.exec(requestId)?.[1];
  const found = await lockRequests(tx, tenant, 'borrowing', `hrid = ANY($1::text[])`, [base ? [requestId, base] : [requestId]], fingerprint);
  const exact = found.requests.find((r) => r.hrid === requestId);
  const retried = found.requests.find((r) => r.hrid === base && r.requestingAgencyRequestId === requestId);
  return { request: exact ?? retried ?? null, seen: found.seen };
}

/** The lending request for a borrower's request id: the open one, else the newest. */
async function findLending(
  tx: Sql,
  tenant: string,
  requester: string,
  peerRequestId: string,
  fingerprint = '',
): Promise<{ request: ResourceSharingRequest | null; seen: boolean }> {
  const found = await lockRequests(
    tx,
    tenant,
    'lending',
    BY_PEER_REQUEST_ID,
    [requester, peerRequestId],
    fingerprint,
  );
  return { request: found.requests.find(isOpen) ?? found.requests[0] ?? null, seen: found.seen };
}

async function checkAddressedToUs(tx: Sql, tenant: string, symbol: string): Promise<void> {
  const own = await ownSymbols(tx, tenant);
  if (own.length && !own.some((s) => sameSymbol(s, symbol))) {
    throw new ProtocolError('UnrecognisedDataValue', `supplyingAgencyId: ${symbol} is not this library`);
  }
}

/** The directory says whether `symbol` is a partner (cached per instance, forgotten on any directory change). */
async function checkPartner(tx: Sql, tenant: string, symbol: string, field: string): Promise<void> {
  if (!(await isPartner(tx, tenant, symbol))) {
    throw new ProtocolError('UnrecognisedDataValue', `${field}: ${symbol} is not a partner of this library`);
  }
}

/** `brokered`: what the broker check found (null: not forwarded by the broker; undefined: look it up). */
async function newLendingRequest(
  tx: Tx,
  tenant: string,
  msg: RequestMessage,
  version: Iso18626Version,
  brokered?: BrokeredLending | null,
): Promise<Applied> {
  const requester = symbolOf(msg.header.requestingAgencyId);
  const supplier = msg.header.supplyingAgencyId ? symbolOf(msg.header.supplyingAgencyId) : '';
  const viaBroker = brokered !== undefined ? brokered : await brokeredLending(tx, tenant, msg);
  if (!viaBroker) await checkPartner(tx, tenant, requester, 'requestingAgencyId');
  if (supplier) await checkAddressedToUs(tx, tenant, supplier);
  const print = fingerprint(msg);
  // The same request delivered twice at once: the second waits here, then finds the first's (the
  // lock goes in the lookup's round trip; the lookup's snapshot is taken once the lock is had).
  tx.defer('SELECT pg_advisory_xact_lock(hashtext($1))', [`${tenant}:iso18626:${requester.toUpperCase()}:${msg.header.requestingAgencyRequestId}`]);
  const { request: existing, seen } = await findLending(tx, tenant, requester, msg.header.requestingAgencyRequestId, print);
  if (seen) return { id: existing?.id ?? '', enqueued: false };
  if (existing && isOpen(existing)) {
    // The borrower sent the same request again while we still work on it: nothing new to create.
    return { id: existing.id, enqueued: false };
  }
  const b = msg.bibliographicInfo;
  const serviceType = msg.serviceInfo?.serviceType === 'Copy' ? 'copy' : 'loan';
  const model = modelFor('lending', serviceType);
  // A Retry (after our RetryPossible) follows the request it retries: the one named by
  // requestingAgencyPreviousRequestId, or, from peers that keep the id, the same id.
  const isRetry = msg.serviceInfo?.requestType === 'Retry';
  const previousId = msg.serviceInfo?.requestingAgencyPreviousRequestId;
  const predecessor = !isRetry
    ? undefined
    : previousId && previousId !== msg.header.requestingAgencyRequestId
      ? (await findLending(tx, tenant, requester, previousId)).request
      : existing;
  const maxCost = msg.billingInfo?.maximumCosts;
  const isbn = b.bibliographicItemId?.find((i) => i.identifierCode.value.toUpperCase() === 'ISBN')?.identifier;
  const issn = b.bibliographicItemId?.find((i) => i.identifierCode.value.toUpperCase() === 'ISSN')?.identifier;
  const oclc = b.bibliographicRecordId?.find((i) => i.identifierCode.value.toUpperCase().startsWith('OCLC'))?.identifier;
  const p = msg.publicationInfo;
  const statement = msg.serviceInfo?.copyrightCompliance?.value?.trim() || undefined;
  const patronName = [msg.patronInfo?.givenName, msg.patronInfo?.surname].filter(Boolean).join(' ');
  const actor: Actor = { type: 'partner', id: requester };
  const patron = {
    ...(msg.patronInfo?.patronId ? { id: msg.patronInfo.patronId } : {}),
    ...(patronName ? { name: patronName } : {}),
    ...(msg.serviceInfo?.needBeforeDate ? { neededBefore: msg.serviceInfo.needBeforeDate.toISOString().slice(0, 10) } : {}),
  };
  const record = await insertRequest(
    tx,
    tenant,
    {
      role: 'lending',
      state: model.initialState,
      stateModel: model.id,
      // "New request" waits for staff (or the auto-responder, which moves it on at once)
      needsAttention: model.states.find((st) => st.code === model.initialState)?.needsAttention ?? false,
      serviceType,
      citation: {
        title: b.title?.trim() || b.titleOfComponent || '(no title)',
        ...(b.author ? { author: b.author } : {}),
        ...(isbn ? { isbn } : {}),
        ...(issn ? { issn } : {}),
        ...(oclc ? { oclcNumber: oclc } : {}),
        ...(b.edition ? { edition: b.edition } : {}),
        ...(b.volume ? { volume: b.volume } : {}),
        ...(b.issue ? { issue: b.issue } : {}),
        ...(b.pagesRequested ? { pages: b.pagesRequested } : {}),
        ...(b.titleOfComponent ? { articleTitle: b.titleOfComponent } : {}),
        ...(b.supplierUniqueRecordId ? { supplierUniqueRecordId: b.supplierUniqueRecordId } : {}),
        ...(p?.publisher ? { publisher: p.publisher } : {}),
        ...(p?.publicationDate ? { publicationDate: p.publicationDate } : {}),
        ...(p?.placeOfPublication ? { placeOfPublication: p.placeOfPublication } : {}),
      },
      ...(Object.keys(patron).length ? { patron } : {}),
      requesterSymbol: requester,
      supplierSymbol: supplier || (await ownSymbols(tx, tenant))[0],
      peerRequestId: msg.header.requestingAgencyRequestId,
      partnerVersion: version,
      ...(statement ? { copyrightCompliance: statement } : {}),
      ...(lendingCompliance({ role: 'lending', serviceType, copyrightCompliance: statement }, (await getSettings(tx, tenant)).copyright) === 'mediate'
        ? { needsAttention: true, attention: [NO_COMPLIANCE_ATTENTION] }
        : {}),
      ...(maxCost ? { conditions: { maximumCost: Number(maxCost.monetaryValue), currency: maxCost.currencyCode } } : {}),
      ...(predecessor ? { predecessorId: predecessor.id } : {}),
      ...(viaBroker ? { broker: viaBroker.broker, ...(viaBroker.borrower ? { borrower: viaBroker.borrower } : {}) } : {}),
    },
    actor,
    {
      action: 'requestReceived',
      message: `from ${requester}${isRetry ? ` (Retry${predecessor ? ` of ${predecessor.hrid}` : ''})` : ''}${msg.serviceInfo?.note ? `: ${msg.serviceInfo.note}` : ''}`,
    },
    {},
    {
      direction: 'in',
      kind: msg.kind,
      summary: summarise(msg),
      note: msg.serviceInfo?.note,
      fingerprint: print,
      ...(viaBroker ? { via: viaBroker.broker.symbol, party: viaBroker.borrower?.symbol ?? viaBroker.borrower?.name } : {}),
    },
    // nothing follows unless a Retry names its predecessor
    { commit: !(predecessor && !predecessor.successorId) },
  );
  if (predecessor && !predecessor.successorId) {
    await saveRequest(tx, tenant, { ...predecessor, successorId: record.id }, actor, {
      action: 'retryReceived',
      message: `retried by ${requester} as ${record.hrid}`,
    });
  }
  return { id: record.id, enqueued: false, created: record };
}

interface Applied {
  id: string;
  enqueued: boolean;
  /** the request the message created, as committed */
  created?: ResourceSharingRequest;
  performed?: IncomingResult['performed'];
}

async function applyToRequest(tx: Sql, tenant: string, msg: SupplyingAgencyMessage | RequestingAgencyMessage): Promise<Applied> {
  const requester = symbolOf(msg.header.requestingAgencyId);
  const supplier = symbolOf(msg.header.supplyingAgencyId);
  const fromSupplier = msg.kind === 'supplyingAgencyMessage';
  const sender = fromSupplier ? supplier : requester;
  if (!(await sentThroughBroker(tx, tenant, msg))) await checkPartner(tx, tenant, sender, fromSupplier ? 'supplyingAgencyId' : 'requestingAgencyId');
  const print = fingerprint(msg);
  const { request: req, seen } = fromSupplier
    ? await findBorrowing(tx, tenant, msg.header.requestingAgencyRequestId, print)
    : await findLending(tx, tenant, requester, msg.header.requestingAgencyRequestId, print);
  if (!req) {
    throw new ProtocolError('UnrecognisedDataValue', `requestingAgencyRequestId: no request ${msg.header.requestingAgencyRequestId} from ${requester}`);
  }
  // A supplier the request has moved on from (it was asked before, per the rota) may still answer,
  // typically the CancelResponse to conditions we rejected: confirmed and kept, never applied.
  // (Through a broker the header names the broker or whichever supplier it chose: not a change of supplier.)
  const earlierSupplier = fromSupplier && !req.broker && !sameSymbol(req.supplierSymbol, supplier);
  if (earlierSupplier && !req.rota?.some((e) => e.outcome !== undefined && sameSymbol(e.symbol, supplier))) {
    throw new ProtocolError('UnrecognisedDataValue', `supplyingAgencyId: ${supplier} is not the current supplier of ${req.hrid}`);
  }
  if (seen) return { id: req.id, enqueued: false };

  const brokered = await brokeredMessage(tx, tenant, req, msg);
  const rawNote = brokered ? brokered.note : msg.kind === 'supplyingAgencyMessage' ? msg.messageInfo.note : msg.note;
  const { intent, note } = intentOfNote(rawNote);
  const incoming: IncomingMessage =
    msg.kind === 'supplyingAgencyMessage'
      ? {
          kind: msg.kind,
          reasonForMessage: msg.messageInfo.reasonForMessage,
          // 2021 statuses the models do not use (HoldReturn, ...) match no action: kept for staff
          status: msg.statusInfo.status,
          // offered costs are a condition too: the borrower must agree to pay them
          hasLoanCondition: !!msg.deliveryInfo?.loanCondition || !!msg.messageInfo.offeredCosts,
          ...(intent ? { intent } : {}),
        }
      : { kind: msg.kind, action: msg.action, ...(intent ? { intent } : {}) };
  const model = getModel(req.stateModel);
  const action = earlierSupplier ? undefined : findProtocolAction(model, req.state, incoming);
  const record = { kind: msg.kind, summary: summarise(msg), note: rawNote, fingerprint: print, ...brokerAttribution(brokered) };
  const actor: Actor = { type: 'partner', id: brokered?.party && fromSupplier ? brokered.party : sender };
  const patch: Partial<ResourceSharingRequest> = {
    ...(fromSupplier && !earlierSupplier && msg.header.supplyingAgencyRequestId ? { supplierRequestId: msg.header.supplyingAgencyRequestId } : {}),
    ...brokered?.patch,
  };
  if (earlierSupplier && incoming.reasonForMessage === 'CancelResponse') {
    await recordMessage(tx, tenant, { requestId: req.id, direction: 'in', ...record, summary: `${record.summary} (from ${supplier}, no longer the supplier)` });
    return { id: req.id, enqueued: false };
  }
  if (!action) {
    // Nothing in the model expects this message now: keep it for staff and flag the request.
    await recordMessage(tx, tenant, { requestId: req.id, direction: 'in', ...record, read: false });
    const flagged = await performActionInTx(tx, {
      tenant,
      requestId: req.id,
      action: 'messageReceived',
      who: 'protocol',
      params: { note: `Unexpected ${describe(incoming)} in state ${req.state}${note ? `: ${note}` : ''}` },
      actor,
      patch,
      lockedRequest: req,
    }).catch((err: unknown) => {
      if (err instanceof ValidationError) return null;
      throw err;
    });
    return { id: req.id, enqueued: flagged?.enqueued ?? false };
  }
  const input: ActionInput = {
    tenant,
    requestId: req.id,
    action: action.code,
    who: 'protocol',
    params: paramsFor(model, action.code, msg, brokered ? intentOfNote(brokered.actionNote).note : note),
    actor,
    incoming: record,
    patch,
    lockedRequest: req,
  };
  const done = await performActionInTx(tx, input, { last: true });
  return { id: req.id, enqueued: done.enqueued, performed: { input, request: done.request } };
}

/** Applies a parsed message for `tenant`; never throws for the partner's mistakes. */
export async function handleIncoming(
  db: Database,
  tenant: string,
  msg: InitiatingMessage,
  version: Iso18626Version,
  known: { brokered?: BrokeredLending | null } = {},
): Promise<IncomingResult> {
  try {
    const apply = () =>
      db.transaction(async (tx): Promise<Applied> => {
        if (msg.kind === 'request') return newLendingRequest(tx, tenant, msg, version, known.brokered);
        return applyToRequest(tx, tenant, msg);
      });
    // The same message delivered twice at once: the second finds it taken in when it tries again.
    const outcome: Applied = await apply().catch((err: unknown) => {
      if (isDuplicateFingerprint(err)) return apply();
      throw err;
    });
    if (outcome.enqueued) void kickOutbox(db, tenant);
    return {
      ok: true,
      requestId: outcome.id,
      ...(outcome.performed ? { performed: outcome.performed } : {}),
      ...(outcome.created ? { created: outcome.created } : {}),
    };
  } catch (err) {
    let refusal: { errorType: ErrorType; errorValue: string };
    if (err instanceof ProtocolError) refusal = { errorType: err.errorType, errorValue: err.errorValue };
    // The model refused the message in this state (or its data): the partner hears why.
    else if (err instanceof HttpError) refusal = { errorType: 'UnrecognisedDataValue', errorValue: err.message.slice(0, 500) };
    else throw err;
    const recordedOn = await recordRefusal(db, tenant, { kind: msg.kind, header: msg.header, summary: summarise(msg), note: noteOf(msg) }, refusal);
    return { ok: false, ...refusal, ...(recordedOn ? { refusalRecordedOn: recordedOn } : {}) };
  }
}

/** The unique index on a conversation's fingerprints refused a message another transaction took in meanwhile. */
function isDuplicateFingerprint(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | undefined;
  return e?.code === '23505' && (e.constraint ?? e.message ?? '').includes('fingerprint');
}

function noteOf(msg: InitiatingMessage): string | undefined {
  if (msg.kind === 'supplyingAgencyMessage') return msg.messageInfo.note;
  if (msg.kind === 'requestingAgencyMessage') return msg.note;
  return msg.serviceInfo?.note;
}

/**
 * A message we refused (answered ERROR, nothing applied) is kept on the request it names, when
 * the sender is a partner and the request exists: in its conversation, unread, with the error,
 * and the request is flagged. Anyone else's refused message is only logged (by the endpoint).
 * Answers the request's id, or undefined.
 */
export async function recordRefusal(
  db: Database,
  tenant: string,
  msg: { kind?: string; header?: PartialHeader; summary?: string; note?: string },
  refusal: { errorType: ErrorType; errorValue: string },
): Promise<string | undefined> {
  const h = msg.header;
  const requestId = h?.requestingAgencyRequestId;
  if (!h || !requestId || (msg.kind !== 'supplyingAgencyMessage' && msg.kind !== 'requestingAgencyMessage' && msg.kind !== 'request')) return undefined;
  const requester = symbolOf(h.requestingAgencyId);
  const supplier = symbolOf(h.supplyingAgencyId);
  const fromSupplier = msg.kind === 'supplyingAgencyMessage';
  const sender = fromSupplier ? supplier : requester;
  if (!sender) return undefined;
  const error = `${refusal.errorType}: ${refusal.errorValue}`;
  try {
    return await db.transaction(async (tx) => {
      if (!(await isPartner(tx, tenant, sender))) return undefined;
      const { request: req } = fromSupplier ? await findBorrowing(tx, tenant, requestId) : await findLending(tx, tenant, requester, requestId);
      if (!req) return undefined;
      await recordMessage(tx, tenant, {
        requestId: req.id,
        direction: 'in',
        kind: msg.kind!,
        summary: `Refused ${msg.summary ?? msg.kind}: ${error}`.slice(0, 1000),
        note: msg.note,
        read: false,
      });
      await performActionInTx(tx, {
        tenant,
        requestId: req.id,
        action: 'messageRefused',
        who: 'system',
        params: { error: error.slice(0, 1000) },
        actor: { type: 'partner', id: sender },
        patch: { lastError: `Refused a message from ${sender}: ${error}`.slice(0, 1000) },
        lockedRequest: req,
      });
      return req.id;
    });
  } catch {
    // Recording is a courtesy to staff; the partner's answer must not depend on it.
    return undefined;
  }
}
