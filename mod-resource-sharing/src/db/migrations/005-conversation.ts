import type { Migration } from './index.ts';

// The conversation with the partner on each request (both directions, with read marks and the
// fingerprint that makes a message delivered twice count once), the state models as tenant
// reference data, and the index a lender needs to find a request by the borrower's id.
export const m005Conversation: Migration = {
  id: '005-conversation',
  since: [0, 2, 0],
  statements: (s) => [
    `CREATE TABLE ${s}.request_messages (
       id uuid PRIMARY KEY,
       request_id uuid NOT NULL REFERENCES ${s}.requests (id) ON DELETE CASCADE,
       seq bigserial,
       ts timestamptz NOT NULL,
       direction text NOT NULL CHECK (direction IN ('in', 'out')),
       kind text NOT NULL,
       summary text NOT NULL,
       note text,
       read boolean NOT NULL DEFAULT true,
       fingerprint text UNIQUE
     )`,
    `CREATE INDEX request_messages_request_idx ON ${s}.request_messages (request_id, seq)`,
    `CREATE INDEX requests_peer_idx ON ${s}.requests (requester_symbol, (jsonb->>'peerRequestId'))`,
    `CREATE TABLE ${s}.state_models (id text PRIMARY KEY, version text NOT NULL, jsonb jsonb NOT NULL)`,
  ],
};
