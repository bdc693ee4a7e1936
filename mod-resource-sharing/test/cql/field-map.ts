/** Field map used by the CQL tests: a request table `r` with columns and a jsonb citation. */
import type { CqlFieldMap } from '../../src/cql/index.ts';

export const TITLE_SQL = "(r.jsonb->'citation'->>'title')";
export const TITLE_TSV = "to_tsvector('simple', coalesce(r.jsonb->'citation'->>'title', ''))";
export const AUTHOR_SQL = "(r.jsonb->'citation'->>'author')";

export const requestFields: CqlFieldMap = {
  fields: {
    id: { sql: 'r.id', type: 'uuid' },
    state: { sql: 'r.state', type: 'string' },
    title: { sql: TITLE_SQL, type: 'string', fullText: TITLE_TSV },
    author: { sql: AUTHOR_SQL, type: 'string' },
    copies: { sql: 'r.copies', type: 'number' },
    created: { sql: 'r.created', type: 'date' },
    urgent: { sql: 'r.urgent', type: 'boolean' },
    note: { sql: "(r.jsonb->>'note')", type: 'string', sortable: false },
  },
  keywordFields: ['title', 'author', 'id'],
  defaultSort: 'r.created DESC',
};
