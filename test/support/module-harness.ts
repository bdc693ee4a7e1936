// Runs mod-resource-sharing inside the test process on a real HTTP port, on the database the
// environment names: a PostgreSQL server when DB_HOST is set (CI's second pass), else one
// in-memory PGlite shared by every suite (creating one costs seconds).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { readConfig } from '../../mod-resource-sharing/src/config.ts';
import type { Database } from '../../mod-resource-sharing/src/db/database.ts';
import { openDatabase } from '../../mod-resource-sharing/src/db/open.ts';
import { buildServer, type ServerOptions } from '../../mod-resource-sharing/src/server.ts';

let shared: Promise<Database> | undefined;

export function testDatabase(): Promise<Database> {
  if (!shared) {
    const config = readConfig({ ...process.env, PGLITE_DATA_DIR: 'memory://' });
    shared = openDatabase(config.db);
  }
  return shared;
}

export interface RunningModule {
  url: string;
  app: FastifyInstance;
  db: Database;
  close(): Promise<void>;
}

export async function startModule(opts: Partial<ServerOptions> = {}): Promise<RunningModule> {
  const db = opts.db ?? (await testDatabase());
  // The tests call the module directly, without a gateway: stand-alone mode unless they ask otherwise.
  const app = await buildServer({ logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', standalone: true, ...opts, db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}`, app, db, close: () => app.close() };
}

/** A tenant id no other run on the same database has used. */
export function uniqueTenant(prefix = 't'): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export const MODULE_ID = 'mod-resource-sharing-0.2.0';

export interface TenantJobBody {
  id: string;
  complete: boolean;
  error?: string;
  messages?: string[];
}

export async function enableTenant(
  url: string,
  tenant: string,
  opts: { moduleTo?: string; moduleFrom?: string; loadReference?: boolean; loadSample?: boolean } = {},
): Promise<TenantJobBody> {
  const parameters = [
    { key: 'loadReference', value: String(opts.loadReference ?? true) },
    { key: 'loadSample', value: String(opts.loadSample ?? false) },
  ];
  const res = await fetch(`${url}/_/tenant`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-okapi-tenant': tenant },
    body: JSON.stringify({ module_to: opts.moduleTo ?? MODULE_ID, module_from: opts.moduleFrom, parameters }),
  });
  if (res.status !== 201) throw new Error(`enable ${tenant}: ${res.status} ${await res.text()}`);
  const location = res.headers.get('location');
  const job = (await (await fetch(`${url}${location}?wait=60000`, { headers: { 'x-okapi-tenant': tenant } })).json()) as TenantJobBody;
  if (job.error) throw new Error(`enable ${tenant} failed: ${job.error}`);
  return job;
}

export async function purgeTenant(url: string, tenant: string): Promise<void> {
  await fetch(`${url}/_/tenant`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-okapi-tenant': tenant },
    body: JSON.stringify({ module_from: MODULE_ID, purge: true }),
  });
}

/** A small fetch wrapper for one tenant: JSON in, status + parsed body out. */
export function tenantClient(url: string, tenant: string, extraHeaders: Record<string, string> = {}) {
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        'x-okapi-tenant': tenant,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...extraHeaders,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const parsed: any = type.includes('json') && text ? JSON.parse(text) : text;
    return { status: res.status, body: parsed, headers: res.headers };
  }
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    put: (path: string, body?: unknown, headers?: Record<string, string>) => call('PUT', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => call('DELETE', path, undefined, headers),
  };
}
