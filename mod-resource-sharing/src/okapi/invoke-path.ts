// `/_/invoke/tenant/{tenant}/path` is how Okapi lets outside callers reach a tenant's module. The
// rewrite runs before routing and before any error handler, so it must never throw: a tenant
// segment that does not decode (`%E0%A4%A`) is remembered on the raw request and answered 400 by
// an onRequest hook, in FOLIO's errors[] shape.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

const INVOKE = /^\/_\/invoke\/tenant\/([^/]+)(\/.*)$/;
const MALFORMED = Symbol('malformedInvokePath');

type Marked = IncomingMessage & { [MALFORMED]?: string };

/** Fastify's `rewriteUrl`: `/_/invoke/tenant/diku/x` → `/x` with X-Okapi-Tenant: diku. Never throws. */
export function rewriteInvokeUrl(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const m = INVOKE.exec(url);
  if (!m) return url;
  let tenant: string;
  try {
    tenant = decodeURIComponent(m[1]);
  } catch {
    (req as Marked)[MALFORMED] = m[1];
    return '/';
  }
  req.headers['x-okapi-tenant'] = tenant;
  return m[2];
}

/** Answers 400 to a request whose invoke path could not be decoded (before the tenant guard). */
export function registerInvokePathGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    const bad = (req.raw as Marked)[MALFORMED];
    if (bad === undefined) return;
    return reply
      .code(400)
      .type('application/json')
      .send({
        errors: [
          {
            message: 'The tenant in the /_/invoke/tenant/ path is not valid percent-encoding',
            code: 'request.malformedPath',
            parameters: [{ key: 'tenant', value: bad.slice(0, 100) }],
          },
        ],
        total_records: 1,
      });
  });
}
