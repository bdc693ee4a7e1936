// Bodies as Okapi sends them. Okapi's own calls (`DELETE /_/tenant/{id}`, every `_timer` call,
// polling `GET /_/tenant/{id}`) carry `Content-Type: application/json; charset=UTF-8` and zero
// bytes; a client's body-less POST or DELETE is forwarded as a chunked body with no bytes and
// whatever Content-Type the client set (often none). Fastify's defaults answer the first with 400
// ("Body cannot be empty…") and the second with 415, so here an empty body with any or no
// Content-Type is no body at all: the handler sees `req.body === undefined`. A route that needs a
// body then fails its schema (422 in FOLIO's errors[] shape); a non-empty body in a type the
// module does not read is still 415.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'optional': the route's body may be left out (an action without parameters); no body then
     * validates as `{}`. Otherwise a route with a body schema refuses no body with 422.
     */
    body?: 'optional';
  }
}

/** Whitespace only counts as empty too: JSON.parse would refuse it for the same reason. */
const isBlank = (body: string | Buffer) => (typeof body === 'string' ? body : body.toString('utf8')).trim() === '';

export class UnsupportedMediaTypeError extends HttpError {
  constructor(contentType: string | undefined) {
    super(415, `Unsupported Media Type: ${contentType ? JSON.stringify(contentType.slice(0, 100)) : 'a body without Content-Type'} (send application/json)`);
  }
}

/**
 * Installs the module's body parsers on `app` (routes registered in child scopes inherit them
 * unless they set their own, as the ISO 18626 route does).
 */
export function registerBodyParsers(app: FastifyInstance): void {
  // Content-Length: 0 is no body whatever the Content-Type says (even one Fastify cannot parse).
  app.addHook('onRequest', async (req) => {
    if (req.headers['content-length'] === '0' && req.headers['transfer-encoding'] === undefined) {
      delete req.headers['content-type'];
    }
  });

  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (isBlank(body)) return done(null, undefined);
    json(req, body as string, done);
  });

  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
    done(null, isBlank(body) ? undefined : body);
  });

  app.addHook('preValidation', async (req) => {
    if (req.body === undefined && req.routeOptions.config?.body === 'optional') req.body = {};
  });

  // Any other type, or none (a chunked body without Content-Type): fine when it is empty.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (req: FastifyRequest, body: Buffer, done) => {
    if (isBlank(body)) return done(null, undefined);
    done(new UnsupportedMediaTypeError(req.headers['content-type']), undefined);
  });
}
