import type { Migration } from './index.ts';

// A patron's borrowing requests by card number (or id): "my requests" and the duplicate check at
// request time read them on every call, which without these walked the whole table.
export const m008PatronRequestIndexes: Migration = {
  id: '008-patron-request-indexes',
  since: [0, 2, 0],
  statements: (s) => [
    `CREATE INDEX requests_patron_barcode_idx ON ${s}.requests ((jsonb->'patron'->>'barcode'), created_date DESC) WHERE role = 'borrowing'`,
    `CREATE INDEX requests_patron_id_idx ON ${s}.requests ((jsonb->'patron'->>'id')) WHERE role = 'borrowing'`,
  ],
};
