// Builds the ranked rota for a borrowing request: the suppliers of the chosen profile (or every
// partner that lends this kind of thing when no profile applies), without our own symbols; each
// one checked (partner, endpoint, lending policy, holdings) and ranked with its reason.
import type { Sql } from '../db/database.ts';
import { allEntries } from '../directory/directory-store.ts';
import type { DirectoryEntry } from '../directory/directory-types.ts';
import { renderSymbol, symbolKey } from '../directory/symbols.ts';
import { getSettings } from '../settings/settings-store.ts';
import { chooseRotaProfile, type ChosenProfile } from './choose-profile.ts';
import { checkHoldings, type HoldingsOptions, type HoldingsResult } from './holdings-check.ts';
import { EMPTY_HISTORY, partnerHistory, type PartnerHistory } from './partner-history.ts';
import { predictionModel } from './prediction-history.ts';
import { fastestOrder } from './predictions.ts';
import { daysUntil } from './choose-profile.ts';
import { mustGetProfile } from './profile-store.ts';
import { rankCandidates, type Candidate } from './ranking.ts';
import type { BuiltRota, RotaRequest } from './rota-types.ts';

export interface BuildRotaOptions extends HoldingsOptions {
  /** use this profile instead of the one the rules choose */
  profileId?: string;
  /** false: skip the SRU holdings check (every supplier counts as 'unknown') */
  checkHoldings?: boolean;
  now?: Date;
}

/** Why `entry` cannot supply `request` by its lending policy and countries, or null. */
export function policyRefusal(entry: DirectoryEntry, request: RotaRequest, ourCountry?: string): string | null {
  const policy = entry.lendingPolicy;
  const serviceType = request.serviceType ?? 'loan';
  if (policy) {
    if (serviceType === 'loan' && !policy.returnables) return 'its lending policy does not lend returnables (loans)';
    if (serviceType === 'copy' && !policy.copies) return 'its lending policy does not supply copies';
    const format = request.citation.format?.trim().toLowerCase();
    if (format && policy.formats?.length && !policy.formats.some((f) => f.trim().toLowerCase() === format)) {
      return `its lending policy does not lend the format "${request.citation.format}" (lends: ${policy.formats.join(', ')})`;
    }
  }
  if (ourCountry && entry.countries?.length && !entry.countries.includes(ourCountry)) {
    return `it shares only with ${entry.countries.join(', ')}, not with ${ourCountry}`;
  }
  return null;
}

/** Why a request must not be sent to `entry` at all, or null. */
function sendRefusal(entry: DirectoryEntry | undefined): string | null {
  if (!entry) return 'not in the directory';
  if (!entry.partner) return 'not a partner (no partner agreement in our directory)';
  if (!entry.iso18626Endpoint) return 'no ISO 18626 endpoint in its directory entry';
  return null;
}

