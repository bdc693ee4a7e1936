// Server-Sent Events for the live screens: `GET /resource-sharing/events` (staff: every request of
// the tenant, as id, role, state and version) and `GET /resource-sharing/patron/events` (a patron's
// own requests, through the patron token). Okapi proxies a streamed response as it comes, so the
// stream works through the gateway with the usual headers (X-Okapi-Tenant, X-Okapi-Token); the app
// reads it with fetch, not the browser's EventSource, which cannot send headers.
//
// The stream starts with `retry:` (how long a client waits before reconnecting), sends a comment
// line every `heartbeatMs` (proxies close idle connections), and honours Last-Event-ID.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { BadRequestError } from '../okapi/errors.ts';
import { LiveHub, type LiveSubscriber } from './live-hub.ts';
import type { RequestChange } from './request-events.ts';

export interface LiveOptions {
  heartbeatMs?: number;
  retryMs?: number;
  /** resolves the patron of a patron stream (the patron routes' token check) */
  patronOf?: (req: FastifyRequest) => Promise<{ barcode: string }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    liveHub: LiveHub;
  }
}

/** Most bytes a slow client may leave unread before its stream is closed (it reconnects). */
const MAX_BACKLOG = 256 * 1024;

function staffView(change: RequestChange, role?: string, id?: string) {
  if (role && change.role !== role) return undefined;
  if (id && change.id !== id) return undefined;
  const { id: rid, hrid, role: r, state, version, needsAttention } = change;
  return { id: rid, hrid, role: r, state, version, needsAttention };
}

function openStream(
  req: FastifyRequest,
  reply: FastifyReply,
  hub: LiveHub,
  opts: Required<Pick<LiveOptions, 'heartbeatMs' | 'retryMs'>>,
  view: LiveSubscriber['view'],
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.socket?.setNoDelay(true);
  let closed = false;
  const write = (text: string) => {
    if (closed) return;
    res.write(text);
    if (res.writableLength > MAX_BACKLOG) close();
  };
  const sub: LiveSubscriber = {
    tenant: req.tenant,
    view,
    send: (id, event, data) => write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
  };
  write(`retry: ${opts.retryMs}\n: resource-sharing events\n\n`);
  const lastEventId = req.headers['last-event-id'];
  const unsubscribe = hub.subscribe(sub, Array.isArray(lastEventId) ? lastEventId[0] : lastEventId);
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), opts.heartbeatMs);
  function close() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    res.end();
  }
  req.raw.on('close', close);
  res.on('close', close);
  res.on('error', close);
}

export function registerLiveRoutes(app: FastifyInstance, db: Database, options: LiveOptions = {}): void {
  const hub = new LiveHub(db);
  app.decorate('liveHub', hub);
  app.addHook('onClose', async () => {
    await hub.stop();
  });
  const opts = { heartbeatMs: options.heartbeatMs ?? 15_000, retryMs: options.retryMs ?? 2_000 };

  app.get<{ Querystring: { role?: string; id?: string } }>('/resource-sharing/events', async (req, reply) => {
    const { role, id } = req.query;
    if (role !== undefined && role !== 'borrowing' && role !== 'lending') {
      throw new BadRequestError(`role must be borrowing or lending, not ${JSON.stringify(String(role).slice(0, 40))}`);
    }
    await hub.start();
    openStream(req, reply, hub, opts, (change) => staffView(change, role, id));
  });

  app.get('/resource-sharing/patron/events', async (req, reply) => {
    if (!options.patronOf) throw new BadRequestError('Patron events are not available');
    const patron = await options.patronOf(req);
    await hub.start();
    openStream(req, reply, hub, opts, (change) =>
      change.role === 'borrowing' && change.patronBarcode === patron.barcode
        ? { id: change.id, state: change.state, version: change.version }
        : undefined,
    );
  });
}
