// The tenant's resource sharing settings, with their defaults. Stored one key per row in the
// tenant's `settings` table; the API validates each value against its schema.
import { brokerSettingsSchema, sharedDirectorySchema, type BrokerSettings, type SharedDirectorySettings } from '../broker/broker-settings.ts';
import {
  folioHostSchema,
  hostAdapterSchema,
  ncipHostSchema,
  type FolioHostConfig,
  type HostAdapterKind,
  type NcipHostConfig,
} from '../host/host-config.ts';
import { defaultNoticeSettings, patronNoticeSettingsSchema, type PatronNoticeSettings } from '../notices/notice-types.ts';

export interface RankingWeights {
  /** weight of "we already have many open requests with this partner" */
  overload: number;
  /** weight of the lending/borrowing balance with this partner */
  balance: number;
  /** weight of speed and reliability (turnaround, fill rate) from our own history */
  performance: number;
  /** weight of the partner's published loan-to-borrow ratio */
  loanToBorrowRatio: number;
}

export interface PatronRequestSettings {
  /** patrons may place requests and see their own through the patron API */
  enabled: boolean;
  /** secret the discovery layer signs patron tokens with (HS256); masked in answers */
  tokenSecret: string | null;
  /** where patrons may collect items: code (the host's service point or location code) and name */
  pickupLocations: { code: string; name: string }[];
}

/** Copyright compliance for copies (src/copyright). */
export interface CopyrightSettings {
  /** copies from one journal per calendar year before a clearance is needed (CONTU: 5) */
  limit: number;
  /** only articles published in the last this many years count (CONTU: 5) */
  lookBackYears: number;
  /** what our copy requests say in serviceInfo.copyrightCompliance (US-CCG, US-CCL, or the library's own) */
  complianceCode: string;
  /** the statement for a copy sent after staff recorded a clearance */
  clearedComplianceCode: string;
  /** lending: a copy request without a compliance statement is accepted, refused (Unfilled) or left to staff */
  lendingWithoutStatement: 'accept' | 'refuse' | 'mediate';
}

export interface Settings {
  /** prefix of human-readable request ids; default: the tenant id in capitals */
  requestIdPrefix: string | null;
  /** our own symbol(s) as partners know us, e.g. "ISIL:DK-820010" */
  ownSymbols: string[];
  /** days subtracted from the lender's due date to give the patron's due date */
  deliveryOffsetDays: number;
  /** open requests with one partner above which the ranking pushes that partner down */
  overloadThreshold: number;
  rankingWeights: RankingWeights;
  /** symbols ranked first (preferred) or last (local) */
  preferredSymbols: string[];
  lastSymbols: string[];
  /** lending: above this many open incoming requests new ones are answered Unfilled; null = no limit */
  lendingThreshold: number | null;
  /** lending: answer "cannot supply" automatically after this many days without action; null = off */
  staleLendingDays: number | null;
  /** lending: automatically answer new requests (will supply when the item is found) */
  autoResponder: boolean;
  /** lending: loan period granted to borrowers, in days */
  lendingLoanPeriodDays: number;
  /**
   * borrowing: how long a new request (or a Retry) to a supplier that cannot be reached (5xx, no
   * answer, connection refused) is tried before the request moves on to the next supplier, in minutes
   */
  requestDeliveryMinutes: number;
  /** how long any other message to an unreachable partner is tried before it fails, in hours */
  deliveryRetryHours: number;
  /** a message still not delivered after this many minutes flags its request for staff */
  deliveryAttentionMinutes: number;
  /** the patron request form and "my requests" */
  patronRequests: PatronRequestSettings;
  /** the library system circulation work goes to: manual (staff do it by hand), folio or ncip */
  hostAdapter: HostAdapterKind;
  /** FOLIO adapter settings (used when hostAdapter is folio); passwords are masked in answers */
  folioHost: FolioHostConfig | null;
  /** NCIP adapter settings (used when hostAdapter is ncip); secrets are masked in answers */
  ncipHost: NcipHostConfig | null;
  copyright: CopyrightSettings;
  /** how requests travel: peer to peer (null, the default), through a consortium's broker, or both (see docs/broker.md) */
  broker: BrokerSettings | null;
  /** a shared directory service (CrossLink directory API) whose entries are merged into ours; null = none */
  sharedDirectory: SharedDirectorySettings | null;
  /** notices to patrons: which go, their texts, how they are sent (src/notices) */
  patronNotices: PatronNoticeSettings;
}

