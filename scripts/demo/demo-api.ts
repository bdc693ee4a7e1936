// A small JSON client for one demo tenant, talking to the module over HTTP like the UI does.

export interface ApiResult<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export interface DemoApi {
  tenant: string;
  get<T = Record<string, unknown>>(path: string): Promise<ApiResult<T>>;
  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<ApiResult<T>>;
  put<T = Record<string, unknown>>(path: string, body?: unknown): Promise<ApiResult<T>>;
}

/** The user id the demo's own set-up steps are recorded under in the audit trail. */
export const DEMO_SETUP_USER = '00000000-0000-4000-8000-00000000de00';

export function demoApi(baseUrl: string, tenant: string): DemoApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        'x-okapi-tenant': tenant,
        'x-okapi-user-id': DEMO_SETUP_USER,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, body: parsed as T };
  }
  return {
    tenant,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
  };
}

/** Throws with the server's answer unless the status is one of `ok`. */
export function expectStatus<T>(res: ApiResult<T>, ok: number[], what: string): ApiResult<T> {
  if (!ok.includes(res.status)) throw new Error(`demo set-up: ${what} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
  return res;
}
