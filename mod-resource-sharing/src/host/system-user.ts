// The FOLIO system user the module's background work (partner messages, timers) logs in as.
// Enabling the module for a tenant creates it, FOLIO's usual way: find the user by username,
// create it when missing, set its password through mod-login, and give it the permissions the
// background work needs through mod-permissions. Enabling again changes nothing; an upgrade adds
// permissions a newer version needs.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/database.ts';
import { cqlString, OkapiClient, OkapiError } from '../okapi/okapi-client.ts';
import type { TenantHook } from '../okapi/tenant-api.ts';
import { getSettings } from '../settings/settings-store.ts';
import { schemaOf } from '../db/tenant-schema.ts';

export const DEFAULT_SYSTEM_USER_NAME = 'mod-resource-sharing';

export interface SystemUserCredentials {
  username: string;
  password: string;
}

/**
 * The system user named by SYSTEM_USER_NAME / SYSTEM_USER_PASSWORD. Without a password there is
 * none; with a password alone the name is `mod-resource-sharing`.
 */
export function systemUserFromEnv(env: NodeJS.ProcessEnv): SystemUserCredentials | undefined {
  const password = env.SYSTEM_USER_PASSWORD;
  if (!password) return undefined;
  return { username: env.SYSTEM_USER_NAME || DEFAULT_SYSTEM_USER_NAME, password };
}

/**
 * What the system user may do: the union of the descriptor's `modulePermissions` on the `_timer`
 * handlers and on the ISO 18626 endpoint (the work that runs without a staff token). The
 * system-user test checks this list against the descriptor.
 */
export const SYSTEM_USER_PERMISSIONS: readonly string[] = [
  'circulation.check-in-by-barcode.post',
  'circulation.check-out-by-barcode.post',
  'circulation.loans.change-due-date.post',
  'circulation.loans.collection.get',
  'circulation.renew-by-id.post',
  'circulation.requests.collection.get',
  'circulation.requests.item.get',
  'circulation.requests.item.post',
  'circulation.requests.item.put',
  'email.message.post',
  'inventory-storage.holdings.collection.get',
  'inventory-storage.holdings.item.delete',
  'inventory-storage.holdings.item.get',
  'inventory-storage.holdings.item.post',
  'inventory-storage.instances.collection.get',
  'inventory-storage.instances.item.delete',
  'inventory-storage.instances.item.get',
  'inventory-storage.instances.item.post',
  'inventory-storage.items.collection.get',
  'inventory-storage.items.item.delete',
  'inventory-storage.items.item.get',
  'inventory-storage.items.item.post',
  'inventory-storage.service-points.collection.get',
  'patron-blocks.automated-patron-blocks.collection.get',
  'users.collection.get',
];

export interface SystemUserResult {
  userId: string;
  /** the user record was created now */
  created: boolean;
  /** an inactive user was made active again */
  reactivated: boolean;
  /** the password was (re)set: new user, no credentials yet, or a changed password */
  credentialsSet: boolean;
  /** permissions given now (empty when it already had them all) */
  permissionsAdded: string[];
}

/** Setting up the system user failed; the message names the step and FOLIO's answer. */
export class SystemUserError extends Error {
  readonly status?: number;
  constructor(message: string, opts: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'SystemUserError';
    this.status = opts.status;
  }
}

interface FolioUser {
  id: string;
  username?: string;
  active?: boolean;
  [field: string]: unknown;
}

interface PermissionUser {
  id: string;
  userId: string;
  permissions?: string[];
}

/** Runs one step; an OkapiError becomes a SystemUserError naming the user and the step. */
async function step<T>(username: string, what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof OkapiError) {
      const status = e.status ? ` (HTTP ${e.status})` : '';
      throw new SystemUserError(`System user ${username}: ${what} failed: ${e.message}${status}`, { status: e.status || undefined, cause: e });
    }
    throw e;
  }
}

async function findUser(client: OkapiClient, username: string): Promise<FolioUser | undefined> {
  const found = await client.get<{ users?: FolioUser[] }>('/users', { query: `username==${cqlString(username)}`, limit: 2 });
  return found.users?.[0];
}

async function createUser(client: OkapiClient, username: string): Promise<FolioUser> {
  const user: FolioUser = { id: randomUUID(), username, active: true, type: 'system', personal: { lastName: 'System', firstName: username } };
  const created = await client.post<FolioUser | undefined>('/users', user);
  return created && typeof created === 'object' && typeof created.id === 'string' ? created : user;
}

/** True when FOLIO accepts the password (a 4xx answer means it does not). */
async function passwordWorks(client: OkapiClient, creds: SystemUserCredentials): Promise<boolean> {
  const probe = new OkapiClient({ url: client.url, tenant: client.tenant, login: creds });
  try {
    await probe.login();
    return true;
  } catch (e) {
    if (e instanceof OkapiError && e.kind === 'http' && e.status >= 400 && e.status < 500) return false;
    throw e;
  }
}

async function setCredentials(client: OkapiClient, userId: string, creds: SystemUserCredentials, replace: boolean): Promise<void> {
  if (replace) {
    try {
      await client.request('DELETE', '/authn/credentials', { query: { userId } });
    } catch (e) {
      if (!(e instanceof OkapiError && e.status === 404)) throw e;
    }
  }
  await client.post('/authn/credentials', { username: creds.username, userId, password: creds.password });
}

