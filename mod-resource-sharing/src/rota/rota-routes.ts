// /resource-sharing/rotas: rota profiles (CRUD, CQL list) and the preview of a ranked rota;
// /resource-sharing/statistics: per-partner numbers and our lending capacity.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { compileChecker, fieldError, throwIfAny } from '../directory/validation.ts';
import { okapiContext } from '../okapi/context.ts';
import { readPaging } from '../okapi/paging.ts';
import { citationSchema, patronSchema } from '../requests/request-schema.ts';
import { mustGetRequest } from '../requests/request-store.ts';
import { buildRota } from './build-rota.ts';
import { lendingCapacity } from './lending-capacity.ts';
import { partnerStatistics } from './partner-statistics.ts';
import { predictionStatistics, readMonths } from './prediction-statistics.ts';
import { createProfile, deleteProfile, getProfile, listProfiles, mustGetProfile, updateProfile } from './profile-store.ts';
import type { RotaRequest } from './rota-types.ts';
import { uuidParam } from '../okapi/ids.ts';



const previewChecker = compileChecker({
  type: 'object',
  additionalProperties: false,
  required: ['citation'],
  properties: {
    serviceType: { type: 'string', enum: ['loan', 'copy'] },
    citation: citationSchema,
    patron: patronSchema,
    profileId: { type: 'string', format: 'uuid' },
  },
});

/** A preview for a profile that does not exist names the field (422), like any bad body value. */
async function knownProfile(db: Database, tenant: string, profileId: string | undefined): Promise<string | undefined> {
  if (profileId !== undefined && !(await getProfile(db, tenant, profileId))) {
    throwIfAny([fieldError('profileId', profileId, `profileId: no rota profile ${profileId}`, 'rota.unknownProfile')]);
  }
  return profileId;
}

/** Builds what the preview shows; the server gives the broker-aware one (src/broker/routing.ts). */
export type RotaPreviewer = (db: Database, tenant: string, request: RotaRequest, opts: { profileId?: string }) => Promise<unknown>;

export function registerRotaRoutes(app: FastifyInstance, db: Database, opts: { preview?: RotaPreviewer } = {}): void {
  const preview: RotaPreviewer = opts.preview ?? buildRota;
  app.get<{ Querystring: Record<string, string | undefined> }>('/resource-sharing/rotas', async (req) => {
    const page = await listProfiles(db, req.tenant, req.query.query, readPaging(req.query));
    return page.totalRecords === undefined ? { rotas: page.rotas } : page;
  });

  app.post<{ Body: unknown }>('/resource-sharing/rotas', async (req, reply) => {
    const profile = await db.transaction((tx) => createProfile(tx, req.tenant, req.body, okapiContext(req).userId));
    return reply.code(201).header('location', `/resource-sharing/rotas/${profile.id}`).send(profile);
  });

  // Registered before /rotas/:id; fastify prefers the static path anyway.
  app.get<{ Querystring: { requestId?: string; profileId?: string } }>('/resource-sharing/rotas/preview', async (req) => {
    const request = await mustGetRequest(db, req.tenant, uuidParam('requestId', req.query.requestId));
    if (request.role !== 'borrowing') {
      throwIfAny([fieldError('requestId', request.id, 'A rota is built for borrowing requests only', 'rota.notBorrowing')]);
    }
    const profileId = req.query.profileId ? uuidParam('profileId', req.query.profileId) : undefined;
    return preview(db, req.tenant, request, { profileId: await knownProfile(db, req.tenant, profileId) });
  });

  app.post<{ Body: unknown }>('/resource-sharing/rotas/preview', async (req) => {
    throwIfAny(previewChecker.errors(req.body));
    const body = req.body as RotaRequest & { profileId?: string };
    return preview(db, req.tenant, body, { profileId: await knownProfile(db, req.tenant, body.profileId) });
  });

  app.get<{ Params: { id: string } }>('/resource-sharing/rotas/:id', async (req) =>
    mustGetProfile(db, req.tenant, uuidParam('id', req.params.id)),
  );

  app.put<{ Params: { id: string }; Body: unknown }>('/resource-sharing/rotas/:id', async (req, reply) => {
    const id = uuidParam('id', req.params.id);
    await db.transaction((tx) => updateProfile(tx, req.tenant, id, req.body, okapiContext(req).userId));
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string } }>('/resource-sharing/rotas/:id', async (req, reply) => {
    const id = uuidParam('id', req.params.id);
    await db.transaction((tx) => deleteProfile(tx, req.tenant, id));
    return reply.code(204).send();
  });

  app.get('/resource-sharing/statistics/partners', async (req) => {
    const partners = await partnerStatistics(db, req.tenant);
    return { partners, totalRecords: partners.length };
  });

  app.get<{ Querystring: { months?: string } }>('/resource-sharing/statistics/predictions', async (req) =>
    predictionStatistics(db, req.tenant, readMonths(req.query.months)),
  );

  app.get('/resource-sharing/statistics/lending-capacity', async (req) => lendingCapacity(db, req.tenant));
}
