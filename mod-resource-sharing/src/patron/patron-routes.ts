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
import type { Settings } from '../settings/settings-types.ts';
import { patronDueDate } from '../host/host-settings.ts';
import { noticeSettings } from '../notices/notice-settings.ts';
import { deliveryOffsetOf } from '../notices/patron-side.ts';
import { patronHasItem, patronStatusOf } from './patron-status.ts';
import { findDuplicate } from './duplicates.ts';
import { availableActions, findState, getModel, modelFor } from '../statemodel/index.ts';
import { parseOpenUrl } from './openurl.ts';
import { patronSettings } from './patron-settings.ts';
import { patronTokenOf, verifyPatronToken, type PatronIdentity } from './patron-token.ts';
import { isUuid } from '../okapi/ids.ts';
import { copyGone, sendCopy, serveCopy } from './copy-store.ts';

export interface PatronRouteOptions {
  /** the automatic steps after a create; answers the request as they left it, when known */
  afterCreate?: (tenant: string, created: ResourceSharingRequest) => Promise<ResourceSharingRequest | undefined>;
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

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What a patron sees of a request: no partner internals, a status code the UI translates (every
 * state maps to one: patron-status.ts), the patron's due date (never the lender's), the copy's
 * link while it is open to them, and Renew only while they have the item and the lender has not
 * refused a renewal.
 */
export function patronView(r: ResourceSharingRequest, settings: Settings, now = new Date()) {
  const model = getModel(r.stateModel);
  const status = patronStatusOf(r);
  const notices = noticeSettings(settings);
  const pickup = r.patron?.pickupLocation;
  const expires = r.patronSide?.documentExpires;
  const stored = r.patronSide?.storedCopy;
  const linkOpen = r.documentUrl && (!expires || Date.parse(expires) > now.getTime());
  // a copy the library stored is served by the module (once, or until it expires); until it is stored, or when it could not be, the supplier's link
  const link = stored?.status === 'stored' ? `/resource-sharing/patron/requests/${r.id}/copy` : r.documentUrl;
  const received = r.patronSide?.receivedDate;
  return {
    id: r.id,
    hrid: r.hrid,
    title: r.citation.title,
    author: r.citation.author,
    serviceType: r.serviceType,
    status,
    stateName: findState(model, r.state)?.displayName ?? r.state,
    pickupLocation: pickup,
    pickupLocationName: settings.patronRequests.pickupLocations.find((l) => l.code === pickup)?.name ?? pickup,
    ...(status === 'readyForPickup' && received
      ? { pickupUntil: new Date(Date.parse(received) + notices.holdShelfDays * DAY_MS).toISOString() }
      : {}),
    neededBefore: r.patron?.neededBefore,
    dueDate: r.patronDueDate ?? (r.dueDate && r.serviceType === 'loan' ? patronDueDate(r.dueDate, deliveryOffsetOf(settings)) : undefined),
    ...(linkOpen
      ? {
          documentUrl: link,
          ...(expires ? { documentExpires: expires } : {}),
          ...(stored?.status === 'stored' ? { copyStored: true, copyFilename: stored.filename } : {}),
        }
      : {}),
    ...(r.documentUrl && !linkOpen ? { documentExpired: true } : {}),
    canRenew:
      patronHasItem(r) && !r.patronSide?.renewalRefused && availableActions(model, r.state, 'staff').some((a) => a.code === 'renew'),
    createdDate: r.metadata.createdDate,
  };
}

