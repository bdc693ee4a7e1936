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
import { ensureUiBuilt, registerUi, type UiBuild } from './demo-ui.ts';
import { registerDemoLogin } from './demo-users.ts';
import { DEMO_PATRON_SIGN_IN_PATH, registerDemoPatronSignIn, usePatronRequests } from './demo-patrons.ts';
import { createSampleRequests } from './sample-requests.ts';
import { startMailCatcher, type MailCatcher } from '../../simulators/mail/mail-catcher.ts';
import { registerDemoMailPage, usePatronNotices } from './demo-mail.ts';

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
  /** return once the API is set up, without waiting for the UI build (default false: wait) */
  apiFirst?: boolean;
  /** aborting it stops the demo, also while it is still starting (startDemo then rejects) */
  signal?: AbortSignal;
  logLevel?: string;
  log?: (line: string) => void;
}

/** Milliseconds from the call of startDemo() to the end of each start-up step. */
export interface DemoTimings {
  simulator: number;
  database: number;
  listening: number;
  tenants: number;
  sampleRequests: number;
  /** the UI build (or the check that dist/ is up to date); undefined until it ends */
  ui?: number;
}

export interface RunningDemo {
  /** where the UI and the API answer, e.g. http://127.0.0.1:8081 */
  url: string;
  app: FastifyInstance;
  db: Database;
  config: Config;
  simulator?: FolioSimulator;
  /** the SMTP server that catches the libraries' patron notices (shown at /demo/mail) */
  mail: MailCatcher;
  /** tenants set up on this start (empty when the data folder already had them) */
  freshTenants: string[];
  /** resolves true once the UI is served (having built it), false when it was already built */
  ui: Promise<boolean>;
  timings: DemoTimings;
  /** stops everything it started (UI build included); safe to call more than once */
  close(): Promise<void>;
}

export async function startDemo(opts: DemoOptions = {}): Promise<RunningDemo> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const config = readConfig(opts.env ?? process.env);
  const port = opts.port ?? config.port;
  const host = opts.host ?? config.host;
  const timings: DemoTimings = { simulator: 0, database: 0, listening: 0, tenants: 0, sampleRequests: 0 };
  const stopped = () => {
    if (opts.signal?.aborted) throw new Error('demo stopped while starting');
  };

  let simulator: FolioSimulator | undefined;
  let db: Database | undefined;
  let app: FastifyInstance | undefined;
  let mail: MailCatcher | undefined;
  let timers: TimerHandle | undefined;
  // The UI build (webpack, 10-30 s) starts once the API answers: on two cores, building while
  // PGlite creates its cluster would slow the first answer for nothing.
  let uiBuild: UiBuild | undefined;
  let uiStarted = false;
  let startUiBuild!: () => void;
  const ui = new Promise<boolean>((resolve, reject) => {
    startUiBuild = () => {
      uiStarted = true;
      uiBuild = opts.buildUi === false ? undefined : ensureUiBuilt(log);
      (uiBuild?.done ?? Promise.resolve(false)).then(resolve, reject);
    };
  }).then((built) => {
    timings.ui = Date.now() - t0;
    return built;
  });
  ui.catch(() => {}); // reported to whoever awaits it; never an unhandled rejection
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      uiBuild?.cancel();
      await timers?.stop();
      await app?.close();
      await db?.close();
      await simulator?.close();
      await mail?.close();
    })());
  opts.signal?.addEventListener('abort', () => void close().catch(() => {}), { once: true });

  try {
    stopped();
    simulator = opts.hostSimulator === false
      ? undefined
      : await startFolioSimulator({ tenants: Object.fromEntries(DEMO_TENANTS.map((t) => [t, demoSeed(t)])), log });
    for (const tenant of simulator ? DEMO_TENANTS : []) simulator?.seed(tenant, demoHoldingsSeed(tenant));
    timings.simulator = Date.now() - t0;
    stopped();
    mail = await startMailCatcher({ onMail: (m) => log(`Notice mailed to ${m.to.join(', ')}: ${m.subject}`) });
    db = await openDatabase(config.db);
    timings.database = Date.now() - t0;
    stopped();
    app = await buildServer({ db, logLevel: opts.logLevel ?? 'warn', standalone: true });
    registerDemoLogin(app);
    registerDemoPatronSignIn(app);
    registerDemoMailPage(app, mail);
    registerUi(app, { tenants: DEMO_TENANTS, patronSignInUrl: DEMO_PATRON_SIGN_IN_PATH, uiReady: () => uiStarted && !uiBuild?.running() });
    await app.listen({ port, host });
    timings.listening = Date.now() - t0;
    startUiBuild();
    const addr = app.server.address();
    const actualPort = typeof addr === 'object' && addr ? addr.port : port;
    const url = `http://127.0.0.1:${actualPort}`;

    const freshTenants = await setUpDemoNetwork(url);
    if (freshTenants.length < DEMO_LIBRARIES.length) await repointDemoEndpoints(url);
    if (simulator) await useHostSimulator(url, simulator.url);
    await usePatronRequests(url, freshTenants);
    await usePatronNotices(url, mail, freshTenants);
    timings.tenants = Date.now() - t0;
    stopped();
    if (freshTenants.length === DEMO_LIBRARIES.length && opts.sampleRequests !== false) {
      log('Creating sample requests...');
      await createSampleRequests(url);
    }
    timings.sampleRequests = Date.now() - t0;
    stopped();
    timers = startDemoTimers(url, DEMO_TENANTS, opts.timerIntervalMs ?? 5_000);
    if (!opts.apiFirst) await ui;
    return { url, app, db, config, simulator, mail, freshTenants, ui, timings, close };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}
