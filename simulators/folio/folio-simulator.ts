// A simulated FOLIO tenant (or several, by X-Okapi-Tenant) behind one HTTP server: the Okapi
// endpoints the resource-sharing module calls, every body checked against FOLIO's JSON schemas
// when they are available (folio-schemas.ts), circulation rules that matter for interlibrary loan, and injected failures for tests.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { cqlMatcher } from './cql-match.ts';
import * as auth from './auth-rules.ts';
import * as circulation from './circulation-rules.ts';
import { folioSchemas, type FolioSchemas, type SchemaName } from './folio-schemas.ts';
import * as inventory from './inventory-rules.ts';
import { seedState, type SeedData } from './seed.ts';
import { SimError } from './sim-error.ts';
import { createState, type SimRecord, type SimState } from './sim-state.ts';

export interface FolioSimulatorOptions {
  /** refuse calls without a token from /authn/login (default true); a static token may be listed in `tokens` */
  requireToken?: boolean;
  /** tokens accepted for every tenant without logging in */
  tokens?: string[];
  /** tenants to create and seed at start */
  tenants?: Record<string, SeedData>;
  /** the simulator's clock (request dates, due dates, hold shelf expiry) */
  now?: () => Date;
  /** how long an injected 'timeout' hangs before answering 504 (default 60 s; the caller normally gives up first) */
  hangMs?: number;
  /** FOLIO's JSON schemas to check bodies against (default: found by folio-schemas.ts, or none) */
  schemas?: FolioSchemas;
  /** told once, at start, when bodies are not validated for want of FOLIO's schemas */
  log?: (line: string) => void;
}

export type FailureOutcome = number | 'timeout';

export interface FolioSimulator {
  url: string;
  /** whether bodies are checked against FOLIO's JSON schemas (false when they were not found) */
  validatesBodies: boolean;
  /** one line saying whether and against what bodies are validated */
  validationNotice: string;
  close(): Promise<void>;
  /** the tenant's in-memory state (created empty on first use) */
  state(tenant: string): SimState;
  /** add records to a tenant (validated against FOLIO's schemas when available) */
  seed(tenant: string, data: SeedData): void;
  /**
   * The next `times` calls matching `pathPattern` fail with `outcome`: an HTTP status (422 answers
   * FOLIO errors[], others text/plain) or 'timeout' (no answer). A string pattern is a path prefix,
   * optionally preceded by a method: "POST /circulation/requests". A RegExp is tested on "METHOD /path".
   */
  failNext(tenant: string, pathPattern: string | RegExp, outcome: FailureOutcome, times?: number): void;
}

interface FailureRule {
  matches(method: string, path: string): boolean;
  outcome: FailureOutcome;
  remaining: number;
}

type Handler = (ctx: {
  state: SimState;
  body: Record<string, unknown>;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  now: Date;
}) => { status: number; body?: unknown; location?: string };

function failureRule(pattern: string | RegExp, outcome: FailureOutcome, times: number): FailureRule {
  let matches: FailureRule['matches'];
  if (pattern instanceof RegExp) {
    matches = (method, path) => pattern.test(`${method} ${path}`);
  } else {
    const m = /^([A-Z]+)\s+(.*)$/.exec(pattern.trim());
    const method = m?.[1];
    const prefix = m ? m[2] : pattern.trim();
    matches = (reqMethod, path) => (!method || method === reqMethod) && path.startsWith(prefix);
  }
  return { matches, outcome, remaining: times };
}

function paged<T>(records: T[], query: Record<string, string | undefined>): { page: T[]; total: number } {
  let match: (r: unknown) => boolean;
  try {
    match = cqlMatcher(query.query);
  } catch (e) {
    throw SimError.badRequest(e instanceof Error ? e.message : String(e));
  }
  const all = records.filter(match);
  const offset = Number(query.offset ?? 0) || 0;
  const limit = query.limit === undefined ? 10 : Number(query.limit);
  return { page: all.slice(offset, offset + (Number.isFinite(limit) ? limit : 10)), total: all.length };
}

