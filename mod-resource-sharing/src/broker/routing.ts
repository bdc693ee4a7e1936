// Borrowing through a broker: which rota a request gets, and where its messages go.
import type { Sql } from '../db/database.ts';
import { findEntryBySymbol, type PartnerEndpoint } from '../directory/index.ts';
import type { ResourceSharingRequest, RotaEntryRecord } from '../requests/request-types.ts';
import { buildRota, chooseRotaProfile, getProfile, type BuiltRota, type RotaEntry, type RotaProfile, type RotaRequest } from '../rota/index.ts';
import { getSettings } from '../settings/settings-store.ts';
import { activeBroker, brokerEndpoint, isBroker } from './broker-config.ts';
import type { BrokerSettings } from './broker-settings.ts';

/** The broker as a rota entry (it finds the supplier; brokerSuppliers records whom it tried). */
export function brokerEntry(broker: Pick<BrokerSettings, 'symbol'>, reason: string): RotaEntryRecord {
  return { symbol: broker.symbol, rank: 1, reason, broker: true, brokerSuppliers: [] };
}

type Planned = { profile: BuiltRota['profile']; entries: RotaEntryRecord[] };

const profileSummary = (p: RotaProfile): NonNullable<BuiltRota['profile']> => ({ id: p.id, name: p.name, ordered: p.ordered, strategy: p.strategy ?? 'score' });

/**
 * The rota of a new borrowing request in broker mode. `broker`: the broker is the single entry.
 * `both`: a rota profile with `useBroker` (the one given, else the one the request's attributes
 * choose) sends the request to the broker; otherwise the peer rota, in which partners marked
 * `viaBroker` are replaced by one broker entry, and the broker is the last resort when no partner
 * can be asked directly. Peer to peer: `build()` as it is.
 */
async function planRota(
  sql: Sql,
  tenant: string,
  request: RotaRequest,
  build: () => Promise<Planned>,
  profileId: string | undefined,
): Promise<Planned & { broker: BrokerSettings | null }> {
  const broker = await activeBroker(sql, tenant);
  if (!broker) return { ...(await build()), broker: null };
  if (broker.routing === 'broker') {
    return {
      profile: null,
      entries: [brokerEntry(broker, `ranked 1st: this library borrows through the broker ${broker.symbol}, which finds the supplier`)],
      broker,
    };
  }
  const profile = profileId ? await getProfile(sql, tenant, profileId) : (await chooseRotaProfile(sql, tenant, request))?.profile;
  if (profile?.useBroker) {
    return {
      profile: profileSummary(profile),
      entries: [brokerEntry(broker, `ranked 1st: the rota profile "${profile.name}" sends these requests through the broker ${broker.symbol}`)],
      broker,
    };
  }
  const built = await build();
  const rota: RotaEntryRecord[] = [];
  const viaBroker: string[] = [];
  let brokerAt = -1;
  for (const entry of built.entries) {
    const dir = await findEntryBySymbol(sql, tenant, entry.symbol);
    if (dir?.viaBroker) {
      viaBroker.push(dir.name);
      if (brokerAt < 0 && !entry.skipped) brokerAt = rota.length;
      continue;
    }
    rota.push(entry);
  }
  if (brokerAt >= 0) {
    rota.splice(brokerAt, 0, brokerEntry(broker, `reached through the broker ${broker.symbol}: ${viaBroker.join(', ')}`));
  } else if (!rota.some((e) => !e.skipped)) {
    rota.push(brokerEntry(broker, `no partner can be asked directly; the broker ${broker.symbol} searches the consortium`));
  }
  return { profile: built.profile, entries: rota.map((e, i) => ({ ...e, rank: i + 1 })), broker };
}

/** The rota of a new borrowing request (or of a rebuild from `profileId`), broker mode included. */
export async function brokerRota(
  sql: Sql,
  tenant: string,
  request: RotaRequest,
  build: () => Promise<RotaEntryRecord[]>,
  opts: { profileId?: string } = {},
): Promise<RotaEntryRecord[]> {
  return (await planRota(sql, tenant, request, async () => ({ profile: null, entries: await build() }), opts.profileId)).entries;
}

/** What the rota preview shows: the rota a request would really get, with the broker when it would travel through it. */
export interface RotaPreview extends Omit<BuiltRota, 'entries'> {
  entries: (RotaEntry | RotaEntryRecord)[];
  /** broker mode is on: the broker, how this library uses it, and whether this request would go through it */
  broker?: { symbol: string; routing: BrokerSettings['routing']; mode: BrokerSettings['mode']; used: boolean };
}

/** The rota preview (GET/POST /resource-sharing/rotas/preview) in broker mode too. */
export async function previewRota(sql: Sql, tenant: string, request: RotaRequest, opts: { profileId?: string } = {}): Promise<RotaPreview> {
  const planned = await planRota(
    sql,
    tenant,
    request,
    async () => {
      const built = await buildRota(sql, tenant, request, opts);
      return { profile: built.profile, entries: built.entries as unknown as RotaEntryRecord[] };
    },
    opts.profileId,
  );
  const { broker } = planned;
  return {
    profile: planned.profile,
    entries: planned.entries,
    ...(broker
      ? { broker: { symbol: broker.symbol, routing: broker.routing, mode: broker.mode, used: planned.entries.some((e) => e.broker === true && !e.skipped) } }
      : {}),
  };
}

export interface BrokerRoute {
  endpoint: PartnerEndpoint;
  /** the supplier to name in the header (transparent mode, once the broker has chosen one) */
  supplierHeader?: string;
  /** for the conversation: the library the message is for (the chosen supplier, the real borrower), and the broker */
  attribution: { via: string; party?: string };
}

/**
 * Where a message for `next` goes when the request travels through a broker: the broker's endpoint,
 * whoever the message is about. Null: peer to peer. A borrowing request sent (again) to a rota
 * entry starts or stops travelling through the broker here.
 */
export async function brokerRoute(tx: Sql, tenant: string, next: ResourceSharingRequest, partner: string, kind: string): Promise<BrokerRoute | null> {
  const { broker } = await getSettings(tx, tenant);
  if (next.role === 'borrowing' && kind === 'request') {
    if (broker && broker.routing !== 'peer' && isBroker(broker, partner)) {
      if (!isBroker(next.broker, partner)) delete next.brokerSupplier;
      next.broker = { symbol: broker.symbol, mode: broker.mode };
    } else {
      delete next.broker;
      delete next.brokerSupplier;
    }
  }
  // A request that went through the broker keeps talking to it, even after broker mode is switched off.
  if (!next.broker || !broker || !isBroker(broker, next.broker.symbol)) return null;
  const supplierHeader =
    next.role === 'borrowing' && next.broker.mode === 'transparent' && next.brokerSupplier ? next.brokerSupplier.symbol : undefined;
  const party = next.role === 'borrowing' ? next.brokerSupplier?.symbol : (next.borrower?.symbol ?? next.borrower?.name);
  return {
    endpoint: brokerEndpoint(broker),
    ...(supplierHeader ? { supplierHeader } : {}),
    attribution: { via: next.broker.symbol, ...(party ? { party } : {}) },
  };
}
