// The settings editors' part of mod-resource-sharing for UI tests: directory entries, rota
// profiles and tenant settings, with the real API's status codes and 422 bodies naming the field.
import type { DirectoryEntry, RotaProfile, TenantSettings } from '../src/settings/editors/config-types.ts';
import { FakeBackend, type RecordedCall } from './fake-backend.ts';

export const DEFAULT_SETTINGS: TenantSettings = {
  requestIdPrefix: null,
  ownSymbols: [],
  deliveryOffsetDays: 3,
  overloadThreshold: 10,
  rankingWeights: { overload: 1, balance: 1, performance: 1, loanToBorrowRatio: 0.5 },
  preferredSymbols: [],
  lastSymbols: [],
  lendingThreshold: null,
  staleLendingDays: null,
  autoResponder: false,
  lendingLoanPeriodDays: 28,
  hostAdapter: 'manual',
  folioHost: null,
  ncipHost: null,
  broker: null,
  sharedDirectory: null,
};

const MASK = '********';
type Broker = { routing?: string; symbol?: string; endpoint?: string; mode?: string; sharedSecret?: string; accountId?: string; authentication?: string; authenticationFailures?: unknown };

type Folio = { errors: Array<{ message: string; code: string; parameters: Array<{ key: string; value: string }> }> };

const invalid = (key: string, message: string): Response => json(422, {
  errors: [{ message, code: 'validation.invalidValue', parameters: [{ key, value: '' }] }],
} satisfies Folio);

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const key = (s: { authority: string; symbol: string }) => `${s.authority}:${s.symbol}`.toUpperCase();

function withoutFields<T>(body: T, fields: string[]): T {
  const copy = { ...body } as Record<string, unknown>;
  for (const f of fields) delete copy[f];
  return copy as T;
}

export class FakeConfigBackend extends FakeBackend {
  directory: DirectoryEntry[] = [];
  rotas: RotaProfile[] = [];
  settings: TenantSettings = structuredClone(DEFAULT_SETTINGS);
  /** the answer of GET /resource-sharing/host/reference-data (none: 404, as a module without the route) */
  referenceData?: Record<string, unknown>;
  private ids = 0;
  /** the base class's fetch (request routes, GraphQL), taken before this class replaces it */
  private readonly requestsFetch = (this as FakeBackend).fetch;

  constructor() {
    super([]);
  }

