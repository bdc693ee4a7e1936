// FOLIO's tenant interface 2.0. Enabling or upgrading answers 201 with a job the platform polls;
// disabling keeps the data; purging drops the tenant's schema.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Database, Sql } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { compareVersions, versionOf, type Semver } from '../db/module-version.ts';
import { schemaName, schemaOf } from '../db/tenant-schema.ts';
import { CONFIG_CHANNEL, forgetTenant } from '../db/tenant-cache.ts';
import { BadRequestError, NotFoundError } from './errors.ts';
import { okapiContext, type OkapiContext } from './context.ts';
import type { TenantRegistry } from './tenants.ts';
import { isUuid } from './ids.ts';

export interface TenantAttributes {
  module_to?: string;
  module_from?: string;
  purge?: boolean;
  parameters?: { key: string; value: string }[];
}

export interface TenantJob {
  id: string;
  tenant: string;
  tenantAttributes: TenantAttributes;
  complete: boolean;
  error?: string;
  messages?: string[];
}

/** Work other parts of the module add to enabling: reference data, sample data, set-up calls. */
export interface TenantHook {
  name: string;
  /** the module version whose schema the hook needs; skipped when enabling an older one */
  since?: Semver;
  /**
   * runs inside the enabling transaction; a string it answers is added to the job's messages, a
   * `{ warning }` is added as a `WARNING:` message and logged at warn level (the enable goes on)
   */
  run(tx: Sql, tenant: string, info: { attributes: TenantAttributes; context: OkapiContext }): Promise<void | string | { warning: string }>;
}

export interface TenantHooks {
  referenceData: TenantHook[];
  sampleData: TenantHook[];
  /** run on every enable and upgrade, after the data hooks (e.g. the FOLIO system user); a failure fails the enable */
  setUp?: TenantHook[];
}

const attributesSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    module_to: { type: 'string', minLength: 1 },
    module_from: { type: 'string', minLength: 1 },
    purge: { type: 'boolean' },
    parameters: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key'],
        properties: { key: { type: 'string' }, value: { type: 'string' } },
      },
    },
  },
} as const;

function flag(attrs: TenantAttributes, key: string): boolean {
  const p = attrs.parameters?.find((x) => x.key === key);
  return p !== undefined && String(p.value).toLowerCase() === 'true';
}

