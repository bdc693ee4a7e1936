// Messages that come through the broker: who sent them really, what they say about the supplier
// the broker chose, and what staff read (the note without the broker's prefixes).
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { LENDING_BY_PEER_REQUEST_ID } from '../requests/lending-lookup.ts';
import type { RequestMessage, RequestingAgencyMessage, ReturnInfo, SupplyingAgencyMessage } from '../iso18626/index.ts';
import type { ResourceSharingRequest, ReturnAddress, RotaEntryRecord } from '../requests/request-types.ts';
import { getSettings } from '../settings/settings-store.ts';
import { activeBroker, isBroker, nameOf, type BrokerRef } from './broker-config.ts';
import { parseBrokerNote } from './notes.ts';

const symbolOf = (id: { type: string; value: string } | undefined): string => (id ? `${id.type.trim().toUpperCase()}:${id.value.trim()}` : '');

/**
 * True when a supplying or requesting agency message comes through our broker, so its sender
 * need not be our partner: the broker's own symbol is the sender (opaque), or the message is about
 * a request that travels through the broker (transparent: the real library is in the header).
 */
export async function sentThroughBroker(sql: Sql, tenant: string, msg: SupplyingAgencyMessage | RequestingAgencyMessage): Promise<boolean> {
  const { broker } = await getSettings(sql, tenant);
  if (!broker) return false;
  const fromSupplier = msg.kind === 'supplyingAgencyMessage';
  const sender = symbolOf(fromSupplier ? msg.header.supplyingAgencyId : msg.header.requestingAgencyId);
  if (isBroker(broker, sender)) return true;
  const { rows } = await sql.query<{ symbol: string | null }>(
    fromSupplier
      ? `SELECT jsonb->'broker'->>'symbol' AS symbol FROM ${schemaOf(tenant)}.requests WHERE hrid = $1 AND role = 'borrowing'`
      : `SELECT jsonb->'broker'->>'symbol' AS symbol FROM ${schemaOf(tenant)}.requests
          WHERE ${LENDING_BY_PEER_REQUEST_ID}`,
    fromSupplier ? [msg.header.requestingAgencyRequestId] : [sender, msg.header.requestingAgencyRequestId],
  );
  return rows.some((r) => isBroker(broker, r.symbol ?? undefined));
}

/** A Request the broker forwarded to us: the broker, and the library that really borrows. */
export interface BrokeredLending {
  broker: BrokerRef;
  borrower?: { symbol?: string; name?: string };
}

async function entryByName(sql: Sql, tenant: string, name: string): Promise<{ symbol: string; name: string } | null> {
  const { rows } = await sql.query<{ name: string; symbol: string }>(
    `SELECT d.name, (d.jsonb->'symbols'->0->>'authority') || ':' || (d.jsonb->'symbols'->0->>'symbol') AS symbol
       FROM ${schemaOf(tenant)}.directory_entries d
      WHERE lower(d.name) = lower($1) AND NOT d.self ORDER BY d.id LIMIT 1`,
    [name.trim()],
  );
  return rows[0] ?? null;
}

/**
 * Whether a new Request reaches us through our broker. Opaque: the broker's symbol is the
 * requester, the real one is named in requestingAgencyInfo (matched to our directory by name).
 * Transparent: the real requester is in the header; with routing `broker` every request comes
 * through the broker, with `both` those from libraries marked `viaBroker` or that are not our
 * direct partners. Null: a peer-to-peer request.
 */
export async function brokeredLending(sql: Sql, tenant: string, msg: RequestMessage): Promise<BrokeredLending | null> {
  const broker = await activeBroker(sql, tenant);
  if (!broker) return null;
  const requester = symbolOf(msg.header.requestingAgencyId);
  const ref: BrokerRef = { symbol: broker.symbol, mode: isBroker(broker, requester) ? 'opaque' : 'transparent' };
  if (ref.mode === 'opaque') {
    const name = msg.requestingAgencyInfo?.name?.trim();
    if (!name) return { broker: ref };
    const entry = await entryByName(sql, tenant, name);
    return { broker: ref, borrower: entry ? { symbol: entry.symbol, name: entry.name } : { name } };
  }
  const { rows } = await sql.query<{ name: string; partner: boolean; via: boolean; endpoint: string | null }>(
    `SELECT d.name, d.partner, coalesce((d.jsonb->>'viaBroker')::boolean, false) AS via, d.jsonb->>'iso18626Endpoint' AS endpoint
       FROM ${schemaOf(tenant)}.directory_entries d JOIN ${schemaOf(tenant)}.directory_symbols ds ON ds.entry_id = d.id
      WHERE ds.symbol_key = upper($1) AND NOT d.self`,
    [requester],
  );
  const entry = rows[0];
  // The broker vouches for the consortium's members, but only for libraries our directory knows.
  if (!entry) return null;
  if (broker.routing === 'both' && !entry.via && entry.partner && entry.endpoint) return null;
  return { broker: ref, borrower: { symbol: requester, name: entry.name } };
}

