// Is this library working through a broker, and is a symbol that broker?
import type { Sql } from '../db/database.ts';
import { findEntryBySymbol, symbolKey, type PartnerEndpoint } from '../directory/index.ts';
import { getSettings } from '../settings/settings-store.ts';
import type { BrokerMode, BrokerSettings } from './broker-settings.ts';

/** The request travels through this broker (kept on the request for its whole life). */
export interface BrokerRef {
  symbol: string;
  mode: BrokerMode;
}

/** The broker settings when broker mode is on (`routing` broker or both), else null. */
export async function activeBroker(sql: Sql, tenant: string): Promise<BrokerSettings | null> {
  const { broker } = await getSettings(sql, tenant);
  return broker && broker.routing !== 'peer' ? broker : null;
}

export function isBroker(broker: { symbol: string } | null | undefined, symbol: string | undefined): boolean {
  return !!broker && !!symbol && symbolKey(broker.symbol) === symbolKey(symbol);
}

/** The broker as a message destination, in the shape the directory gives for partners. */
export function brokerEndpoint(broker: BrokerSettings): PartnerEndpoint {
  return {
    url: broker.endpoint,
    version: broker.version ?? '2017',
    entryId: '',
    name: `Broker ${broker.symbol}`,
    ...(broker.sharedSecret ? { sharedSecret: broker.sharedSecret } : {}),
    ...(broker.accountId ? { accountId: broker.accountId } : {}),
  };
}

/** The directory name of a symbol, for staff to read ("Southbank library"); the symbol when unknown. */
export async function nameOf(sql: Sql, tenant: string, symbol: string): Promise<string> {
  return (await findEntryBySymbol(sql, tenant, symbol))?.name ?? symbol;
}
