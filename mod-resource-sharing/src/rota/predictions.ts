// Calibrated predictions per lender, from our own history with it: the probability that it fills
// a request (Beta-Binomial, prior pooled across lenders), and the days until the item or copy is
// on its way to us (median and 90th percentile of an empirical distribution shrunk toward the
// pooled one). Recent requests weigh more (exponential decay with a half-life). Pure: the
// attempts come from prediction-history.ts (the database) or from the benchmark's simulation.
//
// Levels, each one the prior of the next:
//   pooled(service type)  – every lender's attempts for this service type
//   lender(service type)  – this lender; its attempts for the other service type count at half
//                           weight in its prior ("fallback to the lender overall")
//   lender(service type, format) – when the request has a format this lender has history for
import type { ServiceType } from '../requests/request-types.ts';

const DAY_MS = 86_400_000;

/** One time a request was with a lender and the lender answered: filled (shipped) or unfilled. */
export interface Attempt {
  /** partner key (directory entry id, or the upper-cased symbol) */
  lender: string;
  serviceType: ServiceType;
  /** citation.format, lower-cased; null when unknown */
  format: string | null;
  /** ms since the epoch: when the request went to the lender */
  sentAt: number;
  /** ms: when the lender shipped, or answered Unfilled */
  answeredAt: number;
  filled: boolean;
}

export interface PredictionOptions {
  /** an attempt this many days old counts half (default 180) */
  halfLifeDays?: number;
  /** Beta prior strength of the pooled rate in pseudo-requests; default: estimated from the spread between lenders */
  fillPriorStrength?: number;
  /** prior strength of lender(service type) for its format cells (default 4) */
  formatPriorStrength?: number;
  /** pseudo-requests of the parent distribution mixed into a lender's delivery days (default 3) */
  daysPriorWeight?: number;
}

export interface Prediction {
  /** probability that this lender fills the request, 0..1 (never exactly 0 or 1) */
  fillProbability: number;
  /** days from sending to shipped: median and 90th percentile; null without any delivery in the history */
  medianDays: number | null;
  p90Days: number | null;
  /** mean days until an Unfilled answer (used to rank by expected days) */
  meanUnfilledDays: number;
  /** this lender's answered requests of this service type in the last 365 days */
  requestsLastYear: number;
  /** the most specific level with history: format, service type, lender (other service type), pooled (none) */
  basis: 'format' | 'serviceType' | 'lender' | 'pooled';
  /** in words, for the rota reason */
  reason: string;
}

interface Counts {
  w: number;
  filled: number;
}

interface Dist {
  /** sorted values with cumulative weights */
  values: number[];
  cum: number[];
  total: number;
}

const EMPTY_DIST: Dist = { values: [], cum: [], total: 0 };

function makeDist(points: { v: number; w: number }[]): Dist {
  const sorted = points.filter((p) => p.w > 0).sort((a, b) => a.v - b.v);
  const values: number[] = [];
  const cum: number[] = [];
  let total = 0;
  for (const p of sorted) {
    total += p.w;
    if (values.length && values[values.length - 1] === p.v) cum[cum.length - 1] = total;
    else {
      values.push(p.v);
      cum.push(total);
    }
  }
  return { values, cum, total };
}

/** The smallest value with at least `q` of the weight at or below it; null for an empty distribution. */
export function quantileOf(d: Dist, q: number): number | null {
  if (!d.total) return null;
  const target = q * d.total - 1e-9;
  let lo = 0;
  let hi = d.values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d.cum[mid] >= target) hi = mid;
    else lo = mid + 1;
  }
  return d.values[lo];
}

/** P(value <= x); null for an empty distribution. */
export function cdfOf(d: Dist, x: number): number | null {
  if (!d.total) return null;
  let lo = 0;
  let hi = d.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d.values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : d.cum[lo - 1] / d.total;
}

/** A large parent distribution enters a mixture as this many equally weighted quantiles. */
const PARENT_POINTS = 200;

/** `own` plus `parent` scaled to `priorWeight` in total. */
function shrink(own: { v: number; w: number }[], parent: Dist, priorWeight: number): Dist {
  const points = [...own];
  if (parent.total > 0 && priorWeight > 0) {
    if (parent.values.length > PARENT_POINTS) {
      for (let k = 0; k < PARENT_POINTS; k++) points.push({ v: quantileOf(parent, (k + 0.5) / PARENT_POINTS)!, w: priorWeight / PARENT_POINTS });
    } else {
      let prev = 0;
      parent.values.forEach((v, i) => {
        points.push({ v, w: ((parent.cum[i] - prev) * priorWeight) / parent.total });
        prev = parent.cum[i];
      });
    }
  }
  return makeDist(points);
}

