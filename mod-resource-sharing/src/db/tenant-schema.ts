// Each tenant's data lives in its own PostgreSQL schema, `<tenant>_mod_resource_sharing`, the
// naming FOLIO's modules use. The tenant id is validated before it ever becomes an identifier.

const TENANT_ID = /^[a-z][a-z0-9_]{0,30}$/;

export const MODULE_SCHEMA_SUFFIX = 'mod_resource_sharing';

export function isValidTenantId(tenant: string): boolean {
  return TENANT_ID.test(tenant);
}

/** The tenant's schema name, unquoted. Throws for an id that is not a FOLIO tenant id. */
export function schemaName(tenant: string): string {
  if (!isValidTenantId(tenant)) throw new Error(`Invalid tenant id: ${JSON.stringify(tenant)}`);
  return `${tenant}_${MODULE_SCHEMA_SUFFIX}`;
}

/**
 * A statement failed because the tenant's tables are gone: the tenant was disabled with purge
 * while work for it was still under way in the background (undefined table or schema).
 */
export function isTenantGone(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '42P01' || code === '3F000';
}

/** The tenant's schema as a quoted identifier, ready to prefix table names in SQL. */
export function schemaOf(tenant: string): string {
  return `"${schemaName(tenant)}"`;
}
