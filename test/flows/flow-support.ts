// Small helpers the flow tests share on top of test/support/library-network.ts: reading a
// request's conversation and history, finding the library behind a symbol, and creating a
// borrowing request the usual way (staff form through the REST API).
import assert from 'node:assert/strict';
import { emitMessage, type Iso18626Message } from '../../mod-resource-sharing/src/iso18626/index.ts';
import { eventually, inState, type Library, type Network } from '../support/library-network.ts';

export interface ConversationEntry {
  direction: 'in' | 'out';
  kind: string;
  summary: string;
  note?: string;
  read: boolean;
}

export interface AuditEntry {
  action: string;
  fromState?: string;
  toState?: string;
  message?: string;
  actor: { type: string; id?: string };
}

/** The library of the network that owns `symbol`. */
export function librarySymbol(net: Network, symbol: string): Library {
  const lib = Object.values(net.libraries).find((l) => l.symbol === symbol);
  assert.ok(lib, `no library in the network has the symbol ${symbol}`);
  return lib;
}

export async function conversation(lib: Library, id: string): Promise<{ messages: ConversationEntry[]; unread: number }> {
  const res = await lib.api.get(`/resource-sharing/requests/${id}/messages`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

/** Waits until the request's conversation has a message that `match` accepts, and answers it. */
export async function messageArrives(
  lib: Library,
  id: string,
  match: (m: ConversationEntry) => boolean,
  what: string,
): Promise<ConversationEntry> {
  return eventually(async () => (await conversation(lib, id)).messages.find(match), `${lib.name}: ${what}`);
}

export async function history(lib: Library, id: string): Promise<AuditEntry[]> {
  const res = await lib.api.get(`/resource-sharing/requests/${id}/audit`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.auditRecords;
}

export async function getRequest(lib: Library, id: string): Promise<Record<string, any>> {
  const res = await lib.api.get(`/resource-sharing/requests/${id}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

/** The staff actions the API offers on the request now. */
export async function staffActions(lib: Library, id: string): Promise<string[]> {
  const res = await lib.api.get(`/resource-sharing/requests/${id}/actions`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.actions.map((a: { code: string }) => a.code);
}

/** Posts an action and answers the raw response (for actions the test expects to be refused). */
export async function tryAction(lib: Library, id: string, action: string, parameters: Record<string, unknown> = {}) {
  return lib.api.post(`/resource-sharing/requests/${id}/actions/${action}`, { parameters });
}

let seq = 0;

/** A borrowing request for a loan (or a copy), created by staff, once it has gone to its first supplier. */
export async function borrow(
  lib: Library,
  opts: { title?: string; serviceType?: 'loan' | 'copy'; citation?: Record<string, unknown>; state?: string } = {},
): Promise<Record<string, any>> {
  seq += 1;
  const created = await lib.api.post('/resource-sharing/requests', {
    ...(opts.serviceType ? { serviceType: opts.serviceType } : {}),
    citation: { title: opts.title ?? `Flow test book ${seq}`, author: 'Tester, Tess', ...opts.citation },
    patron: { id: `p-${seq}`, name: 'Grace Hopper', pickupLocation: 'Main desk' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return inState(lib, created.body.id, opts.state ?? 'REQ_SENT_TO_SUPPLIER');
}

/** A symbol ('ISIL:DK-1') as an ISO 18626 agency id. */
export function agency(symbol: string): { type: string; value: string } {
  const [type, value] = symbol.split(':');
  return { type, value };
}

/**
 * Posts a hand-built ISO 18626 message to `to`'s endpoint, as a partner's system would, and
 * answers the HTTP status and the confirmation XML.
 */
export async function postIso(to: Library, message: Iso18626Message, version: '2017' | '2021' = '2017') {
  const res = await fetch(to.endpoint, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: emitMessage(message, version) });
  return { status: res.status, xml: await res.text() };
}

/**
 * Waits until the outbox has settled every message of the request (none pending or sending) and
 * answers them, oldest first, so a test can check that each reached the partner.
 */
export async function settledOutbox(lib: Library, requestId: string): Promise<{ status: string; lastError?: string; body: string }[]> {
  return eventually(async () => {
    const res = await lib.api.get(`/resource-sharing/outbox?requestId=${requestId}&limit=100`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const messages: { status: string; lastError?: string; body: string }[] = res.body.messages;
    return messages.every((m) => m.status === 'delivered' || m.status === 'failed') ? messages : undefined;
  }, `${lib.name}: outbox of ${requestId} to settle`);
}
