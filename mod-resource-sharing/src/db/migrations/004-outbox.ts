import type { Migration } from './index.ts';

// The outbox: every outbound message (ISO 18626 now, host calls later) is written here in the same
// transaction as the state change that caused it, and a worker delivers it. `request_id` has no
// foreign key on purpose: deleting a request keeps the history of what was sent for it.
export const m004Outbox: Migration = {
  id: '004-outbox',
  since: [0, 2, 0],
  statements: (s) => [
    `CREATE TABLE ${s}.outbox (
       id uuid PRIMARY KEY,
       request_id uuid,
       seq bigserial NOT NULL,
       partner_symbol text NOT NULL,
       url text NOT NULL,
       kind text NOT NULL,
       body text NOT NULL,
       status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
       attempts integer NOT NULL DEFAULT 0,
       next_attempt_at timestamptz NOT NULL DEFAULT now(),
       locked_until timestamptz,
       last_error text,
       response text,
       created_date timestamptz NOT NULL DEFAULT now(),
       delivered_date timestamptz
     )`,
    // the claim query: due pending rows, and rows whose lease ran out while sending
    `CREATE INDEX outbox_pending_due_idx ON ${s}.outbox (next_attempt_at, seq) WHERE status = 'pending'`,
    `CREATE INDEX outbox_sending_lease_idx ON ${s}.outbox (locked_until) WHERE status = 'sending'`,
    // the per-conversation order check (an earlier undelivered row blocks later ones)
    `CREATE INDEX outbox_undelivered_order_idx ON ${s}.outbox (request_id, partner_symbol, seq) WHERE status <> 'delivered'`,
    // operator lists
    `CREATE INDEX outbox_request_idx ON ${s}.outbox (request_id, seq)`,
    `CREATE INDEX outbox_status_idx ON ${s}.outbox (status, seq)`,
  ],
};
