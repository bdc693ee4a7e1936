// `npm run bench predictions`: are the rota's predictions calibrated, and does ranking by them
// help? Pure: no database. A seeded simulation of three years of borrowing with eight lenders
// (different fill rates and speeds, slower in the holidays, one that gets worse over time, one
// that is seldom asked), then:
//  1. a rolling backtest of the last year: each month, a model trained on everything answered
//     before it predicts that month's attempts → Brier score, reliability table, coverage of the
//     predicted median and 90th percentile of days;
//  2. the same last-year requests walked through two rotas on the same random outcomes: the rules
//     ranking (rankCandidates with the default weights, history as partner-history.ts sums it)
//     and the mostLikelyFastest strategy → fill rate, median days to delivery, delivered in time.
import { rankCandidates, type Candidate } from '../mod-resource-sharing/src/rota/ranking.ts';
import { backtest, fastestOrder, PredictionModel, type Attempt } from '../mod-resource-sharing/src/rota/predictions.ts';
import { EMPTY_HISTORY, type PartnerHistory } from '../mod-resource-sharing/src/rota/partner-history.ts';
import { defaultSettings } from '../mod-resource-sharing/src/settings/settings-types.ts';
import type { ServiceType } from '../mod-resource-sharing/src/requests/request-types.ts';
import { prng } from '../test/support/seeded-random.ts';

const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);
const YEARS = 3;
const REQUESTS_PER_DAY = 6;
/** suppliers asked per request before it ends unfilled */
const ROTA_LIMIT = 3;

const random = prng(18626);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const lognormal = (median: number, sigma: number) => median * Math.exp(sigma * normal());

interface Lender {
  id: string;
  /** fill probability and median days for loans and copies at time t (ms) */
  fill: (st: ServiceType, format: string, t: number) => number;
  days: (st: ServiceType, t: number) => number;
  /** share of the historical requests that asked it at all */
  reach: number;
}

const yearsIn = (t: number) => (t - START) / (365 * DAY);
/** holidays: late December and early January, and the summer, are slower and fill less */
function season(t: number): { slow: number; fill: number } {
  const d = new Date(t);
  const m = d.getUTCMonth();
  if ((m === 11 && d.getUTCDate() >= 15) || (m === 0 && d.getUTCDate() <= 10)) return { slow: 1.8, fill: -0.1 };
  if (m === 6 || m === 7) return { slow: 1.4, fill: -0.05 };
  return { slow: 1, fill: 0 };
}
const clamp01 = (v: number) => Math.min(0.98, Math.max(0.02, v));

function lender(id: string, loanFill: number, copyFill: number, loanDays: number, copyDays: number, reach = 1, dvd?: number): Lender {
  return {
    id,
    reach,
    fill: (st, format, t) => clamp01((st === 'copy' ? copyFill : format === 'dvd' && dvd !== undefined ? dvd : loanFill) + season(t).fill),
    days: (st, t) => (st === 'copy' ? copyDays : loanDays) * season(t).slow,
  };
}

const LENDERS: Lender[] = [
  lender('RELIABLE-SLOW', 0.85, 0.6, 6, 3),
  lender('FAST-FICKLE', 0.5, 0.75, 2, 0.7),
  lender('STEADY', 0.7, 0.8, 3.5, 1.2),
  lender('NO-DVDS', 0.75, 0.7, 3, 1, 1, 0.1),
  lender('POOR', 0.35, 0.45, 5, 2),
  lender('COPY-CENTRE', 0.45, 0.92, 9, 0.8),
  lender('RARELY-ASKED', 0.6, 0.6, 3, 1, 0.03),
  {
    // the best lender at first; by the third year it fills far less and takes three times as long
    id: 'DEGRADING',
    reach: 1,
    fill: (st, _f, t) => clamp01((st === 'copy' ? 0.95 : 0.92) - 0.22 * yearsIn(t) + season(t).fill),
    days: (st, t) => (st === 'copy' ? 0.8 : 2) * (1 + yearsIn(t)) * season(t).slow,
  },
];

interface SimRequest {
  createdAt: number;
  serviceType: ServiceType;
  format: string;
  /** days the patron can wait */
  neededWithin: number;
  /** the same random outcome for every way of ranking */
  outcome: Map<string, { filled: boolean; days: number; unfilledDays: number }>;
}

