// Calls the module the way FOLIO's Okapi gateway does (read from Okapi's ProxyService,
// TenantManager, TimerManager and TokenHeader, and from mod-authtoken's filter), so that tests find
// what a real Okapi would break:
//
// - Okapi's own calls (tenant interface, timers) go out with `Content-Type: application/json;
//   charset=UTF-8` and `Accept: */*` whatever the body, `Content-Length: 0` when there is none,
//   X-Okapi-Tenant, X-Okapi-Url, X-Okapi-Url-to and an X-Okapi-Request-Id like `123456/tenant`.
// - The tenant interface 2.0: POST /_/tenant with `module_to` / `module_from`, `purge` (always
//   present) and `parameters` from the install's tenantParameters (`key=value,key2`); when the
//   answer has a Location, GET /_/tenant/{id} without `wait`, at once, then after 300 ms and 1.25
//   times longer each time, until `complete`; then DELETE /_/tenant/{id} (empty body); an `error`
//   in the job fails the install with it and the job's messages. Disable is `module_from` alone,
//   purge adds `purge: true`.
// - Timers: the first method of each `_timer` handler (POST when none) on its path, empty body;
//   with an auth filter the call carries a module token and X-Okapi-Permissions listing the
//   handler's modulePermissions.
// - A client's call is proxied with every header it sent, Content-Length dropped and the body
//   streamed chunked (so a body-less POST or DELETE arrives as a chunked body of zero bytes).
//   `Authorization: Bearer x` becomes `X-Okapi-Token: x` (both present and different: 400). With
//   an auth filter (mod-authtoken, on by default) a token it did not issue is refused with 401,
//   a missing required permission with 403, and X-Okapi-Permissions lists, as a JSON array, the
//   required and desired permissions the user holds. Without one (`auth: false`) the module gets
//   no X-Okapi-Permissions at all.
import http from 'node:http';
import { randomInt } from 'node:crypto';

export interface DescriptorHandler {
  methods: string[];
  pathPattern?: string;
  path?: string;
  permissionsRequired?: string[];
  permissionsDesired?: string[];
  modulePermissions?: string[];
  unit?: string;
  delay?: string;
}

export interface ModuleDescriptorLike {
  id: string;
  provides: { id: string; version: string; interfaceType?: string; handlers?: DescriptorHandler[] }[];
  permissionSets?: { permissionName: string; subPermissions?: string[] }[];
}

export interface OkapiResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** One request exactly as it left the harness: what the module was sent. */
export interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  framing: 'length' | 'chunked';
}

export interface OkapiUser {
  token: string;
  userId: string;
  /** permissions (or permission sets of the descriptor) the user was granted */
  permissions: string[];
}

export interface OkapiHarnessOptions {
  /** where the module listens, e.g. http://127.0.0.1:1234 */
  moduleUrl: string;
  descriptor: ModuleDescriptorLike;
  /** what Okapi tells modules its own URL is (X-Okapi-Url) */
  okapiUrl?: string;
  /** an auth filter (mod-authtoken) is enabled for the tenants: default true */
  auth?: boolean;
  /** Okapi's wait before polling a tenant job again (300 ms, then 1.25 times longer each time) */
  tenantInitDelayMs?: number;
  /** give up polling a tenant job after this long (Okapi itself waits for ever) */
  tenantJobTimeoutMs?: number;
}

export class OkapiInstallError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OkapiInstallError';
  }
}

const JSON_UTF8 = 'application/json; charset=UTF-8';

