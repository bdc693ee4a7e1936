import type { RequestCollection } from '../types/request';
import { buildRequestWhere, partnerField, type FilterGroup, type RequestListFilters } from '../utils/cql';

// Counts beside the filters of a request list, from the backend's facets
// (`GET /resource-sharing/requests?...&facets=state:50,serviceType` → `resultInfo.facets`).

export interface FacetValue {
  /** a string, or a boolean for needsAttention */
  value: string | boolean;
  count: number;
}

export interface Facet {
  type: string;
  facetValues: FacetValue[];
}

export interface ResultInfo {
  totalRecords?: number;
  facets?: Facet[];
}

/** A page of the list as the backend answers it, with facets when they were asked for. */
export type RequestPage = RequestCollection & { resultInfo?: ResultInfo };

/** Count per value (booleans as 'true'/'false'), in the backend's order (most first). */
export type Counts = Map<string, number>;

/** The option groups that show counts; `queue` is the needs-attention queue of the whole side. */
export type CountGroup = 'state' | 'needsAttention' | 'serviceType' | 'partner' | 'queue';

export const COUNT_GROUPS: readonly CountGroup[] = ['state', 'serviceType', 'partner', 'needsAttention', 'queue'];

/** Where one group's counts come from: the facet `field` over the list condition `where`. */
export interface FacetSource {
  where: string;
  field: string;
}

export interface FacetPlan {
  /** the list condition the page request uses */
  pageWhere: string;
  /** `facets` parameter of the first page request ('' when no group is counted over the page's condition) */
  pageFacets: string;
  /** facets-only requests (limit 0), one per other condition */
  extra: Array<{ where: string; facets: string }>;
  sources: Record<CountGroup, FacetSource>;
}

const LIMITS: Record<string, number | undefined> = { state: 50, supplierSymbol: 100, requesterSymbol: 100 };
const FIELD_ORDER = ['state', 'serviceType', 'supplierSymbol', 'requesterSymbol', 'needsAttention'];

function facetsParam(fields: Set<string>): string {
  return FIELD_ORDER.filter((f) => fields.has(f)).map((f) => (LIMITS[f] ? `${f}:${LIMITS[f]}` : f)).join(',');
}

/**
 * Which facets to ask for and where. Each group is counted over the list's condition without the
 * group's own selection (so ticking "Shipped" leaves the other states' counts visible); the queue
 * over the whole side. Groups sharing a condition share a request; those sharing the page's
 * condition ride on the page request itself.
 */
export function planFacets(filters: RequestListFilters): FacetPlan {
  const pageWhere = buildRequestWhere(filters);
  const omitFor: Record<Exclude<CountGroup, 'queue'>, FilterGroup> = {
    state: 'state', serviceType: 'serviceType', partner: 'partner', needsAttention: 'needsAttention',
  };
  const fieldFor: Record<CountGroup, string> = {
    state: 'state', serviceType: 'serviceType', partner: partnerField(filters.role), needsAttention: 'needsAttention', queue: 'needsAttention',
  };
  const sources = {} as Record<CountGroup, FacetSource>;
  for (const group of COUNT_GROUPS) {
    const where = group === 'queue' ? buildRequestWhere({ role: filters.role, search: '', states: [], needsAttention: false }) : buildRequestWhere(filters, omitFor[group]);
    sources[group] = { where, field: fieldFor[group] };
  }
  const byWhere = new Map<string, Set<string>>();
  for (const { where, field } of Object.values(sources)) {
    byWhere.set(where, (byWhere.get(where) ?? new Set()).add(field));
  }
  const extra = Array.from(byWhere).filter(([where]) => where !== pageWhere).map(([where, fields]) => ({ where, facets: facetsParam(fields) }));
  const onPage = byWhere.get(pageWhere);
  return { pageWhere, pageFacets: onPage ? facetsParam(onPage) : '', extra, sources };
}

/** The counts of one field from a facets answer, or undefined when the answer has no such facet. */
export function countsOf(facets: Facet[] | undefined, field: string): Counts | undefined {
  const facet = facets?.find((f) => f.type === field);
  if (!facet) return undefined;
  return new Map(facet.facetValues.map((v) => [String(v.value), v.count]));
}
