// Live screens in a real browser: nobody reloads. A patron places a request and, in another browser
// context, Northfield's staff see it arrive in their borrowing list; Southbank (the partner) says
// it will supply and the open request detail at Northfield changes its state; staff place a request
// for the patron and the patron's "My requests" shows it. Each within a second of the change.
// Then the dashboard's trends (charts with data tables) pass axe and print.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../scripts/demo/start-demo-stack.ts';
import { artifactDir, chromiumMissing, launchChromium } from './support/chromium.ts';
import { StaffSession, en } from './support/staff-session.ts';

const WITHIN_MS = 1000;

describe('live screens: changes reach open pages without a reload', function () {
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;
  let staff: StaffSession;
  let patron: StaffSession;
  const shots = { n: 0 };
  const dir = artifactDir('live-updates');
  const title = 'The dispossessed';
  let requestId = '';
  const missing = chromiumMissing();

  const api = async (tenant: string, path: string, body?: unknown) => {
    const res = await fetch(`${demo!.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-okapi-tenant': tenant, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.ok(res.ok, `${path}: HTTP ${res.status} ${await res.clone().text()}`);
    return res.json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  /** marks the page; a reload would lose the mark */
  const mark = (s: StaffSession) => s.page.evaluate(() => { (window as unknown as { liveMark: number }).liveMark = 1; });
  const stillMarked = async (s: StaffSession) => s.page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark === 1);

  before(async function () {
    this.timeout(180_000);
    if (missing) {
      console.log(`      ${missing}`);
      this.skip();
    }
    [demo, browser] = await Promise.all([
      startDemo({ env: { PGLITE_DATA_DIR: 'memory://' }, port: 0, host: '127.0.0.1', timerIntervalMs: 1_000, logLevel: 'silent' }),
      launchChromium(),
    ]);
    await demo.ui;
    staff = await StaffSession.open(browser!, 'northfield', demo.url, dir);
    patron = await StaffSession.open(browser!, 'patron', demo.url, dir);
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it("a patron's new request appears in the staff borrowing list of another browser", async () => {
    await staff.login('northfield', 'staff', 'staff');
    await staff.goto('/resource-sharing/borrowing');
    await staff.page.locator('#rs-borrowing-list [data-row-inner]').first().waitFor();
    assert.equal(await staff.page.locator('#rs-borrowing-list [data-row-inner]', { hasText: title }).count(), 0);
    await mark(staff);

    await patron.goto(`/patron/northfield?${new URLSearchParams({ genre: 'book', title })}`);
    await patron.page.fill('#rs-patron-barcode', '1001');
    await patron.page.fill('#rs-patron-pin', '1234');
    await patron.page.click('#rs-patron-sign-in-submit');
    await patron.page.selectOption('#rs-patron-pickupLocation', 'CIRC');
    await patron.page.click('#rs-patron-submit');
    await patron.page.locator('[data-test-message-banner]', { hasText: 'was placed' }).waitFor();
    await mark(patron);

    await staff.page.locator('#rs-borrowing-list [data-row-inner]', { hasText: title }).waitFor({ timeout: WITHIN_MS });
    assert.ok(await stillMarked(staff), 'the list changed without a reload');
    await staff.shot('list-got-the-new-request', shots);
  });

  it("the partner's answer changes the open request detail", async () => {
    await staff.page.locator('#rs-borrowing-list [data-row-inner]', { hasText: title }).click();
    await staff.keyValue(en('request.state')).filter({ hasText: en('state.REQ_SENT_TO_SUPPLIER') }).waitFor({ timeout: 10_000 });
    requestId = new URL(staff.page.url()).pathname.split('/').pop() ?? '';
    await mark(staff);

    const lending = (await api('southbank', `/resource-sharing/requests?query=${encodeURIComponent(`role=="lending" and title="${title}"`)}`)).requests[0];
    await api('southbank', `/resource-sharing/requests/${lending.id}/actions/willSupply`, { parameters: { note: 'On the shelf' } });
    // the change is there when Northfield's record says so (the message travels through the outbox)
    let changedAt = 0;
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
      if ((await api('northfield', `/resource-sharing/requests/${requestId}`)).state !== 'REQ_SENT_TO_SUPPLIER') {
        changedAt = Date.now();
        break;
      }
    }
    assert.ok(changedAt, "Northfield's request never left REQ_SENT_TO_SUPPLIER");
    const now = (await api('northfield', `/resource-sharing/requests/${requestId}`)).state as string;
    await staff.keyValue(en('request.state')).filter({ hasText: en(`state.${now}`) }).waitFor({ timeout: WITHIN_MS });
    assert.ok(await stillMarked(staff), 'the detail changed without a reload');
    await staff.shot('detail-followed-the-partner', shots);
  });

  it("a request placed for the patron by staff appears in the patron's My requests", async () => {
    const created = await api('northfield', '/resource-sharing/requests', {
      serviceType: 'loan',
      citation: { title: 'Placed at the desk' },
      patron: { barcode: '1001', name: 'Demo patron', pickupLocation: 'CIRC' },
    });
    await patron.page.locator(`[data-test-patron-request="${created.hrid}"]`).waitFor({ timeout: WITHIN_MS });
    assert.ok(await stillMarked(patron), 'My requests changed without a reload');
    await patron.shot('my-requests-followed', shots);
  });

  it("the dashboard's trends: charts with data tables, no serious axe problem, readable in print", async () => {
    await staff.goto('/resource-sharing/dashboard');
    await staff.page.locator('[data-test-trend-table="rs-trend-weeks"]').waitFor({ timeout: 10_000 });
    const weeks = await staff.page.locator('[data-test-trend-table="rs-trend-weeks"] tbody tr').allTextContents();
    assert.equal(weeks.length, 12, 'the last 12 weeks by default');
    // this week: the two requests of this test (and the demo's sample requests) were placed
    const placedThisWeek = Number(await staff.page.locator('[data-test-trend-table="rs-trend-weeks"] tbody tr').last().locator('td').first().textContent());
    assert.ok(placedThisWeek >= 2, `placed this week: ${placedThisWeek}`);
    assert.ok(await staff.page.locator('#rs-trend-weeks [role="img"] svg .recharts-bar-rectangle').count() > 0, 'bars are drawn');
    const result = await new AxeBuilder({ page: staff.page }).analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), []);
    for (const [w, h] of [[1280, 800], [1920, 1080]]) {
      await staff.page.setViewportSize({ width: w, height: h });
      await staff.shot(`dashboard-${w}x${h}`, shots);
    }
    const trends = staff.page.locator('#rs-dashboard-trends');
    await trends.screenshot({ path: `${dir}/${String(++shots.n).padStart(2, '0')}-northfield-dashboard-trends.png` });
    await staff.page.emulateMedia({ media: 'print' });
    await trends.screenshot({ path: `${dir}/${String(++shots.n).padStart(2, '0')}-northfield-dashboard-trends-print.png` });
    assert.ok(await staff.page.locator('[data-test-trend-table="rs-trend-partners"]').isVisible(), 'the tables print');
    await staff.page.emulateMedia({ media: 'screen' });
  });
});
