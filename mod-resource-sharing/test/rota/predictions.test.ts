// Calibration properties of the per-lender predictions (pure: no database).
import assert from 'node:assert/strict';
import { backtest, calibrationOf, fastestOrder, PredictionModel, type Attempt } from '../../src/rota/predictions.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

/** `n` attempts with `lender`, `filled` of them filled in `days` days, answered `daysAgo` days before NOW. */
function history(lender: string, n: number, filled: number, days = 3, daysAgo = 30, extra: Partial<Attempt> = {}): Attempt[] {
  return Array.from({ length: n }, (_, i) => {
    const answeredAt = NOW - daysAgo * DAY;
    const ok = i < filled;
    return { lender, serviceType: 'loan', format: null, sentAt: answeredAt - (ok ? days : 1) * DAY, answeredAt, filled: ok, ...extra };
  });
}

/** Other lenders around a pooled fill rate of about 50 %. */
const crowd = (): Attempt[] => [...history('P1', 40, 30), ...history('P2', 40, 20), ...history('P3', 40, 10), ...history('P4', 40, 20)];

describe('lender predictions', () => {
  it('a lender with three requests of history is neither 0 % nor 100 %, and leans toward the pool', () => {
    const model = new PredictionModel([...crowd(), ...history('ALLFILLED', 3, 3), ...history('NONE', 3, 0)], NOW);
    const all = model.predict('ALLFILLED', 'loan');
    const none = model.predict('NONE', 'loan');
    assert.ok(all.fillProbability < 0.95 && all.fillProbability > 0.5, `3 of 3 filled: ${all.fillProbability}`);
    assert.ok(none.fillProbability > 0.05 && none.fillProbability < 0.5, `0 of 3 filled: ${none.fillProbability}`);
    assert.equal(all.basis, 'serviceType');
    assert.equal(all.requestsLastYear, 3);
  });

  it('more evidence narrows the prediction toward the observed rate', () => {
    const gaps = [10, 100, 1000].map((n) => {
      const model = new PredictionModel([...crowd(), ...history('X', n, n * 0.9)], NOW);
      return Math.abs(model.predict('X', 'loan').fillProbability - 0.9);
    });
    assert.ok(gaps[0] > gaps[1] && gaps[1] > gaps[2], `distance to 90 %: ${gaps.join(', ')}`);
    assert.ok(gaps[2] < 0.01);
  });

  it('a lender without history gets the pooled rate; one known only for copies falls back to its copies', () => {
    const copies = history('COPIER', 30, 3, 1, 30, { serviceType: 'copy' });
    const model = new PredictionModel([...crowd(), ...copies], NOW);
    const unknown = model.predict('NEW', 'loan');
    assert.equal(unknown.basis, 'pooled');
    assert.ok(Math.abs(unknown.fillProbability - 0.5) < 0.05, `pooled: ${unknown.fillProbability}`);
    assert.match(unknown.reason, /^predicted: no history with this lender, so like all lenders it fills 5\d % of loans, usually here in 3 days \(90 %: 3\)$/);
    const copier = model.predict('COPIER', 'loan');
    assert.equal(copier.basis, 'lender');
    assert.ok(copier.fillProbability < unknown.fillProbability - 0.1, 'its poor copy record lowers its loan prediction');
  });

  it('weighs recent requests more: a lender that filled everything two years ago and nothing lately is predicted low', () => {
    const model = new PredictionModel([...crowd(), ...history('DECLINED', 40, 40, 3, 730), ...history('DECLINED', 20, 0, 3, 20)], NOW);
    const p = model.predict('DECLINED', 'loan').fillProbability;
    assert.ok(p < 0.35, `${p} (unweighted it would be 67 %)`);
    assert.equal(model.predict('DECLINED', 'loan').requestsLastYear, 20, 'the reason counts the last year only');
  });

  it('uses a format with its own history, and the lender as a whole for a format it has none for', () => {
    const books = history('NODVD', 40, 36, 3, 30, { format: 'book' });
    const dvds = history('NODVD', 20, 1, 3, 30, { format: 'dvd' });
    const model = new PredictionModel([...crowd(), ...books, ...dvds], NOW);
    const dvd = model.predict('NODVD', 'loan', 'DVD ');
    const book = model.predict('NODVD', 'loan', 'book');
    const map = model.predict('NODVD', 'loan', 'map');
    assert.equal(dvd.basis, 'format');
    assert.ok(dvd.fillProbability < 0.3 && book.fillProbability > 0.8, `dvd ${dvd.fillProbability}, book ${book.fillProbability}`);
    assert.equal(map.basis, 'serviceType');
    assert.ok(map.fillProbability > dvd.fillProbability && map.fillProbability < book.fillProbability);
  });

  it('delivery days: the lender\'s own quantiles with enough history, the pool\'s with one odd delivery', () => {
    const spread = (lender: string, n: number, days: (i: number) => number) =>
      Array.from({ length: n }, (_, i) => ({ lender, serviceType: 'loan' as const, format: null, sentAt: NOW - 40 * DAY, answeredAt: NOW - (40 - days(i)) * DAY, filled: true }));
    const model = new PredictionModel([...crowd(), ...spread('QUICK', 50, (i) => 1 + (i % 10) / 5), ...spread('ONCE', 1, () => 30)], NOW);
    const quick = model.predict('QUICK', 'loan');
    assert.ok(quick.medianDays! >= 1.6 && quick.medianDays! <= 2.2, `median ${quick.medianDays}`);
    assert.ok(quick.p90Days! >= 2.4 && quick.p90Days! <= 3, `p90 ${quick.p90Days}`);
    const once = model.predict('ONCE', 'loan');
    assert.equal(once.medianDays, 3, 'one 30-day delivery does not make the median 30 days');
    assert.equal(once.p90Days, 30, 'but it does widen the 90 % bound');
    assert.match(quick.reason, /^predicted: fills \d+ % of loans, usually here in 2 days \(90 %: 3\), from 50 requests in the last year$/);
  });

  it('calibration: a lender that fills 70 % at random is predicted about 70 %, and the reliability table shows it', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const start = NOW - 400 * DAY;
    const attempts: Attempt[] = [];
    for (let d = 0; d < 400; d++) {
      for (const [lender, rate] of [['A', 0.7], ['B', 0.3]] as const) {
        const sentAt = start + d * DAY;
        attempts.push({ lender, serviceType: 'loan', format: null, sentAt, answeredAt: sentAt + (1 + random() * 4) * DAY, filled: random() < rate });
      }
    }
    const cal = backtest(attempts, start + 200 * DAY, start + 400 * DAY, 30);
    assert.ok(cal.brierScore! < cal.baselineBrierScore!, `Brier ${cal.brierScore} vs always-the-mean ${cal.baselineBrierScore}`);
    const used = cal.bins.filter((b) => b.requests > 50);
    assert.ok(used.length >= 2);
    for (const b of used) assert.ok(Math.abs(b.meanPredicted! - b.observedFillRate!) < 0.08, JSON.stringify(b));
    assert.ok(cal.p90Coverage! > 0.8 && cal.p90Coverage! <= 1, `coverage ${cal.p90Coverage}`);
    // and a wrong predictor shows as miscalibrated
    const wrong = calibrationOf(attempts.map((a) => ({ predicted: 0.95, filled: a.filled, baseline: 0.5 })));
    assert.ok(wrong.brierScore! > wrong.baselineBrierScore!);
  });

  it('mostLikelyFastest: fills per expected day without a date, delivery in time with one', () => {
    const spread = (lender: string, n: number, filled: number, days: number) => history(lender, n, filled, days, 20);
    const model = new PredictionModel([...crowd(), ...spread('SLOWSURE', 50, 48, 12), ...spread('QUICKISH', 50, 35, 2)], NOW);
    const open = fastestOrder(model, ['SLOWSURE', 'QUICKISH'], 'loan', null, null);
    assert.equal(open.get('QUICKISH')!.order, 0, '70 % in 2 days beats 96 % in 12 days when nothing is urgent');
    assert.match(open.get('QUICKISH')!.reason, /^fills \d+ % and keeps a request [\d.]+ days on average$/);
    const long = fastestOrder(model, ['SLOWSURE', 'QUICKISH'], 'loan', null, 12);
    assert.equal(long.get('SLOWSURE')!.order, 0, 'with 12 days to go, asking the quick one first would leave the sure one too little time');
    assert.ok(long.get('QUICKISH')!.value > 0.95, 'the chance of delivery in time after both');
    const ample = fastestOrder(model, ['SLOWSURE', 'QUICKISH'], 'loan', null, 60);
    assert.equal(ample.get('QUICKISH')!.order, 0, 'with time for both the same chance either way: the faster first');
    const urgent = fastestOrder(model, ['SLOWSURE', 'QUICKISH'], 'loan', null, 5);
    assert.equal(urgent.get('QUICKISH')!.order, 0);
    assert.match(urgent.get('SLOWSURE')!.reason, /^\d % chance it delivers within the 4 days the patron can wait; \d+ % that one of the first 2 has$/);
  });
});
