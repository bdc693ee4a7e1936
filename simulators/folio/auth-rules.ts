// mod-login and mod-permissions as far as a module's system user needs them: logging in, setting a
// user's password, and the permission names a user holds. FOLIO's JSON schemas (which the simulator
// may validate against) have none for these bodies, so the fields are checked here the way RMB does
// (unknown ones refused).
import { randomUUID } from 'node:crypto';
import { metadataFor } from './inventory-rules.ts';
import { SimError } from './sim-error.ts';
import type { SimPermissionUser, SimState, SimUser } from './sim-state.ts';

type Body = Record<string, unknown>;

function knownFields(body: Body, allowed: string[]): void {
  const extra = Object.keys(body).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw SimError.unprocessable(`Unrecognized field "${extra}"`, extra);
}

function text(body: Body, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw SimError.unprocessable(`${field} must be a string`, field, String(v));
  return v;
}

function userById(state: SimState, id: string): SimUser | undefined {
  return state.users.get(id);
}

function userByName(state: SimState, username: string): SimUser | undefined {
  return [...state.users.values()].find((u) => u.username === username);
}

/** POST /authn/login: the username whose password matches; an inactive user may not log in. */
export function authenticate(state: SimState, body: Body): string {
  knownFields(body, ['username', 'password', 'userId']);
  const username = text(body, 'username');
  const password = text(body, 'password');
  if (username === undefined || password === undefined) throw SimError.unprocessable('username and password are required', 'username');
  const stored = state.credentials.get(username);
  if (stored === undefined) throw SimError.unprocessable(`No credentials for username ${username}`, 'username', username);
  if (stored !== password) throw SimError.unprocessable('Password does not match', 'username', username);
  if (userByName(state, username)?.active === false) throw SimError.unprocessable('User must be flagged as active', 'username', username);
  return username;
}

/** POST /authn/credentials {userId | username, password}: a password for a user who has none yet. */
export function createCredentials(state: SimState, body: Body): { id: string; userId: string } {
  knownFields(body, ['username', 'userId', 'password', 'tenant']);
  const password = text(body, 'password');
  if (!password) throw SimError.unprocessable('Password is missing or empty', 'password');
  const userId = text(body, 'userId');
  const named = text(body, 'username');
  const user = userId !== undefined ? userById(state, userId) : named !== undefined ? userByName(state, named) : undefined;
  if (!user) throw SimError.unprocessable(`User ${userId ?? named ?? '(none)'} does not exist`, userId !== undefined ? 'userId' : 'username', userId ?? named);
  if (!user.username) throw SimError.unprocessable(`User ${user.id} has no username`, 'userId', user.id);
  if (named !== undefined && named !== user.username) throw SimError.unprocessable(`Username ${named} does not belong to user ${user.id}`, 'username', named);
  if (state.credentials.has(user.username)) {
    throw SimError.unprocessable(`There already exists credentials for user id '${user.id}'`, 'userId', user.id);
  }
  state.credentials.set(user.username, password);
  return { id: randomUUID(), userId: user.id };
}

/** DELETE /authn/credentials?userId=: removes the user's password (404 when there is none). */
export function deleteCredentials(state: SimState, userId: string | undefined): void {
  if (!userId) throw SimError.badRequest('userId is required');
  const user = userById(state, userId);
  if (!user?.username || !state.credentials.delete(user.username)) throw SimError.notFound(`No credentials for userId ${userId} found`);
}

function permissionNames(body: Body): string[] {
  const list = body.permissions;
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.some((p) => typeof p !== 'string')) {
    throw SimError.unprocessable('permissions must be a list of permission names', 'permissions');
  }
  return [...new Set(list as string[])];
}

/** POST /perms/users {userId, permissions}: one permission user per user. */
export function createPermissionUser(state: SimState, body: Body, now: Date): SimPermissionUser {
  knownFields(body, ['id', 'userId', 'permissions', 'metadata']);
  const userId = text(body, 'userId');
  if (!userId) throw SimError.unprocessable('userId must not be null', 'userId', 'null');
  if ([...state.permissionUsers.values()].some((p) => p.userId === userId)) {
    throw SimError.unprocessable(`Unable to add permissions user: userId ${userId} already has a permissions user`, 'userId', userId);
  }
  const id = text(body, 'id') ?? randomUUID();
  if (state.permissionUsers.has(id)) throw SimError.unprocessable(`id value already exists: ${id}`, 'id', id);
  const record: SimPermissionUser = { id, userId, permissions: permissionNames(body), metadata: metadataFor(now) };
  state.permissionUsers.set(id, record);
  return record;
}

/** `/perms/users/{id}`: by the permission user's id, or by the user's id with `?indexField=userId`. */
export function permissionUser(state: SimState, id: string, indexField: string | undefined): SimPermissionUser {
  const found = indexField === 'userId' ? [...state.permissionUsers.values()].find((p) => p.userId === id) : state.permissionUsers.get(id);
  if (!found) throw SimError.notFound(`No permissions user found with ${indexField === 'userId' ? 'userId' : 'id'} ${id}`);
  return found;
}

/** POST /perms/users/{id}/permissions {permissionName}: refuses a permission the user already holds. */
export function addPermission(state: SimState, id: string, indexField: string | undefined, body: Body): { permissionName: string } {
  knownFields(body, ['permissionName']);
  const permissionName = text(body, 'permissionName');
  if (!permissionName) throw SimError.unprocessable('permissionName must not be null', 'permissionName', 'null');
  const user = permissionUser(state, id, indexField);
  if (user.permissions.includes(permissionName)) {
    throw SimError.unprocessable(`User with id ${user.userId} already has permission ${permissionName}`, 'permissionName', permissionName);
  }
  user.permissions.push(permissionName);
  return { permissionName };
}
