// The module's Prometheus metrics, one set per process (one process is one module instance).
// Code anywhere in the module counts through the functions below; GET /admin/metrics
// (observability.ts) answers them in Prometheus' text format, with the gauges that are read from
// the database (outbox depth, pool use) refreshed at each scrape.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'mod_rs_' });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

export const httpRequests = new Counter({
  name: 'mod_rs_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'mod_rs_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method and route pattern',
  labelNames: ['method', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const inboundMessages = new Counter({
  name: 'mod_rs_iso18626_inbound_messages_total',
  help: 'ISO 18626 messages received from partners, by kind and outcome (ok, error: refused with an ERROR confirmation, unreadable: 400, unavailable: 5xx)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [registry],
});

export const outboundDeliveries = new Counter({
  name: 'mod_rs_outbox_deliveries_total',
  help: 'Delivery attempts of outgoing messages, by kind and outcome (delivered, retried, failed, lost: another worker took the row over)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [registry],
});

export const deliveryLatency = new Histogram({
  name: 'mod_rs_outbox_delivery_latency_seconds',
  help: 'From enqueue (the state change) to the partner confirming delivery',
  labelNames: ['kind'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const outboxMessages = new Gauge({
  name: 'mod_rs_outbox_messages',
  help: 'Outgoing messages not yet delivered, per tenant and status (pending, sending, failed); refreshed at each scrape',
  labelNames: ['tenant', 'status'] as const,
  registers: [registry],
});

export const outboxOldestPending = new Gauge({
  name: 'mod_rs_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest message waiting to be delivered (pending or sending), per tenant; 0 when none',
  labelNames: ['tenant'] as const,
  registers: [registry],
});

export const timerRuns = new Counter({
  name: 'mod_rs_timer_runs_total',
  help: 'Runs of the _timer handlers, by timer and outcome (ran, skipped: running elsewhere, failed)',
  labelNames: ['timer', 'outcome'] as const,
  registers: [registry],
});

export const timerDuration = new Histogram({
  name: 'mod_rs_timer_duration_seconds',
  help: 'Duration of the _timer handler runs, by timer',
  labelNames: ['timer'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120],
  registers: [registry],
});

export const dbPoolConnections = new Gauge({
  name: 'mod_rs_db_pool_connections',
  help: 'PostgreSQL pool connections by state (idle, used), the configured maximum (max), and callers waiting for one (waiting)',
  labelNames: ['state'] as const,
  registers: [registry],
});

export const dbUp = new Gauge({
  name: 'mod_rs_database_up',
  help: '1 when the last scrape could query the database, else 0',
  registers: [registry],
});

/** One delivery attempt of an outbox row has ended. */
export function countDelivery(row: { kind: string; createdDate: string }, outcome: 'delivered' | 'retried' | 'failed' | 'lost'): void {
  outboundDeliveries.inc({ kind: row.kind, outcome });
  if (outcome === 'delivered') {
    const created = Date.parse(row.createdDate);
    if (Number.isFinite(created)) deliveryLatency.observe({ kind: row.kind }, Math.max(0, (Date.now() - created) / 1000));
  }
}
