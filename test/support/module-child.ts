// Runs mod-resource-sharing as its own process (`node --import tsx src/main.ts`), the way an
// operator starts it, so a test can watch it survive (or kill it with SIGKILL and start it again).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_DIR } from './shared.ts';

export interface ModuleProcess {
  url: string;
  child: ChildProcess;
  /** every line the process wrote to stdout (JSON log lines) */
  lines: string[];
  /** true while the process runs */
  alive(): boolean;
  /** SIGTERM, waits for the exit */
  stop(): Promise<void>;
  /** SIGKILL, waits for the exit */
  kill(): Promise<void>;
}

/** The DB_* variables of the PostgreSQL the tests use, or undefined when DB_HOST is not set. */
export function postgresEnv(): Record<string, string> | undefined {
  if (!process.env.DB_HOST) return undefined;
  const env: Record<string, string> = {};
  for (const k of ['DB_HOST', 'DB_PORT', 'DB_USERNAME', 'DB_PASSWORD', 'DB_DATABASE']) if (process.env[k]) env[k] = process.env[k]!;
  return env;
}

export async function startModuleProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ModuleProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_DIR, 'mod-resource-sharing/src/main.ts')], {
    cwd: REPO_DIR,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()).slice(-10_000));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`module did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push(line);
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`module exited (${code ?? signal}) before listening: ${stderr}`));
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    child,
    lines,
    alive,
    async stop() {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
  };
}
