// Performs one action of a request's state model: checks it is valid now, changes the record,
// writes the audit entry, and turns the model's effects into outbox messages, all in one
// transaction, so a state change and the message it causes commit together or not at all.
import type { Database, Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { partnerEndpoint } from '../directory/index.ts';
import { emitMessage, Iso18626EmitError } from '../iso18626/index.ts';
import { ConflictError, ValidationError, type FolioError } from '../okapi/errors.ts';
import { enqueue, kickOutbox } from '../outbox/index.ts';
import type { Actor } from '../requests/audit.ts';
import { insertRequest, mustGetRequest, saveRequest } from '../requests/request-store.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';
import { applyAction, findState, getModel, type Actor as ModelActor, type ApplySuccess, type OutgoingMessage } from '../statemodel/index.ts';
import { markAllRead, recordMessage, unreadCount } from './conversation.ts';
import { buildOutgoingMessage, summarise } from './outgoing.ts';
import { recordSupplierInRota } from './request-rota.ts';
import { primarySymbol } from './symbols.ts';

export interface IncomingRecord {
  kind: string;
  summary: string;
  note?: string;
  fingerprint: string;
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

async function sendEffect(tx: Sql, tenant: string, next: ResourceSharingRequest, out: OutgoingMessage): Promise<void> {
  const own = next.role === 'borrowing' ? (next.requesterSymbol ?? (await primarySymbol(tx, tenant))) : undefined;
  const partner =
    next.role === 'borrowing'
      ? ((out.fields['header.supplyingAgencyId'] as string | undefined) ?? next.supplierSymbol)
      : next.requesterSymbol;
  if (!partner) refused('This request has no partner to send to', []);
  const endpoint = await partnerEndpoint(tx, tenant, partner);
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
      ? { requester: own!, supplier: partner }
      : { requester: partner, supplier: next.supplierSymbol ?? (await primarySymbol(tx, tenant)) };
  if (next.role === 'borrowing') next.requesterSymbol = own;
  next.partnerVersion = next.partnerVersion && out.kind !== 'request' ? next.partnerVersion : endpoint.version;
  const message = buildOutgoingMessage(next, out, parties);
  if ((message.kind === 'request' || message.kind === 'requestingAgencyMessage') && endpoint.sharedSecret) {
    message.header.requestingAgencyAuthentication = {
      ...(endpoint.accountId ? { accountId: endpoint.accountId } : {}),
      securityCode: endpoint.sharedSecret,
    };
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
  await recordMessage(tx, tenant, { requestId: next.id, direction: 'out', kind: message.kind, summary: summarise(message), note });
  if (message.kind === 'supplyingAgencyMessage') next.sentFirstResponse = true;
}

/** The current supplier's rota entry says how it ended: it supplied, or the request was cancelled. */
function markRotaOutcome(next: ResourceSharingRequest, model: ReturnType<typeof getModel>): void {
  if (next.role !== 'borrowing' || !next.rota || next.rotaIndex === undefined) return;
  const entry = next.rota[next.rotaIndex];
  if (!entry || entry.outcome !== 'sent') return;
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

/** Performs the action inside the caller's transaction. */
export async function performActionInTx(tx: Sql, input: ActionInput): Promise<ActionDone> {
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
  // A supplier chosen by hand becomes the rota's current entry (the automatic step names it already).
  if (typeof params.supplierSymbol === 'string' && params.supplierSymbol) Object.assign(next, recordSupplierInRota(current, next));
  markRotaOutcome(next, model);
  const attention = new Set(next.attention ?? []);
  let enqueued = false;

  if (input.incoming) {
    const unread = input.action === 'messageReceived';
    await recordMessage(tx, tenant, {
      requestId: next.id,
      direction: 'in',
      kind: input.incoming.kind,
      summary: input.incoming.summary,
      note: input.incoming.note,
      read: !unread,
      fingerprint: input.incoming.fingerprint,
    });
  }
  for (const effect of result.effects) {
    switch (effect.type) {
      case 'sendMessage':
        await sendEffect(tx, tenant, next, effect.message);
        enqueued = true;
        break;
      case 'raiseAttention':
        attention.add(effect.reason);
        break;
      case 'clearAttention':
        attention.delete(effect.reason);
        if (effect.reason === 'unreadMessage') await markAllRead(tx, tenant, next.id);
        if (effect.reason === 'deliveryFailed') delete next.lastError;
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
  if (messagesChanged || next.unreadMessages === undefined) next.unreadMessages = await unreadCount(tx, tenant, next.id);
  if (next.unreadMessages === 0) attention.delete('unreadMessage');
  next.attention = [...attention];
  next.needsAttention = (findState(model, next.state)?.needsAttention ?? false) || attention.size > 0;

  const saved = await saveRequest(tx, tenant, next, input.actor, {
    action: input.action,
    fromState: current.state,
    toState: result.to,
    message: auditMessage(params),
    changes: auditChanges(params),
  });
  return { request: saved, result, enqueued };
}

/** Performs the action in its own transaction and hands new messages to the outbox. */
export async function performAction(db: Database, input: ActionInput): Promise<ActionDone> {
  const done = await db.transaction((tx) => performActionInTx(tx, input));
  if (done.enqueued) void kickOutbox(db, input.tenant);
  return done;
}
