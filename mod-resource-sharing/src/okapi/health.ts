import type { FastifyInstance } from 'fastify';

/** `/admin/health`: 200 while the process serves requests (FOLIO's module requirement). */
export function registerHealth(app: FastifyInstance): void {
  app.get('/admin/health', { config: { tenant: 'none' } }, async (_req, reply) =>
    reply.type('text/plain').send('OK'),
  );
}