const posterior = (c: Counts, priorMean: number, strength: number) => (c.filled + strength * priorMean) / (c.w + strength);

const add = (m: Map<string, Counts>, key: string, w: number, filled: boolean) => {
  const c = m.get(key) ?? { w: 0, filled: 0 };
  c.w += w;
  if (filled) c.filled += w;
  m.set(key, c);
};

const push = <T>(m: Map<string, T[]>, key: string, v: T) => {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
};

const ZERO: Counts = { w: 0, filled: 0 };
const days = (a: Attempt) => Math.max(0, (a.answeredAt - a.sentAt) / DAY_MS);
const normFormat = (f: string | null | undefined) => {
  const t = f?.trim().toLowerCase();
  return t ? t : null;
};

/**
 * Method-of-moments strength of the pooled Beta prior: the spread of the lenders' rates beyond
 * what their sample sizes explain. Few lenders or no spread: a weak default.
 */
function estimateStrength(perLender: Counts[], p0: number): number {
  const lenders = perLender.filter((c) => c.w >= 1);
  if (lenders.length < 3) return 4;
  const n = lenders.reduce((s, c) => s + c.w, 0);
  const observed = lenders.reduce((s, c) => s + c.w * (c.filled / c.w - p0) ** 2, 0) / n;
  const sampling = (p0 * (1 - p0) * lenders.length) / n;
  const between = observed - sampling;
  if (between <= 1e-6) return 50;
  return Math.min(50, Math.max(2, (p0 * (1 - p0)) / between - 1));
}

/** Predictions from the attempts answered before `now`. */
export class PredictionModel {
  readonly now: number;
  readonly attempts: number;
  private readonly halfLife: number;
  private readonly formatStrength: number;
  private readonly daysPrior: number;
  private readonly fill = new Map<string, Counts>();
  private readonly lastYear = new Map<string, number>();
  private readonly delivered = new Map<string, { v: number; w: number }[]>();
  private readonly unfilledDays = new Map<string, Counts>(); // w = weight, filled = weighted sum of days
  private readonly strength = new Map<ServiceType, number>();
  private readonly cache = new Map<string, Prediction & { dist: Dist }>();

  constructor(attempts: Attempt[], now: Date | number, opts: PredictionOptions = {}) {
    this.now = typeof now === 'number' ? now : now.getTime();
    this.halfLife = opts.halfLifeDays ?? 180;
    this.formatStrength = opts.formatPriorStrength ?? 4;
    this.daysPrior = opts.daysPriorWeight ?? 3;
    let used = 0;
    for (const a of attempts) {
      if (a.answeredAt > this.now) continue;
      used++;
      const age = (this.now - a.answeredAt) / DAY_MS;
      const w = 0.5 ** (age / this.halfLife);
      const st = a.serviceType;
      const fmt = normFormat(a.format);
      add(this.fill, `*|${st}`, w, a.filled);
      add(this.fill, `${a.lender}|${st}`, w, a.filled);
      if (fmt) add(this.fill, `${a.lender}|${st}|${fmt}`, w, a.filled);
      if (age <= 365) this.lastYear.set(`${a.lender}|${st}`, (this.lastYear.get(`${a.lender}|${st}`) ?? 0) + 1);
      if (a.filled) {
        const point = { v: days(a), w };
        push(this.delivered, `*|${st}`, point);
        push(this.delivered, `${a.lender}|${st}`, point);
        if (fmt) push(this.delivered, `${a.lender}|${st}|${fmt}`, point);
      } else {
        for (const key of ['*', a.lender]) {
          const c = this.unfilledDays.get(key) ?? { w: 0, filled: 0 };
          c.w += w;
          c.filled += w * days(a);
          this.unfilledDays.set(key, c);
        }
      }
    }
    this.attempts = used;
    for (const st of ['loan', 'copy'] as ServiceType[]) {
      const p0 = this.pooledRate(st);
      const perLender = [...this.fill.entries()].filter(([k]) => !k.startsWith('*|') && k.split('|').length === 2 && k.endsWith(`|${st}`)).map(([, c]) => c);
      this.strength.set(st, opts.fillPriorStrength ?? estimateStrength(perLender, p0));
    }
  }

