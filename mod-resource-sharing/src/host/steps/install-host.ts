// Wires the host (the library's own system) into the request lifecycle: each call's Okapi context
// for the FOLIO client, the host steps around the state model actions, and the host timer.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.ts';
import { registerHostStep, type HostStep } from '../../workflow/host-steps.ts';
import { runExclusive } from '../../workflow/timer-lock.ts';
import { installCallContext } from '../call-context.ts';
import { borrowingHostSteps } from './borrowing-steps.ts';
import { syncHost } from './host-sync.ts';
import { lendingHostSteps } from './lending-steps.ts';

/** Registers every host step (borrowing and lending action codes do not overlap). */
export function registerHostSteps(): void {
  const steps: Record<string, HostStep> = {};
  for (const [code, step] of [...Object.entries(borrowingHostSteps()), ...Object.entries(lendingHostSteps())]) {
    if (steps[code]) throw new Error(`two host steps for action ${code}`);
    steps[code] = step;
  }
  for (const [code, step] of Object.entries(steps)) registerHostStep(code, step);
}

export function installHostIntegration(app: FastifyInstance, db: Database): void {
  installCallContext(app);
  registerHostSteps();
  app.post('/resource-sharing/timers/host', async (req) => {
    const run = await runExclusive(db, req.tenant, 'host', () => syncHost(db, req.tenant));
    return run.ran ? { ran: true, ...run.result } : { ran: false };
  });
}
