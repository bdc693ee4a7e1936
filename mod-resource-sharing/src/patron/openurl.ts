// Reads an OpenURL (0.1 or 1.0 key/value form, as discovery systems and citation databases send
// them) into a request citation, so a patron's form arrives filled in.
import type { Citation, ServiceType } from '../requests/request-types.ts';

export interface OpenUrlResult {
  citation: Partial<Citation>;
  serviceType: ServiceType;
  /** the OpenURL version that was read: '0.1' or '1.0' */
  version: '0.1' | '1.0';
  /** the referring service (sid / rfr_id), when given */
  source?: string;
}

type Params = Record<string, string | string[] | undefined>;

function first(params: Params, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = params[key];
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function all(params: Params, key: string): string[] {
  const v = params[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => x.trim()).filter(Boolean);
}

const COPY_GENRES = new Set(['article', 'bookitem', 'chapter', 'proceeding', 'conference', 'preprint']);

/** `info:oclcnum/123`, `urn:ISBN:...`, `info:doi/...` identifiers in rft_id / id. */
function fromIds(ids: string[], citation: Partial<Citation>): void {
  for (const id of ids) {
    const oclc = /^info:oclcnum\/(\d+)$/i.exec(id);
    if (oclc && !citation.oclcNumber) citation.oclcNumber = oclc[1];
    const isbn = /^urn:isbn:([\dxX-]+)$/i.exec(id);
    if (isbn && !citation.isbn) citation.isbn = isbn[1];
    const issn = /^urn:issn:([\dxX-]+)$/i.exec(id);
    if (issn && !citation.issn) citation.issn = issn[1];
  }
}

function pagesOf(spage?: string, epage?: string, pages?: string): string | undefined {
  if (pages) return pages;
  if (spage && epage) return `${spage}-${epage}`;
  return spage;
}

function clean(citation: Partial<Citation>): Partial<Citation> {
  return Object.fromEntries(Object.entries(citation).filter(([, v]) => v !== undefined && v !== '')) as Partial<Citation>;
}

export function parseOpenUrl(params: Params): OpenUrlResult {
  const v10 = first(params, 'url_ver', 'ctx_ver') === 'Z39.88-2004' || Object.keys(params).some((k) => k.startsWith('rft.'));
  if (v10) {
    const fmt = first(params, 'rft_val_fmt') ?? '';
    const genre = (first(params, 'rft.genre') ?? (fmt.endsWith(':journal') ? 'article' : 'book')).toLowerCase();
    const copy = COPY_GENRES.has(genre);
    const author =
      first(params, 'rft.au') ??
      ([first(params, 'rft.aulast'), first(params, 'rft.aufirst')].filter(Boolean).join(', ') || undefined);
    const citation: Partial<Citation> = {
      title: copy ? first(params, 'rft.jtitle', 'rft.btitle', 'rft.title') : first(params, 'rft.btitle', 'rft.title', 'rft.jtitle'),
      articleTitle: copy ? first(params, 'rft.atitle') : undefined,
      author,
      isbn: first(params, 'rft.isbn'),
      issn: first(params, 'rft.issn', 'rft.eissn'),
      edition: first(params, 'rft.edition'),
      volume: first(params, 'rft.volume'),
      issue: first(params, 'rft.issue'),
      pages: pagesOf(first(params, 'rft.spage'), first(params, 'rft.epage'), first(params, 'rft.pages')),
      publisher: first(params, 'rft.pub'),
      placeOfPublication: first(params, 'rft.place'),
      publicationDate: first(params, 'rft.date'),
      format: genre,
    };
    fromIds(all(params, 'rft_id'), citation);
    return { citation: clean(citation), serviceType: copy ? 'copy' : 'loan', version: '1.0', source: first(params, 'rfr_id') };
  }
  const genre = (first(params, 'genre') ?? 'book').toLowerCase();
  const copy = COPY_GENRES.has(genre);
  const author = [first(params, 'aulast'), first(params, 'aufirst')].filter(Boolean).join(', ') || first(params, 'au');
  const citation: Partial<Citation> = {
    title: first(params, 'title', 'jtitle', 'btitle', 'stitle'),
    articleTitle: copy ? first(params, 'atitle') : undefined,
    author,
    isbn: first(params, 'isbn'),
    issn: first(params, 'issn', 'eissn'),
    edition: first(params, 'edition'),
    volume: first(params, 'volume'),
    issue: first(params, 'issue'),
    pages: pagesOf(first(params, 'spage'), first(params, 'epage'), first(params, 'pages')),
    publisher: first(params, 'pub'),
    placeOfPublication: first(params, 'place'),
    publicationDate: first(params, 'date'),
    format: genre,
  };
  fromIds(all(params, 'id'), citation);
  return { citation: clean(citation), serviceType: copy ? 'copy' : 'loan', version: '0.1', source: first(params, 'sid') };
}
