// Staff changes to a borrowing request's rota, as pure functions over the stored record: the
// entries up to `rotaIndex` have been tried (their outcome stays); everything after it is "the
// rest of the rota", which staff may reorder, replace or rebuild from another profile, and where
// a supplier chosen by hand is placed as the current entry.
import type { ResourceSharingRequest, RotaEntryRecord } from '../requests/request-types.ts';
import { sameSymbol } from './symbols.ts';

export interface RotaPosition {
  rota: RotaEntryRecord[];
  rotaIndex?: number;
}

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Entries before this index have been tried (or are being tried now); the rest may change. */
export function firstUntried(req: Pick<ResourceSharingRequest, 'rotaIndex'>): number {
  return (req.rotaIndex ?? -1) + 1;
}

/** The reason the rota builder gave, kept once staff have moved the entry. */
function rankedReason(e: RotaEntryRecord): string {
  return typeof e.rankedReason === 'string' ? e.rankedReason : e.reason;
}

/** A copy of `e` marked with what staff did to it; the builder's reason stays readable. */
function restated(e: RotaEntryRecord, note: string): RotaEntryRecord {
  const original = rankedReason(e);
  const out: RotaEntryRecord = { ...e, rankedReason: original, reason: `${note}; earlier: ${original}` };
  delete out.skipped;
  delete out.outcome;
  return out;
}

function renumbered(rota: RotaEntryRecord[]): RotaEntryRecord[] {
  return rota.map((e, i) => ({ ...e, rank: i + 1 }));
}

/**
 * Records the supplier a request is being sent to as the current rota entry, when the rota does
 * not say so already (staff chose it by hand, or sent to a supplier of their own choice). `before`
 * is the record before the action, `next` after it (with the new supplierSymbol). A supplier among
 * the untried entries moves up to be the current one; any other is inserted there. Answers null
 * when the rota already names it (the automatic step does that itself).
 */
export function recordSupplierInRota(before: ResourceSharingRequest, next: ResourceSharingRequest): RotaPosition | null {
  const symbol = next.supplierSymbol;
  if (next.role !== 'borrowing' || !symbol) return null;
  const rota = (next.rota ?? []).map((e) => ({ ...e }));
  let current = next.rotaIndex ?? -1;
  const stale = before.state === 'REQ_UNFILLED' && before.rotaIndex === next.rotaIndex;
  if (rota[current] && sameSymbol(rota[current].symbol, symbol) && rota[current].outcome === 'sent' && !stale) return null;
  // The supplier that had it answered Unfilled; the automatic step would have noted that.
  if (rota[current]?.outcome === 'sent' && before.state === 'REQ_UNFILLED') rota[current].outcome = 'unfilled';
  const at = current + 1;
  const found = rota.findIndex((e, i) => i >= at && sameSymbol(e.symbol, symbol));
  const entry: RotaEntryRecord =
    found >= 0
      ? restated(rota.splice(found, 1)[0], 'chosen by hand by staff')
      : { symbol, rank: 0, reason: 'chosen by hand by staff (not in the rota)' };
  entry.outcome = 'sent';
  rota.splice(at, 0, entry);
  current = at;
  return { rota: renumbered(rota), rotaIndex: current };
}

/**
 * The rota with its untried part replaced by `remaining`, in that order; the tried part is kept
 * as it is. Untried entries left out stay at the end, skipped with `dropReason`, so the rota still
 * shows every supplier once considered.
 */
export function replaceRemaining(req: ResourceSharingRequest, remaining: RotaEntryRecord[], dropReason: string): RotaPosition {
  const rota = (req.rota ?? []).map((e) => ({ ...e }));
  const at = firstUntried(req);
  const tried = rota.slice(0, at);
  const left = rota.slice(at).filter((e) => !remaining.some((r) => sameSymbol(r.symbol, e.symbol)));
  const dropped = left.map((e) => {
    if (e.skipped) return e;
    return { ...e, rankedReason: rankedReason(e), skipped: true, reason: `skipped: ${dropReason}; earlier: ${rankedReason(e)}` };
  });
  const out: RotaPosition = { rota: renumbered([...tried, ...remaining, ...dropped]) };
  if (req.rotaIndex !== undefined) out.rotaIndex = req.rotaIndex;
  return out;
}

/** `symbols` as rota entries placed by staff, reusing what the rota knew about each supplier. */
export function staffOrderedEntries(req: ResourceSharingRequest, symbols: string[], names: Map<string, string>): RotaEntryRecord[] {
  const at = firstUntried(req);
  return symbols.map((symbol, i) => {
    const known = (req.rota ?? []).find((e, j) => j >= at && sameSymbol(e.symbol, symbol));
    const note = `placed ${ordinal(at + i + 1)} by staff`;
    if (known) return restated(known, note);
    const name = names.get(symbol.toUpperCase());
    return { symbol, ...(name ? { name } : {}), rank: 0, reason: `${note} (not in the rota before)` };
  });
}

/** Entries of a rebuilt rota: suppliers already tried on this request are skipped, with why. */
export function rebuiltEntries(req: ResourceSharingRequest, built: RotaEntryRecord[]): RotaEntryRecord[] {
  const tried = (req.rota ?? []).slice(0, firstUntried(req));
  const out = built.map((e) => {
    const asked = tried.find((t) => sameSymbol(t.symbol, e.symbol));
    if (!asked || e.skipped) return { ...e };
    return { ...e, skipped: true, reason: `skipped: already asked for this request (${asked.outcome ?? 'sent'}); ${e.reason}` };
  });
  // Rank order for the workflow: the ones to ask first, the skipped ones after.
  return [...out.filter((e) => !e.skipped), ...out.filter((e) => e.skipped)];
}
