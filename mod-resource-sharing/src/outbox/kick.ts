// Deliver right after commit instead of waiting for the next timer call. Fire-and-forget: the
// returned promise never rejects, errors are logged.
//
// Kicks for one tenant (and database) in this process share work: a kick that arrives before a
// run has sent its claim to the database joins that run (the claim's snapshot will see the new
// rows, committed before the kick). Once the claim is on its way it may have been read before the
// kick's commit, so a later kick no longer counts on it. A kick that arrives while every run is
// claiming or sending starts another run, up to MAX_RUNS at once, so a message committed now does
// not wait behind another request's slow partner; past that it makes a run go round once more, so
// no committed row is left for the timer.
// Either way the promise a kick answers settles once everything committed before it was handled.
// Runs at once are safe: claims skip locked rows, and a message never overtakes an earlier one
// of its conversation (see claim.ts).
import type { Database } from '../db/database.ts';
import { isTenantGone } from '../db/tenant-schema.ts';
import { consoleLogger, drainOutbox, type OutboxLogger } from './deliver.ts';

const MAX_RUNS = 4;

interface TenantRuns {
  /** the run that has not sent its claim yet, if any */
  unclaimed?: Promise<void>;
  running: number;
  /** a kick found MAX_RUNS running: some run goes round once more */
  again: boolean;
  /** every run's promise, for a kick that cannot start one */
  all: Set<Promise<void>>;
}

const runs = new WeakMap<Database, Map<string, TenantRuns>>();

export function kickOutbox(db: Database, tenant: string, log: OutboxLogger = consoleLogger): Promise<void> {
  let perDb = runs.get(db);
  if (!perDb) {
    perDb = new Map();
    runs.set(db, perDb);
  }
  let t = perDb.get(tenant);
  if (!t) {
    t = { running: 0, again: false, all: new Set() };
    perDb.set(tenant, t);
  }
  if (t.unclaimed) return t.unclaimed;
  if (t.running >= MAX_RUNS) {
    t.again = true;
    return Promise.all([...t.all]).then(() => undefined);
  }
  const state = t;
  const tenants = perDb;
  state.running += 1;
  let run!: Promise<void>;
  run = (async () => {
    try {
      do {
        state.again = false;
        await drainOutbox(db, tenant, {
          log,
          onClaiming: () => {
            if (state.unclaimed === run) state.unclaimed = undefined;
          },
        });
      } while (state.again);
    } catch (err) {
      // a tenant disabled with purge while its messages were being sent has nothing left to send
      if (!isTenantGone(err)) log.error({ err, tenant }, 'outbox kick failed; the timer will deliver later');
    } finally {
      if (state.unclaimed === run) state.unclaimed = undefined;
      state.running -= 1;
      state.all.delete(run);
      if (state.running === 0 && tenants.get(tenant) === state) tenants.delete(tenant);
    }
  })();
  // what the caller waits for: this run and the runs already sending (they may hold rows committed
  // before this kick), so that awaiting a kick means everything committed before it was handled
  const inFlight = [...state.all];
  state.unclaimed = run;
  state.all.add(run);
  return inFlight.length ? Promise.all([run, ...inFlight]).then(() => undefined) : run;
}
