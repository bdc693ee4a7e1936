// `npm start`: the product on its embedded default. Opens PGlite in .data/ (or PGLITE_DATA_DIR),
// starts mod-resource-sharing on PORT (8081) and enables the demo libraries as tenants, with
// reference and sample data the first time.
import { readConfig } from '../mod-resource-sharing/src/config.ts';
import { openDatabase } from '../mod-resource-sharing/src/db/open.ts';
import { buildServer } from '../mod-resource-sharing/src/server.ts';

export const DEMO_TENANTS = ['northfield', 'southbank', 'eastgate'];

const config = readConfig();
const db = await openDatabase(config.db);
const app = await buildServer({ db, logLevel: process.env.LOG_LEVEL ?? 'warn' });
await app.listen({ port: config.port, host: config.host });
const base = `http://127.0.0.1:${config.port}`;

for (const tenant of DEMO_TENANTS) {
  const headers = { 'content-type': 'application/json', 'x-okapi-tenant': tenant };
  const probe = await fetch(`${base}/resource-sharing/requests?limit=0`, { headers });
  const firstTime = probe.status !== 200;
  const res = await fetch(`${base}/_/tenant`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      module_to: 'mod-resource-sharing-0.2.0',
      parameters: [
        { key: 'loadReference', value: 'true' },
        { key: 'loadSample', value: String(firstTime) },
      ],
    }),
  });
  const job = (await (await fetch(`${base}${res.headers.get('location')}?wait=60000`, { headers })).json()) as {
    error?: string;
  };
  if (job.error) throw new Error(`enabling ${tenant}: ${job.error}`);
}

console.log(`
mod-resource-sharing is running on ${base} (database: ${config.db.kind}${config.db.kind === 'pglite' ? ` in ${config.db.dataDir}` : ''})
Demo libraries (tenants): ${DEMO_TENANTS.join(', ')}
Try: curl -H 'X-Okapi-Tenant: northfield' ${base}/resource-sharing/requests
Stop with Ctrl-C.`);

const stop = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
