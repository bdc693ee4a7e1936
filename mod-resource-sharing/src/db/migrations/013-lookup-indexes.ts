import type { Migration } from './index.ts';

// Indexes that serve the lookups made all day, in place of three that served nothing.
// - A borrower's message names its request by the borrower's id: the lender looked it up through
//   the requester symbol alone and read every request of that partner (a big partner: thousands of
//   rows per message). Now (requester, peerRequestId) together, in the upper() form the lookups and
//   the partner history use; it replaces the upper(requester_symbol) index (its leading column).
// - Staff at a lender look a request up by the borrower's number for it (`role==lending and
//   peerRequestId=="X"`, case-insensitive): an index on lower(peerRequestId) of lending requests.
// - Scanning a barcode at the desk (`hrid=="X" or itemBarcode=="X"`) compares case-insensitively
//   (lower()), which the plain hrid and item_barcode indexes cannot serve: every scan read the
//   whole table. lower(hrid) and lower(item_barcode) indexes serve it.
// - requests_peer_idx (requester_symbol, peerRequestId), requests_supplier_idx and the plain
//   item_barcode index matched no query (CQL compares symbols with lower(), the partner lookups
//   with upper()); each write paid for them.
//
// The builds come first: an upgrade runs in one transaction, and while CREATE INDEX builds, others
// may still read the table (only writes wait). A DROP INDEX locks the table against reads too
// until the transaction ends, so the drops come last, just before the commit.
export const m013LookupIndexes: Migration = {
  id: '013-lookup-indexes',
  since: [0, 2, 0],
  statements: (s) => [
    `CREATE INDEX requests_requester_peer_idx ON ${s}.requests (upper(requester_symbol), (jsonb->>'peerRequestId'))`,
    `CREATE INDEX requests_item_barcode_key_idx ON ${s}.requests (lower(item_barcode)) WHERE item_barcode IS NOT NULL`,
    `CREATE INDEX requests_hrid_key_idx ON ${s}.requests (lower(hrid))`,
    // staff at a lender find a request by the borrower's number for it (CQL peerRequestId==X, any case)
    `CREATE INDEX requests_peer_request_key_idx ON ${s}.requests (lower(jsonb->>'peerRequestId')) WHERE role = 'lending'`,
    `DROP INDEX ${s}.rota_requests_requester_symbol_idx`,
    `DROP INDEX ${s}.requests_peer_idx`,
    `DROP INDEX ${s}.requests_supplier_idx`,
    `DROP INDEX ${s}.requests_item_barcode_idx`,
  ],
};
