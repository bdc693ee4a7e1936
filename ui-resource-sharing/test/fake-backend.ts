// An in-memory mod-resource-sharing for UI tests, answering the UI's fetch calls
// (through ky: Request objects) with the real API's paths, bodies and error shapes.
import type {
  AuditRecord, ConversationMessage, FailedMessage, RequestAction, ResourceSharingRequest, RotaPreview, WaitingMessage,
} from '../src/types/request.ts';
import { evaluate, parseCql } from './cql-evaluator.ts';
import { GRAPHQL_PATH, answerGraphql, graphqlExtras } from './fake-graphql.ts';

export interface RecordedCall {
  method: string;
  path: string;
  searchParams: URLSearchParams;
  headers: Headers;
  body?: unknown;
}

/** What performing an action does in the fake: the next state, and the actions offered afterwards. */
export interface FakeTransition {
  toState: string;
  nextActions: RequestAction[];
}

export interface FakeFailure {
  status: number;
  /** FOLIO error body for 422, text for others */
  body: string | { errors: Array<{ message: string; code?: string; parameters?: unknown[] }> };
}

export class FakeBackend {
  readonly calls: RecordedCall[] = [];
  requests: ResourceSharingRequest[];
  audit = new Map<string, AuditRecord[]>();
  actions = new Map<string, RequestAction[]>();
  transitions = new Map<string, FakeTransition>();
  /** the conversation per request id; sendMessage adds to it, markMessagesRead marks it read */
  messages = new Map<string, ConversationMessage[]>();
  /** per request: messages to the partner waiting for their next try (the module's `waiting`) */
  waiting = new Map<string, WaitingMessage[]>();
  /** the outbox, as GET /resource-sharing/outbox lists it (status failed: the module gave up sending) */
  outbox: Array<FailedMessage & { status: 'pending' | 'sending' | 'delivered' | 'failed' }> = [];
  /** mod-users' records for `GET /users?query=id==(...)` (the platform's users interface) */
  users: Array<{ id: string; username?: string; personal?: { firstName?: string; lastName?: string } }> = [];
  /** what POST /resource-sharing/rotas/preview answers (a citation without a title gets the real 422) */
  rotaPreview: RotaPreview = { profile: null, entries: [] };
  /** by action code, or 'list' for the search endpoint */
  failures = new Map<string, FakeFailure>();
  /** the files of stored copies by request id (`GET /resource-sharing/requests/{id}/copy`) */
  storedCopies = new Map<string, { content: Uint8Array<ArrayBuffer>; contentType: string; filename: string }>();
  private counter = 0;

  constructor(requests: ResourceSharingRequest[]) {
    this.requests = requests.map((r) => structuredClone(r));
  }

