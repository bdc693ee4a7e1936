// The steps the system takes by itself: check a new request's patron, build and rank its rota,
// send it to the next supplier (or stop at the end of the rota); on the lending side, refuse
// new requests past the lending threshold or accept them when the auto-responder is on.
// Each step is one action in its own transaction, taken with the version it was planned on, so
// a partner's message or a staff action that gets there first simply wins.
import { brokerRota } from '../broker/index.ts';
import type { Database } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { ConflictError, HttpError } from '../okapi/errors.ts';
import { buildRota, lendingCapacity } from '../rota/index.ts';
import type { Actor } from '../requests/audit.ts';
import { getRequest, saveRequest } from '../requests/request-store.ts';
import type { ResourceSharingRequest, RotaEntryRecord } from '../requests/request-types.ts';
import { getSettings } from '../settings/settings-store.ts';
import { decideAutoAnswer } from './auto-responder.ts';
import { runAction } from './run-action.ts';
import { copyrightStep, lendingCompliance, NO_COMPLIANCE_REASON } from '../copyright/copyright-check.ts';

const SYSTEM: Actor = { type: 'system', id: 'workflow' };
const MAX_STEPS = 20;

interface Step {
  /** none: nothing to do but record `patch` with `audit` (e.g. the auto-responder leaves it to staff) */
  action?: string;
  audit?: string;
  params?: Record<string, unknown>;
  outcome?: string;
  patch?: Partial<ResourceSharingRequest>;
}

/** States in which the system, not staff or a partner, makes the next move. */
export const AUTOMATIC_BORROWING_STATES = ['REQ_IDLE', 'REQ_VALIDATED', 'REQ_UNFILLED'];

async function rotaFor(db: Database, tenant: string, req: ResourceSharingRequest): Promise<RotaEntryRecord[]> {
  if (req.rota) return req.rota.map((e) => ({ ...e }));
  if (req.supplierSymbol) {
    return [{ symbol: req.supplierSymbol, rank: 1, reason: 'ranked 1st: chosen when the request was created' }];
  }
  const request = { serviceType: req.serviceType, citation: req.citation, patron: req.patron };
  return brokerRota(db, tenant, request, async () => {
    const built = await buildRota(db, tenant, request);
    return built.entries.map((e) => ({ ...e }) as RotaEntryRecord);
  });
}

async function nextBorrowingStep(db: Database, tenant: string, req: ResourceSharingRequest): Promise<Step | null> {
  switch (req.state) {
    case 'REQ_IDLE':
      return { action: 'validate' };
    case 'REQ_VALIDATED':
    case 'REQ_UNFILLED': {
      const checked = await copyrightStep(db, tenant, req, (await getSettings(db, tenant)).copyright);
      if (checked?.hold) return { action: 'awaitCopyrightClearance', params: { reason: checked.copyright.reason }, patch: { copyright: checked.copyright } };
      const copyright = checked ? { copyright: checked.copyright } : {};
      const rota = await rotaFor(db, tenant, req);
      const current = req.rotaIndex ?? -1;
      if (req.state === 'REQ_UNFILLED' && rota[current]?.outcome === 'sent') rota[current].outcome = 'unfilled';
      const next = rota.findIndex((e, i) => i > current && !e.skipped);
      if (next < 0) return { action: 'endOfRota', patch: { rota, ...copyright } };
      rota[next].outcome = 'sent';
      return { action: 'sendToNextSupplier', params: { supplierSymbol: rota[next].symbol }, patch: { rota, rotaIndex: next, ...copyright } };
    }
    default:
      return null;
  }
}

