// Borrowing through a broker: which rota a request gets, and where its messages go.
import type { Sql } from '../db/database.ts';
import { findEntryBySymbol, type PartnerEndpoint } from '../directory/index.ts';
import type { ResourceSharingRequest, RotaEntryRecord } from '../requests/request-types.ts';
import { chooseRotaProfile, type RotaRequest } from '../rota/index.ts';
import { getSettings } from '../settings/settings-store.ts';
import { activeBroker, brokerEndpoint, isBroker } from './broker-config.ts';
import type { BrokerSettings } from './broker-settings.ts';

function brokerEntry(broker: BrokerSettings, reason: string): RotaEntryRecord {
  return { symbol: broker.symbol, rank: 1, reason, broker: true, brokerSuppliers: [] };
}

/**
 * The rota of a new borrowing request in broker mode. `broker`: the broker is the single entry.
 * `both`: a rota profile with `useBroker` sends the request to the broker; otherwise the peer rota,
 * in which partners marked `viaBroker` are replaced by one broker entry, and the broker is the last
 * resort when no partner can be asked directly. Peer to peer: `build()` as it is.
 */
export async function brokerRota(
  sql: Sql,
  tenant: string,
  request: RotaRequest,
  build: () => Promise<RotaEntryRecord[]>,
): Promise<RotaEntryRecord[]> {
  const broker = await activeBroker(sql, tenant);
  if (!broker) return build();
  if (broker.routing === 'broker') {
    return [brokerEntry(broker, `ranked 1st: this library borrows through the broker ${broker.symbol}, which finds the supplier`)];
  }
  const chosen = await chooseRotaProfile(sql, tenant, request);
  if (chosen?.profile.useBroker) {
    return [brokerEntry(broker, `ranked 1st: the rota profile "${chosen.profile.name}" sends these requests through the broker ${broker.symbol}`)];
  }
  const built = await build();
  const rota: RotaEntryRecord[] = [];
  const viaBroker: string[] = [];
  let brokerAt = -1;
  for (const entry of built) {
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
  return rota.map((e, i) => ({ ...e, rank: i + 1 }));
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
