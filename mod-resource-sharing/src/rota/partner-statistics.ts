// Per-partner statistics for the dashboard and for peers that balance load:
// GET /resource-sharing/statistics/partners.
import type { Sql } from '../db/database.ts';
import { allEntries } from '../directory/directory-store.ts';
import { renderSymbol } from '../directory/symbols.ts';
import { EMPTY_HISTORY, partnerHistory } from './partner-history.ts';

export interface PartnerStatistics {
  /** the partner's first symbol (`AUTHORITY:CODE`) */
  symbol: string;
  symbols: string[];
  name: string | null;
  /** directory entry id; null for a symbol seen in requests but not in the directory */
  entryId: string | null;
  partner: boolean;
  openBorrowing: number;
  openLending: number;
  /** share of our requests it filled (0..1); null without history */
  fillRate: number | null;
  medianTurnaroundDays: number | null;
  lentToUs: number;
  borrowedFromUs: number;
  unfilled: number;
}

/** Every partner, and every other institution we have requests with; by name. */
export async function partnerStatistics(sql: Sql, tenant: string): Promise<PartnerStatistics[]> {
  const [entries, history] = await Promise.all([allEntries(sql, tenant), partnerHistory(sql, tenant)]);
  const out: PartnerStatistics[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    seen.add(e.id);
    if (e.self) continue;
    const h = history.get(e.id);
    if (!e.partner && !h) continue;
    const symbols = e.symbols.map(renderSymbol);
    out.push({ symbol: symbols[0], symbols, name: e.name, entryId: e.id, partner: e.partner, ...(h ?? EMPTY_HISTORY) });
  }
  for (const [key, h] of history) {
    if (seen.has(key)) continue;
    out.push({ symbol: key, symbols: [key], name: null, entryId: null, partner: false, ...h });
  }
  const rounded = out.map((p) => ({ ...p, fillRate: p.fillRate === null ? null : Math.round(p.fillRate * 1000) / 1000 }));
  return rounded.sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff') || a.symbol.localeCompare(b.symbol));
}
