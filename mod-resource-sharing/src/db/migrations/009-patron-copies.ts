import type { Migration } from './index.ts';

// Copies the library keeps for its patrons (patronNotices.copyDelivery.keep = store): the file a
// supplier's link pointed to, fetched once and served to the request's patron only, once or until
// `expires`. bytea rather than large objects: one row per copy, deleted with its request, and the
// same on PGlite.
export const m009PatronCopies: Migration = {
  id: '009-patron-copies',
  since: [0, 2, 0],
  statements: (s) => [
    `CREATE TABLE ${s}.patron_copies (
       request_id uuid PRIMARY KEY REFERENCES ${s}.requests (id) ON DELETE CASCADE,
       content bytea NOT NULL,
       content_type text NOT NULL,
       filename text NOT NULL,
       size integer NOT NULL,
       source_url text NOT NULL,
       stored_date timestamptz NOT NULL DEFAULT now(),
       served_for text NOT NULL CHECK (served_for IN ('once', 'days')),
       expires timestamptz,
       served_count integer NOT NULL DEFAULT 0,
       last_served timestamptz
     )`,
    // every outbox drain looks for copies still to fetch: a small partial index instead of a table scan
    `CREATE INDEX requests_copy_pending_idx ON ${s}.requests (updated_date)
       WHERE jsonb->'patronSide'->'storedCopy'->>'status' = 'pending'`,
  ],
};