export async function buildRota(sql: Sql, tenant: string, request: RotaRequest, opts: BuildRotaOptions = {}): Promise<BuiltRota> {
  const settings = await getSettings(sql, tenant);
  const entries = await allEntries(sql, tenant);
  const byKey = new Map<string, DirectoryEntry>();
  for (const e of entries) for (const s of e.symbols) byKey.set(symbolKey(s), e);
  const self = entries.find((e) => e.self);
  const own = new Set(settings.ownSymbols.map(symbolKey));
  for (const s of self?.symbols ?? []) own.add(symbolKey(s));
  const isOwn = (e: DirectoryEntry | undefined, symbol: string) =>
    own.has(symbolKey(symbol)) || (!!e && (e.self || e.symbols.some((s) => own.has(symbolKey(s)))));

  let chosen: ChosenProfile | null = null;
  if (opts.profileId) {
    const profile = await mustGetProfile(sql, tenant, opts.profileId);
    chosen = { profile, rule: {} };
  } else {
    chosen = await chooseRotaProfile(sql, tenant, request, opts.now);
  }

  const ourCountry = self?.shippingAddress?.country;
  const picks: { symbol: string; entry: DirectoryEntry | undefined; skipReason: string | null }[] = [];
  if (chosen) {
    for (const pe of chosen.profile.entries) {
      const entry = byKey.get(symbolKey(pe.symbol));
      if (isOwn(entry, pe.symbol)) continue;
      picks.push({ symbol: pe.symbol, entry, skipReason: sendRefusal(entry) ?? (entry ? policyRefusal(entry, request, ourCountry) : null) });
    }
  } else {
    for (const entry of entries) {
      if (!entry.partner || isOwn(entry, renderSymbol(entry.symbols[0]))) continue;
      if (policyRefusal(entry, request, ourCountry)) continue;
      picks.push({ symbol: renderSymbol(entry.symbols[0]), entry, skipReason: sendRefusal(entry) });
    }
  }

  const keys = new Set<string>();
  for (const p of picks) {
    keys.add(symbolKey(p.symbol));
    for (const s of p.entry?.symbols ?? []) keys.add(symbolKey(s));
  }
  const history = picks.length ? await partnerHistory(sql, tenant, [...keys]) : new Map<string, PartnerHistory>();
  const now = opts.now ?? new Date();
  const model = picks.length ? await predictionModel(sql, tenant, opts.now) : null;
  const serviceType = request.serviceType ?? 'loan';
  const daysLeft = request.patron?.neededBefore ? daysUntil(request.patron.neededBefore, now) : null;

  const holdings: (HoldingsResult | null)[] = await Promise.all(
    picks.map((p) =>
      p.skipReason || !p.entry
        ? Promise.resolve(null)
        : opts.checkHoldings === false
          ? Promise.resolve({ owns: 'unknown', reason: 'holdings not checked' } as HoldingsResult)
          : checkHoldings(p.entry, request.citation, opts),
    ),
  );

  const preferred = new Set(settings.preferredSymbols.map(symbolKey));
  const last = new Set(settings.lastSymbols.map(symbolKey));
  const listed = (set: Set<string>, p: (typeof picks)[number]) =>
    set.has(symbolKey(p.symbol)) || !!p.entry?.symbols.some((s) => set.has(symbolKey(s)));

  const lenderKey = (p: (typeof picks)[number]) => p.entry?.id ?? symbolKey(p.symbol);
  const candidates: Candidate[] = picks.map((p, i) => {
    const h = holdings[i];
    const skipReason = p.skipReason ?? (h && h.owns === false ? h.reason : null);
    const c: Candidate = {
      symbol: p.symbol,
      name: p.entry?.name,
      history: history.get(p.entry?.id ?? symbolKey(p.symbol)) ?? { ...EMPTY_HISTORY },
      loanToBorrowRatio: p.entry?.loanToBorrowRatio ?? null,
      preferred: listed(preferred, p),
      last: listed(last, p),
      owns: h?.owns ?? 'unknown',
    };
    if (h) c.holdingsReason = h.reason;
    if (h?.recordId) c.recordId = h.recordId;
    if (skipReason) c.skipReason = skipReason;
    else if (model) c.prediction = model.predict(lenderKey(p), serviceType, request.citation.format);
    return c;
  });
  if (model && chosen?.profile.strategy === 'mostLikelyFastest') {
    const asked = picks.filter((_, i) => !candidates[i].skipReason);
    const order = fastestOrder(model, asked.map(lenderKey), serviceType, request.citation.format, daysLeft);
    picks.forEach((p, i) => {
      const rank = candidates[i].skipReason ? undefined : order.get(lenderKey(p));
      if (rank) candidates[i].predictedScore = rank;
    });
  }

  const ranked = rankCandidates(
    candidates,
    { overloadThreshold: settings.overloadThreshold, weights: settings.rankingWeights },
    chosen?.profile.ordered ?? false,
    chosen?.profile.strategy ?? 'score',
  );
  return {
    profile: chosen
      ? { id: chosen.profile.id, name: chosen.profile.name, ordered: chosen.profile.ordered, strategy: chosen.profile.strategy ?? 'score' }
      : null,
    entries: ranked,
  };
}
