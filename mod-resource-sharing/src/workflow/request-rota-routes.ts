// PUT /resource-sharing/requests/{id}/rota: staff change the rest of a borrowing request's rota:
// rebuild it from another profile ({profileId}) or give the suppliers to ask next, in order
// ({entries: [symbol, ...]}). Suppliers already tried keep their place and outcome. A request
// waiting at the end of its rota goes on to the first supplier of the new rest.
// In broker mode (docs/broker.md, "Editing a brokered rota") staff may keep or put the broker as
// an entry; with routing `broker` it is the only entry they may list, with `both` a partner that
// is reached through the broker (`viaBroker`) is listed as the broker. A rebuild from a profile
// gives what a new request would get (the broker alone, or the peer rota with the broker in it).
import type { FastifyInstance } from 'fastify';
import { brokerRota, isBroker } from '../broker/index.ts';
import type { Database, Sql } from '../db/database.ts';
import { findEntryBySymbol, parseSymbol, renderSymbol, symbolKey } from '../directory/index.ts';
import { compileChecker, fieldError, throwIfAny } from '../directory/validation.ts';
import { ConflictError, type FolioError } from '../okapi/errors.ts';
import { userActor } from '../requests/request-routes.ts';
import { getRequest, mustGetRequest, saveRequest } from '../requests/request-store.ts';
import type { ResourceSharingRequest, RotaEntryRecord } from '../requests/request-types.ts';
import { buildRota, getProfile } from '../rota/index.ts';
import { findState, getModel } from '../statemodel/index.ts';
import { advance } from './advance.ts';
import { firstUntried, rebuiltEntries, replaceRemaining, staffOrderedEntries } from './request-rota.ts';
import { runAction } from './run-action.ts';
import { ownSymbols } from './symbols.ts';
import { getSettings } from '../settings/settings-store.ts';
import { uuidParam } from '../okapi/ids.ts';


export interface RotaChange {
  profileId?: string;
  entries?: string[];
  _version: number;
}

const bodyChecker = compileChecker({
  type: 'object',
  additionalProperties: false,
  required: ['_version'],
  properties: {
    profileId: { type: 'string', format: 'uuid' },
    entries: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, maxItems: 100 },
    _version: { type: 'integer', minimum: 1 },
  },
});

/**
 * The symbols staff listed, checked one by one (`entries[i]`): well formed, listed once, not our
 * own, a partner with an ISO 18626 endpoint, or the broker when broker mode is on (see above).
 * Answers them as the directory (or the broker settings) writes them, with names.
 */
export async function checkStaffEntries(
  sql: Sql,
  tenant: string,
  symbols: string[],
): Promise<{ errors: FolioError[]; symbols: string[]; names: Map<string, string> }> {
  const errors: FolioError[] = [];
  const out: string[] = [];
  const names = new Map<string, string>();
  const seen = new Map<string, number>();
  const own = new Set((await ownSymbols(sql, tenant)).map(symbolKey));
  const { broker } = await getSettings(sql, tenant);
  const active = broker && broker.routing !== 'peer' ? broker : null;
  for (const [i, raw] of symbols.entries()) {
    const field = `entries[${i}]`;
    const parsed = parseSymbol(raw);
    if (!parsed) {
      errors.push(fieldError(field, raw, `${field}: "${raw}" is not a symbol (AUTHORITY:CODE, e.g. ISIL:DK-820010)`, 'rota.malformedSymbol'));
      continue;
    }
    const key = symbolKey(parsed);
    if (seen.has(key)) {
      errors.push(fieldError(field, raw, `${field}: ${raw} is listed twice (also entries[${seen.get(key)}])`, 'rota.duplicateSymbol'));
      continue;
    }
    seen.set(key, i);
    if (isBroker(broker, raw)) {
      if (active) out.push(active.symbol);
      else {
        const why = `${field}: ${raw} is the broker, and this library does not borrow through it (broker routing: ${broker?.routing ?? 'peer'})`;
        errors.push(fieldError(field, raw, why, 'rota.brokerNotInUse'));
      }
      continue;
    }
    if (active?.routing === 'broker') {
      const why = `${field}: this library borrows only through the broker ${active.symbol} (broker routing: broker); list ${active.symbol}, or set the routing to both to ask ${raw} directly`;
      errors.push(fieldError(field, raw, why, 'rota.onlyThroughBroker'));
      continue;
    }
    const entry = await findEntryBySymbol(sql, tenant, raw);
    let problem: string | null = null;
    if (active && entry?.viaBroker) problem = `is reached through the broker ("${entry.name}" is marked viaBroker); list ${active.symbol} instead`;
    else if (own.has(key) || entry?.self) problem = 'is this library itself';
    else if (!entry) problem = 'is not in the directory';
    else if (!entry.partner) problem = `is not a partner of this library ("${entry.name}" has no partner agreement)`;
    else if (!entry.iso18626Endpoint) problem = `has no ISO 18626 endpoint in its directory entry ("${entry.name}")`;
    if (problem || !entry) {
      errors.push(fieldError(field, raw, `${field}: ${raw} ${problem}`, entry?.viaBroker && active ? 'rota.reachedThroughBroker' : 'rota.notAPartner'));
      continue;
    }
    const symbol = renderSymbol(entry.symbols.find((s) => symbolKey(s) === key) ?? parsed);
    out.push(symbol);
    names.set(symbol.toUpperCase(), entry.name);
  }
  return { errors, symbols: out, names };
}

