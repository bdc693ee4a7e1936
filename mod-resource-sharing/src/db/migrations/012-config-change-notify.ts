import type { Migration } from './index.ts';

// Every write to a tenant's settings or directory NOTIFYs mod_resource_sharing_config with the
// schema's name, once the write commits, whoever made it (an instance of the module, another
// instance, an operator with psql): each instance then forgets what it cached for that tenant
// (src/db/tenant-cache.ts). Statement-level triggers: one notification per statement, and
// PostgreSQL folds equal notifications of one transaction into one.
export const m012ConfigChangeNotify: Migration = {
  id: '012-config-change-notify',
  since: [0, 2, 0],
  statements: (s) => [
    `CREATE FUNCTION ${s}.config_changed() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM pg_notify('mod_resource_sharing_config', TG_TABLE_SCHEMA);
       RETURN NULL;
     END $$`,
    ...['settings', 'directory_entries', 'directory_symbols'].map(
      (table) =>
        `CREATE TRIGGER ${table}_config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${s}.${table}
           FOR EACH STATEMENT EXECUTE FUNCTION ${s}.config_changed()`,
    ),
  ],
};
