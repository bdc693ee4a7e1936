// Which library system (host) a tenant works with, and how to reach it: the settings
// `hostAdapter`, `folioHost` and `ncipHost`, their JSON schemas, and the masking of their secrets
// in API answers.
import type { HostSettings, LendableRules } from './host-settings.ts';
import type { NcipSettings } from './ncip/ncip-settings.ts';

export type HostAdapterKind = 'manual' | 'folio' | 'ncip';

/** The FOLIO adapter's settings: how borrowed items look in FOLIO, and where FOLIO is. */
export interface FolioHostConfig extends Omit<HostSettings, 'deliveryOffsetDays' | 'lendingLoanPeriodDays'> {
  /** Okapi's URL for background work; a staff call's own X-Okapi-Url wins when present */
  okapiUrl: string;
  /** the system user for background work (partner messages, timers); default: SYSTEM_USER_NAME/SYSTEM_USER_PASSWORD */
  systemUser?: { username: string; password: string };
  /** per-call timeout in milliseconds (default 10000) */
  timeoutMs?: number;
  /** overrides the tenant setting deliveryOffsetDays for FOLIO */
  deliveryOffsetDays?: number;
  /** overrides the tenant setting lendingLoanPeriodDays; null = FOLIO's loan policy decides */
  lendingLoanPeriodDays?: number | null;
  /** what the auto-responder may lend: material types, loan types, locations (absent: any) */
  lendable?: LendableRules;
}

export type NcipHostConfig = NcipSettings;

/** What API answers show instead of a stored secret; sending it back keeps the stored value. */
export const SECRET_MASK = '********';

const uuid = { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$' } as const;
const optionalUuid = { anyOf: [uuid, { type: 'null' }] } as const;
const text = { type: 'string', minLength: 1, maxLength: 500 } as const;
const credentials = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: { username: text, password: { type: 'string', minLength: 1, maxLength: 500 } },
} as const;

export const hostAdapterSchema = { type: 'string', enum: ['manual', 'folio', 'ncip'] } as const;

export const folioHostSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: [
    'okapiUrl',
    'instanceTypeId',
    'instanceSource',
    'illLocationId',
    'holdingsSourceId',
    'materialTypeId',
    'permanentLoanTypeId',
    'pickupServicePointId',
    'defaultServicePointId',
    'institutionalPatronBarcode',
  ],
  properties: {
    lendable: {
      type: 'object',
      additionalProperties: false,
      properties: {
        materialTypeIds: { type: 'array', items: uuid, maxItems: 100, uniqueItems: true },
        loanTypeIds: { type: 'array', items: uuid, maxItems: 100, uniqueItems: true },
        locationIds: { type: 'array', items: uuid, maxItems: 500, uniqueItems: true },
      },
    },
    okapiUrl: { type: 'string', pattern: '^https?://\\S+$', maxLength: 500 },
    systemUser: credentials,
    timeoutMs: { type: 'integer', minimum: 100, maximum: 120000 },
    instanceTypeId: uuid,
    instanceSource: text,
    statisticalCodeId: optionalUuid,
    illLocationId: uuid,
    holdingsSourceId: uuid,
    materialTypeId: uuid,
    permanentLoanTypeId: uuid,
    temporaryLoanTypeId: optionalUuid,
    pickupServicePointId: uuid,
    defaultServicePointId: uuid,
    institutionalPatronBarcode: text,
    lendingLoanPeriodDays: { type: ['integer', 'null'], minimum: 1, maximum: 365 },
    deliveryOffsetDays: { type: 'integer', minimum: 0, maximum: 60 },
    staffSuppress: { type: 'boolean' },
    contributorNameTypeId: optionalUuid,
    cancellationReasonId: optionalUuid,
  },
} as const;

export const ncipHostSchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['endpoint', 'fromAgencyId', 'toAgencyId', 'institutionalPatronId', 'pickupLocation'],
  properties: {
    endpoint: { type: 'string', pattern: '^https?://\\S+$', maxLength: 500 },
    fromAgencyId: text,
    toAgencyId: text,
    applicationProfileType: text,
    fromAgencyAuthentication: { type: 'string', maxLength: 500 },
    auth: credentials,
    timeoutMs: { type: 'integer', minimum: 100, maximum: 120000 },
    institutionalPatronId: text,
    pickupLocation: text,
    lendingPickupLocation: text,
    pageRequestType: text,
    lendingLoanPeriodDays: { type: ['integer', 'null'], minimum: 1, maximum: 365 },
    recordAgencyId: text,
  },
} as const;

interface HostSecrets {
  folioHost?: FolioHostConfig | null;
  ncipHost?: NcipHostConfig | null;
}

/** A copy of the settings with passwords and shared secrets replaced by SECRET_MASK. */
export function maskHostSecrets<T extends HostSecrets>(settings: T): T {
  const out = { ...settings };
  if (out.folioHost?.systemUser) out.folioHost = { ...out.folioHost, systemUser: { ...out.folioHost.systemUser, password: SECRET_MASK } };
  if (out.ncipHost) {
    const n = { ...out.ncipHost };
    if (n.auth) n.auth = { ...n.auth, password: SECRET_MASK };
    if (n.fromAgencyAuthentication) n.fromAgencyAuthentication = SECRET_MASK;
    out.ncipHost = n;
  }
  return out;
}

/** New settings where a secret sent back as SECRET_MASK keeps the stored value. */
export function keepMaskedSecrets<T extends HostSecrets>(incoming: T, stored: HostSecrets): T {
  const out = { ...incoming };
  const folioUser = out.folioHost?.systemUser;
  if (out.folioHost && folioUser?.password === SECRET_MASK) {
    const kept = stored.folioHost?.systemUser?.password;
    out.folioHost = { ...out.folioHost, systemUser: { ...folioUser, password: kept ?? '' } };
  }
  if (out.ncipHost) {
    const n = { ...out.ncipHost };
    if (n.auth?.password === SECRET_MASK) n.auth = { ...n.auth, password: stored.ncipHost?.auth?.password ?? '' };
    if (n.fromAgencyAuthentication === SECRET_MASK) {
      if (stored.ncipHost?.fromAgencyAuthentication) n.fromAgencyAuthentication = stored.ncipHost.fromAgencyAuthentication;
      else delete n.fromAgencyAuthentication;
    }
    out.ncipHost = n;
  }
  return out;
}
