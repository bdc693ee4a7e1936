import type { RequestRole } from '../types/request.ts';

/** Backslash-escape the characters CQL treats specially inside a quoted term. */
export function escapeCqlValue(value: string): string {
  return value.replace(/[\\"*?^]/g, (c) => `\\${c}`);
}

export type SortDirection = 'ascending' | 'descending';

export interface RequestListFilters {
  role: RequestRole;
  search: string;
  states: string[];
  needsAttention: boolean;
  sortField: string;
  sortDirection: SortDirection;
}

/** `title="x*" or patronName="x*" or hrid=="x*" or itemBarcode=="x*"` for a search term. */
export function searchClause(term: string): string {
  const v = escapeCqlValue(term.trim());
  return `title="${v}*" or patronName="${v}*" or hrid=="${v}*" or itemBarcode=="${v}*"`;
}

/** The CQL query for one page of the borrowing or lending list. */
export function buildRequestQuery(f: RequestListFilters): string {
  const clauses = [`role=="${f.role}"`];
  if (f.search.trim()) clauses.push(`(${searchClause(f.search)})`);
  if (f.states.length > 0) {
    clauses.push(`(${f.states.map((s) => `state=="${escapeCqlValue(s)}"`).join(' or ')})`);
  }
  if (f.needsAttention) clauses.push('needsAttention==true');
  const direction = f.sortDirection === 'descending' ? '/sort.descending' : '/sort.ascending';
  return `${clauses.join(' and ')} sortby ${f.sortField}${direction}`;
}