  private counts(key: string): Counts {
    return this.fill.get(key) ?? ZERO;
  }

  /** Pooled fill rate of a service type; the other service type's history, then 1/2, as its prior. */
  private pooledRate(st: ServiceType): number {
    const all = [...this.fill.entries()].filter(([k]) => k.startsWith('*|')).reduce((s, [, c]) => ({ w: s.w + c.w, filled: s.filled + c.filled }), ZERO);
    return posterior(this.counts(`*|${st}`), posterior(all, 0.5, 2), 2);
  }

  private readonly pools = new Map<ServiceType, Dist>();

  private pooledDist(st: ServiceType): Dist {
    let d = this.pools.get(st);
    if (!d) {
      const own = this.delivered.get(`*|${st}`) ?? [];
      d = makeDist(own.length ? own : (this.delivered.get(`*|${st === 'loan' ? 'copy' : 'loan'}`) ?? []));
      this.pools.set(st, d);
    }
    return d;
  }

  private readonly lenderDists = new Map<string, Dist>();

  private lenderDist(lender: string, st: ServiceType): Dist {
    const key = `${lender}|${st}`;
    let d = this.lenderDists.get(key);
    if (!d) this.lenderDists.set(key, (d = shrink(this.delivered.get(key) ?? [], this.pooledDist(st), this.daysPrior)));
    return d;
  }