function makeRequests(): SimRequest[] {
  const out: SimRequest[] = [];
  for (let day = 0; day < YEARS * 365; day++) {
    for (let i = 0; i < REQUESTS_PER_DAY; i++) {
      const createdAt = START + day * DAY + random() * DAY;
      const serviceType: ServiceType = random() < 0.35 ? 'copy' : 'loan';
      const format = serviceType === 'copy' ? 'article' : random() < 0.12 ? 'dvd' : 'book';
      const outcome = new Map<string, { filled: boolean; days: number; unfilledDays: number }>();
      for (const l of LENDERS) {
        outcome.set(l.id, {
          filled: random() < l.fill(serviceType, format, createdAt),
          days: Math.max(0.1, lognormal(l.days(serviceType, createdAt), 0.55)),
          unfilledDays: Math.max(0.1, lognormal(1.5, 0.6)),
        });
      }
      out.push({ createdAt, serviceType, format, neededWithin: 7 + Math.floor(random() * 24), outcome });
    }
  }
  return out;
}

interface Walk {
  filled: boolean;
  days: number;
  attempts: Attempt[];
}

/** Asks the lenders in `order` (at most ROTA_LIMIT) until one fills. */
function walk(r: SimRequest, order: string[]): Walk {
  let t = r.createdAt;
  const attempts: Attempt[] = [];
  for (const id of order.slice(0, ROTA_LIMIT)) {
    const o = r.outcome.get(id)!;
    const took = o.filled ? o.days : o.unfilledDays;
    attempts.push({ lender: id, serviceType: r.serviceType, format: r.format, sentAt: t, answeredAt: t + took * DAY, filled: o.filled });
    t += took * DAY;
    if (o.filled) return { filled: true, days: (t - r.createdAt) / DAY, attempts };
  }
  return { filled: false, days: (t - r.createdAt) / DAY, attempts };
}