function mustBeChangeable(req: ResourceSharingRequest): void {
  if (req.role !== 'borrowing') {
    throwIfAny([fieldError('role', req.role, 'Only a borrowing request has a rota', 'rota.notBorrowing')]);
  }
  if (findState(getModel(req.stateModel), req.state)?.terminal) {
    throwIfAny([fieldError('state', req.state, `Request ${req.hrid} is closed (${req.state}); its rota can no longer change`, 'rota.requestClosed')]);
  }
}

/** Works out the new rota for `change` (SRU calls included); does not save it. */
async function plannedRota(
  db: Database,
  tenant: string,
  req: ResourceSharingRequest,
  change: RotaChange,
): Promise<{ rota: RotaEntryRecord[]; rotaIndex?: number; message: string }> {
  if (change.profileId !== undefined) {
    const profile = await getProfile(db, tenant, change.profileId);
    if (!profile) throwIfAny([fieldError('profileId', change.profileId, `profileId: no rota profile ${change.profileId}`, 'rota.unknownProfile')]);
    const built = await brokerRota(
      db,
      tenant,
      req,
      async () => (await buildRota(db, tenant, req, { profileId: change.profileId })).entries.map((e) => ({ ...e }) as RotaEntryRecord),
      { profileId: change.profileId },
    );
    const entries = rebuiltEntries(req, built.map((e) => ({ ...e, profile: profile!.name })));
    const position = replaceRemaining(req, entries, `not in the profile "${profile!.name}"`);
    return { ...position, message: `rebuilt from the profile "${profile!.name}": ${entries.map((e) => e.symbol).join(', ') || 'no suppliers'}` };
  }
  const checked = await checkStaffEntries(db, tenant, change.entries ?? []);
  throwIfAny(checked.errors);
  const { broker } = await getSettings(db, tenant);
  // the broker listed anew is a broker entry (it finds the supplier and records whom it tried)
  const placed = staffOrderedEntries(req, checked.symbols, checked.names).map((e) =>
    isBroker(broker, e.symbol) && e.broker !== true ? { ...e, broker: true, brokerSuppliers: [] } : e,
  );
  const position = replaceRemaining(req, placed, 'removed from the rota by staff');
  return { ...position, message: `next suppliers set by staff: ${checked.symbols.join(', ') || 'none'}` };
}

export function registerRequestRotaRoutes(app: FastifyInstance, db: Database): void {
  app.put<{ Params: { id: string }; Body: unknown }>('/resource-sharing/requests/:id/rota', async (req) => {
    uuidParam('request id', req.params.id);
    throwIfAny(bodyChecker.errors(req.body));
    const change = req.body as RotaChange;
    if ((change.profileId === undefined) === (change.entries === undefined)) {
      throwIfAny([
        fieldError(
          change.profileId === undefined ? 'entries' : 'profileId',
          '',
          'Give either profileId (rebuild the rest of the rota from that profile) or entries (the suppliers to ask next, in order), not both',
          'rota.changeShape',
        ),
      ]);
    }
    const tenant = req.tenant;
    const id = req.params.id;
    const request = await mustGetRequest(db, tenant, id);
    mustBeChangeable(request);
    if (change._version !== request._version) {
      throw new ConflictError(
        `Request ${request.hrid} changed meanwhile (version ${change._version} is out of date, current version is ${request._version}); reload it and try again`,
      );
    }
    const planned = await plannedRota(db, tenant, request, change);
    // Saved with the version read above: a partner's answer or an automatic step that came in
    // while the rota was being built wins, and staff get a 409 to look again.
    const next: ResourceSharingRequest = { ...request, rota: planned.rota };
    if (planned.rotaIndex === undefined) delete next.rotaIndex;
    else next.rotaIndex = planned.rotaIndex;
    const saved = await db.transaction((tx) => saveRequest(tx, tenant, next, userActor(req), { action: 'changeRota', message: planned.message }));

    // At the end of the rota the request waits for staff: a new rest of the rota is their answer.
    if (saved.state === 'REQ_END_OF_ROTA') {
      const rota = (saved.rota ?? []).map((e) => ({ ...e }));
      const nextIndex = rota.findIndex((e, i) => i >= firstUntried(saved) && !e.skipped);
      if (nextIndex >= 0) {
        rota[nextIndex].outcome = 'sent';
        await runAction(db, {
          tenant,
          requestId: id,
          action: 'chooseSupplier',
          who: 'staff',
          params: { supplierSymbol: rota[nextIndex].symbol },
          actor: userActor(req),
          expectedVersion: saved._version,
          patch: { rota, rotaIndex: nextIndex },
        });
      }
    }
    return (await advance(db, tenant, id)) ?? getRequest(db, tenant, id);
  });
}
