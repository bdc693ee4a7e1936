// The request record's REST API: /resource-sharing/requests.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isOverride, refuseDuplicate } from '../patron/duplicates.ts';
import type { Database } from '../db/database.ts';
import { okapiContext } from '../okapi/context.ts';
import { patronVisibleTo } from './patron-visibility.ts';
import { NotFoundError, ValidationError } from '../okapi/errors.ts';
import { sendCopy, serveCopy } from '../patron/copy-store.ts';
import { readPaging } from '../okapi/paging.ts';
import type { Actor } from './audit.ts';
import { listAudit } from './audit.ts';
import { createRequestSchema, readOnlyFields, updateRequestSchema } from './request-schema.ts';
import { deleteRequest, getRequest, insertRequest, listRequests, mustGetRequest, saveRequest } from './request-store.ts';
import type { Citation, Patron, ResourceSharingRequest, ServiceType } from './request-types.ts';
import { initialRequestState } from './initial-state.ts';
import { checkParties } from './request-parties.ts';
import { readFacets, requestFacets } from './request-facets.ts';
import { uuidParam } from '../okapi/ids.ts';
import { createFingerprint, idempotencyKeyOf, isDuplicateCreate, priorCreate } from './idempotent-create.ts';


interface CreateBody {
  id?: string;
  serviceType?: ServiceType;
  citation: Citation;
  patron?: Patron;
  note?: string;
  requesterSymbol?: string;
  supplierSymbol?: string;
}

type UpdateBody = CreateBody & Partial<Omit<ResourceSharingRequest, keyof CreateBody>> & { _version: number };

export function userActor(req: FastifyRequest): Actor {
  const ctx = okapiContext(req);
  return ctx.userId ? { type: 'user', id: ctx.userId } : { type: 'user' };
}

/** The request as this caller may see it (the patron's identity needs a desired permission). */
export function forCaller(req: FastifyRequest, record: ResourceSharingRequest): ResourceSharingRequest {
  if (!record.patron) return record;
  return { ...record, patron: patronVisibleTo(okapiContext(req), record.patron) };
}

function requestId(raw: string): string {
  return uuidParam('request id', raw);
}

export interface RequestRouteOptions {
  /** runs after a new request is committed (the workflow's automatic first steps) */
  /** the automatic steps after a create; answers the request as they left it, when known */
  afterCreate?: (tenant: string, created: ResourceSharingRequest) => Promise<ResourceSharingRequest | undefined>;
}

