import type { Migration } from './index.ts';

export const m001Requests: Migration = {
  id: '001-requests',
  since: [0, 1, 0],
  statements: (s) => [
    `CREATE TABLE ${s}.module_state (
       id integer PRIMARY KEY CHECK (id = 1),
       enabled boolean NOT NULL,
       module_id text,
       updated_date timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE SEQUENCE ${s}.request_hrid_seq`,
    `CREATE TABLE ${s}.requests (
       id uuid PRIMARY KEY,
       hrid text NOT NULL UNIQUE,
       role text NOT NULL CHECK (role IN ('borrowing', 'lending')),
       state text NOT NULL,
       needs_attention boolean NOT NULL DEFAULT false,
       version integer NOT NULL DEFAULT 1,
       created_date timestamptz NOT NULL,
       updated_date timestamptz NOT NULL,
       jsonb jsonb NOT NULL
     )`,
    `CREATE TABLE ${s}.request_audit (
       id uuid PRIMARY KEY,
       request_id uuid NOT NULL REFERENCES ${s}.requests (id) ON DELETE CASCADE,
       seq bigserial,
       ts timestamptz NOT NULL,
       actor_type text NOT NULL CHECK (actor_type IN ('user', 'partner', 'system')),
       actor_id text,
       action text,
       from_state text,
       to_state text,
       message text,
       changes jsonb
     )`,
    `CREATE INDEX request_audit_request_idx ON ${s}.request_audit (request_id, seq)`,
  ],
};
