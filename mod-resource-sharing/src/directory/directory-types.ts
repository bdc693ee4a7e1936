// A directory entry: one institution we may exchange requests with (or ourselves, `self`).
import type { DirectorySymbol } from './symbols.ts';

export type Iso18626Version = '2017' | '2021';

export interface Contact {
  name?: string;
  role?: string;
  email?: string;
  phone?: string;
}

/** The fields of an ISO 18626 PhysicalAddress. */
export interface PostalAddress {
  name?: string;
  line1?: string;
  line2?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2 */
  country?: string;
}

export interface LendingPolicy {
  /** lends returnable items (loans) */
  returnables: boolean;
  /** supplies copies (non-returnables) */
  copies: boolean;
  /** formats it lends (book, dvd, ...); empty or absent: any */
  formats?: string[];
  /** loan period it grants, in days */
  loanPeriodDays?: number;
}

/** CQL index names the entry's SRU server understands, over the defaults. */
export interface SruIndexes {
  isbn?: string;
  issn?: string;
  oclcNumber?: string;
  title?: string;
}

export interface DirectoryEntryInput {
  id?: string;
  name: string;
  description?: string;
  symbols: DirectorySymbol[];
  /** this is our own institution (at most one entry) */
  self?: boolean;
  /** we have a partner agreement with this institution: we send it requests and accept its requests */
  partner?: boolean;
  iso18626Endpoint?: string;
  iso18626Version?: Iso18626Version;
  /**
   * Must this partner's messages carry the agreed requestingAgencyAuthentication? Default:
   * required when a sharedSecret is set (see partner-authentication.ts).
   */
  authentication?: 'required' | 'notRequired';
  /** requestingAgencyAuthentication.securityCode we send to / expect from this partner */
  sharedSecret?: string;
  /** requestingAgencyAuthentication.accountId */
  accountId?: string;
  /**
   * Our Retry requests to this partner keep the requestingAgencyRequestId of the request they
   * retry (for peers that want it so). Default: a new id, naming the previous one in
   * serviceInfo/requestingAgencyPreviousRequestId, as ISO 18626 says.
   */
  retryKeepsRequestId?: boolean;
  contacts?: Contact[];
  shippingAddress?: PostalAddress;
  returnAddress?: PostalAddress;
  /** ISO 3166-1 alpha-2 codes of the countries it shares with; empty or absent: any */
  countries?: string[];
  lendingPolicy?: LendingPolicy;
  /** loans it is willing to make per loan it receives (ReShare's InstitutionalLoanToBorrowRatio) */
  loanToBorrowRatio?: number;
  /** SRU 2.0 base URL of its catalogue (or a shared index filtered to it), for the holdings check */
  sruEndpoint?: string;
  sruIndexes?: SruIndexes;
  /** barcode of the patron record in our own system that stands for this institution when we lend to it */
  institutionalPatronBarcode?: string;
  /** broker mode `both`: we reach this institution through the broker, not directly (docs/broker.md) */
  viaBroker?: boolean;
  /** where the entry comes from: typed in here (`local`, the default) or the shared directory service */
  source?: 'local' | 'shared';
  /** shared entries: the directory service it was read from */
  sourceUrl?: string;
  _version?: number;
}

export interface DirectoryEntry extends DirectoryEntryInput {
  id: string;
  self: boolean;
  partner: boolean;
  iso18626Version: Iso18626Version;
  _version: number;
  /** messages refused for their authentication (maintained by the module, read-only) */
  authenticationFailures?: { count: number; lastDate: string; lastReason: string };
  metadata: { createdDate: string; updatedDate: string; createdByUserId?: string; updatedByUserId?: string };
}

/** Our policies towards the institution: never published, kept on import like LOCAL_FIELDS. */
export const POLICY_FIELDS = ['authentication'] as const;
/** Fields the module maintains on an entry: a client may echo them, never set them. */
export const MAINTAINED_FIELDS = ['authenticationFailures'] as const;

/** Fields that are ours alone: never published, left out of exports unless asked for. */
export const SECRET_FIELDS = ['sharedSecret', 'accountId'] as const;
/** Fields describing our relation to the institution rather than the institution itself. */
export const LOCAL_FIELDS = ['self', 'partner', 'sharedSecret', 'accountId', 'institutionalPatronBarcode', 'retryKeepsRequestId', 'viaBroker'] as const;
