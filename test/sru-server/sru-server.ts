// A small SRU 2.0 server for tests: serves the MARCXML records it is seeded with and answers
// searchRetrieve for one CQL clause on bath.isbn, bath.issn, dc.identifier, dc.title (or no
// index), with SRU diagnostics for anything else. Listens on 127.0.0.1 on a free port.
import Fastify, { type FastifyInstance } from 'fastify';
import { indexRecord, type IndexedRecord } from './marcxml.ts';

const SRU_NS = 'http://docs.oasis-open.org/ns/search-ws/sruResponse';
const DIAG_NS = 'http://docs.oasis-open.org/ns/search-ws/diagnostic';

export interface SruServerBehaviour {
  /** wait this long before answering (for timeout tests) */
  delayMs: number;
  /** answer every request with this HTTP status and a plain-text body */
  failWithStatus: number | null;
}

export interface SruServer {
  url: string;
  /** the `query` parameter of every request received, in order */
  queries: string[];
  behaviour: SruServerBehaviour;
  app: FastifyInstance;
  close(): Promise<void>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function diagnostic(number: number, message: string, details?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<zs:searchRetrieveResponse xmlns:zs="${SRU_NS}">
  <zs:version>2.0</zs:version>
  <zs:diagnostics>
    <diag:diagnostic xmlns:diag="${DIAG_NS}">
      <diag:uri>info:srw/diagnostic/1/${number}</diag:uri>${details ? `\n      <diag:details>${esc(details)}</diag:details>` : ''}
      <diag:message>${esc(message)}</diag:message>
    </diag:diagnostic>
  </zs:diagnostics>
</zs:searchRetrieveResponse>`;
}

function results(found: IndexedRecord[], start: number, max: number): string {
  const page = found.slice(start - 1, start - 1 + max);
  const records = page
    .map(
      (r, i) => `    <zs:record>
      <zs:recordSchema>info:srw/schema/1/marcxml-v1.1</zs:recordSchema>
      <zs:recordXMLEscaping>xml</zs:recordXMLEscaping>
      <zs:recordData>${r.xml}</zs:recordData>
      <zs:recordPosition>${start + i}</zs:recordPosition>
    </zs:record>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<zs:searchRetrieveResponse xmlns:zs="${SRU_NS}">
  <zs:version>2.0</zs:version>
  <zs:numberOfRecords>${found.length}</zs:numberOfRecords>${page.length ? `\n  <zs:records>\n${records}\n  </zs:records>` : ''}
</zs:searchRetrieveResponse>`;
}

type Clause = { index: string; relation: string; term: string };

/** `index relation term` or a bare term; the term may be quoted with backslash escapes. */
function parseClause(query: string): Clause | null {
  const m = /^\s*(?:([A-Za-z][\w.]*)\s*(==|=|<>|<=|>=|<|>|\s(?:any|all|adj|exact)\s)\s*)?("(?:[^"\\]|\\.)*"|[^\s"()]+)\s*$/i.exec(query);
  if (!m) return null;
  let term = m[3];
  if (term.startsWith('"')) term = term.slice(1, -1).replace(/\\(.)/g, '$1');
  return { index: (m[1] ?? 'cql.serverChoice').toLowerCase(), relation: (m[2] ?? '=').trim().toLowerCase(), term };
}

const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function matcher(clause: Clause): ((r: IndexedRecord) => boolean) | null {
  const term = clause.term.trim();
  const compact = term.replace(/[\s-]/g, '');
  const titleMatch = (r: IndexedRecord) => {
    const have = new Set(words(r.title));
    const want = words(term);
    return want.length > 0 && want.every((w) => have.has(w));
  };
  const identifier = (r: IndexedRecord) => r.isbns.includes(compact) || r.issns.includes(term) || r.oclcNumbers.includes(term);
  switch (clause.index) {
    case 'bath.isbn':
      return (r) => r.isbns.includes(compact);
    case 'bath.issn':
      return (r) => r.issns.includes(term);
    case 'dc.identifier':
      return identifier;
    case 'dc.title':
      return titleMatch;
    case 'cql.serverchoice':
      return (r) => identifier(r) || titleMatch(r);
    default:
      return null;
  }
}

export async function startSruServer(opts: { records?: string[] } = {}): Promise<SruServer> {
  const records = (opts.records ?? []).map(indexRecord);
  const queries: string[] = [];
  const behaviour: SruServerBehaviour = { delayMs: 0, failWithStatus: null };
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.get<{ Querystring: Record<string, string | undefined> }>('/sru', async (req, reply) => {
    const q = req.query;
    queries.push(q.query ?? '');
    if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
    if (behaviour.failWithStatus) return reply.code(behaviour.failWithStatus).type('text/plain').send('server error');
    reply.type('application/xml; charset=utf-8');
    if (q.version && q.version !== '2.0') return diagnostic(5, 'Unsupported version', '2.0');
    if (q.operation && q.operation !== 'searchRetrieve') return diagnostic(4, 'Unsupported operation', q.operation);
    if (!q.query) return diagnostic(7, 'Mandatory parameter not supplied', 'query');
    if (q.recordSchema && !['marcxml', 'info:srw/schema/1/marcxml-v1.1'].includes(q.recordSchema)) {
      return diagnostic(66, 'Unknown schema for retrieval', q.recordSchema);
    }
    const clause = parseClause(q.query);
    if (!clause) return diagnostic(10, 'Query syntax error', q.query);
    if (clause.relation !== '=' && clause.relation !== '==') return diagnostic(19, 'Unsupported relation', clause.relation);
    const match = matcher(clause);
    if (!match) return diagnostic(16, 'Unsupported index', clause.index);
    const start = Math.max(1, Number(q.startRecord ?? 1) || 1);
    const max = Math.max(0, Math.min(50, Number(q.maximumRecords ?? 10)));
    return results(records.filter(match), start, Number.isFinite(max) ? max : 10);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}/sru`, queries, behaviour, app, close: () => app.close() };
}
