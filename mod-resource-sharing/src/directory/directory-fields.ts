// The fields a CQL query may search and sort directory entries by.
import type { CqlFieldMap } from '../cql/index.ts';

export const directoryFields: CqlFieldMap = {
  fields: {
    id: { sql: 'd.id', type: 'uuid' },
    name: { sql: 'd.name', type: 'string' },
    /** all the entry's symbols, `AUTHORITY:CODE` separated by spaces: `symbols="ISIL:DK-820010"` */
    symbols: { sql: 'd.symbol_text', type: 'string', sortable: false },
    self: { sql: 'd.self', type: 'boolean' },
    partner: { sql: 'd.partner', type: 'boolean' },
    iso18626Version: { sql: "(d.jsonb->>'iso18626Version')", type: 'string' },
    countries: { sql: "(d.jsonb->>'countries')", type: 'string', sortable: false },
    createdDate: { sql: 'd.created_date', type: 'date' },
    updatedDate: { sql: 'd.updated_date', type: 'date' },
    'metadata.createdDate': { sql: 'd.created_date', type: 'date' },
    'metadata.updatedDate': { sql: 'd.updated_date', type: 'date' },
  },
  keywordFields: ['name', 'symbols'],
  defaultSort: 'lower(d.name), d.id',
};
