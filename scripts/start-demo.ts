// `npm start`: the demo on the embedded default (PGlite in .data/, or PGLITE_DATA_DIR; PostgreSQL
// when DB_HOST is set). See docs/demo.md and scripts/demo/start-demo-stack.ts.
import { DEMO_LIBRARIES } from './demo/demo-libraries.ts';
import { DEMO_USERS } from './demo/demo-users.ts';
import { startDemo } from './demo/start-demo-stack.ts';

export { DEMO_TENANTS } from './demo/demo-libraries.ts';

const started = Date.now();
// The demo's logins are a stand-in without security: listen on loopback unless HOST says otherwise.
const demo = await startDemo({ host: process.env.HOST ?? '127.0.0.1', log: (line) => console.log(line), logLevel: process.env.LOG_LEVEL ?? 'warn' });
const db = demo.config.db;
const where = db.kind === 'pglite' ? `PGlite in ${db.dataDir}` : `PostgreSQL ${db.host}:${db.port}/${db.database}`;
console.log(`
Resource sharing demo is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s; database: ${where}).

  Open ${demo.url}/ in your browser.

  Library (tenant)   ${DEMO_LIBRARIES.map((l) => `${l.tenant} = ${l.name} (${l.symbol})`).join('\n                     ')}
  Logins             ${DEMO_USERS.map((u) => `${u.username} / ${u.password} (${u.description})`).join(', ')}, at any library
  FOLIO simulator    ${demo.simulator?.url ?? 'not started'}
  ${demo.freshTenants.length ? 'Sample requests were created for this first start.' : 'Data kept from an earlier start (delete .data/ to start afresh).'}

Stop with Ctrl-C.`);

const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
