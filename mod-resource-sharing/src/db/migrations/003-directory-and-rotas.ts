import type { Migration } from './index.ts';

// The directory (institutions and their symbols, unique per tenant), rota profiles (which
// reference directory symbols, so a symbol in use cannot silently disappear), and two indexes the
// partner statistics read the request history through.
export const m003DirectoryAndRotas: Migration = {
  id: '003-directory-and-rotas',
  since: [0, 2, 0],
  statements: (s) => [
    `CREATE TABLE ${s}.directory_entries (
       id uuid PRIMARY KEY,
       name text NOT NULL,
       self boolean NOT NULL DEFAULT false,
       partner boolean NOT NULL DEFAULT false,
       symbol_text text NOT NULL,
       version integer NOT NULL DEFAULT 1,
       created_date timestamptz NOT NULL,
       updated_date timestamptz NOT NULL,
       jsonb jsonb NOT NULL
     )`,
    `CREATE UNIQUE INDEX directory_entries_one_self_idx ON ${s}.directory_entries (self) WHERE self`,
    `CREATE INDEX directory_entries_name_idx ON ${s}.directory_entries (lower(name) text_pattern_ops)`,
    `CREATE TABLE ${s}.directory_symbols (
       symbol_key text PRIMARY KEY,
       entry_id uuid NOT NULL REFERENCES ${s}.directory_entries (id) ON DELETE CASCADE
     )`,
    `CREATE INDEX directory_symbols_entry_idx ON ${s}.directory_symbols (entry_id)`,
    `CREATE TABLE ${s}.rota_profiles (
       id uuid PRIMARY KEY,
       name text NOT NULL,
       version integer NOT NULL DEFAULT 1,
       created_date timestamptz NOT NULL,
       updated_date timestamptz NOT NULL,
       jsonb jsonb NOT NULL
     )`,
    `CREATE UNIQUE INDEX rota_profiles_name_idx ON ${s}.rota_profiles (lower(name))`,
    `CREATE TABLE ${s}.rota_profile_symbols (
       profile_id uuid NOT NULL REFERENCES ${s}.rota_profiles (id) ON DELETE CASCADE,
       symbol_key text NOT NULL REFERENCES ${s}.directory_symbols (symbol_key),
       PRIMARY KEY (profile_id, symbol_key)
     )`,
    `CREATE INDEX rota_profile_symbols_symbol_idx ON ${s}.rota_profile_symbols (symbol_key)`,
    `CREATE INDEX rota_requests_requester_symbol_idx ON ${s}.requests (upper(requester_symbol))`,
    `CREATE INDEX rota_requests_supplier_symbol_idx ON ${s}.requests (upper(supplier_symbol))`,
    `CREATE INDEX rota_audit_to_state_idx ON ${s}.request_audit (to_state, request_id)`,
  ],
};
