// What the platform tells the module about a call, read from the X-Okapi-* headers.
import type { FastifyRequest } from 'fastify';

export interface OkapiContext {
  tenant: string;
  userId?: string;
  token?: string;
  okapiUrl?: string;
  requestId?: string;
  /** desired permissions the caller holds (X-Okapi-Permissions); null when no gateway sent any */
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
    permissions: readPermissions(req),
  };
}

/**
 * True when the caller may see what `permission` guards. Behind Okapi the gateway lists the
 * desired permissions the caller holds; a module called directly (demo, tests) trusts the caller.
 */
export function hasDesiredPermission(ctx: OkapiContext, permission: string): boolean {
  return ctx.permissions === null || ctx.permissions.includes(permission);
}
