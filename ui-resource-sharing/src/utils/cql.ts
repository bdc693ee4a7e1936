import type { RequestRole } from '../types/request';

/** Backslash-escape the characters CQL treats specially inside a quoted term. */
export function escapeCqlValue(value: string): string {
  return value.replace(/[\\"*?^]/g, (c) => `\\${c}`);
}

export type SortDirection = 'ascending' | 'descending';

/** A date range of a filter: `YYYY-MM-DD` or '' on either side (an open end). */
export interface DateRange {
  from: string;
  to: string;
}

export const NO_DATES: DateRange = { from: '', to: '' };

/** The filter groups of a request list, each one clause of its CQL. */
export type FilterGroup = 'search' | 'state' | 'needsAttention' | 'serviceType' | 'partner' | 'created' | 'updated';

export interface RequestListFilters {
  role: RequestRole;
  search: string;
  states: string[];
  needsAttention: boolean;
  /** `loan` and/or `copy` */
  serviceTypes?: string[];
  /** partner symbols: suppliers when borrowing, requesting libraries when lending */
  partners?: string[];
  created?: DateRange;
  updated?: DateRange;
}

export interface RequestListQuery extends RequestListFilters {
  sortField: string;
  sortDirection: SortDirection;
}

/** The record field naming the partner of a request on this side. */
export function partnerField(role: RequestRole): 'supplierSymbol' | 'requesterSymbol' {
  return role === 'borrowing' ? 'supplierSymbol' : 'requesterSymbol';
}

/** `title="x*" or patronName="x*" or hrid=="x*" or itemBarcode=="x*"` for a search term. */
export function searchClause(term: string): string {
  const v = escapeCqlValue(term.trim());
  return `title="${v}*" or patronName="${v}*" or hrid=="${v}*" or itemBarcode=="${v}*"`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a range cannot be applied: a side that is not a date, or `to` before `from`. */
export function dateRangeInvalid(range: DateRange): boolean {
  if ((range.from && !ISO_DATE.test(range.from)) || (range.to && !ISO_DATE.test(range.to))) return true;
  return Boolean(range.from && range.to && range.to < range.from);
}

/** Whether a range restricts anything (and can be applied). */
export function dateRangeActive(range: DateRange | undefined): range is DateRange {
  return Boolean(range && (range.from || range.to) && !dateRangeInvalid(range));
}

/**
 * `createdDate>="2026-01-01" and createdDate<="2026-01-31"`; the backend reads a date without time
 * as the whole day, so both ends are included.
 */
export function dateRangeClause(field: string, range: DateRange): string {
  const parts: string[] = [];
  if (range.from) parts.push(`${field}>="${range.from}"`);
  if (range.to) parts.push(`${field}<="${range.to}"`);
  return parts.join(' and ');
}

function anyOf(field: string, values: string[]): string {
  return `(${values.map((v) => `${field}=="${escapeCqlValue(v)}"`).join(' or ')})`;
}

/** Whether any filter or the search is set (the role alone is not a filter). */
export function filtersActive(f: RequestListFilters): boolean {
  return Boolean(f.search.trim() || f.states.length || f.needsAttention || f.serviceTypes?.length || f.partners?.length
    || dateRangeActive(f.created) || dateRangeActive(f.updated));
}

/**
 * The CQL condition (no `sortby`) of a list, optionally leaving out one filter group: the counts
 * beside a group's options are counted without that group's own selection (as FOLIO's facets are).
 */
export function buildRequestWhere(f: RequestListFilters, omit?: FilterGroup): string {
  const clauses = [`role=="${f.role}"`];
  const use = (g: FilterGroup) => g !== omit;
  if (use('search') && f.search.trim()) clauses.push(`(${searchClause(f.search)})`);
  if (use('state') && f.states.length > 0) clauses.push(anyOf('state', f.states));
  if (use('needsAttention') && f.needsAttention) clauses.push('needsAttention==true');
  if (use('serviceType') && f.serviceTypes?.length) clauses.push(anyOf('serviceType', f.serviceTypes));
  if (use('partner') && f.partners?.length) clauses.push(anyOf(partnerField(f.role), f.partners));
  if (use('created') && dateRangeActive(f.created)) clauses.push(dateRangeClause('createdDate', f.created));
  if (use('updated') && dateRangeActive(f.updated)) clauses.push(dateRangeClause('updatedDate', f.updated));
  return clauses.join(' and ');
}

/** The CQL query for one page of the borrowing or lending list. */
export function buildRequestQuery(f: RequestListQuery): string {
  const direction = f.sortDirection === 'descending' ? '/sort.descending' : '/sort.ascending';
  return `${buildRequestWhere(f)} sortby ${f.sortField}${direction}`;
}
