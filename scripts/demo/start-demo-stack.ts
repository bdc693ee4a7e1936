// The whole demo in one process: mod-resource-sharing on the embedded database, the FOLIO host
// simulator, three demo libraries as tenants (set up and given sample requests on the first
// start), the `_timer` calls Okapi would make, the login stand-in and the UI on the same port.
// `npm start` (scripts/start-demo.ts) and the browser tests call startDemo().
import type { FastifyInstance } from 'fastify';
import { readConfig, type Config } from '../../mod-resource-sharing/src/config.ts';
import type { Database } from '../../mod-resource-sharing/src/db/database.ts';
import { openDatabase } from '../../mod-resource-sharing/src/db/open.ts';
import { buildServer } from '../../mod-resource-sharing/src/server.ts';
import { demoSeed, startFolioSimulator, type FolioSimulator } from '../../simulators/folio/index.ts';
import { DEMO_LIBRARIES, DEMO_TENANTS } from './demo-libraries.ts';
import { demoHoldingsSeed } from './demo-holdings.ts';
import { repointDemoEndpoints, setUpDemoNetwork, useHostSimulator } from './demo-network.ts';
import { startDemoTimers, type TimerHandle } from './demo-timers.ts';
import { ensureUiBuilt, registerUi } from './demo-ui.ts';
import { registerDemoLogin } from './demo-users.ts';
import { DEMO_PATRON_SIGN_IN_PATH, registerDemoPatronSignIn, usePatronRequests } from './demo-patrons.ts';
import { createSampleRequests } from './sample-requests.ts';

export interface DemoOptions {
  /** environment to read the database and port from (default process.env) */
  env?: NodeJS.ProcessEnv;
  /** overrides PORT; 0 picks a free port */
  port?: number;
  host?: string;
  /** interval of the `_timer` calls (default 5 s) */
  timerIntervalMs?: number;
  /** start the FOLIO host simulator and use it as every library's host (default true; false: manual) */
  hostSimulator?: boolean;
  /** build the UI when dist/ is stale (default true) */
  buildUi?: boolean;
  /** create the sample requests on the first start (default true) */
  sampleRequests?: boolean;
  logLevel?: string;
  log?: (line: string) => void;
}

export interface RunningDemo {
  /** where the UI and the API answer, e.g. http://127.0.0.1:8081 */
  url: string;
  app: FastifyInstance;
  db: Database;
  config: Config;
  simulator?: FolioSimulator;
  /** tenants set up on this start (empty when the data folder already had them) */
  freshTenants: string[];
  close(): Promise<void>;
}

export async function startDemo(opts: DemoOptions = {}): Promise<RunningDemo> {
  const log = opts.log ?? (() => {});
  const config = readConfig(opts.env ?? process.env);
  const port = opts.port ?? config.port;
  const host = opts.host ?? config.host;

  const uiBuild = opts.buildUi === false ? Promise.resolve(false) : ensureUiBuilt(log);
  const simulator = opts.hostSimulator === false
    ? undefined
    : await startFolioSimulator({ tenants: Object.fromEntries(DEMO_TENANTS.map((t) => [t, demoSeed(t)])), log });
  for (const tenant of simulator ? DEMO_TENANTS : []) simulator?.seed(tenant, demoHoldingsSeed(tenant));
  const db = await openDatabase(config.db);
  const app = await buildServer({ db, logLevel: opts.logLevel ?? 'warn' });
  registerDemoLogin(app);
  registerDemoPatronSignIn(app);
  registerUi(app, { tenants: DEMO_TENANTS, patronSignInUrl: DEMO_PATRON_SIGN_IN_PATH });
  let timers: TimerHandle | undefined;
  const close = async () => {
    await timers?.stop();
    await app.close();
    await db.close();
    await simulator?.close();
  };
  try {
    await app.listen({ port, host });
    const addr = app.server.address();
    const actualPort = typeof addr === 'object' && addr ? addr.port : port;
    const url = `http://127.0.0.1:${actualPort}`;

    const freshTenants = await setUpDemoNetwork(url);
    if (freshTenants.length < DEMO_LIBRARIES.length) await repointDemoEndpoints(url);
    if (simulator) await useHostSimulator(url, simulator.url);
    await usePatronRequests(url);
    if (freshTenants.length === DEMO_LIBRARIES.length && opts.sampleRequests !== false) {
      log('Creating sample requests...');
      await createSampleRequests(url);
    }
    timers = startDemoTimers(url, DEMO_TENANTS, opts.timerIntervalMs ?? 5_000);
    await uiBuild;
    return { url, app, db, config, simulator, freshTenants, close };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}
