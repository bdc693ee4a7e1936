// Starts mod-resource-sharing: opens the database connection and the HTTP listener. Tenant data
// is touched only through the tenant API (FOLIO's rule), never at start-up.
import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { buildServer } from './server.ts';

// `--port N` (or `-p N`) wins over PORT: Okapi fills in the port it assigns only on the exec line
// (`%p`), never in environment values. Anything else on the command line is refused.
const { values: args } = parseArgs({ options: { port: { type: 'string', short: 'p' } } });
if (args.port !== undefined) process.env.PORT = args.port;

const config = readConfig();
const db = await openDatabase(config.db);
const app = await buildServer({ db, logLevel: config.logLevel, standalone: config.okapiStandalone });

async function shutdown(signal: string): Promise<void> {
  app.log.info(`${signal}: shutting down`);
  await app.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
app.log.info(`mod-resource-sharing listening on ${config.host}:${config.port} (database: ${config.db.kind})`);
if (config.okapiStandalone) app.log.warn('OKAPI_STANDALONE=true: calls without X-Okapi-Permissions are trusted with every permission; never run so behind Okapi');
