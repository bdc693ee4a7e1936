// Every call except the public ones names an enabled tenant in X-Okapi-Tenant. A missing header,
// a malformed id or a tenant that never enabled the module gets a 400 in plain text, before any
// handler can reach the database.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isValidTenantId } from '../db/tenant-schema.ts';
import { BadRequestError } from './errors.ts';
import type { TenantRegistry } from './tenants.ts';

/** Per route, in `config.tenant`: 'enabled' (default), 'valid' (tenant API), 'none' (health). */
export type TenantRequirement = 'enabled' | 'valid' | 'none';

declare module 'fastify' {
  interface FastifyContextConfig {
    tenant?: TenantRequirement;
  }
  interface FastifyRequest {
    tenant: string;
  }
}

export function tenantOf(req: FastifyRequest): string {
  const raw = req.headers['x-okapi-tenant'];
  const tenant = Array.isArray(raw) ? raw[0] : raw;
  if (!tenant) throw new BadRequestError('Missing X-Okapi-Tenant header');
  if (!isValidTenantId(tenant)) {
    throw new BadRequestError(`Invalid tenant id in X-Okapi-Tenant: ${JSON.stringify(tenant.slice(0, 64))}`);
  }
  return tenant;
}

export function registerTenantGuard(app: FastifyInstance, registry: TenantRegistry): void {
  app.decorateRequest('tenant', '');
  app.addHook('onRequest', async (req) => {
    const requirement = req.routeOptions.config?.tenant ?? 'enabled';
    if (requirement === 'none' || !req.routeOptions.url) return;
    const tenant = tenantOf(req);
    if (requirement === 'enabled' && !(await registry.isEnabled(tenant))) {
      throw new BadRequestError(`Tenant ${tenant} does not have mod-resource-sharing enabled`);
    }
    req.tenant = tenant;
  });
}