async function nextLendingStep(db: Database, tenant: string, req: ResourceSharingRequest): Promise<Step | null> {
  if (req.state !== 'RES_IDLE') return null;
  const capacity = await lendingCapacity(db, tenant, { excludeRequestId: req.id, countOnlyWithThreshold: true });
  if (capacity.overloaded) return { action: 'cannotSupply', params: { reason: 'PolicyProblem', note: capacity.reason } };
  const settings = await getSettings(db, tenant);
  const compliance = lendingCompliance(req, settings.copyright);
  if (compliance === 'refuse') return { action: 'cannotSupply', params: { reason: 'PolicyProblem', note: NO_COMPLIANCE_REASON } };
  if (compliance === 'mediate') return null; // staff decide (the request is flagged)
  if (!settings.autoResponder || req.autoResponse) return null;
  const d = await decideAutoAnswer(db, tenant, req);
  const autoResponse = { decision: d.decision, reason: d.reason, at: new Date().toISOString() };
  switch (d.decision) {
    case 'willSupply':
      return {
        action: 'willSupply',
        params: { note: `Accepted automatically: ${d.reason}` },
        patch: { autoResponse, ...(d.itemBarcode ? { itemBarcode: d.itemBarcode } : {}) },
      };
    case 'cannotSupply':
      return { action: 'cannotSupply', params: { reason: d.reasonUnfilled, note: `Answered automatically: ${d.reason}` }, patch: { autoResponse } };
    case 'staff':
      return { patch: { autoResponse }, audit: `auto-responder: ${d.reason}` };
  }
}

/**
 * Takes the automatic steps for one request until it waits for someone else. `justArrived`
 * allows the lending-side steps, which apply only to a request that has just come in.
 */
export async function advance(
  db: Database,
  tenant: string,
  requestId: string,
  /** known: the request as the caller just committed it (saves reading it again for the first step) */
  opts: { justArrived?: boolean; known?: ResourceSharingRequest } = {},
): Promise<ResourceSharingRequest | undefined> {
  // the request as the last step committed it, when known: the next step starts from it
  let known = opts.known;
  for (let i = 0; i < MAX_STEPS; i++) {
    const req = known?.id === requestId ? known : await getRequest(db, tenant, requestId);
    known = undefined;
    if (!req) return undefined;
    const step =
      req.role === 'borrowing'
        ? await nextBorrowingStep(db, tenant, req)
        : opts.justArrived
          ? await nextLendingStep(db, tenant, req)
          : null;
    if (!step) return req;
    if (!step.action) {
      const patch = step.patch ?? {};
      return db
        .transaction((tx) => saveRequest(tx, tenant, { ...req, ...patch }, SYSTEM, { action: 'autoResponder', message: step.audit }, { commit: true }))
        .catch((err: unknown) => {
          if (!(err instanceof ConflictError)) throw err;
          return undefined;
        });
    }
    const action = step.action;
    try {
      const done = await runAction(db, {
        tenant,
        requestId,
        action,
        who: 'system',
        params: step.params,
        outcome: step.outcome,
        actor: SYSTEM,
        expectedVersion: req._version,
        patch: step.patch,
      });
      known = done.latest;
    } catch (err) {
      if (err instanceof ConflictError) continue; // someone else moved the request: look again
      if (!(err instanceof HttpError)) throw err;
      if (action === 'sendToNextSupplier' && step.patch?.rota && step.patch.rotaIndex !== undefined) {
        // This supplier cannot be sent to (not a partner any more, no endpoint): skip it, say why.
        const rota = step.patch.rota;
        const entry = rota[step.patch.rotaIndex];
        entry.skipped = true;
        entry.outcome = undefined;
        entry.reason = `${entry.reason}; skipped: ${err.message}`;
        const fresh = await getRequest(db, tenant, requestId);
        if (!fresh) return undefined;
        known = await db.transaction((tx) =>
          saveRequest(tx, tenant, { ...fresh, rota }, SYSTEM, { action: 'skipSupplier', message: `${entry.symbol}: ${err.message}` }, { commit: true }),
        );
        continue;
      }
      const fresh = await getRequest(db, tenant, requestId);
      if (!fresh) return undefined;
      return db.transaction((tx) =>
        saveRequest(
          tx,
          tenant,
          { ...fresh, lastError: err.message, needsAttention: true },
          SYSTEM,
          { action: 'automaticStepFailed', message: `${action}: ${err.message}` },
          { commit: true },
        ),
      );
    }
  }
  return undefined;
}

/** The timer's sweep: requests left in an automatic state (e.g. after a crash) move on. */
export async function advanceStalled(db: Database, tenant: string, limit = 50): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM ${schemaOf(tenant)}.requests
     WHERE role = 'borrowing' AND state = ANY($1) AND updated_date < now() - interval '30 seconds'
       AND (jsonb->>'lastError' IS NULL OR updated_date < now() - interval '10 minutes')
     ORDER BY updated_date LIMIT $2`,
    [AUTOMATIC_BORROWING_STATES, limit],
  );
  for (const r of rows) await advance(db, tenant, r.id);
  return rows.length;
}
