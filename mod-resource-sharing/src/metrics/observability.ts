// Seeing inside a running module: GET /admin/metrics (Prometheus text format), the HTTP, ISO 18626
// and timer metrics taken from every answer, and JSON log lines that carry the tenant besides the
// request id. Registered by buildServer before the routes. /admin/metrics is, like /admin/health,
// served to the platform directly and not routed through Okapi, so it is not in the descriptor.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { isValidTenantId, schemaOf } from '../db/tenant-schema.ts';
import { enabledTenants } from '../workflow/internal-timers.ts';
import {
  dbPoolConnections,
  dbUp,
  httpDuration,
  httpRequests,
  inboundMessages,
  outboxMessages,
  outboxOldestPending,
  registry,
  timerDuration,
  timerRuns,
} from './metrics.ts';

const ISO_ROUTE = '/resource-sharing/iso18626';
const TIMER_PREFIX = '/resource-sharing/timers/';

declare module 'fastify' {
  interface FastifyRequest {
    /** what onSend learnt from the answer, for onResponse */
    observed?: { isoKind?: string; isoStatus?: string; timerSkipped?: boolean };
  }
}

function tenantHeader(req: { headers: Record<string, string | string[] | undefined> }): string | undefined {
  const raw = req.headers['x-okapi-tenant'];
  const t = Array.isArray(raw) ? raw[0] : raw;
  return t && isValidTenantId(t) ? t : undefined;
}

/** Learns the ISO 18626 confirmation's kind and status, or whether a timer run was skipped, from the body sent. */
function inspect(req: FastifyRequest, payload: unknown): void {
  const route = req.routeOptions.url;
  if (typeof payload !== 'string' || !route) return;
  if (route === ISO_ROUTE) {
    const kind = /<(?:[\w-]+:)?(request|supplyingAgencyMessage|requestingAgencyMessage)Confirmation[\s>]/.exec(payload)?.[1];
    const status = /<(?:[\w-]+:)?messageStatus>\s*(OK|ERROR)\s*</.exec(payload)?.[1];
    req.observed = { isoKind: kind, isoStatus: status };
  } else if (route.startsWith(TIMER_PREFIX)) {
    req.observed = { timerSkipped: /"ran"\s*:\s*false/.test(payload) };
  }
}

function record(req: FastifyRequest, reply: FastifyReply): void {
  const route = req.routeOptions.url ?? 'unmatched';
  const status = reply.statusCode;
  const seconds = reply.elapsedTime / 1000;
  httpRequests.inc({ method: req.method, route, status: String(status) });
  httpDuration.observe({ method: req.method, route }, seconds);
  if (route === ISO_ROUTE && req.method === 'POST') {
    const outcome = status >= 500 ? 'unavailable' : status >= 400 ? 'unreadable' : req.observed?.isoStatus === 'OK' ? 'ok' : 'error';
    // an unreadable message's confirmation only guesses the kind
    inboundMessages.inc({ kind: (status < 400 && req.observed?.isoKind) || 'unknown', outcome });
  } else if (route.startsWith(TIMER_PREFIX) && req.method === 'POST') {
    const timer = route.slice(TIMER_PREFIX.length);
    timerRuns.inc({ timer, outcome: status >= 400 ? 'failed' : req.observed?.timerSkipped ? 'skipped' : 'ran' });
    timerDuration.observe({ timer }, seconds);
  }
}

/** Reads the gauges that live in the database: outbox depth and age per tenant, pool use. */
async function refreshGauges(db: Database): Promise<void> {
  const pool = db.poolStats?.();
  if (pool) {
    dbPoolConnections.set({ state: 'idle' }, pool.idle);
    dbPoolConnections.set({ state: 'used' }, pool.total - pool.idle);
    dbPoolConnections.set({ state: 'waiting' }, pool.waiting);
    dbPoolConnections.set({ state: 'max' }, pool.max);
  }
  try {
    const tenants = await enabledTenants(db);
    outboxMessages.reset();
    outboxOldestPending.reset();
    for (const tenant of tenants) {
      const { rows } = await db.query<{ status: string; n: number; oldest: number | null }>(
        `SELECT status, count(*)::int AS n,
                extract(epoch FROM now() - min(created_date))::float8 AS oldest
           FROM ${schemaOf(tenant)}.outbox WHERE status <> 'delivered' GROUP BY status`,
      );
      let oldest = 0;
      for (const s of ['pending', 'sending', 'failed']) outboxMessages.set({ tenant, status: s }, rows.find((r) => r.status === s)?.n ?? 0);
      for (const r of rows) if (r.status !== 'failed' && r.oldest !== null) oldest = Math.max(oldest, r.oldest);
      outboxOldestPending.set({ tenant }, oldest);
    }
    dbUp.set(1);
  } catch {
    dbUp.set(0);
  }
}

export function registerObservability(app: FastifyInstance, db: Database): void {
  // Every log line of a request names its tenant (the request id is Fastify's reqId, taken from
  // X-Okapi-Request-Id).
  app.setChildLoggerFactory(function (logger, bindings, opts, rawReq) {
    const tenant = tenantHeader(rawReq as { headers: Record<string, string | string[] | undefined> });
    return logger.child(tenant ? { ...bindings, tenant } : bindings, opts);
  });
  app.addHook('onSend', async (req, _reply, payload) => {
    inspect(req, payload);
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => record(req, reply));

  app.get('/admin/metrics', { config: { tenant: 'none' } }, async (_req, reply) => {
    await refreshGauges(db);
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