export function registerRequestRoutes(app: FastifyInstance, db: Database, opts: RequestRouteOptions = {}): void {
  app.get<{ Querystring: Record<string, string | undefined> }>('/resource-sharing/requests', async (req) => {
    const paging = readPaging(req.query);
    const wantedFacets = readFacets(req.query.facets);
    const page = await listRequests(db, req.tenant, req.query.query, paging);
    const requests = page.requests.map((r) => forCaller(req, r));
    const body: Record<string, unknown> = page.totalRecords === undefined ? { requests } : { requests, totalRecords: page.totalRecords };
    if (wantedFacets.length) {
      body.resultInfo = {
        ...(page.totalRecords === undefined ? {} : { totalRecords: page.totalRecords }),
        facets: await requestFacets(db, req.tenant, req.query.query, wantedFacets),
      };
    }
    return body;
  });

  app.post<{ Body: CreateBody }>(
    '/resource-sharing/requests',
    { schema: { body: createRequestSchema } },
    async (req, reply) => {
      const body = req.body;
      const retry = { key: idempotencyKeyOf(req), id: body.id, fingerprint: createFingerprint(body) };
      // A retried create answers the request the first call made.
      const replay = async (priorId: string) => {
        const prior = await mustGetRequest(db, req.tenant, priorId);
        return reply.code(200).header('location', `/resource-sharing/requests/${priorId}`).header('idempotent-replayed', 'true').send(prior);
      };
      const earlier = await priorCreate(db, req.tenant, retry);
      if (earlier) return replay(earlier);
      const serviceType = body.serviceType ?? 'loan';
      await checkParties(db, req.tenant, body);
      const { stateModel, state } = initialRequestState('borrowing', serviceType);
      if (!isOverride((req.query as Record<string, unknown>).allowDuplicate)) {
        try {
          await refuseDuplicate(db, req.tenant, body.patron, body.citation, serviceType);
        } catch (err) {
          // the same create sent twice at once: its twin committed since the look above, and is the "duplicate"
          const raced = err instanceof ValidationError ? await priorCreate(db, req.tenant, retry) : undefined;
          if (raced) return replay(raced);
          throw err;
        }
      }
      const insert = () => db.transaction((tx) =>
        insertRequest(
          tx,
          req.tenant,
          {
            id: body.id,
            role: 'borrowing',
            state,
            stateModel,
            needsAttention: false,
            serviceType,
            citation: body.citation,
            patron: body.patron,
            ...(body.note ? { note: body.note } : {}),
            requesterSymbol: body.requesterSymbol,
            supplierSymbol: body.supplierSymbol,
          },
          userActor(req),
          { action: 'create' },
          { idempotencyKey: retry.key, fingerprint: retry.fingerprint },
        ),
      );
      let record: ResourceSharingRequest;
      try {
        record = await insert();
      } catch (err) {
        // the same create, sent twice at once: the second finds the first once it has committed
        const raced = isDuplicateCreate(err) ? await priorCreate(db, req.tenant, retry) : undefined;
        if (raced) return replay(raced);
        throw err;
      }
      const current = opts.afterCreate ? ((await opts.afterCreate(req.tenant, record)) ?? (await getRequest(db, req.tenant, record.id)) ?? record) : record;
      return reply.code(201).header('location', `/resource-sharing/requests/${record.id}`).send(current);
    },
  );

  app.get<{ Params: { id: string } }>('/resource-sharing/requests/:id', async (req) =>
    forCaller(req, await mustGetRequest(db, req.tenant, requestId(req.params.id))),
  );

  app.put<{ Params: { id: string }; Body: UpdateBody }>(
    '/resource-sharing/requests/:id',
    { schema: { body: updateRequestSchema } },
    async (req, reply) => {
      const id = requestId(req.params.id);
      const body = req.body;
      if (body.id !== undefined && body.id !== id) {
        throw ValidationError.field('id', body.id, 'The id in the body does not match the id in the path');
      }
      await db.transaction(async (tx) => {
        const current = await mustGetRequest(tx, req.tenant, id);
        await checkParties(tx, req.tenant, body, current);
        for (const field of readOnlyFields) {
          const sent = body[field];
          if (sent !== undefined && JSON.stringify(sent) !== JSON.stringify(current[field])) {
            throw ValidationError.field(
              field,
              sent,
              field === 'state'
                ? 'The state changes only through actions: POST /resource-sharing/requests/{id}/actions/{action}'
                : `${field} is maintained by the module and cannot be changed`,
              'request.readOnlyField',
            );
          }
        }
        const next: ResourceSharingRequest = {
          ...current,
          serviceType: body.serviceType ?? current.serviceType,
          citation: body.citation,
          patron: body.patron,
          note: body.note,
          requesterSymbol: body.requesterSymbol,
          supplierSymbol: body.supplierSymbol,
          _version: body._version,
        };
        const changed = (['serviceType', 'citation', 'patron', 'note', 'requesterSymbol', 'supplierSymbol'] as const).filter(
          (k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]),
        );
        await saveRequest(tx, req.tenant, next, userActor(req), {
          action: 'update',
          message: changed.length ? `changed: ${changed.join(', ')}` : 'no change',
          changes: Object.fromEntries(changed.map((k) => [k, { from: current[k] ?? null, to: next[k] ?? null }])),
        });
      });
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: { id: string } }>('/resource-sharing/requests/:id', async (req, reply) => {
    const id = requestId(req.params.id);
    await db.transaction((tx) => deleteRequest(tx, req.tenant, id));
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>('/resource-sharing/requests/:id/audit', async (req) => {
    const id = requestId(req.params.id);
    await mustGetRequest(db, req.tenant, id);
    const auditRecords = await listAudit(db, req.tenant, id);
    return { auditRecords, totalRecords: auditRecords.length };
  });

  // staff open a copy the library stored for the patron (not counted against the patron's once)
  app.get<{ Params: { id: string } }>('/resource-sharing/requests/:id/copy', async (req, reply) => {
    const id = requestId(req.params.id);
    await mustGetRequest(db, req.tenant, id);
    const copy = await serveCopy(db, req.tenant, id, { count: false });
    if (copy === 'none' || copy === 'gone') throw new NotFoundError('No copy is stored for this request');
    return sendCopy(reply, copy);
  });
}