export interface BrokeredMessage {
  /** the note staff read: without `Supplier:` and `Vendor:` prefixes */
  note?: string;
  /** the note given to the state model action (what the audit shows) */
  actionNote?: string;
  /** record changes: the supplier the broker chose, the rota, the return address */
  patch: Partial<ResourceSharingRequest>;
  /** the library the message is about, and the broker it came through (the conversation shows both) */
  party?: string;
  via?: string;
}

function returnAddress(info: ReturnInfo | undefined): ReturnAddress | undefined {
  if (!info) return undefined;
  const a = info.physicalAddress;
  const out: ReturnAddress = {
    ...(info.returnAgencyId ? { agencyId: symbolOf(info.returnAgencyId) } : {}),
    ...(info.name ? { name: info.name } : {}),
    ...(a?.line1 ? { line1: a.line1 } : {}),
    ...(a?.line2 ? { line2: a.line2 } : {}),
    ...(a?.locality ? { locality: a.locality } : {}),
    ...(a?.region?.value ? { region: a.region.value } : {}),
    ...(a?.postalCode ? { postalCode: a.postalCode } : {}),
    ...(a?.country?.value ? { country: a.country.value } : {}),
  };
  return Object.keys(out).length ? out : undefined;
}

type BrokerSupplier = { symbol: string; name: string; outcome: 'sent' | 'unfilled' | 'supplied'; reason: string };

/**
 * What a message about `req` means beyond its status when it comes through the broker (and the
 * return address any supplier's Loaned carries). Null: nothing to add.
 */
export async function brokeredMessage(
  sql: Sql,
  tenant: string,
  req: ResourceSharingRequest,
  msg: SupplyingAgencyMessage | RequestingAgencyMessage,
): Promise<BrokeredMessage | null> {
  if (msg.kind === 'requestingAgencyMessage') {
    if (!req.broker) return null;
    const parsed = parseBrokerNote(msg.note);
    const party = req.borrower?.symbol ?? req.borrower?.name;
    return { note: parsed.note, actionNote: parsed.note, patch: {}, via: req.broker.symbol, ...(party ? { party } : {}) };
  }
  const patch: Partial<ResourceSharingRequest> = {};
  const address = returnAddress(msg.returnInfo);
  if (address) patch.returnAddress = address;
  if (!req.broker) return address ? { note: msg.messageInfo.note, actionNote: msg.messageInfo.note, patch } : null;

  const parsed = parseBrokerNote(msg.messageInfo.note);
  const headerSupplier = symbolOf(msg.header.supplyingAgencyId);
  const supplier = parsed.supplier ?? (isBroker(req.broker, headerSupplier) ? undefined : headerSupplier) ?? req.brokerSupplier?.symbol;
  const out: BrokeredMessage = { note: parsed.note, actionNote: parsed.note, patch, via: req.broker.symbol, ...(supplier ? { party: supplier } : {}) };
  if (!supplier) return out;
  const name = await nameOf(sql, tenant, supplier);
  const status = msg.statusInfo.status;
  const at = req.rotaIndex ?? -1;
  const rota = req.rota?.map((e) => ({ ...e })) as RotaEntryRecord[] | undefined;
  const entry = rota?.[at];
  const tried: BrokerSupplier[] = entry && isBroker(req.broker, entry.symbol) ? ((entry.brokerSuppliers as BrokerSupplier[] | undefined) ?? []).map((s) => ({ ...s })) : [];
  const current = [...tried].reverse().find((s) => s.symbol === supplier && s.outcome === 'sent');
  const why = msg.messageInfo.reasonUnfilled?.value;

  if (status === 'Unfilled') {
    const last = msg.messageInfo.reasonForMessage === 'Notification';
    const reason = `${name} could not supply${why ? ` (${why})` : ''}; ${last ? 'the broker is trying the next' : 'the broker has no other supplier'}`;
    if (current) Object.assign(current, { outcome: 'unfilled', reason });
    else tried.push({ symbol: supplier, name, outcome: 'unfilled', reason });
    out.actionNote = parsed.note ? `${reason}. ${parsed.note}` : reason;
    patch.brokerSupplier = undefined;
  } else {
    if (!current && status !== 'Cancelled') tried.push({ symbol: supplier, name, outcome: 'sent', reason: `chosen by the broker ${req.broker.symbol}` });
    if (status === 'Loaned' || status === 'CopyCompleted') {
      const now = current ?? tried[tried.length - 1];
      if (now) Object.assign(now, { outcome: 'supplied' });
    }
    patch.brokerSupplier = { symbol: supplier, name };
  }
  if (rota && entry && isBroker(req.broker, entry.symbol)) {
    rota[at] = { ...entry, brokerSuppliers: tried };
    patch.rota = rota;
  }
  return out;
}
