// The CQL query a holdings check sends to a supplier's SRU server: the most precise identifier
// the citation has (ISBN, then ISSN, then OCLC number), else its title.
import type { SruIndexes } from '../directory/directory-types.ts';
import type { Citation } from '../requests/request-types.ts';

export const DEFAULT_SRU_INDEXES: Required<SruIndexes> = {
  isbn: 'bath.isbn',
  issn: 'bath.issn',
  oclcNumber: 'dc.identifier',
  title: 'dc.title',
};

export interface HoldingsQuery {
  /** the CQL query */
  cql: string;
  /** what was searched, for the reason: `ISBN 9780156001311` */
  label: string;
}

/** A CQL term in double quotes, with quotes, backslashes and masking characters escaped. */
export function quoteTerm(value: string): string {
  return `"${value.replace(/[\\"*?^]/g, (c) => `\\${c}`)}"`;
}

const compact = (v: string) => v.replace(/[\s-]/g, '');

export function holdingsQuery(citation: Citation, indexes: SruIndexes = {}): HoldingsQuery | null {
  const idx = { ...DEFAULT_SRU_INDEXES, ...indexes };
  const isbn = citation.isbn?.trim();
  if (isbn) return { cql: `${idx.isbn}=${quoteTerm(compact(isbn))}`, label: `ISBN ${compact(isbn)}` };
  const issn = citation.issn?.trim();
  if (issn) return { cql: `${idx.issn}=${quoteTerm(issn)}`, label: `ISSN ${issn}` };
  const oclc = citation.oclcNumber?.trim().replace(/^\(OCoLC\)\s*/i, '').replace(/^(ocm|ocn|on)/, '');
  if (oclc) return { cql: `${idx.oclcNumber}=${quoteTerm(oclc)}`, label: `OCLC number ${oclc}` };
  const title = citation.title?.trim();
  if (title) return { cql: `${idx.title}=${quoteTerm(title)}`, label: `title "${title}"` };
  return null;
}