function shuffle<T>(list: T[]): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** partner-history.ts's numbers from the attempts answered before `now` */
function rulesHistory(attempts: Attempt[], now: number): Map<string, PartnerHistory> {
  const out = new Map<string, PartnerHistory & { days: number[] }>();
  for (const a of attempts) {
    if (a.answeredAt > now) continue;
    const h = out.get(a.lender) ?? { ...EMPTY_HISTORY, days: [] };
    if (a.filled) {
      h.lentToUs++;
      h.days.push((a.answeredAt - a.sentAt) / DAY);
    } else h.unfilled++;
    out.set(a.lender, h);
  }
  for (const h of out.values()) {
    h.fillRate = h.lentToUs / (h.lentToUs + h.unfilled);
    h.borrowedFromUs = h.lentToUs; // a balanced exchange: the balance strategy stays neutral
    const d = h.days.sort((x, y) => x - y);
    h.medianTurnaroundDays = d.length ? d[Math.floor(d.length / 2)] : null;
  }
  return out;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const pct = (v: number | null) => (v === null ? '   -' : `${(v * 100).toFixed(1)}%`);

export async function run(): Promise<void> {
  const t0 = performance.now();
  const requests = makeRequests();
  const testFrom = START + (YEARS - 1) * 365 * DAY;
  const testTo = START + YEARS * 365 * DAY;
  // the history: requests before the test year asked lenders in a random order (the seldom-asked one seldom)
  const history: Attempt[] = [];
  for (const r of requests) {
    if (r.createdAt >= testFrom) break;
    const order = shuffle(LENDERS.filter((l) => random() < l.reach).map((l) => l.id));
    history.push(...walk(r, order).attempts);
  }
  const testRequests = requests.filter((r) => r.createdAt >= testFrom);
  // the test year's attempts as a random-order rota would have made them: what the backtest predicts
  const testAttempts: Attempt[] = [];
  for (const r of testRequests) testAttempts.push(...walk(r, shuffle(LENDERS.filter((l) => random() < l.reach).map((l) => l.id))).attempts);

  console.log(
    `simulated ${requests.length} requests over ${YEARS} years, ${LENDERS.length} lenders (${LENDERS.map((l) => l.id).join(', ')}); ` +
      `trained on ${history.length} attempts of the first ${YEARS - 1} years, tested on the last year, retrained monthly`,
  );
  const cal = backtest([...history, ...testAttempts], testFrom, testTo, 30);
  console.log(`\nfill probability: Brier score ${cal.brierScore} over ${cal.attempts} attempts (always predicting the overall rate: ${cal.baselineBrierScore})`);
  console.log('reliability table:');
  console.log('  predicted   attempts  mean predicted  observed fill rate');
  for (const b of cal.bins) {
    if (!b.requests) continue;
    console.log(`  ${b.from.toFixed(1)}–${b.to.toFixed(1)}  ${String(b.requests).padStart(9)}  ${pct(b.meanPredicted).padStart(14)}  ${pct(b.observedFillRate).padStart(18)}`);
  }
  console.log(`delivery days: ${pct(cal.p90Coverage)} of ${cal.deliveries} deliveries came within the predicted 90th percentile, ${pct(cal.medianCoverage)} within the predicted median`);

  console.log('per lender (test year): mean predicted fill / observed / 90 % coverage');
  for (const l of LENDERS) {
    const c = backtest([...history, ...testAttempts], testFrom, testTo, 30, {}, (a) => a.lender === l.id);
    const mean = (key: 'meanPredicted' | 'observedFillRate') =>
      c.bins.reduce((sum, b) => sum + (b[key] ?? 0) * b.requests, 0) / Math.max(1, c.attempts);
    console.log(`  ${l.id.padEnd(13)} ${String(c.attempts).padStart(5)} attempts  ${pct(mean('meanPredicted'))} / ${pct(mean('observedFillRate'))} / ${pct(c.p90Coverage)}`);
  }
  const halfLives = [60, 120, 180, 365, Infinity];
  console.log(
    `half-life sensitivity (Brier / 90 % coverage): ${halfLives
      .map((h) => {
        const c = backtest([...history, ...testAttempts], testFrom, testTo, 30, { halfLifeDays: h });
        return `${h === Infinity ? 'no decay' : `${h} days`} ${c.brierScore} / ${pct(c.p90Coverage)}`;
      })
      .join(', ')}`,
  );

  // the same test requests through both rankings, retraining monthly on what has been answered
  const weights = defaultSettings.rankingWeights;
  const outcomes: Record<'rules' | 'predicted', Walk[]> = { rules: [], predicted: [] };
  const inTime: Record<'rules' | 'predicted', number> = { rules: 0, predicted: 0 };
  const learned: Record<'rules' | 'predicted', Attempt[]> = { rules: [...history], predicted: [...history] };
  const firsts = new Map<string, number>();
  let monthStart = testFrom;
  let model = new PredictionModel(learned.predicted, monthStart);
  let rulesH = rulesHistory(learned.rules, monthStart);
  for (const r of testRequests) {
    while (r.createdAt >= monthStart + 30 * DAY) {
      monthStart += 30 * DAY;
      model = new PredictionModel(learned.predicted, monthStart);
      rulesH = rulesHistory(learned.rules, monthStart);
    }
    const ids = LENDERS.map((l) => l.id);
    const order = fastestOrder(model, ids, r.serviceType, r.format, r.neededWithin);
    const candidates = (strategy: 'rules' | 'predicted'): Candidate[] =>
      ids.map((id) => ({
        symbol: id,
        history: { ...(rulesH.get(id) ?? EMPTY_HISTORY) },
        loanToBorrowRatio: null,
        preferred: false,
        last: false,
        owns: 'unknown',
        ...(strategy === 'predicted' ? { predictedScore: order.get(id)! } : {}),
      }));
    for (const strategy of ['rules', 'predicted'] as const) {
      const ranked = rankCandidates(candidates(strategy), { overloadThreshold: 10, weights }, false, strategy === 'predicted' ? 'mostLikelyFastest' : 'score');
      const w = walk(r, ranked.map((e) => e.symbol));
      firsts.set(`${strategy} ${ranked[0].symbol}`, (firsts.get(`${strategy} ${ranked[0].symbol}`) ?? 0) + 1);
      outcomes[strategy].push(w);
      learned[strategy].push(...w.attempts);
      if (w.filled && w.days <= r.neededWithin) inTime[strategy]++;
    }
  }
  console.log(`\nranking the ${testRequests.length} test-year requests (at most ${ROTA_LIMIT} lenders asked, the same outcomes for both):`);
  console.log('  ranking             fill rate  median days to delivery  delivered by the needed-before date');
  const row = (name: string, key: 'rules' | 'predicted') => {
    const w = outcomes[key];
    const filled = w.filter((x) => x.filled);
    console.log(
      `  ${name.padEnd(18)}  ${pct(filled.length / w.length).padStart(9)}  ${median(filled.map((x) => x.days)).toFixed(2).padStart(23)}  ${pct(inTime[key] / w.length).padStart(35)}`,
    );
    return { fill: filled.length / w.length, median: median(filled.map((x) => x.days)), inTime: inTime[key] / w.length };
  };
  const a = row('rules (score)', 'rules');
  const b = row('mostLikelyFastest', 'predicted');
  console.log(
    `gain: fill rate ${((b.fill - a.fill) * 100).toFixed(1)} points, median days ${(b.median - a.median).toFixed(2)}, delivered in time ${((b.inTime - a.inTime) * 100).toFixed(1)} points`,
  );
  const firstAsked = (key: string) =>
    [...firsts].filter(([k]) => k.startsWith(`${key} `)).sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k.slice(key.length + 1)} ${n}`).join(', ');
  console.log(`asked first: rules → ${firstAsked('rules')}; mostLikelyFastest → ${firstAsked('predicted')}`);
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
