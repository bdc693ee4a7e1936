// DEMO ONLY: patron sign-in for the patron request page (`/patron/<tenant>`). In production the
// library's discovery layer (or its own login) signs the patron token with the tenant's
// `patronRequests.tokenSecret` and hands it to the page; the module never sees a PIN. Here a
// stand-in takes the card number (barcode) and PIN of a seeded demo patron and signs the token
// with the demo secret that `usePatronRequests` configures. Never expose a demo server.
import type { FastifyInstance } from 'fastify';
import { signPatronToken } from '../../mod-resource-sharing/src/patron/patron-token.ts';
import type { PatronRequestSettings } from '../../mod-resource-sharing/src/settings/settings-types.ts';
import { DEMO_PATRONS } from '../../simulators/folio/index.ts';
import { demoApi, expectStatus } from './demo-api.ts';
import { DEMO_TENANTS } from './demo-libraries.ts';

export const DEMO_PATRON_SIGN_IN_PATH = '/demo/patron-sign-in';

/** Every demo patron's PIN. */
export const DEMO_PATRON_PIN = '1234';

export interface DemoPatronAccount {
  barcode: string;
  name: string;
  /** what the simulated FOLIO makes of this patron when a request is checked */
  description: string;
}

/** The patrons seeded in every library's simulated FOLIO (simulators/folio/demo-seed.ts). */
export const DEMO_PATRON_ACCOUNTS: DemoPatronAccount[] = [
  { barcode: DEMO_PATRONS.active, name: 'Alice Reader', description: 'active, may borrow' },
  { barcode: DEMO_PATRONS.expired, name: 'Bob Lapsed', description: 'card expired: requests are refused by the patron check' },
  { barcode: DEMO_PATRONS.blocked, name: 'Carol Overdue', description: 'blocked from requesting' },
  { barcode: DEMO_PATRONS.inactive, name: 'Dan Gone', description: 'inactive' },
];

/** The demo's patron token secret for a library (settings `patronRequests.tokenSecret`). */
export function demoPatronSecret(tenant: string): string {
  return `demo-only-patron-token-secret-${tenant}`;
}

/** Patron requests on, with the demo secret and the simulated FOLIO's two pickup service points. */
export function demoPatronSettings(tenant: string): PatronRequestSettings {
  return {
    enabled: true,
    tokenSecret: demoPatronSecret(tenant),
    pickupLocations: [
      { code: 'CIRC', name: 'Circulation desk' },
      { code: 'BRANCH', name: 'Branch desk' },
    ],
  };
}

/**
 * Sets `patronRequests` of the demo libraries: all of it for a library set up on this start; on
 * later starts only the token secret (so the demo sign-in's tokens always fit), keeping what staff
 * changed since (pickup locations, on or off).
 */
export async function usePatronRequests(baseUrl: string, freshTenants: readonly string[]): Promise<void> {
  for (const tenant of DEMO_TENANTS) {
    const api = demoApi(baseUrl, tenant);
    let patronRequests: PatronRequestSettings = demoPatronSettings(tenant);
    if (!freshTenants.includes(tenant)) {
      const current = await api.get<{ patronRequests: PatronRequestSettings }>('/resource-sharing/settings');
      expectStatus(current, [200], `${tenant} settings`);
      patronRequests = { ...current.body.patronRequests, tokenSecret: demoPatronSecret(tenant) };
    }
    expectStatus(await api.put('/resource-sharing/settings', { patronRequests }), [200, 204], `${tenant} patron request settings`);
  }
}

/**
 * `POST /demo/patron-sign-in` (tenant in X-Okapi-Tenant, body `{barcode, pin}`): 201
 * `{token, name}` for a demo patron with the demo PIN, 401 otherwise.
 */
export function registerDemoPatronSignIn(app: FastifyInstance): void {
  app.post<{ Body: { barcode?: string; pin?: string } | undefined }>(
    DEMO_PATRON_SIGN_IN_PATH,
    { config: { tenant: 'none' } },
    async (req, reply) => {
      const tenant = String(req.headers['x-okapi-tenant'] ?? '');
      const { barcode = '', pin = '' } = req.body ?? {};
      const account = DEMO_PATRON_ACCOUNTS.find((a) => a.barcode === String(barcode).trim());
      if (!DEMO_TENANTS.includes(tenant) || !account || pin !== DEMO_PATRON_PIN) {
        return reply.code(401).type('application/json').send({
          errors: [{ message: 'Wrong card number or PIN', code: 'patron.signIn', type: 'error' }],
        });
      }
      const token = await signPatronToken(demoPatronSecret(tenant), { barcode: account.barcode, name: account.name }, 8 * 3600);
      return reply.code(201).send({ token, name: account.name });
    },
  );
}