async function grantPermissions(client: OkapiClient, userId: string, wanted: readonly string[]): Promise<string[]> {
  const found = await client.get<{ permissionUsers?: PermissionUser[] }>('/perms/users', { query: `userId==${cqlString(userId)}`, limit: 2 });
  const permsUser = found.permissionUsers?.[0];
  if (!permsUser) {
    await client.post('/perms/users', { userId, permissions: [...wanted] });
    return [...wanted];
  }
  const held = new Set(permsUser.permissions ?? []);
  const missing = wanted.filter((p) => !held.has(p));
  for (const permissionName of missing) {
    await client.post(`/perms/users/${encodeURIComponent(permsUser.id)}/permissions`, { permissionName });
  }
  return missing;
}

/**
 * Makes sure the system user exists, is active, logs in with `creds.password` and holds
 * `permissions`. `client` carries the caller's token (Okapi's, on `/_/tenant`), which needs
 * users.collection.get, users.item.post, users.item.put, login.item.post, login.item.delete,
 * perms.users.get, perms.users.item.post and perms.users.assign.immutable.
 */
export async function ensureSystemUser(
  client: OkapiClient,
  creds: SystemUserCredentials,
  permissions: readonly string[] = SYSTEM_USER_PERMISSIONS,
): Promise<SystemUserResult> {
  const { username } = creds;
  let user = await step(username, 'looking up the user (GET /users)', () => findUser(client, username));
  let created = false;
  let reactivated = false;
  if (!user) {
    user = await step(username, 'creating the user (POST /users)', () => createUser(client, username));
    created = true;
  } else if (user.active === false) {
    const active = { ...user, active: true };
    await step(username, 'reactivating the user (PUT /users)', () => client.put(`/users/${encodeURIComponent(active.id)}`, active));
    reactivated = true;
  }
  const userId = user.id;
  let credentialsSet = false;
  if (created) {
    await step(username, 'setting the password (POST /authn/credentials)', () => setCredentials(client, userId, creds, false));
    credentialsSet = true;
  } else if (!(await step(username, 'logging in (POST /authn/login)', () => passwordWorks(client, creds)))) {
    await step(username, 'setting the password (POST /authn/credentials)', () => setCredentials(client, userId, creds, true));
    credentialsSet = true;
  }
  const permissionsAdded = await step(username, 'granting permissions (/perms/users)', () => grantPermissions(client, userId, permissions));
  return { userId, created, reactivated, credentialsSet, permissionsAdded };
}

function summary(username: string, r: SystemUserResult): string {
  const done: string[] = [];
  if (r.created) done.push('created');
  if (r.reactivated) done.push('reactivated');
  if (r.credentialsSet) done.push('password set');
  if (r.permissionsAdded.length) done.push(`${r.permissionsAdded.length} permission(s) granted`);
  return `${username}: ${done.length ? done.join(', ') : 'already set up'}`;
}

/** False while enabling a version older than the settings table (an upgrade from 0.1 starts there). */
async function hasSettings(tx: Sql, tenant: string): Promise<boolean> {
  const { rows } = await tx.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [`${schemaOf(tenant)}.settings`]);
  return rows[0]?.present === true;
}

/**
 * What enabling says when the module has no system user: host steps of background work would
 * otherwise fail later with "No FOLIO system user".
 */
export const NO_SYSTEM_USER_WARNING =
  'no FOLIO system user: SYSTEM_USER_PASSWORD is not set. Timers and partner messages cannot call FOLIO ' +
  '(their host steps fail with "No FOLIO system user") unless the tenant\'s settings name folioHost.systemUser. ' +
  'Set SYSTEM_USER_NAME and SYSTEM_USER_PASSWORD for the module and enable it again; a library whose host ' +
  'system is NCIP or none needs no system user.';

/**
 * The `/_/tenant` set-up hook: with SYSTEM_USER_PASSWORD set and an Okapi URL known (the call's
 * X-Okapi-Url, else the tenant's `folioHost.okapiUrl` setting), makes sure the system user is
 * there. Any failure fails the enable with a message naming the step.
 */
export function systemUserTenantHook(env: () => NodeJS.ProcessEnv = () => process.env): TenantHook {
  return {
    name: 'system user',
    async run(tx: Sql, tenant: string, { context }) {
      const creds = systemUserFromEnv(env());
      if (!creds) {
        const own = (await hasSettings(tx, tenant)) ? (await getSettings(tx, tenant)).folioHost?.systemUser : undefined;
        if (own?.username && own.password) return `skipped: the settings name folioHost.systemUser ${own.username}`;
        return { warning: NO_SYSTEM_USER_WARNING };
      }
      const settings = context.okapiUrl ? undefined : await getSettings(tx, tenant);
      const url = context.okapiUrl ?? settings?.folioHost?.okapiUrl;
      if (!url) return 'skipped: no X-Okapi-Url';
      const client = new OkapiClient({
        url,
        tenant,
        token: context.token,
        requestId: context.requestId,
        timeoutMs: settings?.folioHost?.timeoutMs,
      });
      return summary(creds.username, await ensureSystemUser(client, creds));
    },
  };
}
