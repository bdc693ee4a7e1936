// Runs mod-resource-sharing as its own process (`node --import tsx src/main.ts`), the way an
// operator starts it, so a test can watch it survive (or kill it and start it again). A thin layer
// over startModuleProcess (module-process.ts), which starts it and waits for /admin/health.
import { freePort, startModuleProcess as startProcess } from './module-process.ts';

export interface ModuleProcess {
  url: string;
  /** every line the process wrote so far (JSON log lines on stdout, anything on stderr) */
  readonly lines: string[];
  /** true while the process runs */
  alive(): boolean;
  /** SIGTERM, waits for the exit */
  stop(): Promise<void>;
}

/** The DB_* variables of the PostgreSQL the tests use, or undefined when DB_HOST is not set. */
export function postgresEnv(): Record<string, string> | undefined {
  if (!process.env.DB_HOST) return undefined;
  const env: Record<string, string> = {};
  for (const k of ['DB_HOST', 'DB_PORT', 'DB_USERNAME', 'DB_PASSWORD', 'DB_DATABASE']) if (process.env[k]) env[k] = process.env[k]!;
  return env;
}

export async function startModuleProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ModuleProcess> {
  const port = await freePort();
  const mod = await startProcess(['node', '--import', 'tsx', 'mod-resource-sharing/src/main.ts'], {
    port,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    timeoutMs,
  });
  const { child } = mod;
  return {
    url: mod.url,
    get lines() {
      return mod.output().split('\n').filter(Boolean);
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      await mod.stop();
    },
  };
}
