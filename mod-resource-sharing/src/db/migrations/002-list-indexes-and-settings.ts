import type { Migration } from './index.ts';

// Columns and indexes for the list queries staff run all day (state, title, patron, partner,
// newest first), and the tenant settings table.
export const m002ListIndexesAndSettings: Migration = {
  id: '002-list-indexes-and-settings',
  since: [0, 2, 0],
  statements: (s) => [
    `ALTER TABLE ${s}.requests
       ADD COLUMN title text GENERATED ALWAYS AS (jsonb->'citation'->>'title') STORED,
       ADD COLUMN patron_name text GENERATED ALWAYS AS (jsonb->'patron'->>'name') STORED,
       ADD COLUMN supplier_symbol text GENERATED ALWAYS AS (jsonb->>'supplierSymbol') STORED,
       ADD COLUMN requester_symbol text GENERATED ALWAYS AS (jsonb->>'requesterSymbol') STORED,
       ADD COLUMN item_barcode text GENERATED ALWAYS AS (jsonb->>'itemBarcode') STORED,
       ADD COLUMN title_key text GENERATED ALWAYS AS (lower(jsonb->'citation'->>'title')) STORED,
       ADD COLUMN title_words tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(jsonb->'citation'->>'title', ''))) STORED`,
    `CREATE INDEX requests_role_state_created_idx ON ${s}.requests (role, state, created_date DESC)`,
    `CREATE INDEX requests_state_created_idx ON ${s}.requests (state, created_date DESC)`,
    `CREATE INDEX requests_created_idx ON ${s}.requests (created_date DESC)`,
    `CREATE INDEX requests_updated_idx ON ${s}.requests (updated_date DESC)`,
    `CREATE INDEX requests_title_prefix_idx ON ${s}.requests (title_key text_pattern_ops)`,
    `CREATE INDEX requests_state_title_prefix_idx ON ${s}.requests (state, title_key text_pattern_ops) INCLUDE (created_date, id)`,
    `CREATE INDEX requests_title_words_idx ON ${s}.requests USING gin (title_words)`,
    `CREATE INDEX requests_patron_name_idx ON ${s}.requests (lower(patron_name) text_pattern_ops)`,
    `CREATE INDEX requests_item_barcode_idx ON ${s}.requests (item_barcode)`,
    `CREATE INDEX requests_supplier_idx ON ${s}.requests (supplier_symbol)`,
    `CREATE INDEX requests_needs_attention_idx ON ${s}.requests (needs_attention) WHERE needs_attention`,
    `CREATE TABLE ${s}.settings (
       key text PRIMARY KEY,
       value jsonb NOT NULL,
       updated_date timestamptz NOT NULL DEFAULT now()
     )`,
  ],
};