  override readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const parts = url.pathname.replace(/^\/+/, '').split('/');
    if (url.pathname === '/resource-sharing/host/reference-data' && request.method === 'GET') {
      this.calls.push({ method: 'GET', path: url.pathname, searchParams: url.searchParams, headers: request.headers, body: undefined });
      return this.referenceData ? json(200, this.referenceData) : new Response('No such endpoint', { status: 404, headers: { 'Content-Type': 'text/plain' } });
    }
    if (parts[0] !== 'resource-sharing' || !['directory', 'rotas', 'settings'].includes(parts[1])) return this.requestsFetch(request);
    const text = request.method === 'GET' ? '' : await request.text();
    const call: RecordedCall = { method: request.method, path: url.pathname, searchParams: url.searchParams, headers: request.headers, body: text ? JSON.parse(text) : undefined };
    this.calls.push(call);
    if (parts[1] === 'settings') return this.settingsRoute(call);
    if (parts[1] === 'rotas') return this.records(call, parts[2], this.rotas, 'rotas', (r, id) => this.checkRota(r as RotaProfile, id));
    // as the module: the failure count is its own and reachability is derived from its outbox,
    // so whatever a client sends for them is ignored
    return this.records(call, parts[3], this.directory, 'entries', (e, id) => this.checkEntry(e as DirectoryEntry, id), ['authenticationFailures', 'reachability']);
  };

  private records<T extends { id?: string; _version?: number }>(
    call: RecordedCall, id: string | undefined, list: T[], name: string, check: (body: T, id?: string) => Response | null,
    maintained: string[] = [],
  ): Response {
    if (call.method === 'GET' && !id) return json(200, { [name]: list, totalRecords: list.length });
    const body = call.body as T;
    if (call.method === 'POST' && !id) {
      const problem = check(body);
      if (problem) return problem;
      this.ids += 1;
      const created = { ...withoutFields(body, maintained), id: `10000000-0000-4000-8000-${String(this.ids).padStart(12, '0')}`, _version: 1 };
      list.push(created);
      return json(201, created);
    }
    const i = list.findIndex((r) => r.id === id);
    if (i < 0) return new Response('Not found', { status: 404 });
    if (call.method === 'PUT') {
      if (body._version !== undefined && body._version !== list[i]._version) return new Response('version conflict', { status: 409 });
      const problem = check(body, id);
      if (problem) return problem;
      const kept = Object.fromEntries(maintained.filter((f) => f in list[i]).map((f) => [f, (list[i] as Record<string, unknown>)[f]]));
      list[i] = { ...withoutFields(body, maintained), ...kept, id, _version: (list[i]._version ?? 1) + 1 };
      return new Response(null, { status: 204 });
    }
    return new Response('Method not allowed', { status: 405 });
  }

  private checkEntry(e: DirectoryEntry, id?: string): Response | null {
    for (const other of this.directory.filter((d) => d.id !== id)) {
      const taken = e.symbols.find((s) => other.symbols.some((o) => key(o) === key(s)));
      if (taken) return invalid('symbols', `${key(taken)} already belongs to the directory entry "${other.name}"`);
      if (e.self && other.self) return invalid('self', `"${other.name}" is already marked as this library's own entry`);
    }
    if (e.iso18626Endpoint && !/^https?:\/\//.test(e.iso18626Endpoint)) return invalid('iso18626Endpoint', 'iso18626Endpoint must be an http or https URL');
    return null;
  }

  private checkRota(r: RotaProfile, id?: string): Response | null {
    if (this.rotas.some((o) => o.id !== id && o.name.toLowerCase() === r.name.toLowerCase())) return invalid('name', `A rota profile named "${r.name}" already exists`);
    const known = new Set(this.directory.flatMap((d) => d.symbols.map(key)));
    const unknown = r.entries.findIndex((e) => !known.has(e.symbol.toUpperCase()));
    if (unknown >= 0) return invalid(`entries[${unknown}].symbol`, `entries[${unknown}].symbol: ${r.entries[unknown].symbol} is not in the directory`);
    return null;
  }

  /** as the module answers settings: the broker's secret and account id masked */
  private shownSettings(): TenantSettings {
    const broker = this.settings.broker as Broker | null;
    if (!broker) return this.settings;
    return { ...this.settings, broker: { ...broker, ...(broker.sharedSecret ? { sharedSecret: MASK } : {}), ...(broker.accountId ? { accountId: MASK } : {}) } };
  }

  /** as the module takes `broker`: its required fields, a mask keeps the stored secret, the failure count is its own */
  private brokerOf(sent: Broker | null): Broker | null | Response {
    if (sent === null) return null;
    for (const f of ['routing', 'symbol', 'endpoint', 'mode'] as const) if (!sent[f]) return invalid(`broker.${f}`, `broker must have required property '${f}'`);
    // the module's schema (broker/broker-settings.ts)
    if (!['peer', 'broker', 'both'].includes(sent.routing!)) return invalid('broker.routing', 'broker.routing must be equal to one of the allowed values');
    if (!['opaque', 'transparent'].includes(sent.mode!)) return invalid('broker.mode', 'broker.mode must be equal to one of the allowed values');
    if (!/^[A-Za-z0-9_-]{1,32}:\S{1,100}$/.test(sent.symbol!)) return invalid('broker.symbol', 'broker.symbol must match pattern "^[A-Za-z0-9_-]{1,32}:\\S{1,100}$"');
    if (!/^https?:\/\/\S+$/.test(sent.endpoint!)) return invalid('broker.endpoint', 'broker.endpoint must match pattern "^https?://\\S+$"');
    const stored = this.settings.broker as Broker | null;
    const out: Broker = { ...sent };
    delete out.authenticationFailures;
    for (const f of ['sharedSecret', 'accountId'] as const) if (out[f] === MASK) out[f] = stored?.[f];
    if (out.authentication === 'required' && !out.sharedSecret) {
      return invalid('broker.authentication', 'broker.authentication: required authentication needs the sharedSecret agreed with the broker');
    }
    if (stored?.authenticationFailures && stored.symbol?.toUpperCase() === out.symbol?.toUpperCase()) out.authenticationFailures = stored.authenticationFailures;
    return out;
  }

  private settingsRoute(call: RecordedCall): Response {
    if (call.method === 'GET') return json(200, this.shownSettings());
    const patch = { ...(call.body as Partial<TenantSettings>) };
    const directoryUrl = (patch.sharedDirectory as { url?: string } | null | undefined)?.url;
    if (directoryUrl !== undefined && !/^https?:\/\/\S+$/.test(directoryUrl)) return invalid('sharedDirectory.url', 'sharedDirectory.url must match pattern "^https?://\\S+$"');
    if ('broker' in patch) {
      const broker = this.brokerOf(patch.broker as Broker | null);
      if (broker instanceof Response) return broker;
      patch.broker = broker;
    }
    if (typeof patch.deliveryOffsetDays === 'number' && patch.deliveryOffsetDays > 60) return invalid('deliveryOffsetDays', 'deliveryOffsetDays must be <= 60');
    const okapiUrl = (patch.folioHost as { okapiUrl?: string } | null | undefined)?.okapiUrl;
    if (okapiUrl !== undefined && !/^https?:\/\/\S+$/.test(okapiUrl)) return invalid('folioHost.okapiUrl', 'folioHost.okapiUrl must match pattern "^https?://\\S+$"');
    this.settings = { ...this.settings, ...patch };
    return json(200, this.shownSettings());
  }
}
