// Rota profiles (named supplier lists), the request attributes a rota is built for, and the
// ranked rota entries with their explanation.
import type { Citation, Patron, ServiceType } from '../requests/request-types.ts';

/** Attaches a profile to a new request. Unset attributes match anything; all set ones must match. */
export interface RotaRule {
  serviceType?: ServiceType;
  /** citation.format, compared case-insensitively */
  format?: string;
  patronGroup?: string;
  /** urgent requests: the patron's needed-before date is at most this many days away */
  neededWithinDays?: number;
  /** the highest priority among matching rules wins; default 0 */
  priority?: number;
}

export interface RotaProfileEntry {
  /** `AUTHORITY:CODE` of a directory entry */
  symbol: string;
  note?: string;
}

/**
 * How an unordered rota is ranked: 'score' (the weighted rules, default) or 'mostLikelyFastest'
 * (the predictions: highest chance of delivery by the patron's needed-before date, or without one
 * the highest fill probability per expected day with the lender).
 */
export type RankingStrategy = 'score' | 'mostLikelyFastest';

export interface RotaProfileInput {
  id?: string;
  name: string;
  description?: string;
  /** true: suppliers are asked in the listed order; false: ranked by score */
  ordered: boolean;
  /** unordered profiles only; default 'score' */
  strategy?: RankingStrategy;
  entries: RotaProfileEntry[];
  rules?: RotaRule[];
  /** broker mode `both`: requests this profile's rules pick go to the consortium's broker (docs/broker.md) */
  useBroker?: boolean;
  _version?: number;
}

export interface RotaProfile extends RotaProfileInput {
  id: string;
  rules: RotaRule[];
  _version: number;
  metadata: { createdDate: string; updatedDate: string; createdByUserId?: string; updatedByUserId?: string };
}

/** What the rota is built from: a request record, or a citation staff want to preview. */
export interface RotaRequest {
  serviceType?: ServiceType;
  citation: Citation;
  patron?: Pick<Patron, 'patronGroup' | 'neededBefore'>;
}

export type Ownership = boolean | 'unknown';

export interface RankingFactors {
  /** our open borrowing requests with this partner */
  openRequests: number;
  overloadThreshold: number;
  overloaded: boolean;
  /** requests this partner filled for us */
  lentToUs: number;
  /** requests we filled for this partner */
  borrowedFromUs: number;
  /** lentToUs - borrowedFromUs: positive means we owe them */
  balance: number;
  /** filled / (filled + unfilled) of our requests to them; null without history */
  fillRate: number | null;
  /** median days from sending to shipped/delivered; null without history */
  medianTurnaroundDays: number | null;
  loanToBorrowRatio: number | null;
  preferred: boolean;
  last: boolean;
  owns: Ownership;
  /** each strategy's contribution before its weight (overload, balance, performance, loanToBorrowRatio) */
  components: { overload: number; balance: number; performance: number; loanToBorrowRatio: number };
}

/** What our history predicts for a request with one lender (src/rota/predictions.ts). */
export interface RotaPrediction {
  /** probability that it fills the request, 0..1 */
  fillProbability: number;
  /** days from sending to shipped; null without any delivery in our history */
  medianDays: number | null;
  p90Days: number | null;
  /** its answered requests of this service type in the last 365 days */
  requestsLastYear: number;
  /** the most specific history used: format, serviceType, lender, pooled */
  basis: 'format' | 'serviceType' | 'lender' | 'pooled';
  reason: string;
}

export interface RotaEntry {
  symbol: string;
  /** directory entry name, when known */
  name?: string;
  /** 1-based position in the rota; skipped entries come after the ones that will be asked */
  rank: number;
  score: number;
  /** true: do not send to this supplier (does not own it, not a partner, does not lend this) */
  skipped?: boolean;
  reason: string;
  /** how the rank came about: the profile's fixed order, or the score of the factors */
  rankedBy?: 'profileOrder' | 'score' | 'predictions';
  factors: RankingFactors;
  prediction?: RotaPrediction;
  /** the supplier's own id of the record (from its catalogue), sent to it as supplierUniqueRecordId */
  supplierUniqueRecordId?: string;
}

export interface BuiltRota {
  profile: { id: string; name: string; ordered: boolean; strategy: RankingStrategy } | null;
  entries: RotaEntry[];
}
