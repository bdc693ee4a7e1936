// The search, filters and sort of a request list as URL query parameters, the way FOLIO's
// search-and-sort apps keep them: `?query=rose&filters=state.REQ_SHIPPED,serviceType.copy&sort=-updatedDate`.
// Reading is forgiving: anything invalid is left out, never thrown.
import { NO_DATES, type DateRange, type RequestListFilters, type SortDirection } from './cql';

/** The query parameters a list owns; every other parameter of the URL (e.g. `locale`) is kept as it is. */
export const LIST_PARAMS = ['query', 'filters', 'sort'] as const;

export const SERVICE_TYPES = ['loan', 'copy'] as const;

/** A list's search and filters (the role is the path, not a parameter). */
export type ListFilters = Omit<Required<RequestListFilters>, 'role'>;

export interface ListSort {
  /** the CQL field, e.g. `updatedDate` */
  field: string;
  direction: SortDirection;
}

export interface ListUrlState extends ListFilters {
  sort: ListSort;
}

export interface ListUrlOptions {
  /** the state codes of this side; other codes in the URL are ignored */
  states: readonly string[];
  /** the fields the list can sort by; another field in the URL falls back to the default sort */
  sortFields: readonly string[];
  defaultSort: ListSort;
}

export const NO_LIST_FILTERS: ListFilters = {
  search: '', states: [], needsAttention: false, serviceTypes: [], partners: [], created: NO_DATES, updated: NO_DATES,
};

/** Partner symbols as the backend stores them: `AUTHORITY:CODE`. */
const SYMBOL = /^[A-Za-z0-9]+:\S{1,100}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_SEARCH = 500;

/** Whether `value` is a real calendar day written `YYYY-MM-DD` (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** `2026-03-01:2026-03-31`, either side may be empty; undefined when it is not a usable range. */
function parseRange(value: string): DateRange | undefined {
  const parts = value.split(':');
  if (parts.length !== 2) return undefined;
  const [from, to] = parts;
  if ((from && !isCalendarDate(from)) || (to && !isCalendarDate(to))) return undefined;
  if (!from && !to) return undefined;
  if (from && to && to < from) return undefined;
  return { from, to };
}

/** Values inside `filters` are separated by commas: a comma or percent sign inside a value is escaped. */
function escapeValue(value: string): string {
  return value.replace(/[%,]/g, (c) => (c === '%' ? '%25' : '%2C'));
}

function unescapeValue(value: string): string {
  return value.replace(/%(25|2C)/gi, (_, code: string) => (code === '25' ? '%' : ','));
}

function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/** Whether the query string has any of the list's parameters (valid or not). */
export function hasListParams(search: string): boolean {
  const params = new URLSearchParams(search);
  return LIST_PARAMS.some((p) => params.has(p));
}

/** The list's search, filters and sort read from a query string; invalid parts are ignored. */
export function parseListUrl(search: string, options: ListUrlOptions): ListUrlState {
  const params = new URLSearchParams(search);
  const state: ListUrlState = {
    ...NO_LIST_FILTERS, states: [], serviceTypes: [], partners: [], sort: { ...options.defaultSort },
  };
  const query = params.get('query') ?? '';
  if (query.trim() && query.length <= MAX_SEARCH) state.search = query;
  for (const entry of (params.get('filters') ?? '').split(',')) {
    const dot = entry.indexOf('.');
    if (dot <= 0) continue;
    const group = entry.slice(0, dot);
    const value = unescapeValue(entry.slice(dot + 1));
    switch (group) {
      case 'state':
        if (options.states.includes(value)) addOnce(state.states, value);
        break;
      case 'serviceType':
        if ((SERVICE_TYPES as readonly string[]).includes(value)) addOnce(state.serviceTypes, value);
        break;
      case 'partner':
        if (SYMBOL.test(value)) addOnce(state.partners, value);
        break;
      case 'needsAttention':
        if (value === 'true') state.needsAttention = true;
        break;
      case 'createdDate':
      case 'updatedDate': {
        const key = group === 'createdDate' ? 'created' : 'updated';
        const range = parseRange(value);
        if (range && state[key] === NO_DATES) state[key] = range;
        break;
      }
      default:
        break;
    }
  }
  const sort = params.get('sort') ?? '';
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  if (options.sortFields.includes(field)) state.sort = { field, direction: descending ? 'descending' : 'ascending' };
  return state;
}

/** The `filters` parameter: `state.REQ_SHIPPED,needsAttention.true,serviceType.copy,partner.ISIL:DE-12,createdDate.2026-03-01:`. */
export function filtersParam(f: ListFilters): string {
  const entries = [
    ...f.states.map((v) => `state.${escapeValue(v)}`),
    ...(f.needsAttention ? ['needsAttention.true'] : []),
    ...f.serviceTypes.map((v) => `serviceType.${escapeValue(v)}`),
    ...f.partners.map((v) => `partner.${escapeValue(v)}`),
    ...(f.created.from || f.created.to ? [`createdDate.${f.created.from}:${f.created.to}`] : []),
    ...(f.updated.from || f.updated.to ? [`updatedDate.${f.updated.from}:${f.updated.to}`] : []),
  ];
  return entries.join(',');
}

/** Like encodeURIComponent, but leaves `,` and `:` readable (both are allowed in a query string). */
function encodeParam(value: string): string {
  return encodeURIComponent(value).replace(/%2C/g, ',').replace(/%3A/g, ':');
}

/**
 * The list's parameters, `query=rose&filters=…&sort=-updatedDate` (no `?`); parameters at their
 * default (no search, no filter, the default sort) are left out, so an unfiltered list has ''.
 */
export function listUrlParams(state: ListUrlState, defaultSort: ListSort): string {
  const parts: string[] = [];
  if (state.search.trim()) parts.push(`query=${encodeParam(state.search)}`);
  const filters = filtersParam(state);
  if (filters) parts.push(`filters=${encodeParam(filters)}`);
  const { field, direction } = state.sort;
  if (field !== defaultSort.field || direction !== defaultSort.direction) {
    parts.push(`sort=${encodeParam(`${direction === 'descending' ? '-' : ''}${field}`)}`);
  }
  return parts.join('&');
}

/**
 * A full query string (`?…`, or '' when empty) with the list's parameters replaced by `listParams`
 * and every other parameter kept in its order.
 */
export function withListParams(search: string, listParams: string): string {
  const others: string[] = [];
  new URLSearchParams(search).forEach((value, key) => {
    if (!(LIST_PARAMS as readonly string[]).includes(key)) others.push(`${encodeParam(key)}=${encodeParam(value)}`);
  });
  const all = [...others, ...(listParams ? [listParams] : [])].join('&');
  return all ? `?${all}` : '';
}
