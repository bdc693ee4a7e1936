// Calls other FOLIO modules through Okapi: base URL from X-Okapi-Url, the caller's tenant, token
// and request id passed along, a timeout on every call, and non-2xx answers turned into an
// OkapiError carrying the status and FOLIO's own error message.

export interface OkapiClientOptions {
  /** X-Okapi-Url: base URL of the gateway, may end in a path such as /okapi */
  url: string;
  tenant: string;
  token?: string;
  requestId?: string;
  userId?: string;
  /** per-call timeout in milliseconds (default 10 000) */
  timeoutMs?: number;
  /** system-user credentials: used to log in when there is no token, and again once on a 401 */
  login?: { username: string; password: string };
  fetch?: typeof fetch;
}

export type OkapiErrorKind = 'http' | 'timeout' | 'network' | 'bad_response';

export interface OkapiErrorEntry {
  message: string;
  code?: string;
  type?: string;
  parameters?: { key: string; value?: string }[];
}

export class OkapiError extends Error {
  readonly kind: OkapiErrorKind;
  /** HTTP status; 0 when there was no answer */
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** FOLIO errors[] from a JSON error body (empty for text/plain bodies) */
  readonly errors: OkapiErrorEntry[];
  readonly retryable: boolean;

  constructor(kind: OkapiErrorKind, status: number, method: string, path: string, message: string, errors: OkapiErrorEntry[] = []) {
    super(message);
    this.name = 'OkapiError';
    this.kind = kind;
    this.status = status;
    this.method = method;
    this.path = path;
    this.errors = errors;
    this.retryable = kind === 'timeout' || kind === 'network' || status >= 500 || status === 408 || status === 429;
  }
}

export interface OkapiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export type QueryParams = Record<string, string | number | boolean | undefined>;

