// The records the settings editors read and write, as mod-resource-sharing's REST API has them.

export interface PostalAddress {
  line1?: string;
  line2?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface LendingPolicy {
  returnables: boolean;
  copies: boolean;
  formats?: string[];
  loanPeriodDays?: number;
}

export interface DirectoryEntry {
  id?: string;
  name: string;
  description?: string;
  symbols: Array<{ authority: string; symbol: string }>;
  self?: boolean;
  partner?: boolean;
  iso18626Endpoint?: string;
  iso18626Version?: '2017' | '2021';
  sharedSecret?: string;
  accountId?: string;
  sruEndpoint?: string;
  lendingPolicy?: LendingPolicy;
  shippingAddress?: PostalAddress;
  returnAddress?: PostalAddress;
  /** broker mode `both`: the library is asked through the broker, not directly */
  viaBroker?: boolean;
  /** where the entry comes from: typed in here (`local`, the default) or the shared directory service */
  source?: 'local' | 'shared';
  /** read-only, from the module's outbox: messages to the library have not been delivered for longer than the attention threshold */
  reachability?: { unreachableSince: string; lastError?: string; nextAttemptAt: string; waiting: number };
  /** read-only, kept by the module: messages in the library's name refused for their credentials */
  authenticationFailures?: { count: number; lastDate: string; lastReason: string };
  _version?: number;
  [other: string]: unknown;
}

export interface RotaRule {
  serviceType?: 'loan' | 'copy';
  format?: string;
  patronGroup?: string;
  neededWithinDays?: number;
  priority?: number;
}

export interface RotaProfile {
  id?: string;
  name: string;
  description?: string;
  ordered: boolean;
  /** broker mode `both`: the requests this profile picks go through the broker */
  useBroker?: boolean;
  entries: Array<{ symbol: string; note?: string }>;
  rules?: RotaRule[];
  _version?: number;
  [other: string]: unknown;
}

export interface TenantSettings {
  requestIdPrefix: string | null;
  deliveryOffsetDays: number;
  overloadThreshold: number;
  lendingThreshold: number | null;
  staleLendingDays: number | null;
  autoResponder: boolean;
  lendingLoanPeriodDays: number;
  rankingWeights: { overload: number; balance: number; performance: number; loanToBorrowRatio: number };
  hostAdapter: 'manual' | 'folio' | 'ncip';
  folioHost: Record<string, unknown> | null;
  ncipHost: Record<string, unknown> | null;
  [other: string]: unknown;
}
