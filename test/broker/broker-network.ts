// A consortium for the broker flows: Alpha borrows, Southbank, Northgate and Eastbrook lend, all
// four behind one scriptable broker (test/broker/broker.ts) and set to work through it.
import assert from 'node:assert/strict';
import { startNetwork, type Library, type Network } from '../support/library-network.ts';
import { startBroker, type RunningBroker } from './broker.ts';

export const LENDERS = ['Southbank', 'Northgate', 'Eastbrook'] as const;

export interface Consortium {
  net: Network;
  broker: RunningBroker;
  alpha: Library;
  lender(name: (typeof LENDERS)[number]): Library;
  close(): Promise<void>;
}

const ADDRESSES: Record<string, { line1: string; locality: string; postalCode: string; country: { value: string } }> = {
  Alpha: { line1: '1 Library Square', locality: 'Alphaville', postalCode: '1000', country: { value: 'DK' } },
  Southbank: { line1: '12 River Walk', locality: 'Southbank', postalCode: '2000', country: { value: 'DK' } },
  Northgate: { line1: '3 Gate Road', locality: 'Northgate', postalCode: '3000', country: { value: 'DK' } },
  Eastbrook: { line1: '7 Brook Lane', locality: 'Eastbrook', postalCode: '4000', country: { value: 'DK' } },
};

export interface ConsortiumOptions {
  vendor?: string;
  /** the broker and each member agree requestingAgencyAuthentication (brokerCredentials) */
  credentials?: boolean;
  /** the libraries also agree secrets with each other, for peer to peer (library-network's `secrets`) */
  peerSecrets?: boolean;
  /** the schema version the broker sends its members; default 2021 (only 2021 carries a copy's URL) */
  brokerVersion?: '2017' | '2021';
}

/** The credentials the broker agreed with a member library. */
export function brokerCredentials(lib: Library): { accountId: string; securityCode: string } {
  return { accountId: `broker-acct-${lib.name.toLowerCase()}`, securityCode: `broker-secret-${lib.tenant}` };
}

export async function startConsortium(mode: 'opaque' | 'transparent', opts: ConsortiumOptions = {}): Promise<Consortium> {
  const net = await startNetwork([
    { name: 'Alpha', secrets: opts.peerSecrets },
    ...LENDERS.map((name) => ({ name, version: name === 'Northgate' ? ('2021' as const) : undefined, secrets: opts.peerSecrets })),
  ]);
  const broker = await startBroker({
    symbol: 'ISIL:BROKER',
    mode,
    ...(opts.vendor ? { vendor: opts.vendor } : {}),
    members: Object.values(net.libraries).map((lib) => ({
      symbol: lib.symbol,
      name: `${lib.name} library`,
      endpoint: lib.endpoint,
      // 2021 towards every member by default: only 2021 carries a copy's URL (deliveryInfo/url)
      version: opts.brokerVersion ?? '2021',
      address: ADDRESSES[lib.name],
      ...(opts.credentials ? { credentials: brokerCredentials(lib) } : {}),
    })),
  });
  for (const lib of Object.values(net.libraries)) {
    // Alpha talks to the broker in 2017, the lenders in 2021 (a broker takes either)
    const version = lib.name === 'Alpha' ? '2017' : '2021';
    const credentials = opts.credentials ? brokerCredentials(lib) : undefined;
    const res = await lib.api.put('/resource-sharing/settings', {
      broker: {
        routing: 'broker',
        symbol: broker.symbol,
        endpoint: broker.url,
        mode,
        version,
        ...(credentials ? { sharedSecret: credentials.securityCode, accountId: credentials.accountId } : {}),
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  return {
    net,
    broker,
    alpha: net.libraries.Alpha,
    lender: (name) => net.libraries[name],
    async close() {
      await broker.close();
      await net.close();
    },
  };
}
