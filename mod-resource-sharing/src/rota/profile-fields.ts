// The fields a CQL query may search and sort rota profiles by.
import type { CqlFieldMap } from '../cql/index.ts';

export const profileFields: CqlFieldMap = {
  fields: {
    id: { sql: 'p.id', type: 'uuid' },
    name: { sql: 'p.name', type: 'string' },
    ordered: { sql: "((p.jsonb->>'ordered')::boolean)", type: 'boolean' },
    /** the profile's supplier symbols as JSON text: `symbols="ISIL:DK-820010"` */
    symbols: { sql: "(p.jsonb->>'entries')", type: 'string', sortable: false },
    createdDate: { sql: 'p.created_date', type: 'date' },
    updatedDate: { sql: 'p.updated_date', type: 'date' },
  },
  keywordFields: ['name'],
  defaultSort: 'lower(p.name), p.id',
};
