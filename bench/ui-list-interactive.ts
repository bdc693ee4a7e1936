// Time until the borrowing list is interactive in headless Chromium with 10,000 requests in the
// tenant: from navigation start (fresh browser context, empty cache, logged-in session) until the
// first page of rows is rendered, the record count shown and a row can be clicked.
// Runs the demo stack on in-memory PGlite. Target: under 1.5 s.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { startDemo } from '../scripts/demo/start-demo-stack.ts';
import { schemaOf } from '../mod-resource-sharing/src/db/tenant-schema.ts';
import { CHROMIUM_PATH, launchChromium } from '../test/browser/support/chromium.ts';
import type { Browser } from 'playwright-core';
import { summary } from './stats.ts';

const ROWS = Number(process.env.BENCH_UI_ROWS ?? 10_000);
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 7);
const TENANT = 'northfield';
const TARGET_MS = 1500;
const STATES = ['REQ_SENT_TO_SUPPLIER', 'REQ_EXPECTS_TO_SUPPLY', 'REQ_SHIPPED', 'REQ_RECEIVED', 'REQ_REQUEST_COMPLETE'];

export async function run(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) {
    console.log(`skipped: ${CHROMIUM_PATH} not found (apt-get install -y chromium)`);
    return;
  }
  const demo = await startDemo({ env: { PGLITE_DATA_DIR: 'memory://' }, port: 0, host: '127.0.0.1', sampleRequests: false, hostSimulator: false, logLevel: 'silent' });
  const browser = await launchChromium();
  try {
    const s = schemaOf(TENANT);
    const start = Date.now() - ROWS * 60_000;
    for (let b = 0; b < ROWS; b += 1000) {
      const values: string[] = [];
      const params: unknown[] = [];
      for (let i = b; i < Math.min(ROWS, b + 1000); i++) {
        const id = randomUUID();
        const created = new Date(start + i * 60_000).toISOString();
        const record = {
          id, hrid: `NORTH-B${i + 1}`, role: 'borrowing', state: STATES[i % STATES.length], stateModel: 'borrowing-returnable',
          needsAttention: i % 50 === 0, serviceType: 'loan', supplierSymbol: 'DEMO:SOUTHBANK',
          citation: { title: `Bench title ${i}`, author: `Author ${i % 300}` }, patron: { name: `Patron ${i % 2000}` },
          _version: 1, metadata: { createdDate: created, updatedDate: created },
        };
        const p = params.length;
        values.push(`($${p + 1}, $${p + 2}, 'borrowing', $${p + 3}, $${p + 4}, 1, $${p + 5}, $${p + 5}, $${p + 6})`);
        params.push(id, record.hrid, record.state, record.needsAttention, created, JSON.stringify(record));
      }
      await demo.db.query(
        `INSERT INTO ${s}.requests (id, hrid, role, state, needs_attention, version, created_date, updated_date, jsonb) VALUES ${values.join(',')}`,
        params,
      );
    }
    await demo.db.query(`ANALYZE ${s}.requests`);

    const login = await fetch(`${demo.url}/authn/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-okapi-tenant': TENANT },
      body: JSON.stringify({ username: 'staff', password: 'staff' }),
    });
    const body = (await login.json()) as { okapiToken: string; user: Record<string, unknown>; permissions: { permissions: string[] } };
    const session = {
      okapiUrl: demo.url, tenant: TENANT, token: body.okapiToken, user: body.user,
      perms: body.permissions.permissions, locale: 'en-US', devMode: false,
    };

    const samples: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      await context.addInitScript((value) => localStorage.setItem('ui-resource-sharing.standalone.session', value), JSON.stringify(session));
      const page = await context.newPage();
      await page.goto(`${demo.url}/resource-sharing/borrowing`, { waitUntil: 'commit' });
      const firstRow = page.locator('#rs-borrowing-list [data-row-inner="0"]');
      await firstRow.waitFor({ state: 'visible', timeout: 20_000 });
      await page.locator('#rs-borrowing-results-pane', { hasText: `${ROWS.toLocaleString('en-US')} records found` }).waitFor({ timeout: 20_000 });
      await firstRow.click({ trial: true }); // actionable: visible, stable, receives events
      const ms = await page.evaluate(() => performance.now());
      const rows = await page.locator('#rs-borrowing-list [data-row-inner]').count();
      if (i > 0) samples.push(ms); // the first run warms up the server's query plans
      else console.log(`warm-up load: ${ms.toFixed(0)} ms, ${rows} rows rendered`);
      await context.close();
    }
    console.log(`borrowing list with ${ROWS} requests interactive after (fresh context, empty cache): ${summary(samples)}`);
    const p50 = [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
    console.log(`target: under ${TARGET_MS} ms — ${p50 < TARGET_MS ? 'met' : 'NOT met'} (median ${p50.toFixed(0)} ms)`);
    await liveUpdateLatency(browser, demo.url, session);
  } finally {
    await browser.close();
    await demo.close();
  }
}

/**
 * Live-update latency: with the list open, a colleague's change (a PUT through the API) until the
 * open list shows it, without reload (the module's event stream, the app's refetch, the render).
 */
async function liveUpdateLatency(browser: Browser, url: string, session: Record<string, unknown>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript((value) => localStorage.setItem('ui-resource-sharing.standalone.session', value), JSON.stringify(session));
  const page = await context.newPage();
  await page.goto(`${url}/resource-sharing/borrowing`);
  const firstRow = page.locator('#rs-borrowing-list [data-row-inner="0"]');
  await firstRow.waitFor({ state: 'visible', timeout: 20_000 });
  const hrid = /NORTH-B\d+/.exec((await firstRow.textContent()) ?? '')?.[0];
  const headers = { 'x-okapi-tenant': TENANT, 'content-type': 'application/json' };
  const found = (await (await fetch(`${url}/resource-sharing/requests?query=${encodeURIComponent(`hrid==${hrid}`)}`, { headers })).json()) as { requests: Array<Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const id = found.requests[0].id as string;
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const title = `Changed by a colleague ${i}`;
    // a string, not a function: tsx would add its __name helper, which the page does not have
    const seen = page.evaluate(`new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const row = document.querySelector('#rs-borrowing-list [data-row-inner="0"]');
        if (((row && row.textContent) || '').includes(${JSON.stringify(title)})) {
          observer.disconnect();
          resolve(Date.now());
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    })`) as Promise<number>;
    const record = (await (await fetch(`${url}/resource-sharing/requests/${id}`, { headers })).json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const t0 = Date.now();
    const put = await fetch(`${url}/resource-sharing/requests/${id}`, { method: 'PUT', headers, body: JSON.stringify({ ...record, citation: { ...record.citation, title } }) });
    if (put.status !== 204) throw new Error(`PUT: HTTP ${put.status}`);
    samples.push((await seen) - t0);
  }
  console.log(`live update, a colleague's change until the open list (10,000 requests) shows it: ${summary(samples)}`);
  await context.close();
}