  predict(lender: string, serviceType: ServiceType = 'loan', format?: string | null): Prediction {
    const fmt = normFormat(format);
    const cacheKey = `${lender}|${serviceType}|${fmt ?? ''}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const st = serviceType;
    const other: ServiceType = st === 'loan' ? 'copy' : 'loan';
    const m = this.strength.get(st) ?? 4;
    const p0 = this.pooledRate(st);
    const lenderSt = this.counts(`${lender}|${st}`);
    const lenderOther = this.counts(`${lender}|${other}`);
    // the lender overall: its other service type at half weight, shrunk toward the pool
    const lenderPrior = posterior({ w: lenderOther.w / 2, filled: lenderOther.filled / 2 }, p0, m);
    const pSt = posterior(lenderSt, lenderPrior, m);
    const cell = fmt ? this.counts(`${lender}|${st}|${fmt}`) : ZERO;
    const p = cell.w > 0 ? posterior(cell, pSt, this.formatStrength) : pSt;
    const basis: Prediction['basis'] = cell.w > 0 ? 'format' : lenderSt.w > 0 ? 'serviceType' : lenderOther.w > 0 ? 'lender' : 'pooled';

    const lenderDist = this.lenderDist(lender, st);
    const dist = fmt && this.delivered.get(`${lender}|${st}|${fmt}`)
      ? shrink(this.delivered.get(`${lender}|${st}|${fmt}`)!, lenderDist, this.daysPrior)
      : lenderDist;
    const median = quantileOf(dist, 0.5);
    const p90 = quantileOf(dist, 0.9);

    const uPool = this.unfilledDays.get('*');
    const uMean = uPool && uPool.w > 0 ? uPool.filled / uPool.w : 3;
    const uLender = this.unfilledDays.get(lender) ?? ZERO;
    const meanUnfilledDays = (uLender.filled + 2 * uMean) / (uLender.w + 2);

    const prediction = {
      fillProbability: p,
      medianDays: median === null ? null : Math.round(median * 10) / 10,
      p90Days: p90 === null ? null : Math.round(p90 * 10) / 10,
      meanUnfilledDays: Math.round(meanUnfilledDays * 10) / 10,
      requestsLastYear: this.lastYear.get(`${lender}|${st}`) ?? 0,
      basis,
      reason: '',
      dist,
    };
    prediction.reason = predictionReason(prediction, st, fmt);
    this.cache.set(cacheKey, prediction);
    return prediction;
  }

  /**
   * P(delivered within `withinDays` days of sending) = P(fill) × P(days ≤ withinDays), counting
   * days to the nearest whole day as the needed-before date does.
   */
  probabilityWithin(lender: string, serviceType: ServiceType, format: string | null | undefined, withinDays: number): number {
    const p = this.predict(lender, serviceType, format) as Prediction & { dist: Dist };
    const inTime = cdfOf(p.dist, withinDays + 0.5);
    return p.fillProbability * (inTime ?? 0.5);
  }

  /** Expected days this lender keeps the request: delivery when it fills, its Unfilled answer otherwise. */
  expectedDays(lender: string, serviceType: ServiceType, format?: string | null): number {
    const p = this.predict(lender, serviceType, format);
    const fillDays = p.medianDays ?? 7;
    return p.fillProbability * Math.max(fillDays, 0.1) + (1 - p.fillProbability) * Math.max(p.meanUnfilledDays, 0.1);
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const dayCount = (d: number) => plural(Math.max(1, Math.round(d)), 'day');

/** "fills 87 % of loans, usually here in 4 days (90 %: 9), from 112 requests in the last year" */
export function predictionReason(p: Omit<Prediction, 'reason'>, st: ServiceType, format: string | null): string {
  const what = st === 'copy' ? 'copies' : 'loans';
  const pct = Math.round(p.fillProbability * 100);
  const speed = p.medianDays === null ? 'no delivery times yet' : `usually here in ${dayCount(p.medianDays)} (90 %: ${Math.max(1, Math.ceil(p.p90Days ?? p.medianDays))})`;
  const core = `fills ${pct} % of ${what}, ${speed}`;
  switch (p.basis) {
    case 'pooled':
      return `predicted: no history with this lender, so like all lenders it ${core}`;
    case 'lender':
      return `predicted: no ${what} with this lender yet, from its other requests it ${core}`;
    case 'format':
      return `predicted: ${core}, from ${plural(p.requestsLastYear, 'request')} in the last year (format ${format} weighed in)`;
    default:
      return `predicted: ${core}, from ${plural(p.requestsLastYear, 'request')} in the last year`;
  }
}

// ---- calibration: the same checks for the benchmark and for the library's real history ----

export interface ReliabilityBin {
  /** predicted probability range [from, to) */
  from: number;
  to: number;
  requests: number;
  meanPredicted: number | null;
  observedFillRate: number | null;
}

export interface Calibration {
  /** answered attempts that were predicted */
  attempts: number;
  /** mean squared error of the fill probability (0 best; 0.25 = always saying 50 %) */
  brierScore: number | null;
  /** the Brier score of always predicting the overall training fill rate, for comparison */
  baselineBrierScore: number | null;
  bins: ReliabilityBin[];
  /** share of deliveries that came within the predicted 90th percentile of days */
  p90Coverage: number | null;
  /** share of deliveries that came within the predicted median */
  medianCoverage: number | null;
  deliveries: number;
}

export interface Scored {
  predicted: number;
  filled: boolean;
  baseline: number;
  /** for deliveries: actual days and the predicted median / 90th percentile */
  days?: number;
  medianDays?: number | null;
  p90Days?: number | null;
}

export function calibrationOf(scored: Scored[], binCount = 10): Calibration {
  const bins: ReliabilityBin[] = Array.from({ length: binCount }, (_, i) => ({
    from: i / binCount,
    to: (i + 1) / binCount,
    requests: 0,
    meanPredicted: 0,
    observedFillRate: 0,
  }));
  let brier = 0;
  let base = 0;
  let deliveries = 0;
  let in90 = 0;
  let in50 = 0;
  for (const s of scored) {
    brier += (s.predicted - (s.filled ? 1 : 0)) ** 2;
    base += (s.baseline - (s.filled ? 1 : 0)) ** 2;
    const b = bins[Math.min(binCount - 1, Math.floor(s.predicted * binCount))];
    b.requests++;
    b.meanPredicted! += s.predicted;
    b.observedFillRate! += s.filled ? 1 : 0;
    if (s.filled && s.days !== undefined && s.p90Days !== null && s.p90Days !== undefined) {
      deliveries++;
      if (s.days <= s.p90Days) in90++;
      if (s.medianDays !== null && s.medianDays !== undefined && s.days <= s.medianDays) in50++;
    }
  }
  const r = (v: number) => Math.round(v * 1000) / 1000;
  for (const b of bins) {
    b.meanPredicted = b.requests ? r(b.meanPredicted! / b.requests) : null;
    b.observedFillRate = b.requests ? r(b.observedFillRate! / b.requests) : null;
  }
  return {
    attempts: scored.length,
    brierScore: scored.length ? r(brier / scored.length) : null,
    baselineBrierScore: scored.length ? r(base / scored.length) : null,
    bins,
    p90Coverage: deliveries ? r(in90 / deliveries) : null,
    medianCoverage: deliveries ? r(in50 / deliveries) : null,
    deliveries,
  };
}

/**
 * Rolling-origin backtest: for each step of `stepDays` from `from` to `to`, a model trained on the
 * attempts answered before the step predicts the attempts sent during it.
 */
export function backtest(
  attempts: Attempt[],
  from: number,
  to: number,
  stepDays = 30,
  opts: PredictionOptions = {},
  only: (a: Attempt) => boolean = () => true,
): Calibration {
  const scored: Scored[] = [];
  for (let start = from; start < to; start += stepDays * DAY_MS) {
    const end = Math.min(to, start + stepDays * DAY_MS);
    const model = new PredictionModel(attempts, start, opts);
    const known = attempts.filter((a) => a.answeredAt <= start);
    const baseline = known.length ? known.filter((a) => a.filled).length / known.length : 0.5;
    for (const a of attempts) {
      if (a.sentAt < start || a.sentAt >= end || !only(a)) continue;
      const p = model.predict(a.lender, a.serviceType, a.format);
      scored.push({
        predicted: p.fillProbability,
        filled: a.filled,
        baseline,
        ...(a.filled ? { days: days(a), medianDays: p.medianDays, p90Days: p.p90Days } : {}),
      });
    }
  }
  return calibrationOf(scored);
}

export interface FastestRank {
  /** 0-based position in the 'mostLikelyFastest' order */
  order: number;
  /** with a needed-before date: chance the rota has delivered by then once it got this far; else fills per expected day */
  value: number;
  reason: string;
}

/**
 * The 'mostLikelyFastest' order of `lenders` for one request.
 *
 * Without a needed-before date (or once it has passed): by p / E[days the lender keeps the
 * request] (E = p·median delivery days + (1−p)·mean days to an Unfilled answer), the order that
 * minimises the expected days until some lender delivers (Smith's rule for sequential trials).
 *
 * With a date `daysLeft` days away: greedily, the lender that maximises the chance of delivery by
 * then, counting the time an Unfilled answer costs: p·P(days ≤ left) + (1−p)·(best other lender's
 * chance in the time left after that answer). Near-ties (within half a point) go to the faster one.
 */
export function fastestOrder(
  model: PredictionModel,
  lenders: string[],
  serviceType: ServiceType,
  format: string | null | undefined,
  daysLeft: number | null,
): Map<string, FastestRank> {
  const out = new Map<string, FastestRank>();
  const info = new Map(
    lenders.map((l) => {
      const p = model.predict(l, serviceType, format);
      return [l, { p: p.fillProbability, e: model.expectedDays(l, serviceType, format), u: p.meanUnfilledDays }] as const;
    }),
  );
  const ratio = (l: string) => info.get(l)!.p / info.get(l)!.e;
  if (daysLeft === null || daysLeft <= 0) {
    const sorted = [...new Set(lenders)].sort((a, b) => ratio(b) - ratio(a) || a.localeCompare(b));
    sorted.forEach((l, order) => {
      const i = info.get(l)!;
      out.set(l, { order, value: ratio(l), reason: `fills ${Math.round(i.p * 100)} % and keeps a request ${Math.round(i.e * 10) / 10} days on average` });
    });
    return out;
  }
  const within = (l: string, left: number) => (left <= 0 ? 0 : model.probabilityWithin(l, serviceType, format, left));
  const remaining = new Set(lenders);
  let elapsed = 0;
  let notYet = 1;
  let cumulative = 0;
  for (let order = 0; remaining.size; order++) {
    const left = daysLeft - elapsed;
    let best: { l: string; g: number } | null = null;
    for (const l of remaining) {
      const i = info.get(l)!;
      let next = 0;
      for (const k of remaining) if (k !== l) next = Math.max(next, within(k, left - i.u));
      const g = within(l, left) + (1 - i.p) * next;
      if (!best || g > best.g + 0.005 || (Math.abs(g - best.g) <= 0.005 && (ratio(l) > ratio(best.l) || (ratio(l) === ratio(best.l) && l < best.l)))) {
        best = { l, g };
      }
    }
    const l = best!.l;
    const i = info.get(l)!;
    const own = within(l, left);
    cumulative += notYet * own;
    notYet *= 1 - i.p;
    elapsed += i.u;
    remaining.delete(l);
    out.set(l, {
      order,
      value: cumulative,
      reason:
        `${Math.round(own * 100)} % chance it delivers within the ${plural(Math.max(0, Math.round(left)), 'day')} the patron can wait` +
        (order ? `; ${Math.round(cumulative * 100)} % that one of the first ${order + 1} has` : ''),
    });
  }
  return out;
}