/** `/a/{id}/b` or `/a/*` as Okapi matches it. */
function patternRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split(/(\{[^}]+\}|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith('{') ? '[^/?#]+' : part.replace(/[.+?^$()[\]\\|]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`);
}

function staticPath(h: DescriptorHandler): string {
  return (h.path || h.pathPattern) ?? '/';
}

/** Okapi's request ids: six digits and the first path segment, `;`-joined when nested. */
function requestId(path: string, parent?: string): string {
  const own = `${String(randomInt(1_000_000)).padStart(6, '0')}/${path.replace(/^[/_]*([^/?]+).*$/, '$1')}`;
  return parent ? `${parent};${own}` : own;
}

export class OkapiHarness {
  readonly moduleUrl: string;
  readonly okapiUrl: string;
  readonly auth: boolean;
  readonly descriptor: ModuleDescriptorLike;
  /** every request sent to the module, in order */
  readonly sent: SentRequest[] = [];
  private readonly users = new Map<string, OkapiUser>();
  private readonly initDelay: number;
  private readonly jobTimeout: number;

  constructor(opts: OkapiHarnessOptions) {
    this.moduleUrl = opts.moduleUrl.replace(/\/$/, '');
    this.okapiUrl = opts.okapiUrl ?? 'http://okapi.invalid:9130';
    this.auth = opts.auth ?? true;
    this.descriptor = opts.descriptor;
    this.initDelay = opts.tenantInitDelayMs ?? 300;
    this.jobTimeout = opts.tenantJobTimeoutMs ?? 60_000;
  }

  /** A user mod-authtoken knows: calls carrying `token` act with these permissions. */
  addUser(user: OkapiUser): OkapiUser {
    this.users.set(user.token, user);
    return user;
  }

  // ---- the wire ---------------------------------------------------------------------------

  /** Sends one request to the module; 'length' frames the body with Content-Length, 'chunked' streams it. */
  send(method: string, path: string, headers: Record<string, string>, body: string, framing: 'length' | 'chunked'): Promise<OkapiResponse> {
    const url = new URL(this.moduleUrl + path);
    const out: Record<string, string> = { ...headers };
    if (framing === 'length') out['Content-Length'] = String(Buffer.byteLength(body));
    else out['Transfer-Encoding'] = 'chunked';
    this.sent.push({ method, path, headers: out, body, framing });
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: out, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            if ((res.headers['content-type'] ?? '').includes('json') && text) {
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = text;
              }
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parsed });
          });
        },
      );
      req.on('error', reject);
      if (body.length) req.write(body);
      req.end();
    });
  }

  // ---- Okapi's own calls ------------------------------------------------------------------

  private systemHeaders(tenant: string, path: string, modulePermissions?: string[]): Record<string, string> {
    const headers: Record<string, string> = {
      'X-Okapi-Tenant': tenant,
      'X-Okapi-Url': this.okapiUrl,
      'X-Okapi-Url-to': this.moduleUrl,
      'X-Okapi-Request-Id': requestId(path),
      Accept: '*/*',
      'Content-Type': JSON_UTF8,
    };
    if (this.auth) {
      // mod-authtoken issues a module token for the call and lists the handler's module permissions
      headers['X-Okapi-Token'] = `module-token.${tenant}.${this.descriptor.id}`;
      if (modulePermissions) headers['X-Okapi-Permissions'] = JSON.stringify(modulePermissions);
    }
    return headers;
  }

  /** A system call (tenant interface, timer): Content-Type JSON, body framed by Content-Length. */
  systemCall(tenant: string, method: string, path: string, body = '', modulePermissions?: string[]): Promise<OkapiResponse> {
    return this.send(method, path, this.systemHeaders(tenant, path, modulePermissions), body, 'length');
  }

  private tenantHandlers(): { post: DescriptorHandler; get?: DescriptorHandler; del?: DescriptorHandler } {
    const iface = this.descriptor.provides.find((i) => i.id === '_tenant' && i.interfaceType === 'system');
    if (!iface || iface.version !== '2.0') throw new Error(`${this.descriptor.id} has no system _tenant 2.0 interface`);
    const find = (method: string, contains: string) =>
      iface.handlers?.find((h) => h.methods.includes(method) && staticPath(h).includes(contains));
    const post = find('POST', '/');
    if (!post) throw new Error('_tenant 2.0 without POST');
    const get = find('GET', '{id}');
    const del = find('DELETE', '{id}');
    if (get && !del) throw new Error('_tenant 2.0 with GET but no DELETE (Okapi error 10407)');
    return { post, get, del };
  }

  /**
   * Okapi's invokeTenantInterface for tenant interface 2.0: the POST, and for an asynchronous
   * answer the polling and the DELETE. Resolves with the last job seen; rejects as Okapi fails
   * the install.
   */
  async tenantInterface(
    tenant: string,
    attrs: { module_to?: string; module_from?: string; purge?: boolean },
    tenantParameters?: string,
  ): Promise<{ post: OkapiResponse; job?: Record<string, unknown>; polls: number }> {
    const { post, get, del } = this.tenantHandlers();
    const jo: Record<string, unknown> = {};
    if (attrs.module_to) jo.module_to = attrs.module_to;
    if (attrs.module_from) jo.module_from = attrs.module_from;
    jo.purge = attrs.purge ?? false;
    if (tenantParameters !== undefined) {
      jo.parameters = tenantParameters.split(',').map((p) => {
        const [key, value] = p.split('=');
        return value === undefined ? { key } : { key, value };
      });
    }
    const postPath = staticPath(post);
    const res = await this.systemCall(tenant, 'POST', postPath, JSON.stringify(jo, null, 2), post.modulePermissions);
    if (res.status < 200 || res.status > 299) throw new OkapiInstallError(`POST ${postPath}: ${res.status}: ${res.text}`, res.status);
    if (!res.headers.location) return { post: res, polls: 0 }; // synchronous
    if (!get || !del) throw new OkapiInstallError('Location in the answer but no GET/DELETE /_/tenant/{id} (Okapi error 10409)');
    const id = (res.body as { id?: string } | undefined)?.id;
    if (!id) throw new OkapiInstallError('no id in the tenant job (Okapi error 10408)');
    const getPath = staticPath(get).replace('{id}', id);
    const delPath = staticPath(del).replace('{id}', id);
    const deadline = Date.now() + this.jobTimeout;
    let wait = this.initDelay;
    let polls = 0;
    for (;;) {
      const polled = await this.systemCall(tenant, 'GET', getPath);
      polls++;
      if (polled.status < 200 || polled.status > 299) throw new OkapiInstallError(`GET ${getPath}: ${polled.status}: ${polled.text}`, polled.status);
      const job = JSON.parse(polled.text) as Record<string, unknown>;
      if (job.complete === true) {
        const deleted = await this.systemCall(tenant, 'DELETE', delPath);
        if (deleted.status < 200 || deleted.status > 299) throw new OkapiInstallError(`DELETE ${delPath}: ${deleted.status}: ${deleted.text}`, deleted.status);
        if (typeof job.error === 'string') {
          const messages = Array.isArray(job.messages) ? job.messages : [];
          throw new OkapiInstallError(`Tenant operation failed for module ${this.descriptor.id}: ${[job.error, ...messages].join('\n')}`);
        }
        return { post: res, job, polls };
      }
      if (Date.now() > deadline) throw new OkapiInstallError(`tenant job ${id} not complete after ${this.jobTimeout} ms`);
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.floor((wait * 1250) / 1000);
    }
  }

  /** `install?tenantParameters=…` enabling the module (module_to). */
  install(tenant: string, opts: { tenantParameters?: string; moduleTo?: string } = {}) {
    return this.tenantInterface(tenant, { module_to: opts.moduleTo ?? this.descriptor.id }, opts.tenantParameters);
  }

  /** Upgrading from `moduleFrom` to this descriptor's module. */
  upgrade(tenant: string, moduleFrom: string, opts: { tenantParameters?: string; moduleTo?: string } = {}) {
    return this.tenantInterface(tenant, { module_to: opts.moduleTo ?? this.descriptor.id, module_from: moduleFrom }, opts.tenantParameters);
  }

  /** Disabling: module_from only, purge false. */
  disable(tenant: string, moduleFrom = this.descriptor.id) {
    return this.tenantInterface(tenant, { module_from: moduleFrom, purge: false });
  }

  /** Disabling with purge=true. */
  purge(tenant: string, moduleFrom = this.descriptor.id) {
    return this.tenantInterface(tenant, { module_from: moduleFrom, purge: true });
  }

  /** The timers the descriptor declares, as Okapi's TimerManager fires them. */
  timers(): { method: string; path: string; modulePermissions?: string[]; delay?: string; unit?: string }[] {
    const iface = this.descriptor.provides.find((i) => i.id === '_timer');
    return (iface?.handlers ?? []).map((h) => ({
      method: h.methods[0] ?? 'POST',
      path: staticPath(h),
      modulePermissions: h.modulePermissions,
      delay: h.delay,
      unit: h.unit,
    }));
  }

  fireTimer(tenant: string, timer: { method: string; path: string; modulePermissions?: string[] }): Promise<OkapiResponse> {
    return this.systemCall(tenant, timer.method, timer.path, '', timer.modulePermissions);
  }

  // ---- a client's call through the proxy --------------------------------------------------

  private route(method: string, path: string): DescriptorHandler | undefined {
    const bare = path.split('?')[0];
    for (const iface of this.descriptor.provides) {
      if (iface.interfaceType === 'system') continue;
      for (const h of iface.handlers ?? []) {
        if (h.methods.includes(method) || h.methods.includes('*')) {
          if (patternRegExp(staticPath(h)).test(bare)) return h;
        }
      }
    }
    return undefined;
  }

  /** The user's permissions with the descriptor's permission sets expanded. */
  private expanded(names: string[]): Set<string> {
    const sets = new Map((this.descriptor.permissionSets ?? []).map((p) => [p.permissionName, p.subPermissions ?? []]));
    const out = new Set<string>();
    const add = (n: string) => {
      if (out.has(n)) return;
      out.add(n);
      for (const sub of sets.get(n) ?? []) add(sub);
    };
    names.forEach(add);
    return out;
  }

  /**
   * A client's request through Okapi's proxy. `headers` are what the client sent (tenant,
   * Authorization or X-Okapi-Token, Content-Type…); `body` undefined means the client sent none.
   */
  async proxy(method: string, path: string, opts: { headers?: Record<string, string>; body?: string | object } = {}): Promise<OkapiResponse> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
    // TokenHeader.check: Authorization moves into X-Okapi-Token
    if (headers.authorization !== undefined) {
      const auth = headers.authorization.startsWith('Bearer ') ? headers.authorization.slice(6).trim() : headers.authorization;
      if (headers['x-okapi-token'] !== undefined && headers['x-okapi-token'] !== auth) {
        return { status: 400, headers: {}, text: 'X-Okapi-Token is not equal to Authorization token', body: 'X-Okapi-Token is not equal to Authorization token' };
      }
      headers['x-okapi-token'] = auth;
      delete headers.authorization;
    }
    const tenant = headers['x-okapi-tenant'];
    if (!tenant) return { status: 403, headers: {}, text: 'Missing Tenant', body: 'Missing Tenant' };
    const handler = this.route(method, path);
    if (!handler) {
      const text = `No suitable module found for path ${path.split('?')[0]} for tenant ${tenant}`;
      return { status: 404, headers: {}, text, body: text };
    }
    const required = handler.permissionsRequired ?? [];
    const desired = handler.permissionsDesired ?? [];
    const token = headers['x-okapi-token'];
    delete headers['x-okapi-permissions']; // a client cannot claim permissions
    if (this.auth) {
      const user = token ? this.users.get(token) : undefined;
      if (token && !user) return { status: 401, headers: {}, text: 'Invalid token', body: 'Invalid token' };
      const held = this.expanded(user?.permissions ?? []);
      const missing = required.find((p) => !held.has(p));
      if (missing) {
        const text = user ? `Access for user '${user.userId}' requires permission: ${missing}` : `Token missing, access requires permission: ${missing}`;
        return { status: user ? 403 : 401, headers: {}, text, body: text };
      }
      headers['x-okapi-permissions'] = JSON.stringify([...held].filter((p) => required.includes(p) || desired.includes(p)));
      if (user) headers['x-okapi-user-id'] = user.userId;
    }
    headers['x-okapi-tenant'] = tenant;
    headers['x-okapi-url'] = this.okapiUrl;
    headers['x-okapi-url-to'] = this.moduleUrl;
    headers['x-okapi-request-id'] = requestId(path, headers['x-okapi-request-id']);
    if (required.length) headers['x-okapi-permissions-required'] = required.join(',');
    if (desired.length) headers['x-okapi-permissions-desired'] = desired.join(',');
    delete headers['content-length'];
    delete headers.host;
    const body = opts.body === undefined ? '' : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    return this.send(method, path, headers, body, 'chunked');
  }
}
