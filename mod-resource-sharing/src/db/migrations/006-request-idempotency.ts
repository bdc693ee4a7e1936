import type { Migration } from './index.ts';

// A create that a client retries (Idempotency-Key header, or its own `id`) finds the request it
// created the first time: the key and a fingerprint of the create body live on the request row.
export const m006RequestIdempotency: Migration = {
  id: '006-request-idempotency',
  since: [0, 2, 0],
  statements: (s) => [
    `ALTER TABLE ${s}.requests ADD COLUMN idempotency_key text, ADD COLUMN create_fingerprint text`,
    `CREATE UNIQUE INDEX requests_idempotency_key ON ${s}.requests (idempotency_key) WHERE idempotency_key IS NOT NULL`,
  ],
};