/** The patron a call is made by (its patron token), when the library takes patron requests. */
export async function patronOfRequest(db: Database, req: FastifyRequest) {
  const all = await getSettings(db, req.tenant);
  const settings = patronSettings(all);
  if (!settings.enabled) throw new NotFoundError('This library does not take patron requests here');
  const patron = await verifyPatronToken(settings.tokenSecret, patronTokenOf(req.headers));
  return { settings, patron, all };
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
    const { settings, patron, all } = await patronOf(req);
    const body = req.body;
    const locations = settings.pickupLocations;
    if (locations.length && !locations.some((l) => l.code === body.pickupLocation)) {
      throw ValidationError.field('pickupLocation', body.pickupLocation ?? '', 'Choose one of the pickup locations offered', 'patron.pickupLocation');
    }
    if (body.neededBefore && body.neededBefore < new Date().toISOString().slice(0, 10)) {
      throw ValidationError.field('neededBefore', body.neededBefore, 'The needed-before date has already passed', 'patron.neededBeforePast');
    }
    const serviceType = body.serviceType ?? 'loan';
    const existing = await findDuplicate(db, req.tenant, { barcode: patron.barcode }, body.citation, serviceType);
    if (existing) {
      // asked before and still open: show the patron that request instead of sending a second one out
      return reply.code(200).header('location', `/resource-sharing/patron/requests/${existing.id}`).send({ ...patronView(existing, all), duplicate: true });
    }
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
            ...(patron.email ? { email: patron.email } : {}),
            ...(body.pickupLocation ? { pickupLocation: body.pickupLocation } : {}),
            ...(body.neededBefore ? { neededBefore: body.neededBefore } : {}),
            ...(body.notes ? { notes: body.notes } : {}),
          },
        },
        { type: 'user', id: `patron:${patron.barcode}` },
        { action: 'create', message: 'placed by the patron' },
      ),
    );
    const current = (await opts.afterCreate?.(req.tenant, record)) ?? (await mustGetRequest(db, req.tenant, record.id));
    return reply.code(201).header('location', `/resource-sharing/patron/requests/${record.id}`).send(patronView(current, all));
  });

  app.get('/resource-sharing/patron/requests', async (req) => {
    const { patron, all } = await patronOf(req);
    const { rows } = await db.query<{ id: string; version: number; jsonb: ResourceSharingRequest }>(
      `SELECT id, version, jsonb FROM ${schemaOf(req.tenant)}.requests
       WHERE role = 'borrowing' AND jsonb->'patron'->>'barcode' = $1 ORDER BY created_date DESC LIMIT 200`,
      [patron.barcode],
    );
    const requests = rows.map((r) => patronView({ ...r.jsonb, id: r.id, _version: r.version }, all));
    return { requests, totalRecords: requests.length };
  });

  app.post<{ Params: { id: string } }>('/resource-sharing/patron/requests/:id/renew', async (req) => {
    const { patron, all } = await patronOf(req);
    if (!isUuid(req.params.id)) throw new NotFoundError('No such request');
    const request = await mustGetRequest(db, req.tenant, req.params.id).catch(() => null);
    if (!request || request.role !== 'borrowing' || request.patron?.barcode !== patron.barcode) throw new NotFoundError('No such request');
    if (!opts.renew) throw new NotFoundError('Renewal is not available');
    if (!patronView(request, all).canRenew) {
      throw ValidationError.field('id', request.hrid, 'This loan cannot be renewed now: the item is not with you, or the lending library does not allow it', 'patron.renewNotAllowed');
    }
    await opts.renew(req.tenant, request.id, patron);
    return patronView(await mustGetRequest(db, req.tenant, request.id), all);
  });

  // the copy the library stored for this patron: theirs only, once or until its expiry
  app.get<{ Params: { id: string } }>('/resource-sharing/patron/requests/:id/copy', async (req, reply) => {
    const { patron } = await patronOf(req);
    if (!isUuid(req.params.id)) throw new NotFoundError('No such request');
    const request = await mustGetRequest(db, req.tenant, req.params.id).catch(() => null);
    if (!request || request.role !== 'borrowing' || request.patron?.barcode !== patron.barcode) throw new NotFoundError('No such request');
    const copy = await serveCopy(db, req.tenant, request.id, { count: true });
    if (copy === 'none') throw new NotFoundError('The library keeps no copy for this request');
    if (copy === 'gone') return copyGone(reply, request.hrid);
    return sendCopy(reply, copy);
  });
}