export function registerTenantApi(
  app: FastifyInstance,
  deps: { db: Database; registry: TenantRegistry; hooks: TenantHooks },
): void {
  const { db, registry, hooks } = deps;
  const running = new Map<string, Promise<void>>();

  async function saveJob(job: TenantJob): Promise<void> {
    await db.query(
      `INSERT INTO ${schemaOf(job.tenant)}.tenant_jobs (id, jsonb) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET jsonb = EXCLUDED.jsonb`,
      [job.id, JSON.stringify(job)],
    );
  }

  async function readJob(tenant: string, id: string): Promise<TenantJob | null> {
    if (!isUuid(id)) return null;
    if (!(await registry.schemaExists(tenant))) return null;
    const { rows } = await db.query<{ jsonb: TenantJob }>(
      `SELECT jsonb FROM ${schemaOf(tenant)}.tenant_jobs WHERE id = $1`,
      [id],
    );
    return rows[0]?.jsonb ?? null;
  }

  async function enable(job: TenantJob, context: OkapiContext): Promise<void> {
    const attrs = job.tenantAttributes;
    const s = schemaOf(job.tenant);
    const messages: string[] = [];
    try {
      await db.transaction(async (tx) => {
        const applied = await migrate(tx, s, versionOf(attrs.module_to));
        if (applied.length) messages.push(`migrations applied: ${applied.join(', ')}`);
        const info = { attributes: attrs, context };
        const target = versionOf(attrs.module_to);
        const applies = (hook: TenantHook) => !hook.since || !target || compareVersions(target, hook.since) >= 0;
        if (flag(attrs, 'loadReference') || flag(attrs, 'loadSample')) {
          for (const hook of hooks.referenceData.filter(applies)) {
            await hook.run(tx, job.tenant, info);
            messages.push(`reference data: ${hook.name}`);
          }
        }
        if (flag(attrs, 'loadSample')) {
          for (const hook of hooks.sampleData.filter(applies)) {
            await hook.run(tx, job.tenant, info);
            messages.push(`sample data: ${hook.name}`);
          }
        }
        for (const hook of (hooks.setUp ?? []).filter(applies)) {
          const note = await hook.run(tx, job.tenant, info);
          if (note && typeof note === 'object') {
            messages.push(`WARNING: set-up: ${hook.name}: ${note.warning}`);
            app.log.warn({ tenant: job.tenant }, `enabling mod-resource-sharing for ${job.tenant}: ${hook.name}: ${note.warning}`);
          } else messages.push(`set-up: ${hook.name}${note ? ` (${note})` : ''}`);
        }
        await tx.query(
          `INSERT INTO ${s}.module_state (id, enabled, module_id) VALUES (1, true, $1)
           ON CONFLICT (id) DO UPDATE SET enabled = true, module_id = $1, updated_date = now()`,
          [attrs.module_to],
        );
      });
      job.complete = true;
      job.messages = messages;
    } catch (err) {
      job.complete = true;
      job.error = err instanceof Error ? err.message : String(err);
      app.log.error({ err, tenant: job.tenant }, 'tenant job failed');
    } finally {
      registry.forget(job.tenant);
      forgetTenant(db, job.tenant);
    }
    await saveJob(job);
  }

  app.post<{ Body: TenantAttributes }>(
    '/_/tenant',
    { config: { tenant: 'valid' }, schema: { body: attributesSchema } },
    async (req, reply) => {
      const tenant = req.tenant;
      const attrs = req.body ?? {};
      const s = schemaOf(tenant);
      if (!attrs.module_to) {
        // Disable (keeps data) or purge (drops it): quick, answered synchronously.
        if (attrs.purge) {
          await db.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
          // no trigger sees a dropped schema: tell the other instances to forget the tenant's settings
          await db.query('SELECT pg_notify($1, $2)', [CONFIG_CHANNEL, schemaName(tenant)]);
        } else if (await registry.isEnabled(tenant)) {
          await db.query(`UPDATE ${s}.module_state SET enabled = false, updated_date = now()`);
        }
        registry.forget(tenant);
        forgetTenant(db, tenant);
        return reply.code(204).send();
      }
      if (attrs.module_from && !versionOf(attrs.module_from)) {
        throw new BadRequestError(`module_from is not a module id with a version: ${attrs.module_from}`);
      }
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await db.query(`CREATE TABLE IF NOT EXISTS ${s}.tenant_jobs (id uuid PRIMARY KEY, jsonb jsonb NOT NULL)`);
      const job: TenantJob = { id: randomUUID(), tenant, tenantAttributes: attrs, complete: false };
      await saveJob(job);
      const work = enable(job, okapiContext(req)).finally(() => running.delete(job.id));
      running.set(job.id, work);
      return reply.code(201).header('location', `/_/tenant/${job.id}`).send(job);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { wait?: string } }>(
    '/_/tenant/:id',
    { config: { tenant: 'valid' } },
    async (req) => {
      const wait = Math.min(Math.max(Number(req.query.wait ?? 0) || 0, 0), 60_000);
      const deadline = Date.now() + wait;
      for (;;) {
        const job = await readJob(req.tenant, req.params.id);
        if (!job) throw new NotFoundError(`Tenant job ${req.params.id} not found`);
        if (job.complete || Date.now() >= deadline) return job;
        const pending = running.get(job.id);
        const remaining = deadline - Date.now();
        await Promise.race([pending ?? Promise.resolve(), new Promise((r) => setTimeout(r, Math.min(remaining, 200)))]);
      }
    },
  );

  app.delete<{ Params: { id: string } }>('/_/tenant/:id', { config: { tenant: 'valid' } }, async (req, reply) => {
    const job = await readJob(req.tenant, req.params.id);
    if (!job) throw new NotFoundError(`Tenant job ${req.params.id} not found`);
    await db.query(`DELETE FROM ${schemaOf(req.tenant)}.tenant_jobs WHERE id = $1`, [job.id]);
    return reply.code(204).send();
  });
}
