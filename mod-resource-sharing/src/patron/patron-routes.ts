// The patron-facing API: public in the descriptor (patrons have no staff login), each call
// identified by a patron token. A patron reads an OpenURL into a form, places a request, sees
// their own requests with a status they understand, and renews a loan.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { NotFoundError, ValidationError } from '../okapi/errors.ts';
import { citationSchema } from '../requests/request-schema.ts';
import { insertRequest, mustGetRequest } from '../requests/request-store.ts';
import type { Citation, ResourceSharingRequest, ServiceType } from '../requests/request-types.ts';
import { getSettings } from '../settings/settings-store.ts';
import { availableActions, findState, getModel, modelFor } from '../statemodel/index.ts';
import { parseOpenUrl } from './openurl.ts';
import { patronSettings } from './patron-settings.ts';
import { patronTokenOf, verifyPatronToken, type PatronIdentity } from './patron-token.ts';
import { isUuid } from '../okapi/ids.ts';

export interface PatronRouteOptions {
  afterCreate?: (tenant: string, requestId: string) => Promise<void>;
  renew?: (tenant: string, requestId: string, patron: PatronIdentity) => Promise<void>;
}

const createSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['citation'],
  properties: {
    citation: citationSchema,
    serviceType: { type: 'string', enum: ['loan', 'copy'] },
    pickupLocation: { type: 'string', maxLength: 200 },
    neededBefore: { type: 'string', format: 'date' },
    notes: { type: 'string', maxLength: 2000 },
  },
} as const;

interface CreateBody {
  citation: Citation;
  serviceType?: ServiceType;
  pickupLocation?: string;
  neededBefore?: string;
  notes?: string;
}

/**
 * Received from the lender: on the hold shelf waiting for the patron, or lent to them. The library
 * system tells which (its hold-shelf check-in and the patron's loan); without one we cannot know.
 */
function withPatron(r: ResourceSharingRequest): 'awaitingPickup' | 'onLoan' | 'received' {
  const host = r.hostRecords;
  if (host?.patronLoanId) return 'onLoan';
  if (host?.onHoldShelf && r.state === 'REQ_RECEIVED') return 'awaitingPickup';
  return 'received';
}

/** What a patron sees of a request: no partner internals, a status code the UI translates. */
function patronView(r: ResourceSharingRequest) {
  const model = getModel(r.stateModel);
  const state = findState(model, r.state);
  const status =
    state?.stage === 'completed'
      ? r.state.includes('CANCEL')
        ? 'cancelled'
        : r.state.includes('COMPLETE') || r.state.includes('DELIVERED')
          ? 'completed'
          : 'closed'
      : state?.stage === 'shipped'
        ? r.state === 'REQ_RECEIVED' || r.state === 'REQ_OVERDUE' || r.state === 'REQ_RECALLED' || r.state === 'REQ_RENEW_PENDING'
          ? withPatron(r)
          : r.state === 'REQ_SHIPPED'
            ? 'inTransit'
            : 'returned'
        : state?.stage === 'active'
          ? 'requested'
          : 'submitted';
  return {
    id: r.id,
    hrid: r.hrid,
    title: r.citation.title,
    author: r.citation.author,
    serviceType: r.serviceType,
    status,
    stateName: state?.displayName ?? r.state,
    pickupLocation: r.patron?.pickupLocation,
    neededBefore: r.patron?.neededBefore,
    dueDate: r.patronDueDate ?? r.dueDate,
    documentUrl: r.documentUrl,
    canRenew: availableActions(model, r.state, 'staff').some((a) => a.code === 'renew'),
    createdDate: r.metadata.createdDate,
  };
}

/** The patron a call is made by (its patron token), when the library takes patron requests. */
export async function patronOfRequest(db: Database, req: FastifyRequest) {
  const settings = patronSettings(await getSettings(db, req.tenant));
  if (!settings.enabled) throw new NotFoundError('This library does not take patron requests here');
  const patron = await verifyPatronToken(settings.tokenSecret, patronTokenOf(req.headers));
  return { settings, patron };
}