export async function startFolioSimulator(opts: FolioSimulatorOptions = {}): Promise<FolioSimulator> {
  const schemas = opts.schemas ?? folioSchemas();
  if (!schemas.available) opts.log?.(schemas.notice);
  const clock = opts.now ?? (() => new Date());
  const requireToken = opts.requireToken ?? true;
  const staticTokens = new Set(opts.tokens ?? []);
  const hangMs = opts.hangMs ?? 60_000;
  const tenants = new Map<string, SimState>();
  const failures = new Map<string, FailureRule[]>();
  const hanging = new Set<() => void>();
  const stateOf = new WeakMap<FastifyRequest, SimState>();

  const state = (tenant: string): SimState => {
    let s = tenants.get(tenant);
    if (!s) {
      s = createState(tenant);
      tenants.set(tenant, s);
    }
    return s;
  };
  for (const [tenant, data] of Object.entries(opts.tenants ?? {})) seedState(state(tenant), schemas, data, clock());

  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true });

  const sendError = (reply: FastifyReply, e: SimError): FastifyReply => {
    if (e.errors) return reply.code(e.status).type('application/json').send({ errors: e.errors });
    return reply.code(e.status).type('text/plain').send(e.message);
  };

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof SimError) return sendError(reply, err);
    const status = typeof (err as { statusCode?: unknown }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    return reply.code(status).type('text/plain').send(err instanceof Error ? err.message : String(err));
  });

  app.addHook('onRequest', async (req, reply) => {
    const tenant = req.headers['x-okapi-tenant'];
    if (typeof tenant !== 'string' || tenant === '') return sendError(reply, SimError.badRequest('Missing X-Okapi-Tenant header'));
    const s = tenants.get(tenant);
    if (!s) return sendError(reply, SimError.badRequest(`No such Tenant ${tenant}`));
    stateOf.set(req, s);
    const path = req.url.split('?')[0];
    const token = req.headers['x-okapi-token'];
    if (requireToken && path !== '/authn/login') {
      if (typeof token !== 'string' || !(s.tokens.has(token) || staticTokens.has(token))) {
        return sendError(reply, new SimError(401, `Invalid or missing token: access to ${path} requires a login`));
      }
    }
    const rules = failures.get(tenant) ?? [];
    const rule = rules.find((r) => r.remaining > 0 && r.matches(req.method, path));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.outcome === 'timeout') {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          hanging.delete(done);
          resolve();
        };
        const timer = setTimeout(done, hangMs);
        hanging.add(done);
        reply.raw.once('close', done);
      });
      if (reply.raw.destroyed || reply.raw.writableEnded) return reply.hijack();
      return sendError(reply, new SimError(504, 'Simulated gateway timeout'));
    }
    if (rule.outcome === 422) return sendError(reply, SimError.unprocessable(`Simulated failure (${path})`));
    return sendError(reply, new SimError(rule.outcome, `Simulated failure ${rule.outcome} (${path})`));
  });

  app.addHook('onResponse', async (req, reply) => {
    const s = stateOf.get(req);
    if (!s) return;
    const token = req.headers['x-okapi-token'];
    const requestId = req.headers['x-okapi-request-id'];
    s.log.push({
      method: req.method,
      url: req.url,
      status: reply.statusCode,
      token: typeof token === 'string' ? token : undefined,
      requestId: typeof requestId === 'string' ? requestId : undefined,
    });
  });

  const route = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, schema: SchemaName | null, handler: Handler) => {
    app.route({
      method,
      url,
      handler: async (req, reply) => {
        const s = stateOf.get(req) as SimState;
        const body = (req.body ?? {}) as Record<string, unknown>;
        if (schema) {
          if (req.body === undefined || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
            throw SimError.badRequest('A JSON object body is required');
          }
          const errors = schemas.check(schema, body);
          if (errors.length) throw SimError.invalid(errors);
        }
        const out = handler({
          state: s,
          body,
          params: req.params as Record<string, string>,
          query: req.query as Record<string, string | undefined>,
          now: clock(),
        });
        reply.code(out.status);
        if (out.location) reply.header('location', out.location);
        if (out.body === undefined) return reply.send();
        return reply.type('application/json').send(out.body);
      },
    });
  };

  /** GET list, GET one, and optionally POST / PUT / DELETE for a table of records. */
  const collection = <T extends SimRecord>(
    base: string,
    key: string,
    table: (s: SimState) => Map<string, T>,
    write?: {
      schema: SchemaName;
      insert: (s: SimState, body: Record<string, unknown>, now: Date) => SimRecord;
      remove?: (s: SimState, id: string) => void;
      beforePut?: (s: SimState, id: string, body: Record<string, unknown>) => void;
    },
  ) => {
    route('GET', base, null, ({ state: s, query }) => {
      const { page, total } = paged([...table(s).values()], query);
      return { status: 200, body: { [key]: page, totalRecords: total } };
    });
    route('GET', `${base}/:id`, null, ({ state: s, params }) => {
      const r = table(s).get(params.id);
      if (!r) throw SimError.notFound();
      return { status: 200, body: r };
    });
    if (!write) return;
    route('POST', base, write.schema, ({ state: s, body, now }) => {
      const created = write.insert(s, body, now);
      return { status: 201, body: created, location: `${base}/${created.id}` };
    });
    route('PUT', `${base}/:id`, write.schema, ({ state: s, params, body, now }) => {
      if (body.id !== undefined && body.id !== params.id) throw SimError.unprocessable('Can not change the id', 'id', String(body.id));
      write.beforePut?.(s, params.id, body);
      inventory.replaceRecord(table(s), params.id, body, now);
      return { status: 204 };
    });
    if (write.remove) {
      const remove = write.remove;
      route('DELETE', `${base}/:id`, null, ({ state: s, params }) => {
        remove(s, params.id);
        return { status: 204 };
      });
    }
  };

  const simple = (table: (s: SimState) => Map<string, SimRecord>) => (s: SimState, body: Record<string, unknown>, now: Date) => {
    const id = typeof body.id === 'string' ? body.id : randomUUID();
    if (table(s).has(id)) throw SimError.unprocessable(`id value already exists: ${id}`, 'id', id);
    const record: SimRecord = { ...body, id, metadata: inventory.metadataFor(now) };
    table(s).set(id, record);
    return record;
  };

  // Login: POST /authn/login {username, password} -> 201, token in x-okapi-token.
  app.post('/authn/login', async (req, reply) => {
    const s = stateOf.get(req) as SimState;
    const username = auth.authenticate(s, (req.body ?? {}) as Record<string, unknown>);
    const token = `sim-${s.tenant}-${randomUUID()}`;
    s.tokens.add(token);
    s.tokenOwners.set(token, username);
    return reply.code(201).header('x-okapi-token', token).type('application/json').send({ okapiToken: token });
  });

  // mod-email: POST /email {notificationId, to, header, body, from?, outputFormat?}. Like RMB it
  // answers 422 with FOLIO errors for a missing required field or an unknown one, and 200 with a
  // text/plain body when the mail is taken (mod-email sends it on to SMTP itself).
  app.post('/email', async (req, reply) => {
    const s = stateOf.get(req) as SimState;
    const body = req.body;
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) throw SimError.badRequest('A JSON object body is required');
    const mail = body as Record<string, unknown>;
    const known = ['id', 'notificationId', 'from', 'to', 'header', 'outputFormat', 'body', 'attachments', 'status', 'shouldRetry', 'attemptCount', 'message', 'date', 'metadata'];
    const errors = [
      ...['notificationId', 'to', 'header', 'body']
        .filter((k) => typeof mail[k] !== 'string')
        .map((k) => ({ message: 'must not be null', type: '1', code: '-1', parameters: [{ key: k, value: 'null' }] })),
      ...Object.keys(mail)
        .filter((k) => !known.includes(k))
        .map((k) => ({ message: 'Unrecognized field', type: '1', code: '-1', parameters: [{ key: k, value: String(mail[k]) }] })),
    ];
    if (errors.length) throw SimError.invalid(errors);
    s.emails.push({
      notificationId: String(mail.notificationId),
      ...(typeof mail.from === 'string' ? { from: mail.from } : {}),
      to: String(mail.to),
      header: String(mail.header),
      body: String(mail.body),
      ...(typeof mail.outputFormat === 'string' ? { outputFormat: mail.outputFormat } : {}),
      date: clock().toISOString(),
    });
    return reply.code(200).type('text/plain').send(`Email with notificationId ${String(mail.notificationId)} accepted`);
  });

  // mod-login credentials and mod-permissions users (a module's system user is set up with these)
  route('POST', '/authn/credentials', null, ({ state: s, body }) => ({ status: 201, body: auth.createCredentials(s, body) }));
  route('DELETE', '/authn/credentials', null, ({ state: s, query }) => {
    auth.deleteCredentials(s, query.userId);
    return { status: 204 };
  });
  route('GET', '/perms/users', null, ({ state: s, query }) => {
    const { page, total } = paged([...s.permissionUsers.values()], query);
    return { status: 200, body: { permissionUsers: page, totalRecords: total } };
  });
  route('GET', '/perms/users/:id', null, ({ state: s, params, query }) => ({
    status: 200,
    body: auth.permissionUser(s, params.id, query.indexField),
  }));
  route('POST', '/perms/users', null, ({ state: s, body, now }) => {
    const created = auth.createPermissionUser(s, body, now);
    return { status: 201, body: created, location: `/perms/users/${created.id}` };
  });
  route('POST', '/perms/users/:id/permissions', null, ({ state: s, params, query, body }) => ({
    status: 200,
    body: auth.addPermission(s, params.id, query.indexField, body),
  }));

  // Users, groups, blocks
  collection('/users', 'users', (s) => s.users, {
    schema: 'user',
    insert: (s, body, now) => {
      if (body.barcode && [...s.users.values()].some((u) => u.barcode === body.barcode)) {
        throw SimError.unprocessable('This barcode has already been taken', 'barcode', String(body.barcode));
      }
      if (body.username && [...s.users.values()].some((u) => u.username === body.username)) {
        throw SimError.unprocessable('User with this username already exists', 'username', String(body.username));
      }
      return simple((x) => x.users as Map<string, SimRecord>)(s, body, now);
    },
  });
  collection('/groups', 'usergroups', (s) => s.groups);
  route('GET', '/automated-patron-blocks/:userId', null, ({ state: s, params }) => ({
    status: 200,
    body: { automatedPatronBlocks: s.patronBlocks.get(params.userId) ?? [] },
  }));

  // Reference data
  collection('/service-points', 'servicepoints', (s) => s.servicePoints, {
    schema: 'servicePoint',
    insert: simple((s) => s.servicePoints as Map<string, SimRecord>),
  });
  collection('/locations', 'locations', (s) => s.locations, { schema: 'location', insert: simple((s) => s.locations as Map<string, SimRecord>) });
  collection('/instance-types', 'instanceTypes', (s) => s.instanceTypes);
  collection('/material-types', 'mtypes', (s) => s.materialTypes);
  collection('/loan-types', 'loantypes', (s) => s.loanTypes);
  collection('/holdings-sources', 'holdingsRecordsSources', (s) => s.holdingsSources);
  collection('/statistical-codes', 'statisticalCodes', (s) => s.statisticalCodes);

  // Inventory storage
  collection('/instance-storage/instances', 'instances', (s) => s.instances, {
    schema: 'instance',
    insert: inventory.insertInstance,
    remove: inventory.deleteInstance,
  });
  collection('/holdings-storage/holdings', 'holdingsRecords', (s) => s.holdings, {
    schema: 'holdings',
    insert: inventory.insertHoldings,
    remove: inventory.deleteHoldings,
  });
  collection('/item-storage/items', 'items', (s) => s.items, {
    schema: 'item',
    insert: inventory.insertItem,
    remove: inventory.deleteItem,
    beforePut: (s, id, body) => {
      const barcode = body.barcode;
      if (barcode !== undefined && [...s.items.values()].some((i) => i.id !== id && i.barcode === barcode)) {
        throw SimError.unprocessable(`Barcode must be unique, ${String(barcode)} is already assigned to another item`, 'barcode', String(barcode));
      }
    },
  });

  // Circulation
  route('GET', '/circulation/requests', null, ({ state: s, query }) => {
    const { page, total } = paged([...s.requests.values()], query);
    return { status: 200, body: { requests: page, totalRecords: total } };
  });
  route('GET', '/circulation/requests/:id', null, ({ state: s, params }) => {
    const r = s.requests.get(params.id);
    if (!r) throw SimError.notFound(`Request not found: ${params.id}`);
    return { status: 200, body: r };
  });
  route('POST', '/circulation/requests', 'request', ({ state: s, body, now }) => {
    const created = circulation.createRequest(s, body, now);
    return { status: 201, body: created, location: `/circulation/requests/${created.id}` };
  });
  route('PUT', '/circulation/requests/:id', 'request', ({ state: s, params, body, now }) => {
    circulation.updateRequest(s, params.id, body, now);
    return { status: 204 };
  });
  route('POST', '/circulation/check-in-by-barcode', 'checkIn', ({ state: s, body, now }) => ({
    status: 200,
    body: circulation.checkIn(s, body as { itemBarcode: string; servicePointId: string; checkInDate: string }, now),
  }));
  route('POST', '/circulation/check-out-by-barcode', 'checkOut', ({ state: s, body, now }) => {
    const loan = circulation.checkOut(s, body as { itemBarcode: string; userBarcode: string; servicePointId: string; loanDate?: string }, now);
    return { status: 201, body: loan, location: `/circulation/loans/${loan.id}` };
  });
  route('GET', '/circulation/loans', null, ({ state: s, query }) => {
    const { page, total } = paged([...s.loans.values()], query);
    return { status: 200, body: { loans: page, totalRecords: total } };
  });
  route('GET', '/circulation/loans/:id', null, ({ state: s, params }) => {
    const loan = s.loans.get(params.id);
    if (!loan) throw SimError.notFound(`Loan not found: ${params.id}`);
    return { status: 200, body: loan };
  });
  route('POST', '/circulation/loans/:id/change-due-date', 'changeDueDate', ({ state: s, params, body, now }) => {
    circulation.changeDueDate(s, params.id, body.dueDate as string, now);
    return { status: 204 };
  });
  route('POST', '/circulation/renew-by-id', 'renewById', ({ state: s, body, now }) => ({
    status: 200,
    body: circulation.renew(s, body.itemId as string, body.userId as string, now),
  }));
  route('POST', '/circulation/renew-by-barcode', 'renewByBarcode', ({ state: s, body, now }) => {
    const item = [...s.items.values()].find((i) => i.barcode === body.itemBarcode);
    const user = [...s.users.values()].find((u) => u.barcode === body.userBarcode);
    if (!item) throw SimError.unprocessable(`No item with barcode ${String(body.itemBarcode)} exists`, 'itemBarcode', String(body.itemBarcode));
    if (!user) throw SimError.unprocessable('Could not find user with matching barcode', 'userBarcode', String(body.userBarcode));
    return { status: 200, body: circulation.renew(s, item.id, user.id, now) };
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('simulator has no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    validatesBodies: schemas.available,
    validationNotice: schemas.notice,
    async close() {
      for (const release of [...hanging]) release();
      await app.close();
    },
    state,
    seed(tenant, data) {
      seedState(state(tenant), schemas, data, clock());
    },
    failNext(tenant, pathPattern, outcome, times = 1) {
      const list = failures.get(tenant) ?? [];
      list.push(failureRule(pathPattern, outcome, times));
      failures.set(tenant, list);
    },
  };
}
