// List queries staff run all day, over 1,000,000 requests in one tenant on PostgreSQL: a CQL
// filter on state and title with right truncation, newest first, 50 a page. Prints the insert
// throughput of the bulk load and p50/p95 of the list call through the module's HTTP API.
import { randomUUID } from 'node:crypto';
import { usePostgres } from './postgres-env.ts';
import { summary } from './stats.ts';
import { prng } from '../test/support/seeded-random.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const BATCH = 1000;
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const STATES = ['REQ_IDLE', 'REQ_SENT_TO_SUPPLIER', 'REQ_EXPECTS_TO_SUPPLY', 'REQ_SHIPPED', 'REQ_CHECKED_IN', 'REQ_REQUEST_COMPLETE', 'REQ_CANCELLED', 'REQ_UNFILLED'];
const WORDS = ['history', 'harry', 'introduction', 'modern', 'physics', 'danish', 'poetry', 'economics', 'medieval', 'garden', 'ocean', 'law', 'music', 'theory', 'northern', 'children'];

const random = prng(18626);
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];

function title(): string {
  return `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} vol. ${Math.floor(random() * 97)}`;
}

export async function run(): Promise<void> {
  usePostgres();
  const { startModule, enableTenant, purgeTenant } = await import('../test/support/module-harness.ts');
  const { schemaOf } = await import('../mod-resource-sharing/src/db/tenant-schema.ts');
  const mod = await startModule();
  const tenant = 'bench_requests';
  const keep = process.env.BENCH_KEEP === '1';
  const s = schemaOf(tenant);
  const loaded = keep && (await mod.db.query(`SELECT to_regclass('${s}.requests') IS NOT NULL AS ok`)).rows[0]?.ok === true;
  if (!loaded) {
    await purgeTenant(mod.url, tenant);
    await enableTenant(mod.url, tenant);
  }
  try {
    const t0 = performance.now();
    if (!loaded) {
    const start = Date.now() - ROWS * 60_000;
    for (let b = 0; b < ROWS; b += BATCH) {
      const values: string[] = [];
      const params: unknown[] = [];
      for (let i = b; i < Math.min(ROWS, b + BATCH); i++) {
        const id = randomUUID();
        const created = new Date(start + i * 60_000).toISOString();
        const record = {
          id, hrid: `BENCH-${i + 1}`, role: random() < 0.6 ? 'borrowing' : 'lending', state: pick(STATES),
          stateModel: 'borrowing-returnable', needsAttention: random() < 0.02, serviceType: random() < 0.8 ? 'loan' : 'copy',
          citation: { title: title(), author: `Author ${i % 1000}` }, patron: { name: `Patron ${i % 5000}` },
          _version: 1, metadata: { createdDate: created },
        };
        const p = params.length;
        values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 6}, $${p + 7})`);
        params.push(id, record.hrid, record.role, record.state, record.needsAttention, created, JSON.stringify(record));
      }
      await mod.db.query(
        `INSERT INTO ${s}.requests (id, hrid, role, state, needs_attention, created_date, updated_date, jsonb) VALUES ${values.join(',')}`,
        params,
      );
    }
    const loadS = (performance.now() - t0) / 1000;
    // What autovacuum does on a live server after a bulk load: statistics and the visibility map.
    await mod.db.query(`VACUUM ANALYZE ${s}.requests`);
    console.log(`bulk load: ${ROWS} requests in ${loadS.toFixed(1)} s = ${Math.round(ROWS / loadS)} rows/s (${BATCH}-row INSERT statements)`);
    } else console.log('reusing the requests loaded by an earlier run (BENCH_KEEP=1)');

    const headers = { 'x-okapi-tenant': tenant };
    const call = async (cql: string) => {
      const t = performance.now();
      const res = await fetch(`${mod.url}/resource-sharing/requests?limit=50&query=${encodeURIComponent(cql)}`, { headers });
      const body = (await res.json()) as { requests: unknown[]; totalRecords: number };
      if (res.status !== 200) throw new Error(`${res.status}`);
      return { ms: performance.now() - t, n: body.requests.length, total: body.totalRecords };
    };
    const shapes: [string, (i: number) => string][] = [
      ['state + title prefix, newest first', (i) => `state==${STATES[i % STATES.length]} and title=="${WORDS[i % WORDS.length].slice(0, 4)}*" sortby createdDate/sort.descending`],
      ['state + title word, newest first', (i) => `state==${STATES[(i + 3) % STATES.length]} and title="${WORDS[(i + 5) % WORDS.length]}" sortby createdDate/sort.descending`],
      ['role + state + title prefix matching nothing', (i) => `role==borrowing and state==${STATES[i % STATES.length]} and title=="zz${i}*" sortby createdDate/sort.descending`],
      ['role, newest first (the default list screen)', () => 'role==borrowing sortby createdDate/sort.descending'],
      ['all, newest first', () => 'cql.allRecords=1 sortby createdDate/sort.descending'],
      // what a scan at the desk asks (ui scan-workflows.ts): one request by its hrid or its item's barcode
      ['desk scan: hrid or item barcode', (i) => `hrid=="BENCH-${((i * 7919) % ROWS) + 1}" or itemBarcode=="BENCH-${((i * 7919) % ROWS) + 1}"`],
    ];
    for (const [name, make] of shapes) {
      for (let i = 0; i < 10; i++) await call(make(i)); // warm-up
      const samples: number[] = [];
      let rows = 0;
      let total = 0;
      for (let i = 0; i < QUERIES; i++) {
        const r = await call(make(i));
        samples.push(r.ms);
        rows += r.n;
        total += r.total;
      }
      console.log(`${name}: ${summary(samples)} (avg ${Math.round(rows / QUERIES)} rows/page, avg totalRecords ${Math.round(total / QUERIES)})`);
    }
    console.log('target: p95 under 50 ms');
  } finally {
    if (!keep) await purgeTenant(mod.url, tenant);
    await mod.close();
    await mod.db.close();
  }
}
