// Starts mod-resource-sharing: opens the database connection and the HTTP listener. Tenant data
// is touched only through the tenant API (FOLIO's rule), never at start-up.
import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import { hostname } from 'node:os';
import { setOutboxInstance } from './outbox/claim.ts';
import { openDatabase } from './db/open.ts';
// Without Okapi (TIMERS=internal, the default) the module runs its `_timer` handlers itself.
import { startInternalTimers, timersMode, type InternalTimers } from './workflow/internal-timers.ts';
import { buildServer } from './server.ts';

// `--port N` (or `-p N`) wins over PORT: Okapi fills in the port it assigns only on the exec line
// (`%p`), never in environment values. Anything else on the command line is refused.
const { values: args } = parseArgs({ options: { port: { type: 'string', short: 'p' } } });
if (args.port !== undefined) process.env.PORT = args.port;

const config = readConfig();
const mode = timersMode();
let timers: InternalTimers | undefined;
// This instance's name in its outbox claims, so that after a restart it takes its claims back at once.
setOutboxInstance(process.env.INSTANCE_ID || `${hostname()}:${config.port}`);
const db = await openDatabase(config.db);
const app = await buildServer({ db, logLevel: config.logLevel, standalone: config.okapiStandalone });

async function shutdown(signal: string): Promise<void> {
  app.log.info(`${signal}: shutting down`);
  await timers?.stop();
  await app.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
if (mode === 'internal') timers = startInternalTimers(app, db);
app.log.info(`timers: ${mode === 'internal' ? 'run by the module (TIMERS=internal)' : 'called by Okapi (TIMERS=okapi)'}`);
app.log.info(`mod-resource-sharing listening on ${config.host}:${config.port} (database: ${config.db.kind})`);
if (config.okapiStandalone) app.log.warn('OKAPI_STANDALONE=true: calls without X-Okapi-Permissions are trusted with every permission; never run so behind Okapi');