export function registerPatronRoutes(app: FastifyInstance, db: Database, opts: PatronRouteOptions = {}): void {
  const patronOf = (req: FastifyRequest) => patronOfRequest(db, req);

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>('/resource-sharing/patron/openurl', async (req) =>
    parseOpenUrl(req.query),
  );

  app.get('/resource-sharing/patron/pickup-locations', async (req) => {
    const settings = patronSettings(await getSettings(db, req.tenant));
    if (!settings.enabled) throw new NotFoundError('This library does not take patron requests here');
    return { pickupLocations: settings.pickupLocations, totalRecords: settings.pickupLocations.length };
  });

  app.post<{ Body: CreateBody }>('/resource-sharing/patron/requests', { schema: { body: createSchema } }, async (req, reply) => {
    const { settings, patron } = await patronOf(req);
    const body = req.body;
    const locations = settings.pickupLocations;
    if (locations.length && !locations.some((l) => l.code === body.pickupLocation)) {
      throw ValidationError.field('pickupLocation', body.pickupLocation ?? '', 'Choose one of the pickup locations offered', 'patron.pickupLocation');
    }
    if (body.neededBefore && body.neededBefore < new Date().toISOString().slice(0, 10)) {
      throw ValidationError.field('neededBefore', body.neededBefore, 'The needed-before date has already passed', 'patron.neededBeforePast');
    }
    const serviceType = body.serviceType ?? 'loan';
    const model = modelFor('borrowing', serviceType);
    const record = await db.transaction((tx) =>
      insertRequest(
        tx,
        req.tenant,
        {
          role: 'borrowing',
          state: model.initialState,
          stateModel: model.id,
          needsAttention: false,
          serviceType,
          citation: body.citation,
          patron: {
            barcode: patron.barcode,
            ...(patron.id ? { id: patron.id } : {}),
            ...(patron.name ? { name: patron.name } : {}),
            ...(body.pickupLocation ? { pickupLocation: body.pickupLocation } : {}),
            ...(body.neededBefore ? { neededBefore: body.neededBefore } : {}),
            ...(body.notes ? { notes: body.notes } : {}),
          },
        },
        { type: 'user', id: `patron:${patron.barcode}` },
        { action: 'create', message: 'placed by the patron' },
      ),
    );
    if (opts.afterCreate) await opts.afterCreate(req.tenant, record.id);
    const current = await mustGetRequest(db, req.tenant, record.id);
    return reply.code(201).header('location', `/resource-sharing/patron/requests/${record.id}`).send(patronView(current));
  });

  app.get('/resource-sharing/patron/requests', async (req) => {
    const { patron } = await patronOf(req);
    const { rows } = await db.query<{ id: string; version: number; jsonb: ResourceSharingRequest }>(
      `SELECT id, version, jsonb FROM ${schemaOf(req.tenant)}.requests
       WHERE role = 'borrowing' AND jsonb->'patron'->>'barcode' = $1 ORDER BY created_date DESC LIMIT 200`,
      [patron.barcode],
    );
    const requests = rows.map((r) => patronView({ ...r.jsonb, id: r.id, _version: r.version }));
    return { requests, totalRecords: requests.length };
  });

  app.post<{ Params: { id: string } }>('/resource-sharing/patron/requests/:id/renew', async (req) => {
    const { patron } = await patronOf(req);
    if (!isUuid(req.params.id)) throw new NotFoundError('No such request');
    const request = await mustGetRequest(db, req.tenant, req.params.id).catch(() => null);
    if (!request || request.role !== 'borrowing' || request.patron?.barcode !== patron.barcode) throw new NotFoundError('No such request');
    if (!opts.renew) throw new NotFoundError('Renewal is not available');
    await opts.renew(req.tenant, request.id, patron);
    return patronView(await mustGetRequest(db, req.tenant, request.id));
  });
}
