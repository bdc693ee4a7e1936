// What an unauthenticated caller can cost the module's event loop, and how long a big directory
// import holds it. The module runs as a child process on PostgreSQL (DB_* or bench/postgres-env.ts);
// this process polls its /admin/health every 25 ms meanwhile, so the slowest health answer is how
// long nothing else was served. Figures: directory import of BENCH_DIRECTORY_ENTRIES (5,000) entries,
// one valid ISO 18626 request of about 1 MiB and one of about 100 KiB (a long note), and the codec's
// own parse time for both sizes. BENCH_PGLITE=1 uses the embedded database. BENCH_ROOT=<checkout> runs another checkout's module (for a
// before/after comparison); its parser is used for the parse figures too.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { usePostgres } from './postgres-env.ts';
import { freePort } from '../test/support/module-process.ts';

const ENTRIES = Number(process.env.BENCH_DIRECTORY_ENTRIES ?? 5000);
const root = process.env.BENCH_ROOT ? path.resolve(process.env.BENCH_ROOT) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


async function startChild(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'mod-resource-sharing/src/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/admin/health`)).ok) return child;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('module did not start');
}

/** Polls health every 25 ms until stopped; answers the slowest round trip. */
function healthProbe(url: string): { stop(): Promise<{ slowestMs: number; answers: number }> } {
  let running = true;
  let slowest = 0;
  let answers = 0;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      try {
        await fetch(`${url}/admin/health`, { signal: AbortSignal.timeout(120_000) });
        answers++;
      } catch {
        /* counted as slow below */
      }
      slowest = Math.max(slowest, performance.now() - t);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { slowestMs: slowest, answers };
    },
  };
}

async function timed<T>(url: string, work: () => Promise<T>): Promise<{ ms: number; health: { slowestMs: number; answers: number }; result: T }> {
  const probe = healthProbe(url);
  await new Promise((r) => setTimeout(r, 100));
  const t = performance.now();
  const result = await work();
  const ms = performance.now() - t;
  return { ms, health: await probe.stop(), result };
}

function requestXml(id: string, from: string, to: string, noteBytes: number): string {
  const agency = (s: string) => {
    const [type, value] = s.split(':');
    return `<ill:agencyIdType>${type}</ill:agencyIdType><ill:agencyIdValue>${value}</ill:agencyIdValue>`;
  };
  // a realistic note: words and line breaks, not one run of one letter
  const words = 'interlibrary loan please supply the requested volume as soon as possible thank you';
  let note = '';
  while (note.length < noteBytes) note += `${words} ${note.length}\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<ill:ISO18626Message xmlns:ill="http://illtransactions.org/2013/iso18626" ill:version="1.2"><ill:request><ill:header>
<ill:supplyingAgencyId>${agency(to)}</ill:supplyingAgencyId><ill:requestingAgencyId>${agency(from)}</ill:requestingAgencyId>
<ill:multipleItemRequestId></ill:multipleItemRequestId><ill:timestamp>${new Date().toISOString()}</ill:timestamp>
<ill:requestingAgencyRequestId>${id}</ill:requestingAgencyRequestId></ill:header>
<ill:bibliographicInfo><ill:title>Benchmark</ill:title></ill:bibliographicInfo>
<ill:serviceInfo><ill:requestType>New</ill:requestType><ill:serviceType>Loan</ill:serviceType><ill:note>${note}</ill:note></ill:serviceInfo>
</ill:request></ill:ISO18626Message>`;
}

export async function run(): Promise<void> {
  // BENCH_PGLITE=1: the embedded database of `npm start` instead (in memory), where every query runs
  // on the module's own thread.
  if (process.env.BENCH_PGLITE) {
    delete process.env.DB_HOST;
    process.env.PGLITE_DATA_DIR = 'memory://';
  } else usePostgres();
  const port = await freePort();
  const child = await startChild(port);
  const url = `http://127.0.0.1:${port}`;
  const tenant = `bench_boundary_${Date.now().toString(36)}`;
  const headers = { 'content-type': 'application/json', 'x-okapi-tenant': tenant };
  try {
    const job = await fetch(`${url}/_/tenant`, { method: 'POST', headers, body: JSON.stringify({ module_to: 'mod-resource-sharing-0.2.0' }) });
    const location = job.headers.get('location');
    await fetch(`${url}${location}?wait=120000`, { headers });
    await fetch(`${url}/resource-sharing/settings`, { method: 'PUT', headers, body: JSON.stringify({ ownSymbols: ['ISIL:BENCH-OWN'] }) });

    const entries = Array.from({ length: ENTRIES }, (_, i) => ({
      name: `Library ${i}`,
      symbols: [{ authority: 'ISIL', symbol: `BENCH-${i}` }],
      partner: i % 2 === 0,
      iso18626Endpoint: `http://127.0.0.1:9/${i}`,
      countries: ['DK'],
      lendingPolicy: { returnables: true, copies: i % 3 === 0 },
    }));
    const imported = await timed(url, async () => {
      const res = await fetch(`${url}/resource-sharing/directory/import`, { method: 'POST', headers, body: JSON.stringify({ entries }) });
      return `${res.status} ${(await res.text()).slice(0, 60)}`;
    });
    console.log(`directory import of ${ENTRIES} entries: ${(imported.ms / 1000).toFixed(1)} s (${imported.result}); ` +
      `slowest health answer meanwhile ${imported.health.slowestMs.toFixed(0)} ms (${imported.health.answers} answers)`);

    for (const [label, bytes] of [['1 MiB', 1000 * 1024], ['100 KiB', 95 * 1024]] as const) {
      const xml = requestXml(`BENCH-${label.replace(/\W/g, '')}-${Date.now()}`, 'ISIL:BENCH-0', 'ISIL:BENCH-OWN', bytes);
      const posted = await timed(url, async () => {
        const res = await fetch(`${url}/resource-sharing/iso18626`, { method: 'POST', headers: { ...headers, 'content-type': 'application/xml' }, body: xml });
        const text = await res.text();
        return `${res.status} ${/<ill:messageStatus>(\w+)/.exec(text)?.[1] ?? '?'} ${/<ill:errorValue>([^<]{0,60})/.exec(text)?.[1] ?? ''}`;
      });
      console.log(`ISO 18626 request of ${label} (${Buffer.byteLength(xml)} bytes): answered in ${posted.ms.toFixed(0)} ms (${posted.result}); ` +
        `slowest health answer meanwhile ${posted.health.slowestMs.toFixed(0)} ms`);
    }

    const { parseMessage } = (await import(pathToFileURL(path.join(root, 'mod-resource-sharing/src/iso18626/parse.ts')).href)) as typeof import('../mod-resource-sharing/src/iso18626/parse.ts');
    for (const [label, bytes] of [['1 MiB', 1000 * 1024], ['100 KiB', 95 * 1024]] as const) {
      const xml = requestXml('PARSE', 'ISIL:A-1', 'ISIL:B-1', bytes);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        parseMessage(xml, { maxBytes: 2 * 1024 * 1024 });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(`parseMessage, ${label}: median ${times[2].toFixed(0)} ms, slowest ${times[4].toFixed(0)} ms (5 runs, synchronous)`);
    }
  } finally {
    await fetch(`${url}/_/tenant`, { method: 'POST', headers, body: JSON.stringify({ module_from: 'mod-resource-sharing-0.2.0', purge: true }) }).catch(() => undefined);
    child.kill();
  }
}
