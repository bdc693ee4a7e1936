// DEMO ONLY: a stand-in for FOLIO's POST /authn/login so the standalone UI can log in without
// Okapi. It knows two fixed users per demo library, hands out a random token and the user's
// permissions, and checks nothing else: the module itself does not check tokens (Okapi does).
// Never expose a demo server beyond your own machine.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DEMO_TENANTS } from './demo-libraries.ts';
import { expandPermissions } from './demo-permissions.ts';

/** The permissions a staff user holds: every visible permission set of the app and the backend's. */
export const STAFF_PERMISSIONS = [
  'module.resource-sharing.enabled',
  'settings.resource-sharing.enabled',
  'ui-resource-sharing.requests.view',
  'ui-resource-sharing.requests.manage',
  'ui-resource-sharing.settings.manage',
];

// settings.resource-sharing.enabled as the view permission set has it: the Settings entry opens and
// each page says which permission it needs
export const VIEWER_PERMISSIONS = ['module.resource-sharing.enabled', 'settings.resource-sharing.enabled', 'ui-resource-sharing.requests.view'];

export interface DemoUser {
  username: string;
  password: string;
  firstName: string;
  lastName: string;
  permissions: string[];
  description: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'staff', password: 'staff', firstName: 'Sam', lastName: 'Staff', permissions: STAFF_PERMISSIONS, description: 'all permissions' },
  { username: 'viewer', password: 'viewer', firstName: 'Vic', lastName: 'Viewer', permissions: VIEWER_PERMISSIONS, description: 'view only' },
];

/** A stable id per user and library, so the audit trail names the same user across restarts. */
export function demoUserId(tenant: string, username: string): string {
  // a hash, not the name's first bytes: "southbank:staff" and "southbank:viewer" began alike and got one id
  const hex = createHash('sha256').update(`${tenant}:${username}`).digest('hex').slice(0, 12);
  return `00000000-0000-4000-8000-${hex}`;
}

/**
 * Registers `POST /authn/login` (public route: the tenant comes from X-Okapi-Tenant), and, as
 * Okapi would, turns a demo token into `X-Okapi-User-Id` so the audit trail names the user.
 */
export function registerDemoLogin(app: FastifyInstance): void {
  const tokens = new Map<string, string>();
  app.addHook('onRequest', async (req) => {
    const token = req.headers['x-okapi-token'];
    const userId = typeof token === 'string' ? tokens.get(token) : undefined;
    if (userId) req.headers['x-okapi-user-id'] = userId;
  });
  app.post<{ Body: { username?: string; password?: string } | undefined }>(
    '/authn/login',
    { config: { tenant: 'none' } },
    async (req, reply) => {
      const tenant = String(req.headers['x-okapi-tenant'] ?? '');
      const { username = '', password = '' } = req.body ?? {};
      const user = DEMO_USERS.find((u) => u.username === username && u.password === password);
      if (!DEMO_TENANTS.includes(tenant) || !user) {
        return reply.code(422).type('application/json').send({
          errors: [{ message: 'Wrong username or password', code: 'username.incorrect', type: 'error' }],
        });
      }
      const token = `demo-${randomBytes(16).toString('hex')}`;
      const id = demoUserId(tenant, user.username);
      tokens.set(token, id);
      return reply
        .code(201)
        .header('x-okapi-token', token)
        .send({
          okapiToken: token,
          user: {
            id,
            username: user.username,
            firstName: user.firstName,
            lastName: user.lastName,
            personal: { firstName: user.firstName, lastName: user.lastName },
          },
          // expanded, as FOLIO's login answers them (sub-permissions of each set included)
          permissions: { permissions: expandPermissions(user.permissions) },
        });
    },
  );

  // mod-users' `GET /users?query=id==("a" or "b")` as the platform's users interface answers it: the
  // staff app names the people in a request's timeline through it. Only the demo users of the tenant
  // (patrons live in the library's simulated FOLIO); an unknown id is simply not in the answer.
  app.get<{ Querystring: { query?: string; limit?: string } }>('/users', { config: { tenant: 'none' } }, async (req, reply) => {
    const tenant = String(req.headers['x-okapi-tenant'] ?? '');
    if (!DEMO_TENANTS.includes(tenant)) return reply.code(400).type('text/plain').send(`No such tenant: ${tenant}`);
    const wanted = new Set((req.query.query ?? '').match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []);
    const users = DEMO_USERS.map((u) => ({
      id: demoUserId(tenant, u.username),
      username: u.username,
      active: true,
      personal: { firstName: u.firstName, lastName: u.lastName },
    })).filter((u) => wanted.has(u.id));
    return { users, totalRecords: users.length };
  });
}
