// Performs one action of a request's state model: checks it is valid now, changes the record,
// writes the audit entry, and turns the model's effects into outbox messages, all in one
// transaction, so a state change and the message it causes commit together or not at all.
import { brokerRoute } from '../broker/index.ts';
import type { Database, Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { partnerEndpoint } from '../directory/index.ts';
import { emitMessage, Iso18626EmitError } from '../iso18626/index.ts';
import { ConflictError, ValidationError, type FolioError } from '../okapi/errors.ts';
import { enqueue, kickOutbox, undeliveredMessages, withdrawPending } from '../outbox/index.ts';
import type { Actor } from '../requests/audit.ts';
import { insertRequest, mustGetRequest, saveRequest } from '../requests/request-store.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';
import { applyAction, findState, getModel, type Actor as ModelActor, type ApplySuccess, type OutgoingMessage } from '../statemodel/index.ts';
import { markAllRead, recordMessage, recordMessageCountingUnread, unreadCount, type NewConversationMessage } from './conversation.ts';
import { buildOutgoingMessage, isRequestMessage, summarise } from './outgoing.ts';
import { recordSupplierInRota } from './request-rota.ts';
import { clearedRecord, NO_COMPLIANCE_ATTENTION } from '../copyright/copyright-check.ts';
import type { ClearanceType } from '../copyright/copyright-types.ts';
import { primarySymbol } from './symbols.ts';
import { applyPatronSide } from '../notices/patron-side.ts';

export interface IncomingRecord {
  kind: string;
  summary: string;
  note?: string;
  fingerprint: string;
  /** the party the message is about when a broker forwarded it (the supplier, or the real borrower) */
  party?: string;
  /** the broker that forwarded it */
  via?: string;
}

export interface ActionInput {
  tenant: string;
  requestId: string;
  action: string;
  who: ModelActor;
  params?: Record<string, unknown>;
  actor: Actor;
  /** the `_version` the caller saw; a stale one is a 409 */
  expectedVersion?: number;
  outcome?: string;
  /** the partner's message that triggered a protocol action, kept in the conversation */
  incoming?: IncomingRecord;
  /**
   * The request as the caller already read it with FOR UPDATE in this transaction (the ISO 18626
   * endpoint does, to pick the action); saves reading it twice.
   */
  lockedRequest?: ResourceSharingRequest;
  /** record fields the caller learned along the way (e.g. the supplier's request id) */
  patch?: Partial<ResourceSharingRequest>;
}

export interface ActionDone {
  request: ResourceSharingRequest;
  result: ApplySuccess;
  /** messages were put in the outbox: kick it after commit */
  enqueued: boolean;
}

async function previousState(tx: Sql, tenant: string, req: ResourceSharingRequest): Promise<string | undefined> {
  const { rows } = await tx.query<{ from_state: string }>(
    `SELECT from_state FROM ${schemaOf(tenant)}.request_audit
     WHERE request_id = $1 AND to_state = $2 AND from_state IS NOT NULL AND from_state <> to_state
     ORDER BY seq DESC LIMIT 1`,
    [req.id, req.state],
  );
  return rows[0]?.from_state;
}

function refused(message: string, errors: FolioError[]): never {
  throw new ValidationError(errors.length ? errors : [{ message }]);
}

/** What an action's parameters tell us about the request itself. */
function recordFromParams(next: ResourceSharingRequest, params: Record<string, unknown>, role: string): void {
  const str = (k: string) => (typeof params[k] === 'string' && params[k] !== '' ? (params[k] as string) : undefined);
  if (str('supplierSymbol')) {
    next.supplierSymbol = str('supplierSymbol');
    delete next.supplierRequestId;
    delete next.conditions;
  }
  if (str('dueDate')) next.dueDate = str('dueDate');
  if (str('itemBarcode') ?? str('itemId')) next.itemBarcode = str('itemBarcode') ?? str('itemId');
  if (str('documentUrl')) next.documentUrl = str('documentUrl');
  if (role === 'borrowing' && (params.loanCondition !== undefined || params.offeredCost !== undefined)) {
    next.conditions = {
      ...(str('loanCondition') ? { loanCondition: str('loanCondition') } : {}),
      ...(typeof params.offeredCost === 'number' ? { cost: params.offeredCost } : {}),
      ...(str('currency') ? { currency: str('currency') } : {}),
      ...(str('note') ? { note: str('note') } : {}),
    };
  }
}

function givenParams(params: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
}

function auditMessage(params: Record<string, unknown>): string | undefined {
  const parts = givenParams(params).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return parts.length ? parts.join('; ') : undefined;
}

/** The action's parameters as data beside the English `message`, so a UI can word and format them. */
function auditChanges(params: Record<string, unknown>): { parameters: Record<string, unknown> } | undefined {
  const given = givenParams(params);
  return given.length ? { parameters: Object.fromEntries(given) } : undefined;
}

/**
 * A Cancel to a supplier our request has not reached yet (it waits in the outbox, untried, refused
 * by the network or the partner): there is nothing to cancel there. The request is withdrawn from
 * the outbox and the Cancel is not sent. A request that may have arrived (it is being sent now, or
 * its last try timed out) keeps its place and the Cancel follows it.
 */
async function withdrawUndeliveredRequest(tx: Sql, tenant: string, requestId: string, partner: string): Promise<boolean> {
  const [first] = await undeliveredMessages(tx, tenant, requestId, partner);
  if (!first || first.status !== 'pending' || !isRequestMessage(first.body)) return false;
  if (first.lastError?.startsWith('no answer within')) return false;
  await withdrawPending(tx, tenant, { requestId, partnerSymbol: partner, reason: 'cancelled before the request reached the partner' });
  return true;
}

/**
 * The ids of a request message: a New one goes out under the request's hrid; a Retry under a new
 * id (`<hrid>-R<n>`) naming the one it retries, as ISO 18626 says, unless the partner wants the
 * id kept (its directory entry's retryKeepsRequestId). Sets the id on `next`; answers the fields.
 */
function requestIds(next: ResourceSharingRequest, out: OutgoingMessage, keep: boolean): Record<string, unknown> {
  if (out.requestType !== 'Retry') {
    delete next.requestingAgencyRequestId;
    return {};
  }
  if (keep) return {};
  const previous = next.requestingAgencyRequestId ?? next.hrid;
  const n = Number(/-R(\d+)$/.exec(previous)?.[1] ?? 0) + 1;
  next.requestingAgencyRequestId = `${next.hrid}-R${n}`;
  return { 'serviceInfo.requestingAgencyPreviousRequestId': previous };
}

async function sendEffect(tx: Sql, tenant: string, next: ResourceSharingRequest, out: OutgoingMessage): Promise<'sent' | 'withdrawn'> {
  const own = next.role === 'borrowing' ? (next.requesterSymbol ?? (await primarySymbol(tx, tenant))) : undefined;
  const partner =
    next.role === 'borrowing'
      ? ((out.fields['header.supplyingAgencyId'] as string | undefined) ?? next.supplierSymbol)
      : next.requesterSymbol;
  if (!partner) refused('This request has no partner to send to', []);
  const viaBroker = await brokerRoute(tx, tenant, next, partner, out.kind);
  const endpoint = viaBroker?.endpoint ?? (await partnerEndpoint(tx, tenant, partner));
  if (!endpoint) {
    throw ValidationError.field(
      next.role === 'borrowing' ? 'supplierSymbol' : 'requesterSymbol',
      partner,
      `${partner} is not a partner of this library with an ISO 18626 endpoint; add it to the directory as a partner first`,
      'directory.notAPartner',
    );
  }
  const parties =
    next.role === 'borrowing'
      ? { requester: own!, supplier: viaBroker?.supplierHeader ?? partner }
      : { requester: partner, supplier: next.supplierSymbol ?? (await primarySymbol(tx, tenant)) };
  if (next.role === 'borrowing') next.requesterSymbol = own;
  next.partnerVersion = next.partnerVersion && out.kind !== 'request' ? next.partnerVersion : endpoint.version;
  if (out.kind === 'request') out = { ...out, fields: { ...out.fields, ...requestIds(next, out, endpoint.retryKeepsRequestId === true) } };
  const message = buildOutgoingMessage(next, out, parties);
  // Every message to a partner we agreed a secret with carries it; the emitter writes it wherever
  // the partner's schema has a place (not in a 2021 supplyingAgencyMessage header).
  if (endpoint.sharedSecret && 'header' in message) {
    message.header.requestingAgencyAuthentication = {
      ...(endpoint.accountId ? { accountId: endpoint.accountId } : {}),
      securityCode: endpoint.sharedSecret,
    };
  }
  if (message.kind === 'requestingAgencyMessage' && message.action === 'Cancel' && (await withdrawUndeliveredRequest(tx, tenant, next.id, partner))) {
    await recordMessage(tx, tenant, {
      requestId: next.id,
      direction: 'out',
      kind: message.kind,
      summary: `Cancel not sent: our request never reached ${partner} and was withdrawn`,
      note: message.note,
    });
    return 'withdrawn';
  }
  let xml: string;
  try {
    xml = emitMessage(message, next.partnerVersion);
  } catch (err) {
    if (err instanceof Iso18626EmitError) refused(`Cannot build the ISO 18626 message: ${err.message}`, []);
    throw err;
  }
  await enqueue(tx, tenant, { requestId: next.id, partnerSymbol: partner, url: endpoint.url, kind: 'iso18626', body: xml });
  const note =
    message.kind === 'requestingAgencyMessage' ? message.note : message.kind === 'supplyingAgencyMessage' ? message.messageInfo.note : undefined;
  await recordMessage(tx, tenant, { requestId: next.id, direction: 'out', kind: message.kind, summary: summarise(message), note, ...viaBroker?.attribution });
  if (message.kind === 'supplyingAgencyMessage') next.sentFirstResponse = true;
  return 'sent';
}

/** The current supplier's rota entry says how it ended: it supplied, or the request was cancelled. */
function markRotaOutcome(next: ResourceSharingRequest, model: ReturnType<typeof getModel>, action: string, params: Record<string, unknown>): void {
  if (next.role !== 'borrowing' || !next.rota || next.rotaIndex === undefined) return;
  const entry = next.rota[next.rotaIndex];
  if (!entry || entry.outcome !== 'sent') return;
  if (action === 'skipSupplier' || (action === 'requestNotDelivered' && next.state === 'REQ_UNFILLED')) {
    const why = typeof params.reason === 'string' && params.reason ? params.reason : typeof params.problem === 'string' ? params.problem : undefined;
    const outcome = action === 'skipSupplier' ? 'skipped' : 'notDelivered';
    const outcomeReason = action === 'skipSupplier' ? `skipped by staff${why ? `: ${why}` : ''}` : (why ?? 'our request could not be delivered');
    next.rota = next.rota.map((e, i) => (i === next.rotaIndex ? { ...e, outcome, outcomeReason } : e));
    return;
  }
  const stage = findState(model, next.state)?.stage;
  const outcome =
    stage === 'shipped' || next.state === 'REQ_REQUEST_COMPLETE' || next.state === 'REQ_DOCUMENT_DELIVERED'
      ? 'supplied'
      : next.state === 'REQ_CANCELLED'
        ? 'cancelled'
        : undefined;
  if (!outcome) return;
  next.rota = next.rota.map((e, i) => (i === next.rotaIndex ? { ...e, outcome } : e));
}

/**
 * Performs the action inside the caller's transaction. `last`: nothing follows in the transaction,
 * so the statement that saves the request carries its COMMIT (one round trip fewer).
 */
export async function performActionInTx(tx: Sql, input: ActionInput, opts: { last?: boolean } = {}): Promise<ActionDone> {
  const { tenant } = input;
  const current =
    input.lockedRequest?.id === input.requestId
      ? input.lockedRequest
      : await mustGetRequest(tx, tenant, input.requestId, { forUpdate: true });
  if (input.expectedVersion !== undefined && input.expectedVersion !== current._version) {
    throw new ConflictError(
      `Request ${current.hrid} changed meanwhile (version ${input.expectedVersion} is out of date, current version is ${current._version}); reload it and try again`,
    );
  }
  const model = getModel(current.stateModel);
  const params = input.params ?? {};
  // The state before this one matters only to outcomes that go back to it (e.g. "no" to a cancel).
  const goesBack = Object.values(model.actions.find((a) => a.code === input.action)?.outcomes ?? {}).some((o) => o.returnTo);
  const result = applyAction(model, current.state, input.action, input.who, params, input.outcome, {
    previousState: goesBack ? await previousState(tx, tenant, current) : undefined,
  });
  if (!result.ok) {
    const errors: FolioError[] = (result.parameterErrors ?? []).map((e) => ({
      message: e.message,
      code: `action.${result.code}`,
      parameters: [{ key: e.parameter, value: params[e.parameter] === undefined ? '' : String(params[e.parameter]) }],
    }));
    if (!errors.length) {
      errors.push({
        message: result.message,
        code: `action.${result.code}`,
        parameters: [
          { key: 'action', value: input.action },
          { key: 'state', value: current.state },
          ...(result.allowedInStates ? [{ key: 'allowedInStates', value: result.allowedInStates.join(',') }] : []),
        ],
      });
    }
    throw new ValidationError(errors);
  }

  const next: ResourceSharingRequest = { ...current, ...input.patch, state: result.to };
  recordFromParams(next, params, current.role);
  if (input.action === 'recordCopyrightClearance' && next.copyright) {
    next.copyright = clearedRecord(next.copyright, result.outcome as ClearanceType, params, new Date(), input.actor.id);
  }
  // staff answered a copy request that came without a compliance statement: the flag has done its job
  if (result.to !== current.state && next.attention?.includes(NO_COMPLIANCE_ATTENTION)) {
    next.attention = next.attention.filter((a) => a !== NO_COMPLIANCE_ATTENTION);
  }
  // A supplier chosen by hand becomes the rota's current entry (the automatic step names it already).
  if (typeof params.supplierSymbol === 'string' && params.supplierSymbol) Object.assign(next, recordSupplierInRota(current, next));
  markRotaOutcome(next, model, input.action, params);
  // the patron's due date and dates, and the notice the change sends (queued in the outbox)
  let enqueued = await applyPatronSide(tx, tenant, current, next, { action: input.action, outcome: result.outcome, params });
  const attention = new Set(next.attention ?? []);
  let cancelWithdrawn = false;

  // The partner's message that caused the action: recorded by the statement that saves the request
  // (one round trip fewer) unless the action answers it, whose answer must follow it in the conversation.
  const incoming: Omit<NewConversationMessage, 'requestId'> | undefined = input.incoming && {
    direction: 'in',
    kind: input.incoming.kind,
    summary: input.incoming.summary,
    note: input.incoming.note,
    read: input.action !== 'messageReceived',
    fingerprint: input.incoming.fingerprint,
    ...(input.incoming.party ? { party: input.incoming.party } : {}),
    ...(input.incoming.via ? { via: input.incoming.via } : {}),
  };
  const answers = result.effects.some((e) => e.type === 'sendMessage');
  let unreadAfterIncoming: number | undefined;
  if (incoming && answers) unreadAfterIncoming = await recordMessageCountingUnread(tx, tenant, { requestId: next.id, ...incoming });
  for (const effect of result.effects) {
    switch (effect.type) {
      case 'sendMessage':
        if ((await sendEffect(tx, tenant, next, effect.message)) === 'withdrawn') cancelWithdrawn = true;
        else enqueued = true;
        break;
      case 'raiseAttention':
        attention.add(effect.reason);
        break;
      case 'clearAttention':
        attention.delete(effect.reason);
        if (effect.reason === 'unreadMessage') await markAllRead(tx, tenant, next.id);
        if (effect.reason === 'deliveryFailed' || effect.reason === 'deliveryDelayed') delete next.lastError;
        break;
      case 'createSuccessorRequest': {
        const successor = await insertRequest(
          tx,
          tenant,
          {
            role: 'borrowing',
            state: model.initialState,
            stateModel: current.stateModel,
            needsAttention: false,
            serviceType: current.serviceType,
            citation: current.citation,
            patron: current.patron,
            predecessorId: current.id,
          },
          input.actor,
          { action: 'create', message: `re-request of ${current.hrid}` },
        );
        next.successorId = successor.id;
        break;
      }
    }
  }
  const messagesChanged =
    (input.incoming !== undefined && input.action === 'messageReceived') ||
    result.effects.some((e) => (e.type === 'clearAttention' || e.type === 'raiseAttention') && e.reason === 'unreadMessage');
  // the count the saving statement works out itself: an unread message it records, nothing marked read since
  const markedRead = result.effects.some((e) => e.type === 'clearAttention' && e.reason === 'unreadMessage');
  const countOnSave = incoming !== undefined && !answers && !incoming.read && !markedRead;
  if (countOnSave) next.unreadMessages = Math.max(1, (next.unreadMessages ?? 0) + 1);
  else if (messagesChanged || next.unreadMessages === undefined) {
    // the count the incoming message was recorded with holds unless an effect marked messages read since
    next.unreadMessages = unreadAfterIncoming !== undefined && !markedRead ? unreadAfterIncoming : await unreadCount(tx, tenant, next.id);
  }
  if (next.unreadMessages === 0) attention.delete('unreadMessage');
  next.attention = [...attention];
  next.needsAttention = (findState(model, next.state)?.needsAttention ?? false) || attention.size > 0;

  const saved = await saveRequest(
    tx,
    tenant,
    next,
    input.actor,
    {
      action: input.action,
      fromState: current.state,
      toState: result.to,
      message: auditMessage(params),
      changes: auditChanges(params),
    },
    { ...(incoming && !answers ? { message: incoming, countUnread: countOnSave } : {}), commit: opts.last === true && !cancelWithdrawn },
  );
  if (cancelWithdrawn && saved.state === 'REQ_CANCEL_PENDING') {
    // Nobody at the supplier to wait for: the cancel is done here and now.
    const done = await performActionInTx(tx, {
      tenant,
      requestId: saved.id,
      action: 'requestNotDelivered',
      who: 'system',
      outcome: 'cancelled',
      params: { problem: `our request never reached ${saved.supplierSymbol}; it was withdrawn, so there was nothing to cancel there` },
      actor: { type: 'system', id: 'outbox' },
      lockedRequest: saved,
    }, opts);
    return { request: done.request, result, enqueued };
  }
  return { request: saved, result, enqueued };
}

/** Performs the action in its own transaction and hands new messages to the outbox. */
export async function performAction(db: Database, input: ActionInput): Promise<ActionDone> {
  const done = await db.transaction((tx) => performActionInTx(tx, input, { last: true }));
  if (done.enqueued) void kickOutbox(db, input.tenant);
  return done;
}
