// Starts mod-resource-sharing: opens the database connection and the HTTP listener. Tenant data
// is touched only through the tenant API (FOLIO's rule), never at start-up.
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { buildServer } from './server.ts';

// `--port N` (or `-p N`) wins over PORT: Okapi fills the port in only on the exec line (`%p`),
// never in environment values.
const { values: args } = parseArgs({ options: { port: { type: 'string', short: 'p' } } });
const config = readConfig(args.port === undefined ? process.env : { ...process.env, PORT: args.port });
const db = await openDatabase(config.db);
const app = await buildServer({ db, logLevel: config.logLevel });

async function shutdown(signal: string): Promise<void> {
  app.log.info(`${signal}: shutting down`);
  await app.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
const { port } = app.server.address() as AddressInfo;
app.log.info(`mod-resource-sharing listening on ${config.host}:${port} (database: ${config.db.kind})`);
