// Does a supplier appear to own the item? An SRU 2.0 searchRetrieve against the catalogue named
// in its directory entry: any record found means yes, none means no. Anything else (no endpoint,
// a diagnostic, an error, no answer in time) means "unknown": the supplier stays in the rota.
import { XMLParser } from 'fast-xml-parser';
import type { DirectoryEntry } from '../directory/directory-types.ts';
import type { Citation } from '../requests/request-types.ts';
import type { Ownership } from './rota-types.ts';
import { holdingsQuery } from './sru-query.ts';

export const DEFAULT_HOLDINGS_TIMEOUT_MS = 5000;
const MAX_RESPONSE_CHARS = 2 * 1024 * 1024;

export interface HoldingsResult {
  owns: Ownership;
  reason: string;
  /** the CQL query sent, when one was */
  query?: string;
  numberOfRecords?: number;
  /** the supplier's id of the first record found (SRU recordIdentifier or MARC 001): its supplierUniqueRecordId */
  recordId?: string;
}

export interface HoldingsOptions {
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  isArray: (name) => name === 'diagnostic',
});

interface Diagnostic {
  uri?: string;
  message?: string;
  details?: string;
}

interface SruResponse {
  numberOfRecords?: string;
  diagnostics?: { diagnostic?: Diagnostic[] };
}

function describeDiagnostic(d: Diagnostic | undefined): string {
  if (!d) return 'unknown diagnostic';
  const text = [d.message, d.details ? `(${d.details})` : ''].filter(Boolean).join(' ');
  return text || d.uri || 'unknown diagnostic';
}

function networkCause(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message ?? 'network error';
}

/** The SRU response's record count, a diagnostic's text, or why the body is no SRU response. */
export function readSruResponse(xml: string): { count: number } | { diagnostic: string } | { invalid: string } {
  if (/<!\s*(?:DOCTYPE|ENTITY)/i.test(xml)) return { invalid: 'the answer contained a DTD, which is refused' };
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch {
    return { invalid: 'the answer is not well-formed XML' };
  }
  const res = doc.searchRetrieveResponse as SruResponse | undefined;
  if (!res || typeof res !== 'object') return { invalid: 'the answer is not an SRU searchRetrieveResponse' };
  const diagnostics = res.diagnostics?.diagnostic ?? [];
  const n = res.numberOfRecords !== undefined ? Number(String(res.numberOfRecords).trim()) : NaN;
  if (Number.isInteger(n) && n >= 0 && diagnostics.length === 0) return { count: n };
  if (diagnostics.length) return { diagnostic: describeDiagnostic(diagnostics[0]) };
  return { invalid: 'the answer has no numberOfRecords' };
}

export async function checkHoldings(
  entry: Pick<DirectoryEntry, 'sruEndpoint' | 'sruIndexes'>,
  citation: Citation,
  opts: HoldingsOptions = {},
): Promise<HoldingsResult> {
  if (!entry.sruEndpoint) return { owns: 'unknown', reason: 'holdings not checked: no SRU endpoint in the directory' };
  const q = holdingsQuery(citation, entry.sruIndexes);
  if (!q) return { owns: 'unknown', reason: 'holdings not checked: the citation has no ISBN, ISSN, OCLC number or title' };
  const url = new URL(entry.sruEndpoint);
  url.searchParams.set('version', '2.0');
  url.searchParams.set('query', q.cql);
  url.searchParams.set('maximumRecords', '1');
  url.searchParams.set('recordSchema', 'marcxml');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_HOLDINGS_TIMEOUT_MS;
  const doFetch = opts.fetch ?? fetch;
  const unknown = (why: string): HoldingsResult => ({ owns: 'unknown', reason: `holdings unknown: ${why}`, query: q.cql });
  let body: string;
  try {
    const res = await doFetch(url, {
      headers: { accept: 'application/xml, text/xml' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
    });
    body = await res.text();
    if (!res.ok && !body.includes('searchRetrieveResponse')) return unknown(`the catalogue answered HTTP ${res.status}`);
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return unknown(`the catalogue did not answer within ${timeoutMs / 1000} s`);
    }
    return unknown(`the catalogue could not be reached (${networkCause(err)})`);
  }
  if (body.length > MAX_RESPONSE_CHARS) return unknown('the catalogue answer was too large');
  const read = readSruResponse(body);
  if ('invalid' in read) return unknown(read.invalid);
  if ('diagnostic' in read) return unknown(`the catalogue answered with a diagnostic: ${read.diagnostic}`);
  if (read.count === 0) return { owns: false, reason: `its catalogue has no record for ${q.label}`, query: q.cql, numberOfRecords: 0 };
  const recordId = firstRecordId(body);
  return {
    owns: true,
    reason: `its catalogue has ${read.count} record${read.count === 1 ? '' : 's'} for ${q.label}`,
    query: q.cql,
    numberOfRecords: read.count,
    ...(recordId ? { recordId } : {}),
  };
}

/** The first record's id: SRU 2.0 recordIdentifier, else the MARC control number (001). */
export function firstRecordId(xml: string): string | undefined {
  const id =
    /<(?:[\w-]+:)?recordIdentifier>\s*([^<]{1,200}?)\s*<\//.exec(xml)?.[1] ??
    /<(?:[\w-]+:)?controlfield[^>]*\btag=["']001["'][^>]*>\s*([^<]{1,200}?)\s*<\//.exec(xml)?.[1];
  return id || undefined;
}
