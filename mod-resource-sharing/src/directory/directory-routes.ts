// /resource-sharing/directory: entries (CRUD, CQL list), import and export as JSON, and the
// tenant's own entry published for partners at /resource-sharing/directory/self (public).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { hasDesiredPermission, okapiContext } from '../okapi/context.ts';
import { HttpError, NotFoundError, ValidationError } from '../okapi/errors.ts';
import { readPaging } from '../okapi/paging.ts';
import { exportEntries, importEntries } from './directory-import.ts';
import { createEntry, deleteEntry, findSelfEntry, listEntries, mustGetEntry, updateEntry } from './directory-store.ts';
import type { DirectoryEntryInput } from './directory-types.ts';
import { entryErrors } from './entry-validation.ts';
import { publicEntry } from './partners.ts';
import { maskSecrets, SECRETS_VIEW_PERMISSION } from './secrets.ts';
import { throwIfAny } from './validation.ts';
import { uuidParam } from '../okapi/ids.ts';
import { unreachablePartners } from '../outbox/index.ts';
import { getSettings } from '../settings/settings-store.ts';
import type { Sql } from '../db/database.ts';

/**
 * Entries of partners we have not been able to reach for longer than the library's attention
 * threshold (`deliveryAttentionMinutes`) get
 * `reachability: {unreachableSince, lastError, nextAttemptAt, waiting}` (read-only; from the outbox).
 */
async function withReachability<E extends { symbols: { authority: string; symbol: string }[] }>(sql: Sql, tenant: string, entries: E[]): Promise<E[]> {
  const { deliveryAttentionMinutes } = await getSettings(sql, tenant);
  const down = await unreachablePartners(sql, tenant, new Date(Date.now() - deliveryAttentionMinutes * 60_000));
  if (!down.size) return entries;
  return entries.map((e) => {
    const hit = e.symbols.map((s) => down.get(`${s.authority}:${s.symbol}`.toUpperCase())).find(Boolean);
    return hit ? { ...e, reachability: { unreachableSince: hit.since, lastError: hit.lastError, nextAttemptAt: hit.nextAttemptAt, waiting: hit.waiting } } : e;
  });
}


function entryId(raw: string): string {
  return uuidParam('directory entry id', raw);
}

const userOf = (req: FastifyRequest) => okapiContext(req).userId;
/** Shared secrets are shown only to holders of the desired permission (see secrets.ts). */
const seesSecrets = (req: FastifyRequest) => hasDesiredPermission(okapiContext(req), SECRETS_VIEW_PERMISSION);

export function registerDirectoryRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Querystring: Record<string, string | undefined> }>('/resource-sharing/directory/entries', async (req) => {
    const page = await listEntries(db, req.tenant, req.query.query, readPaging(req.query));
    const entries = await withReachability(db, req.tenant, seesSecrets(req) ? page.entries : page.entries.map(maskSecrets));
    return page.totalRecords === undefined ? { entries } : { ...page, entries };
  });

  app.post<{ Body: unknown }>('/resource-sharing/directory/entries', async (req, reply) => {
    throwIfAny(entryErrors(req.body));
    const entry = await db.transaction((tx) => createEntry(tx, req.tenant, req.body as DirectoryEntryInput, { userId: userOf(req) }));
    return reply.code(201).header('location', `/resource-sharing/directory/entries/${entry.id}`).send(entry);
  });

  app.get<{ Params: { id: string } }>('/resource-sharing/directory/entries/:id', async (req) => {
    const entry = await mustGetEntry(db, req.tenant, entryId(req.params.id));
    const [shown] = await withReachability(db, req.tenant, [seesSecrets(req) ? entry : maskSecrets(entry)]);
    return shown;
  });

  app.put<{ Params: { id: string }; Body: unknown }>('/resource-sharing/directory/entries/:id', async (req, reply) => {
    const id = entryId(req.params.id);
    throwIfAny(entryErrors(req.body));
    const body = req.body as DirectoryEntryInput;
    if (body.id !== undefined && body.id !== id) {
      throw ValidationError.field('id', body.id, 'The id in the body does not match the id in the path');
    }
    await db.transaction((tx) => updateEntry(tx, req.tenant, id, body, { userId: userOf(req) }));
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string } }>('/resource-sharing/directory/entries/:id', async (req, reply) => {
    const id = entryId(req.params.id);
    await db.transaction((tx) => deleteEntry(tx, req.tenant, id));
    return reply.code(204).send();
  });

  app.post<{ Body: unknown }>('/resource-sharing/directory/import', async (req) =>
    db.transaction((tx) => importEntries(tx, req.tenant, req.body, userOf(req))),
  );

  app.get<{ Querystring: { includeSecrets?: string } }>('/resource-sharing/directory/export', async (req, reply) => {
    const includeSecrets = req.query.includeSecrets === 'true';
    if (includeSecrets && !seesSecrets(req)) {
      throw new HttpError(403, `includeSecrets=true needs the permission ${SECRETS_VIEW_PERMISSION}`);
    }
    const body = await exportEntries(db, req.tenant, includeSecrets);
    return reply.header('content-disposition', `attachment; filename="directory-${req.tenant}.json"`).send(body);
  });

  // Public (no permission): partners fetch our entry instead of typing it in.
  app.get('/resource-sharing/directory/self', async (req) => {
    const self = await findSelfEntry(db, req.tenant);
    if (!self) throw new NotFoundError('This library has not marked its own directory entry (self: true)');
    return publicEntry(self);
  });
}
