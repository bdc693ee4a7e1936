// How well the predictions fit this library's own history, for the dashboard:
// GET /resource-sharing/statistics/predictions[?months=12]. A rolling backtest: for each 30 days
// of the last `months` months, the model trained on what was answered before predicts the
// attempts sent in them (the same code as `npm run bench predictions`).
import type { Sql } from '../db/database.ts';
import { allEntries } from '../directory/directory-store.ts';
import { renderSymbol } from '../directory/symbols.ts';
import { fieldError, throwIfAny } from '../directory/validation.ts';
import { predictionAttempts } from './prediction-history.ts';
import { backtest, PredictionModel, type Calibration } from './predictions.ts';
import { rotaPrediction } from './ranking.ts';
import type { RotaPrediction } from './rota-types.ts';

/** below this many predicted attempts the table says too little to show */
export const MINIMUM_ATTEMPTS = 50;
const DAY_MS = 86_400_000;

export interface PredictionStatistics extends Calibration {
  from: string;
  to: string;
  months: number;
  /** true once `attempts` reaches `minimumAttempts` */
  enough: boolean;
  minimumAttempts: number;
  /** today's predictions for every partner with history */
  lenders: { symbol: string; name: string; loan: RotaPrediction; copy: RotaPrediction }[];
}

export function readMonths(raw: string | undefined): number {
  if (raw === undefined) return 12;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 36) {
    throwIfAny([fieldError('months', raw, 'months must be a whole number from 1 to 36', 'validation.range')]);
  }
  return n;
}

export async function predictionStatistics(sql: Sql, tenant: string, months: number, now: Date = new Date()): Promise<PredictionStatistics> {
  const to = now.getTime();
  const from = to - months * 30 * DAY_MS;
  const [attempts, entries] = await Promise.all([predictionAttempts(sql, tenant, now, Math.ceil(months / 12) + 2), allEntries(sql, tenant)]);
  const calibration = backtest(attempts, from, to, 30);
  const model = new PredictionModel(attempts, now);
  const known = new Set(attempts.map((a) => a.lender));
  const lenders = entries
    .filter((e) => !e.self && known.has(e.id))
    .map((e) => ({ symbol: renderSymbol(e.symbols[0]), name: e.name, loan: rotaPrediction(model.predict(e.id, 'loan')), copy: rotaPrediction(model.predict(e.id, 'copy')) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    from: new Date(from).toISOString(),
    to: now.toISOString(),
    months,
    enough: calibration.attempts >= MINIMUM_ATTEMPTS,
    minimumAttempts: MINIMUM_ATTEMPTS,
    ...calibration,
    lenders,
  };
}