export interface CallOptions {
  query?: QueryParams;
  body?: unknown;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class OkapiClient {
  readonly url: string;
  readonly tenant: string;
  private token: string | undefined;
  private readonly requestId: string | undefined;
  private readonly userId: string | undefined;
  private readonly timeoutMs: number;
  private readonly loginCredentials: OkapiClientOptions['login'];
  private readonly fetchFn: typeof fetch;

  constructor(opts: OkapiClientOptions) {
    if (!opts.url) throw new Error('OkapiClient needs a URL (X-Okapi-Url)');
    if (!opts.tenant) throw new Error('OkapiClient needs a tenant');
    this.url = opts.url.replace(/\/+$/, '');
    this.tenant = opts.tenant;
    this.token = opts.token;
    this.requestId = opts.requestId;
    this.userId = opts.userId;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.loginCredentials = opts.login;
    this.fetchFn = opts.fetch ?? fetch;
  }

  /** A client for the module's own incoming call: same gateway, tenant, token and request id. */
  static fromContext(
    ctx: { okapiUrl?: string; tenant: string; token?: string; requestId?: string; userId?: string },
    extra: Pick<OkapiClientOptions, 'timeoutMs' | 'fetch'> = {},
  ): OkapiClient {
    if (!ctx.okapiUrl) throw new Error('no X-Okapi-Url on the incoming request');
    return new OkapiClient({ url: ctx.okapiUrl, tenant: ctx.tenant, token: ctx.token, requestId: ctx.requestId, userId: ctx.userId, ...extra });
  }

  /** The current token (after a login, the system user's). */
  get currentToken(): string | undefined {
    return this.token;
  }

  /** POST /authn/login with the configured credentials; keeps the token from the x-okapi-token header. */
  async login(): Promise<string> {
    const creds = this.loginCredentials;
    if (!creds) throw new Error('OkapiClient has no login credentials');
    const res = await this.send<{ okapiToken?: string }>('POST', '/authn/login', { body: creds }, false);
    const token = res.headers.get('x-okapi-token') ?? res.body?.okapiToken;
    if (!token) throw new OkapiError('bad_response', res.status, 'POST', '/authn/login', 'login answered without a token');
    this.token = token;
    return token;
  }

  async get<T>(path: string, query?: QueryParams): Promise<T> {
    return (await this.request<T>('GET', path, { query })).body;
  }

  async post<T>(path: string, body: unknown, query?: QueryParams): Promise<T> {
    return (await this.request<T>('POST', path, { body, query })).body;
  }

  async put<T>(path: string, body: unknown): Promise<T> {
    return (await this.request<T>('PUT', path, { body })).body;
  }

  async delete(path: string): Promise<void> {
    await this.request<unknown>('DELETE', path);
  }

  /** One call; logs in first when credentials are set and no token is held, and once more on a 401. */
  async request<T>(method: string, path: string, opts: CallOptions = {}): Promise<OkapiResponse<T>> {
    if (!this.token && this.loginCredentials) await this.login();
    try {
      return await this.send<T>(method, path, opts, true);
    } catch (e) {
      if (e instanceof OkapiError && e.status === 401 && this.loginCredentials) {
        await this.login();
        return this.send<T>(method, path, opts, true);
      }
      throw e;
    }
  }

  private headers(hasBody: boolean): Record<string, string> {
    const h: Record<string, string> = { 'x-okapi-tenant': this.tenant, accept: 'application/json, text/plain' };
    if (this.token) h['x-okapi-token'] = this.token;
    if (this.requestId) h['x-okapi-request-id'] = this.requestId;
    if (this.userId) h['x-okapi-user-id'] = this.userId;
    if (hasBody) h['content-type'] = 'application/json';
    return h;
  }

  private async send<T>(method: string, path: string, opts: CallOptions, withToken: boolean): Promise<OkapiResponse<T>> {
    const target = this.url + (path.startsWith('/') ? path : `/${path}`) + queryString(opts.query);
    const hasBody = opts.body !== undefined;
    const headers = this.headers(hasBody);
    if (!withToken) delete headers['x-okapi-token'];
    const controller = new AbortController();
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(target, {
        method,
        headers,
        body: hasBody ? JSON.stringify(opts.body) : undefined,
        signal: controller.signal,
      });
      text = await res.text();
    } catch (e) {
      if (controller.signal.aborted) {
        throw new OkapiError('timeout', 0, method, path, `${method} ${path}: no answer within ${timeoutMs} ms`);
      }
      const reason = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
      throw new OkapiError('network', 0, method, path, `${method} ${path}: ${reason}`);
    } finally {
      clearTimeout(timer);
    }
    if (res.status < 200 || res.status > 299) {
      const { message, errors } = describeErrorBody(text, res.headers.get('content-type'));
      throw new OkapiError('http', res.status, method, path, message || `${method} ${path}: HTTP ${res.status}`, errors);
    }
    let body: unknown = undefined;
    if (text !== '' && (res.headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        throw new OkapiError('bad_response', res.status, method, path, `${method} ${path}: answer is not JSON`);
      }
    } else if (text !== '') {
      body = text;
    }
    return { status: res.status, headers: res.headers, body: body as T };
  }
}

function queryString(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** FOLIO answers errors as `{"errors":[{"message":...}]}` (422) or as text/plain (400, 404, 500). */
export function describeErrorBody(text: string, contentType: string | null): { message: string; errors: OkapiErrorEntry[] } {
  const trimmed = text.trim();
  if ((contentType ?? '').includes('json') || trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed && typeof parsed === 'object') {
        const obj = parsed as { errors?: unknown; message?: unknown };
        if (Array.isArray(obj.errors)) {
          const errors = obj.errors.filter(
            (e): e is OkapiErrorEntry => !!e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string',
          );
          return { message: errors.map((e) => e.message).join('; '), errors };
        }
        if (typeof obj.message === 'string') return { message: obj.message, errors: [{ message: obj.message }] };
      }
    } catch {
      // fall through to the text
    }
  }
  return { message: trimmed.slice(0, 500), errors: [] };
}

/** CQL string literal for an exact match (`field=="value"`): quotes, backslashes and masking characters escaped. */
export function cqlString(value: string): string {
  return `"${value.replace(/[\\"*?^]/g, (c) => `\\${c}`)}"`;
}
