// The two settings of broker mode: how this library's requests travel (`broker`) and where its
// shared directory is (`sharedDirectory`). Kept here so the settings module only lists them.

/** Peer to peer (today's behaviour), everything through the broker, or both (rota rules decide). */
export type BrokerRouting = 'peer' | 'broker' | 'both';
/**
 * How the broker shows the parties (CrossLink's BrokerMode): `opaque` puts the broker's own symbol
 * in the headers and names the real supplier in a `Supplier: {symbol}` note prefix; `transparent`
 * puts the real requester and supplier in the headers.
 */
export type BrokerMode = 'opaque' | 'transparent';

export interface BrokerSettings {
  routing: BrokerRouting;
  /** the broker's symbol, e.g. ISIL:BROKER */
  symbol: string;
  /** the broker's ISO 18626 endpoint */
  endpoint: string;
  /** the schema version the broker speaks; default 2017 */
  version?: '2017' | '2021';
  mode: BrokerMode;
  /** requestingAgencyAuthentication agreed with the broker */
  sharedSecret?: string;
  accountId?: string;
}

export interface SharedDirectorySettings {
  /** the directory service's entries URL, e.g. https://directory.example.org/directory/entries */
  url: string;
  /** entries new from the shared directory become partners (default true: the consortium is the agreement) */
  partners?: boolean;
}

export const brokerSettingsSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['routing', 'symbol', 'endpoint', 'mode'],
  properties: {
    routing: { type: 'string', enum: ['peer', 'broker', 'both'] },
    symbol: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}:\\S{1,100}$' },
    endpoint: { type: 'string', pattern: '^https?://\\S+$', maxLength: 2000 },
    version: { type: 'string', enum: ['2017', '2021'] },
    mode: { type: 'string', enum: ['opaque', 'transparent'] },
    sharedSecret: { type: 'string', maxLength: 500 },
    accountId: { type: 'string', maxLength: 500 },
  },
} as const;

export const sharedDirectorySchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['url'],
  properties: {
    url: { type: 'string', pattern: '^https?://\\S+$', maxLength: 2000 },
    partners: { type: 'boolean' },
  },
} as const;
