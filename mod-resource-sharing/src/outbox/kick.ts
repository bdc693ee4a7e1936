// Deliver right after commit instead of waiting for the next timer call. Fire-and-forget: the
// returned promise never rejects, errors are logged. Concurrent kicks for one tenant (and database)
// in this process share one run; a kick that arrives during a run makes it go round once more, so
// rows committed after that run's last claim are not left for the timer.
import type { Database } from '../db/database.ts';
import { consoleLogger, drainOutbox, type OutboxLogger } from './deliver.ts';

interface Run {
  again: boolean;
  done: Promise<void>;
}

const runs = new WeakMap<Database, Map<string, Run>>();

export function kickOutbox(db: Database, tenant: string, log: OutboxLogger = consoleLogger): Promise<void> {
  let perDb = runs.get(db);
  if (!perDb) {
    perDb = new Map();
    runs.set(db, perDb);
  }
  const current = perDb.get(tenant);
  if (current) {
    current.again = true;
    return current.done;
  }
  const run: Run = { again: false, done: Promise.resolve() };
  const tenants = perDb;
  run.done = (async () => {
    try {
      do {
        run.again = false;
        await drainOutbox(db, tenant, { log });
      } while (run.again);
    } catch (err) {
      log.error({ err, tenant }, 'outbox kick failed; the timer will deliver later');
    } finally {
      tenants.delete(tenant);
    }
  })();
  perDb.set(tenant, run);
  return run.done;
}
