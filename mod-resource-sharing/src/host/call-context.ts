// The platform context (X-Okapi-Url, token, request id) of the HTTP call being served, available
// to host steps deep in the workflow without threading it through every function. Work started by
// a call (staff actions, partner messages, timers) sees that call's context; work with no call
// behind it sees none and falls back to the configured URL and the system user.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import { okapiContext, type OkapiContext } from '../okapi/context.ts';

const storage = new AsyncLocalStorage<OkapiContext>();

/** Keeps each call's Okapi context for the duration of the call (and work it starts). */
export function installCallContext(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    storage.run(okapiContext(req), done);
  });
}

export function currentCallContext(): OkapiContext | undefined {
  return storage.getStore();
}
