// `npm start`: the demo on the embedded default (PGlite in .data/, or PGLITE_DATA_DIR; PostgreSQL
// when DB_HOST is set). See docs/demo.md and scripts/demo/start-demo-stack.ts.
//
// One node process (`node --import tsx`, no tsx wrapper process), so the SIGINT or SIGTERM npm
// forwards reaches it: it stops the whole demo (UI build included), also while it is still starting,
// and exits; a second signal, or 10 s without finishing, exits at once.
import { DEMO_LIBRARIES } from './demo/demo-libraries.ts';
import { DEMO_USERS } from './demo/demo-users.ts';
import { startDemo, type RunningDemo } from './demo/start-demo-stack.ts';

export { DEMO_TENANTS } from './demo/demo-libraries.ts';

const STOP_WITHIN_MS = 10_000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const loadedAfter = process.uptime() * 1000; // node, tsx and the demo's modules
const controller = new AbortController();
// The demo's logins are a stand-in without security: listen on loopback unless HOST says otherwise.
const starting = startDemo({
  host: process.env.HOST ?? '127.0.0.1',
  log: (line) => console.log(line),
  logLevel: process.env.LOG_LEVEL ?? 'warn',
  apiFirst: true,
  signal: controller.signal,
});

function stop(signal: NodeJS.Signals): void {
  if (controller.signal.aborted) process.exit(1);
  console.log(`\n${signal}: stopping the demo...`);
  controller.abort();
  setTimeout(() => {
    console.error(`The demo did not stop within ${seconds(STOP_WITHIN_MS)}; exiting anyway.`);
    process.exit(1);
  }, STOP_WITHIN_MS).unref();
  starting
    .then((demo) => demo.close(), () => {}) // a start cut short has closed what it opened
    .then(() => process.exit(0), () => process.exit(1));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

let demo: RunningDemo;
try {
  demo = await starting;
} catch (err) {
  if (controller.signal.aborted) await new Promise(() => {}); // stop() exits
  throw err;
}

const db = demo.config.db;
const where = db.kind === 'pglite' ? `PGlite in ${db.dataDir}` : `PostgreSQL ${db.host}:${db.port}/${db.database}`;
const t = demo.timings;
console.log(`
Resource sharing demo is running (API ready ${seconds(loadedAfter + t.sampleRequests)} after start; database: ${where}).
  Start-up: code loaded ${seconds(loadedAfter)}, then FOLIO simulator ${seconds(t.simulator)}, database ${seconds(t.database - t.simulator)}, answering HTTP after ${seconds(loadedAfter + t.listening)}, libraries set up ${seconds(t.tenants - t.listening)}, sample requests ${seconds(t.sampleRequests - t.tenants)}.

  Open ${demo.url}/ in your browser.

  Library (tenant)   ${DEMO_LIBRARIES.map((l) => `${l.tenant} = ${l.name} (${l.symbol})`).join('\n                     ')}
  Logins             ${DEMO_USERS.map((u) => `${u.username} / ${u.password} (${u.description})`).join(', ')}, at any library
  Patron notices     ${demo.url}/demo/mail (caught by a local SMTP server, smtp://${demo.mail.host}:${demo.mail.port})
  FOLIO simulator    ${demo.simulator ? `${demo.simulator.url} (${demo.simulator.validatesBodies ? 'bodies checked against FOLIO schemas' : 'no FOLIO schemas: bodies not validated'})` : 'not started'}
  ${demo.freshTenants.length ? 'Sample requests were created for this first start.' : 'Data kept from an earlier start (delete .data/ to start afresh).'}

Stop with Ctrl-C.`);
if (demo.timings.ui === undefined) console.log('The staff app is still being built (first start); until then the page says so and reloads itself.');

demo.ui.then(
  (built) => {
    if (built) console.log(`The staff app is built and served (${seconds(loadedAfter + (demo.timings.ui ?? 0))} after start).`);
  },
  (err: unknown) => {
    if (!controller.signal.aborted) console.error(`The staff app could not be built; the API still answers.\n${err instanceof Error ? err.message : String(err)}`);
  },
);
