// CPU time, not wall time: what a message costs the module process and the PostgreSQL backends
// serving it, read from /proc (user + system ticks). Figures that hold on a machine shared with
// other work, where throughput and latency do not. Backends are found in pg_stat_activity by
// database, so other databases' work on the same server is not counted; PostgreSQL's own
// background processes (WAL writer, checkpointer) are not counted for anyone. Needs the server on
// this machine; answers undefined otherwise.
import { readFileSync } from 'node:fs';
import pg from 'pg';

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/** user + system CPU of a process in ms, or 0 when it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/**
 * Sums the CPU of a database's backends while it runs: polls pg_stat_activity and /proc every
 * 100 ms, so a backend that comes and goes in between (pgbench's connections do) is counted up to
 * its last poll. A backend that was there at the start counts from its CPU then.
 */
export class BackendCpu {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  /** backends that are not client connections (autovacuum workers), by pid */
  private readonly background = new Set<number>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private constructor(
    private readonly c: pg.Client,
    private readonly database: string,
  ) {}

  static async start(database: string): Promise<BackendCpu | undefined> {
    if (!['127.0.0.1', 'localhost', '::1'].includes(process.env.DB_HOST ?? '')) return undefined;
    const c = new pg.Client({
      host: process.env.DB_HOST,
      port: Number(process.env.DB_PORT),
      user: process.env.DB_USERNAME,
      password: process.env.DB_PASSWORD,
      database: process.env.DB_DATABASE,
    });
    await c.connect();
    const sampler = new BackendCpu(c, database);
    await sampler.poll(true);
    sampler.timer = setInterval(() => {
      sampler.polling ??= sampler.poll(false).finally(() => (sampler.polling = undefined));
    }, 100);
    return sampler;
  }

  private async poll(initial: boolean): Promise<void> {
    const { rows } = await this.c.query<{ pid: number; client: boolean }>(
      `SELECT pid, backend_type = 'client backend' AS client FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [this.database],
    );
    for (const { pid, client } of rows) {
      if (!client) this.background.add(pid);
      const ms = processCpuMs(pid);
      if (!this.first.has(pid)) this.first.set(pid, initial ? ms : 0);
      if (ms > 0) this.last.set(pid, ms);
    }
  }

  /** CPU ms the backends spent since start. */
  async stop(): Promise<number> {
    return (await this.stopSplit()).total;
  }

  /** CPU ms since start: all backends, and the part autovacuum workers spent (they come when they will). */
  async stopSplit(): Promise<{ total: number; autovacuum: number }> {
    clearInterval(this.timer);
    await this.polling;
    await this.poll(false);
    await this.c.end();
    let total = 0;
    let autovacuum = 0;
    for (const [pid, ms] of this.last) {
      const spent = ms - (this.first.get(pid) ?? 0);
      total += spent;
      if (this.background.has(pid)) autovacuum += spent;
    }
    return { total, autovacuum };
  }
}
