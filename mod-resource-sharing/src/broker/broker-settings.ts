// The two settings of broker mode: how this library's requests travel (`broker`) and where its
// shared directory is (`sharedDirectory`). Kept here so the settings module only lists them.
import type { AuthenticationFailures, AuthenticationPolicy } from '../directory/index.ts';
import { SECRET_MASK } from '../directory/secrets.ts';
import { ValidationError } from '../okapi/errors.ts';

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
  /**
   * requestingAgencyAuthentication agreed with the broker: every message we send it carries them,
   * and the broker's messages must carry them (see authentication.ts). Masked in settings answers.
   */
  sharedSecret?: string;
  accountId?: string;
  /** must the broker's messages carry the credentials? Default: required exactly when sharedSecret is set */
  authentication?: AuthenticationPolicy;
  /** read-only, kept by the module: the broker's messages refused for their credentials */
  authenticationFailures?: AuthenticationFailures;
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
    authentication: { type: 'string', enum: ['required', 'notRequired'] },
    /** read-only, kept by the module; ignored when written back */
    authenticationFailures: { type: 'object' },
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

/** Required authentication needs the agreed secret (422 naming broker.authentication), as a partner's does. */
export function checkBrokerSettings(body: { broker?: BrokerSettings | null }): void {
  const broker = body.broker;
  if (broker?.authentication === 'required' && !broker.sharedSecret) {
    throw ValidationError.field(
      'broker.authentication',
      broker.authentication,
      'broker.authentication: required authentication needs the sharedSecret agreed with the broker',
      'broker.secretMissing',
    );
  }
}

/** The broker settings as staff read them: the secret and account id masked, as the host's secrets are. */
export function maskBrokerSecrets<T extends { broker: BrokerSettings | null }>(settings: T): T {
  const broker = settings.broker;
  if (!broker || (!broker.sharedSecret && !broker.accountId)) return settings;
  return {
    ...settings,
    broker: { ...broker, ...(broker.sharedSecret ? { sharedSecret: SECRET_MASK } : {}), ...(broker.accountId ? { accountId: SECRET_MASK } : {}) },
  };
}

/**
 * New broker settings as they are stored: a secret sent back masked keeps the stored one, and the
 * failure count is the module's (kept while the broker stays the same, whatever the client sent).
 */
export function keepBrokerSecrets<T extends { broker?: BrokerSettings | null }>(incoming: T, stored: { broker: BrokerSettings | null }): T {
  const next = incoming.broker;
  if (!next) return incoming;
  const broker: BrokerSettings = { ...next };
  const before = stored.broker;
  for (const f of ['sharedSecret', 'accountId'] as const) {
    if (broker[f] !== SECRET_MASK) continue;
    if (before?.[f] !== undefined) broker[f] = before[f];
    else delete broker[f];
  }
  delete broker.authenticationFailures;
  if (before?.authenticationFailures && before.symbol.toUpperCase() === broker.symbol.toUpperCase()) {
    broker.authenticationFailures = before.authenticationFailures;
  }
  return { ...incoming, broker };
}
