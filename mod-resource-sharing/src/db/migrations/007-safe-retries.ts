import type { Migration } from './index.ts';

// Safe retries. A create that a client retries (Idempotency-Key header, or its own `id`) finds the
// request it created the first time: the key and a fingerprint of the create body live on the
// request row. An instance that restarts takes back at once the outbox rows its previous life had
// claimed: the claimant is recorded with the claim.
export const m007SafeRetries: Migration = {
  id: '007-safe-retries',
  since: [0, 2, 0],
  statements: (s) => [
    `ALTER TABLE ${s}.requests ADD COLUMN idempotency_key text, ADD COLUMN create_fingerprint text`,
    `CREATE UNIQUE INDEX requests_idempotency_key ON ${s}.requests (idempotency_key) WHERE idempotency_key IS NOT NULL`,
    `ALTER TABLE ${s}.outbox ADD COLUMN locked_by text`,
  ],
};
