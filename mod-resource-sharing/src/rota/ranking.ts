// The ranking: each strategy turns a candidate's numbers into a component, the settings weigh
// the components into one score, and every entry gets a sentence saying why it is where it is.
// Pure functions: the numbers come from build-rota.ts.
import type { RankingWeights } from '../settings/settings-types.ts';
import type { PartnerHistory } from './partner-history.ts';
import type { FastestRank, Prediction } from './predictions.ts';
import type { Ownership, RankingFactors, RankingStrategy, RotaEntry, RotaPrediction } from './rota-types.ts';

export interface Candidate {
  symbol: string;
  name?: string;
  history: PartnerHistory;
  loanToBorrowRatio: number | null;
  preferred: boolean;
  last: boolean;
  owns: Ownership;
  /** what the holdings check found, for the reason */
  holdingsReason?: string;
  /** the supplier's own record id found by the holdings check */
  recordId?: string;
  /** set when this supplier must not be asked, with why */
  skipReason?: string;
  /** what our history predicts for this request with this lender */
  prediction?: Prediction;
  /** the candidate's place in the 'mostLikelyFastest' order, with its value and words */
  predictedScore?: FastestRank;
}

export interface RankingSettings {
  overloadThreshold: number;
  weights: RankingWeights;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number, digits = 3) => {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

/** 1st, 2nd, 3rd, 4th, 11th, 21st ... */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

/** 3.14 → "3.1", 3 → "3" */
const decimal = (v: number) => String(round(v, 1));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function components(c: Candidate, threshold: number): RankingFactors['components'] {
  const h = c.history;
  const t = Math.max(threshold, 1);
  const overloaded = h.openBorrowing > threshold;
  const overload = -Math.min(h.openBorrowing / t, 2) - (overloaded ? 1 : 0);
  const balance = -(h.lentToUs - h.borrowedFromUs) / (h.lentToUs + h.borrowedFromUs + 4);
  let performance = 0;
  if (h.fillRate !== null || h.medianTurnaroundDays !== null) {
    const fill = h.fillRate === null ? 0 : (h.fillRate - 0.5) * 2;
    const speed = h.medianTurnaroundDays === null ? 0 : clamp(1 - h.medianTurnaroundDays / 7, -1, 1);
    performance = (fill + speed) / 2;
  }
  const ltb = c.loanToBorrowRatio ? clamp(Math.log2(c.loanToBorrowRatio), -1, 1) : 0;
  return { overload: round(overload), balance: round(balance), performance: round(performance), loanToBorrowRatio: round(ltb) };
}

export function factorsOf(c: Candidate, settings: RankingSettings): RankingFactors {
  const h = c.history;
  return {
    openRequests: h.openBorrowing,
    overloadThreshold: settings.overloadThreshold,
    overloaded: h.openBorrowing > settings.overloadThreshold,
    lentToUs: h.lentToUs,
    borrowedFromUs: h.borrowedFromUs,
    balance: h.lentToUs - h.borrowedFromUs,
    fillRate: h.fillRate === null ? null : round(h.fillRate, 3),
    medianTurnaroundDays: h.medianTurnaroundDays,
    loanToBorrowRatio: c.loanToBorrowRatio,
    preferred: c.preferred,
    last: c.last,
    owns: c.owns,
    components: components(c, settings.overloadThreshold),
  };
}

export function scoreOf(f: RankingFactors, w: RankingWeights): number {
  const k = f.components;
  return round(w.overload * k.overload + w.balance * k.balance + w.performance * k.performance + w.loanToBorrowRatio * k.loanToBorrowRatio);
}

/** The numbers behind a rank, in words: "14 open requests with this partner, above the threshold of 10; fills 92% in 3.1 days; ..." */
export function explain(f: RankingFactors, holdingsReason?: string): string {
  const parts: string[] = [];
  if (f.preferred) parts.push('preferred supplier');
  if (f.last) parts.push('ranked last by setting');
  const open = `${plural(f.openRequests, 'open request')} with this partner`;
  parts.push(f.overloaded ? `${open}, above the threshold of ${f.overloadThreshold}` : `${open} (threshold ${f.overloadThreshold})`);
  if (f.fillRate === null) parts.push('no fill history');
  else {
    const pct = Math.round(f.fillRate * 100);
    parts.push(f.medianTurnaroundDays === null ? `fills ${pct}%` : `fills ${pct}% in ${decimal(f.medianTurnaroundDays)} days`);
  }
  parts.push(`lent us ${f.lentToUs}, borrowed ${f.borrowedFromUs} from us`);
  if (f.loanToBorrowRatio !== null) parts.push(`loan-to-borrow ratio ${f.loanToBorrowRatio}`);
  if (holdingsReason) parts.push(holdingsReason);
  return parts.join('; ');
}

const tier = (c: Candidate) => (c.preferred ? 0 : c.last ? 2 : 1);

/** The prediction as the rota entry keeps it. */
export function rotaPrediction(p: Prediction): RotaPrediction {
  return {
    fillProbability: round(p.fillProbability, 3),
    medianDays: p.medianDays,
    p90Days: p.p90Days,
    requestsLastYear: p.requestsLastYear,
    basis: p.basis,
    reason: p.reason,
  };
}

/**
 * Ranks `candidates`. Ordered: the given order stays. Unordered: preferred symbols first, last
 * symbols last, by score in between (ties by symbol). Skipped candidates go to the end, in order.
 */
export function rankCandidates(
  candidates: Candidate[],
  settings: RankingSettings,
  ordered: boolean,
  strategy: RankingStrategy = 'score',
): RotaEntry[] {
  const predicted = strategy === 'mostLikelyFastest' && !ordered;
  const scored = candidates.map((c, index) => {
    const factors = factorsOf(c, settings);
    const score = predicted && c.predictedScore ? round(c.predictedScore.value) : scoreOf(factors, settings.weights);
    return { c, index, factors, score };
  });
  const active = scored.filter((s) => !s.c.skipReason);
  const skipped = scored.filter((s) => s.c.skipReason);
  if (!ordered) {
    const place = (s: (typeof scored)[number]) => (predicted ? (s.c.predictedScore?.order ?? Infinity) : 0);
    active.sort(
      (a, b) => tier(a.c) - tier(b.c) || place(a) - place(b) || b.score - a.score || a.c.symbol.localeCompare(b.c.symbol),
    );
  }
  const entries: RotaEntry[] = [];
  active.forEach((s, i) => {
    const rank = i + 1;
    const how = ordered
      ? `${ordinal(rank)} in the profile's order (score ${s.score})`
      : predicted && s.c.predictedScore
        ? `ranked ${ordinal(rank)} as most likely to fill fastest (${s.c.predictedScore.reason})`
        : `ranked ${ordinal(rank)} (score ${s.score})`;
    const prediction = s.c.prediction ? `; ${s.c.prediction.reason}` : '';
    entries.push({
      symbol: s.c.symbol,
      ...(s.c.name ? { name: s.c.name } : {}),
      rank,
      score: s.score,
      reason: `${how}: ${explain(s.factors, s.c.holdingsReason)}${prediction}`,
      rankedBy: ordered ? 'profileOrder' : predicted && s.c.predictedScore ? 'predictions' : 'score',
      factors: s.factors,
      ...(s.c.prediction ? { prediction: rotaPrediction(s.c.prediction) } : {}),
      ...(s.c.recordId ? { supplierUniqueRecordId: s.c.recordId } : {}),
    });
  });
  skipped.forEach((s, i) => {
    entries.push({
      symbol: s.c.symbol,
      ...(s.c.name ? { name: s.c.name } : {}),
      rank: active.length + i + 1,
      score: s.score,
      skipped: true,
      reason: `skipped: ${s.c.skipReason}`,
      factors: s.factors,
    });
  });
  return entries;
}
