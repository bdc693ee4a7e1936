// What the platform tells the module about a call, read from the X-Okapi-* headers.
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Stand-alone mode (demo, tests, a module reached without a gateway): a call without
     * X-Okapi-Permissions holds every desired permission. Off (behind Okapi) it holds none.
     */
    okapiStandalone: boolean;
  }
}

/** Records the mode `okapiContext` reads; buildServer calls it once. */
export function setStandaloneMode(app: FastifyInstance, standalone: boolean): void {
  app.decorate('okapiStandalone', standalone);
}

export interface OkapiContext {
  tenant: string;
  userId?: string;
  token?: string;
  okapiUrl?: string;
  requestId?: string;
  /**
   * desired permissions the caller holds (X-Okapi-Permissions, a JSON array). null only in
   * stand-alone mode when the call carries no such header: the caller is trusted with all of them.
   */
  permissions: string[] | null;
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  if (Array.isArray(v)) return v[0];
  return v === undefined || v === '' ? undefined : v;
}

export function readPermissions(req: FastifyRequest): string[] | null {
  const raw = header(req, 'x-okapi-permissions');
  if (raw === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return raw.split(',').map((p) => p.trim()).filter(Boolean);
  }
}

export function okapiContext(req: FastifyRequest): OkapiContext {
  return {
    tenant: header(req, 'x-okapi-tenant') ?? '',
    userId: header(req, 'x-okapi-user-id'),
    token: header(req, 'x-okapi-token'),
    okapiUrl: header(req, 'x-okapi-url'),
    requestId: header(req, 'x-okapi-request-id'),
    permissions: readPermissions(req) ?? (req.server.okapiStandalone ? null : []),
  };
}

/**
 * True when the caller may see what `permission` guards. Behind Okapi the gateway lists the
 * desired permissions the caller holds in X-Okapi-Permissions, and a call without the header holds
 * none; only a module started in stand-alone mode (OKAPI_STANDALONE=true: demo, tests) trusts a
 * caller that sends no list.
 */
export function hasDesiredPermission(ctx: OkapiContext, permission: string): boolean {
  return ctx.permissions === null || ctx.permissions.includes(permission);
}
