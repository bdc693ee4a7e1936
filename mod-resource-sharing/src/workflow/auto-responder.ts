// The auto-responder: with `autoResponder` on, a new lending request is answered by itself only
// when the library system says what to answer. The item is looked up in the host (FOLIO inventory,
// or NCIP LookupItem): an item we do not lend to partners (FOLIO `lendable` rules: material type,
// loan type, location) is answered Unfilled NonCirculating; an available item is supplied (WillSupply, with its barcode and call
// number); an item the host does not hold, or that cannot lend now, is answered Unfilled with the
// reason; anything uncertain (no library system, no identifier, the host not answering, a status
// that may change soon, a record NCIP cannot look up) is left to staff. Every decision is explained
// on the request (`autoResponse`, and the history).
import type { Database } from '../db/database.ts';
import { hostForTenant } from '../host/host-for-tenant.ts';
import type { HostItem, ItemQuery } from '../host/host-lsp.ts';
import { itemQueryFor } from '../host/steps/lending-steps.ts';
import { findSelfEntry } from '../directory/index.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';
import { checkHoldings } from '../rota/index.ts';

export type AutoDecision =
  | { decision: 'willSupply'; reason: string; itemBarcode?: string }
  | { decision: 'cannotSupply'; reason: string; reasonUnfilled: string }
  | { decision: 'staff'; reason: string };

function describeQuery(q: ItemQuery): string {
  return q.barcode ? `barcode ${q.barcode}` : q.hrid ? `record ${q.hrid}` : `identifier ${q.identifier}`;
}

/**
 * The ISO 18626 reasonUnfilled for an item the host holds but cannot lend now, or null when its
 * status may change soon (paged, in transit, on the hold shelf, unknown): staff decide those.
 * Covers FOLIO item statuses and NCIP CirculationStatus values.
 */
export function unfilledReasonFor(status: string): string | null {
  const s = status.trim().toLowerCase();
  if (/^(checked out|on loan)/.test(s)) return 'OnLoan';
  if (/^(aged to lost|declared lost|lost|long missing)/.test(s)) return 'Lost';
  if (/^(missing|claimed returned)/.test(s)) return 'NotOnShelf';
  if (/^(in process|on order|in process \(non-requestable\)|order completed)/.test(s)) return 'InProcess';
  if (/^withdrawn/.test(s)) return 'NotHeld';
  if (/^(restricted|unavailable|not available|non-circulating|intellectual item|unloanable)/.test(s)) return 'NonCirculating';
  return null;
}

function itemLabel(item: HostItem): string {
  const parts = [`item ${item.barcode ?? item.hrid ?? item.id}`];
  if (item.callNumber) parts.push(`call number ${item.callNumber}`);
  return parts.join(', ');
}

/**
 * No library system: our own catalogue (SRU, from our own directory entry) can still say that we
 * do not hold the title; whether a copy is available only staff can tell.
 */
async function decideFromCatalogue(db: Database, tenant: string, req: ResourceSharingRequest): Promise<AutoDecision> {
  const self = await findSelfEntry(db, tenant);
  if (!self?.sruEndpoint) return { decision: 'staff', reason: 'no library system is connected to check the item: left for staff' };
  const holdings = await checkHoldings(self, req.citation);
  if (holdings.owns === false) return { decision: 'cannotSupply', reasonUnfilled: 'NotHeld', reason: `not held: our ${holdings.reason.replace(/^its /, '')}` };
  return {
    decision: 'staff',
    reason: `${holdings.owns === true ? `our ${holdings.reason.replace(/^its /, '')}` : holdings.reason}; no library system is connected to check whether a copy is available: left for staff`,
  };
}

/** What the auto-responder answers for a new lending request (it has not answered yet). */
export async function decideAutoAnswer(db: Database, tenant: string, req: ResourceSharingRequest): Promise<AutoDecision> {
  const info = await hostForTenant(db, tenant);
  const h = info.host;
  if (h.kind === 'manual') return decideFromCatalogue(db, tenant, req);
  const query = itemQueryFor(req);
  if (!query) {
    return { decision: 'staff', reason: 'the request has no barcode, record id or ISBN/ISSN/OCLC number to look the item up by: left for staff' };
  }
  let item: HostItem | null;
  try {
    item = await h.host.lookupItem(query);
  } catch (err) {
    return { decision: 'staff', reason: `the library system could not be asked about ${describeQuery(query)} (${err instanceof Error ? err.message : String(err)}): left for staff` };
  }
  if (!item) {
    return { decision: 'cannotSupply', reasonUnfilled: 'NotHeld', reason: `not held: the library system has no item for ${describeQuery(query)}` };
  }
  if (item.unverified) {
    return { decision: 'staff', reason: `the library system can page ${describeQuery(query)} but cannot say whether a copy is available: left for staff` };
  }
  if (item.notLendable) {
    return { decision: 'cannotSupply', reasonUnfilled: 'NonCirculating', reason: `${itemLabel(item)}: ${item.notLendable}` };
  }
  if (item.available) {
    return {
      decision: 'willSupply',
      reason: `${itemLabel(item)} is ${item.status}`,
      ...(item.barcode ? { itemBarcode: item.barcode } : {}),
    };
  }
  const reasonUnfilled = unfilledReasonFor(item.status);
  const due = item.dueDate ? ` (due ${item.dueDate.slice(0, 10)})` : '';
  if (!reasonUnfilled) return { decision: 'staff', reason: `${itemLabel(item)} is ${item.status}${due}, which may change soon: left for staff` };
  return { decision: 'cannotSupply', reasonUnfilled, reason: `${itemLabel(item)} is ${item.status}${due}` };
}
