import { createStripes, type Stripes, type StripesUser, type StripesUserRecord } from '../core/stripes';

// The Okapi session of the standalone host: login, persistence, and the `stripes` object built from it.

export interface Session {
  okapiUrl: string;
  tenant: string;
  /** absent in dev mode: calls then carry only X-Okapi-Tenant */
  token?: string;
  user: StripesUserRecord;
  /** undefined = the server reported none: all permissions are assumed (like `stripes serve --hasAllPerms`) */
  perms?: string[];
  locale: string;
  devMode: boolean;
}

export class LoginError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

interface LoginResponseBody {
  okapiToken?: string;
  accessToken?: string;
  user?: Partial<StripesUserRecord>;
  permissions?: { permissions?: Array<string | { permissionName: string }> } | string[];
}

function permissionNames(body: LoginResponseBody): string[] | undefined {
  const p = body.permissions;
  const list = Array.isArray(p) ? p : p?.permissions;
  if (!list) return undefined;
  return list.map((x) => (typeof x === 'string' ? x : x.permissionName));
}

/**
 * `POST {okapiUrl}/authn/login` with `X-Okapi-Tenant`. The token comes from the `x-okapi-token`
 * header or `okapiToken`/`accessToken` in the body; user and permissions from the body when the
 * server includes them (bl-users shape: `user`, `permissions.permissions`).
 */
export async function login(okapiUrl: string, tenant: string, username: string, password: string, locale: string): Promise<Session> {
  const response = await fetch(`${okapiUrl}/authn/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Okapi-Tenant': tenant },
    credentials: 'include',
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) {
    throw new LoginError(await response.text().catch(() => ''), response.status);
  }
  const text = await response.text();
  let body: LoginResponseBody = {};
  try {
    body = text ? (JSON.parse(text) as LoginResponseBody) : {};
  } catch {
    body = {};
  }
  const token = response.headers.get('x-okapi-token') ?? body.okapiToken ?? body.accessToken ?? undefined;
  return {
    okapiUrl,
    tenant,
    token,
    user: { id: body.user?.id ?? username, username: body.user?.username ?? username, ...body.user } as StripesUserRecord,
    perms: permissionNames(body),
    locale,
    devMode: false,
  };
}

/** Token-less development session. */
export function devSession(okapiUrl: string, tenant: string, username: string, locale: string): Session {
  const name = username || 'dev';
  return { okapiUrl, tenant, user: { id: name, username: name }, locale, devMode: true };
}

const STORAGE_KEY = 'ui-resource-sharing.standalone.session';

export function saveSession(session: Session | undefined): void {
  if (typeof localStorage === 'undefined') return;
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
}

export function loadSession(): Session | undefined {
  if (typeof localStorage === 'undefined') return undefined;
  const raw = localStorage.getItem(STORAGE_KEY);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return undefined;
  }
}

/** The interfaces this host provides (no discovery without Okapi): the module's, and `users` (the demo answers `GET /users` for its staff). */
export const KNOWN_INTERFACES: Record<string, string> = { 'resource-sharing': '1.0', users: '16.0' };

export function stripesForSession(session: Session, platformName = 'FOLIO', interfaces: Record<string, string> = KNOWN_INTERFACES): Stripes {
  const user: StripesUser = {
    user: session.user,
    perms: Object.fromEntries((session.perms ?? []).map((p) => [p, true])),
  };
  return createStripes({
    okapi: { url: session.okapiUrl, tenant: session.tenant, token: session.token, locale: session.locale },
    user,
    locale: session.locale,
    config: { hasAllPerms: session.perms === undefined, platformName },
    interfaces,
  });
}