export const defaultSettings: Settings = {
  requestIdPrefix: null,
  ownSymbols: [],
  deliveryOffsetDays: 3,
  overloadThreshold: 10,
  rankingWeights: { overload: 1, balance: 1, performance: 1, loanToBorrowRatio: 0.5 },
  preferredSymbols: [],
  lastSymbols: [],
  lendingThreshold: null,
  staleLendingDays: null,
  autoResponder: false,
  lendingLoanPeriodDays: 28,
  requestDeliveryMinutes: 10,
  deliveryRetryHours: 24,
  deliveryAttentionMinutes: 60,
  patronRequests: { enabled: false, tokenSecret: null, pickupLocations: [] },
  hostAdapter: 'manual',
  folioHost: null,
  ncipHost: null,
  copyright: { limit: 5, lookBackYears: 5, complianceCode: 'US-CCG', clearedComplianceCode: 'US-CCL', lendingWithoutStatement: 'accept' },
  broker: null,
  sharedDirectory: null,
  patronNotices: defaultNoticeSettings,
};

const symbolList = { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9]+:\\S+$' }, uniqueItems: true } as const;
const nonNegative = { type: 'number', minimum: 0 } as const;

/** JSON schema of each setting's value. */
export const settingSchemas: Record<keyof Settings, object> = {
  requestIdPrefix: { type: ['string', 'null'], pattern: '^[A-Za-z0-9]{1,16}$' },
  ownSymbols: symbolList,
  deliveryOffsetDays: { type: 'integer', minimum: 0, maximum: 60 },
  overloadThreshold: { type: 'integer', minimum: 0 },
  rankingWeights: {
    type: 'object',
    additionalProperties: false,
    required: ['overload', 'balance', 'performance', 'loanToBorrowRatio'],
    properties: { overload: nonNegative, balance: nonNegative, performance: nonNegative, loanToBorrowRatio: nonNegative },
  },
  preferredSymbols: symbolList,
  lastSymbols: symbolList,
  lendingThreshold: { type: ['integer', 'null'], minimum: 0 },
  staleLendingDays: { type: ['integer', 'null'], minimum: 1 },
  autoResponder: { type: 'boolean' },
  lendingLoanPeriodDays: { type: 'integer', minimum: 1, maximum: 365 },
  requestDeliveryMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
  deliveryRetryHours: { type: 'integer', minimum: 1, maximum: 720 },
  deliveryAttentionMinutes: { type: 'integer', minimum: 1, maximum: 43200 },
  patronRequests: {
    type: 'object',
    additionalProperties: false,
    required: ['enabled'],
    properties: {
      enabled: { type: 'boolean' },
      // at least 16 characters, or the mask GET answers with (which keeps the stored secret)
      tokenSecret: { type: ['string', 'null'], pattern: '^(\\*{8}|[\\s\\S]{16,})$' },
      pickupLocations: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['code', 'name'],
          properties: { code: { type: 'string', minLength: 1 }, name: { type: 'string', minLength: 1 } },
        },
      },
    },
  },
  hostAdapter: hostAdapterSchema,
  folioHost: folioHostSchema,
  ncipHost: ncipHostSchema,
  copyright: {
    type: 'object',
    additionalProperties: false,
    required: ['limit', 'lookBackYears', 'complianceCode', 'clearedComplianceCode', 'lendingWithoutStatement'],
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: 1000 },
      lookBackYears: { type: 'integer', minimum: 1, maximum: 100 },
      complianceCode: { type: 'string', pattern: '^\\S{1,50}$' },
      clearedComplianceCode: { type: 'string', pattern: '^\\S{1,50}$' },
      lendingWithoutStatement: { type: 'string', enum: ['accept', 'refuse', 'mediate'] },
    },
  },
  broker: brokerSettingsSchema,
  sharedDirectory: sharedDirectorySchema,
  patronNotices: patronNoticeSettingsSchema,
};