  /** Calls whose path starts with the given string, optionally only one method. */
  callsTo(pathPrefix: string, method?: string): RecordedCall[] {
    return this.calls.filter((c) => c.path.startsWith(pathPrefix) && (!method || c.method === method));
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const call: RecordedCall = {
      method: request.method,
      path: url.pathname,
      searchParams: url.searchParams,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    this.calls.push(call);
    if (!request.headers.get('X-Okapi-Tenant')) return plain(400, 'Missing X-Okapi-Tenant header');
    if (call.path === GRAPHQL_PATH) return answerGraphql(this, call);
    try {
      return this.route(call);
    } catch (e) {
      return plain(500, String(e));
    }
  };

  private route(call: RecordedCall): Response {
    const parts = call.path.replace(/^\/+/, '').split('/');
    if (parts[1] === 'requests' && parts[3] === 'copy' && parts.length === 4 && call.method === 'GET') {
      // as the module serves it: an attachment named in Content-Disposition, 404 text without one
      if (!this.requests.some((r) => r.id === parts[2])) return plain(404, `Request ${parts[2]} not found`);
      const copy = this.storedCopies.get(parts[2]);
      if (!copy) return plain(404, 'No copy is stored for this request');
      return new Response(copy.content, {
        status: 200,
        headers: { 'Content-Type': copy.contentType, 'Content-Disposition': `attachment; filename="${copy.filename}"`, 'Cache-Control': 'private, no-store' },
      });
    }
    if (parts[0] === 'users' && parts.length === 1 && call.method === 'GET') {
      const ids = new Set(call.searchParams.get('query')?.match(/[0-9a-f-]{36}/gi) ?? []);
      const users = this.users.filter((u) => ids.has(u.id));
      return json(200, { users, totalRecords: users.length });
    }
    if (call.path === '/resource-sharing/directory/entries' && call.method === 'GET') {
      // the directory entries set for the GraphQL fake, in the REST shape (symbols as authority/symbol)
      const entries = graphqlExtras(this).directory.map((e) => ({
        id: e.id, name: e.name, partner: e.partner,
        symbols: e.symbols.map((s) => ({ authority: s.split(':')[0], symbol: s.slice(s.indexOf(':') + 1) })),
      }));
      return json(200, { entries, totalRecords: entries.length });
    }
    if (call.path === '/resource-sharing/rotas/preview' && call.method === 'POST') {
      const title = (call.body as { citation?: { title?: unknown } } | undefined)?.citation?.title;
      if (typeof title !== 'string' || !title) {
        return json(422, { errors: [{ message: "citation: must have required property 'title'", code: 'validation', parameters: [{ key: 'citation.title', value: '' }] }] });
      }
      return json(200, this.rotaPreview);
    }
    if (call.path === '/resource-sharing/outbox' && call.method === 'GET') {
      // as the module: filtered by status and request, one request's messages oldest first
      const status = call.searchParams.get('status');
      const requestId = call.searchParams.get('requestId');
      const messages = this.outbox.filter((m) => (!status || m.status === status) && (!requestId || m.requestId === requestId));
      return json(200, { messages, totalRecords: messages.length });
    }
    const retry = /^\/resource-sharing\/outbox\/([^/]+)\/retry$/.exec(call.path);
    if (retry && call.method === 'POST') {
      const message = this.outbox.find((m) => m.id === retry[1]);
      if (!message) return plain(404, `Outbox message ${retry[1]} not found`);
      if (message.status !== 'failed' || (message.lastError ?? '').startsWith('withdrawn:')) {
        return json(422, { errors: [{ message: `Only a failed message can be retried; this one is ${message.status}`, code: 'outbox.notFailed', parameters: [{ key: 'status', value: message.status }] }] });
      }
      message.status = 'pending';
      message.attempts = 0;
      return json(200, message);
    }
    if (parts[0] !== 'resource-sharing' || parts[1] !== 'requests') return plain(404, `No route for ${call.path}`);
    const [, , id, sub, code] = parts;
    if (!id) {
      if (call.method === 'GET') return this.list(call.searchParams);
      if (call.method === 'POST') return this.create(call.body as Partial<ResourceSharingRequest>);
      return plain(405, 'Method not allowed');
    }
    const record = this.requests.find((r) => r.id === id);
    if (!record) return plain(404, `Request ${id} not found`);
    if (!sub && call.method === 'GET') return json(200, record);
    if (sub === 'audit' && call.method === 'GET') {
      const list = this.audit.get(id) ?? [];
      return json(200, { auditRecords: list, totalRecords: list.length });
    }
    if (sub === 'actions' && !code && call.method === 'GET') {
      const actions = this.actions.get(id) ?? [];
      return json(200, { state: record.state, actions, totalRecords: actions.length });
    }
    if (sub === 'actions' && code && call.method === 'POST') return this.perform(record, code, call.body);
    if (sub === 'messages' && call.method === 'GET') {
      const messages = this.messages.get(id) ?? [];
      return json(200, { messages, totalRecords: messages.length, unread: messages.filter((m) => !m.read).length, waiting: this.waiting.get(id) ?? [] });
    }
    return plain(404, `No route for ${call.method} ${call.path}`);
  }

  private list(params: URLSearchParams): Response {
    const failure = this.failures.get('list');
    if (failure) return respondWith(failure);
    const parsed = parseCql(params.get('query') ?? 'cql.allRecords=1');
    const get = (r: ResourceSharingRequest) => (field: string): string | undefined => {
      switch (field) {
        case 'title': return r.citation.title;
        case 'author': return r.citation.author;
        case 'patronName': return r.patron?.name;
        case 'patronBarcode': return r.patron?.barcode;
        case 'createdDate': return r.metadata?.createdDate;
        case 'updatedDate': return r.metadata?.updatedDate ?? r.metadata?.createdDate;
        case 'needsAttention': return String(r.needsAttention);
        default: {
          const v = (r as unknown as Record<string, unknown>)[field];
          return v === undefined ? undefined : String(v);
        }
      }
    };
    let found = this.requests.filter((r) => evaluate(parsed.where, get(r)));
    for (const s of [...parsed.sort].reverse()) {
      found = [...found].sort((a, b) => {
        const c = (get(a)(s.field) ?? '').localeCompare(get(b)(s.field) ?? '');
        return s.descending ? -c : c;
      });
    }
    const offset = Number(params.get('offset') ?? 0);
    const limit = Number(params.get('limit') ?? 10);
    const page = found.slice(offset, offset + limit);
    const counted = params.get('totalRecords') === 'none' ? {} : { totalRecords: found.length };
    const facets = params.get('facets');
    if (!facets) return json(200, { requests: page, ...counted });
    const wanted = facets.split(',').map((part) => part.trim().split(':'));
    const unknown = wanted.find(([field]) => !FACETABLE.includes(field));
    if (unknown) {
      return json(422, { errors: [{ message: `Requests cannot be faceted by ${unknown[0]}`, code: 'facets.unknownField', parameters: [{ key: 'facets', value: unknown[0] }] }] });
    }
    return json(200, { requests: page, ...counted, resultInfo: { ...counted, facets: wanted.map(([field, max]) => facetOf(found, field, Number(max ?? 50))) } });
  }

  private create(body: Partial<ResourceSharingRequest>): Response {
    if (!body?.citation?.title) {
      return json(422, { errors: [{ message: 'citation.title is required', code: 'required', parameters: [{ key: 'citation.title' }] }] });
    }
    this.counter += 1;
    const now = new Date().toISOString();
    const created: ResourceSharingRequest = {
      id: `00000000-0000-4000-8000-${String(this.counter).padStart(12, '0')}`,
      hrid: `NEW-${this.counter}`,
      role: 'borrowing',
      state: 'REQ_IDLE',
      stateModel: 'requester',
      needsAttention: false,
      serviceType: body.serviceType ?? 'loan',
      citation: body.citation,
      patron: body.patron,
      _version: 1,
      metadata: { createdDate: now, updatedDate: now },
    };
    this.requests.push(created);
    return json(201, created);
  }

  private perform(record: ResourceSharingRequest, code: string, body: unknown): Response {
    // as mod-resource-sharing: a `_version` that is not the stored one is a 409 (text/plain), nothing applied
    const sent = (body as { _version?: unknown } | undefined)?._version;
    if (sent !== undefined && sent !== record._version) {
      return plain(409, `Request ${record.hrid} changed meanwhile (version ${String(sent)} is out of date, current version is ${record._version}); reload it and try again`);
    }
    const failure = this.failures.get(code);
    if (failure) return respondWith(failure);
    const allowed = (this.actions.get(record.id) ?? []).some((a) => a.code === code);
    if (!allowed) return json(422, { errors: [{ message: `Action ${code} is not valid in state ${record.state}`, code: 'invalidAction' }] });
    const transition = this.transitions.get(code);
    const fromState = record.state;
    if (transition) {
      record.state = transition.toState;
      this.actions.set(record.id, transition.nextActions);
    }
    const now = new Date().toISOString();
    const conversation = this.messages.get(record.id) ?? [];
    if (code === 'sendMessage') {
      const note = String((body as { parameters?: { note?: unknown } } | undefined)?.parameters?.note ?? '');
      conversation.push({ id: `m-${conversation.length + 1}`, requestId: record.id, timestamp: now, direction: 'out', kind: 'Notification', summary: 'Notification', note, read: true });
    }
    if (code === 'markMessagesRead') {
      for (const m of conversation) m.read = true;
      record.attention = (record.attention ?? []).filter((a) => a !== 'unreadMessage');
    }
    this.messages.set(record.id, conversation);
    record.unreadMessages = conversation.filter((m) => !m.read).length;
    record.metadata = { ...(record.metadata ?? { createdDate: now }), updatedDate: now };
    record._version = (record._version ?? 1) + 1;
    const trail = this.audit.get(record.id) ?? [];
    trail.push({ id: `audit-${trail.length + 1}-${record.id}`, requestId: record.id, timestamp: now, actor: { type: 'user', id: 'staff' }, action: code, fromState, toState: record.state });
    this.audit.set(record.id, trail);
    // the real API answers the updated request
    return json(200, record);
  }
}

// Facets as mod-resource-sharing answers them (request-facets.ts): matching requests counted per
// value of the field, most first, values without the field left out; needsAttention as booleans.
const FACETABLE = ['state', 'role', 'serviceType', 'needsAttention', 'supplierSymbol', 'requesterSymbol'];

function facetOf(found: ResourceSharingRequest[], field: string, max: number): { type: string; facetValues: Array<{ value: string | boolean; count: number }> } {
  const counts = new Map<string | boolean, number>();
  for (const r of found) {
    const v = (r as unknown as Record<string, unknown>)[field];
    if (typeof v === 'string' || typeof v === 'boolean') counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const facetValues = [...counts].map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
    .slice(0, max);
  return { type: field, facetValues };
}

function respondWith(failure: FakeFailure): Response {
  return typeof failure.body === 'string' ? plain(failure.status, failure.body) : json(failure.status, failure.body);
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function plain(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain' } });
}
