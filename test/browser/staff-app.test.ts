// The staff app in a real browser, as circulation staff use it: two tabs on the same request
// (a colleague acts in one, the other is stale and is refused with what changed, then shows the
// request as it is), the Actions menu in the detail pane header, and a screenshot of every screen
// at 1280×800 and 1920×1080 in test-artifacts/staff-app/ with axe-core over each (settings too).
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../scripts/demo/start-demo-stack.ts';
import { artifactDir, chromiumMissing, launchChromium } from './support/chromium.ts';
import { StaffSession, en } from './support/staff-session.ts';

interface Found { requests: Array<{ id: string; hrid: string; state: string; _version: number }> }

const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }];

async function seriousA11yProblems(page: Page, what: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

describe('staff app in the browser: stale tabs, the Actions menu, every screen', function () {
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;
  const dir = artifactDir('staff-app');
  const missing = chromiumMissing();

  const api = async (tenant: string, path: string) => {
    const res = await fetch(`${demo!.url}${path}`, { headers: { 'x-okapi-tenant': tenant, accept: 'application/json' } });
    assert.equal(res.status, 200, path);
    return res.json() as Promise<unknown>;
  };

  before(async function () {
    this.timeout(180_000);
    if (missing) console.log(`      ${missing}`);
    [demo, browser] = await Promise.all([
      startDemo({ env: { PGLITE_DATA_DIR: 'memory://' }, port: 0, host: '127.0.0.1', timerIntervalMs: 1_000, logLevel: 'silent' }),
      missing ? Promise.resolve(undefined) : launchChromium(),
    ]);
  });

  beforeEach(function () {
    if (missing) this.skip();
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('a stale tab\'s action is refused with what changed, and the pane shows the request as it is now', async function () {
    this.timeout(60_000);
    // the sample request Northfield sent to Southbank, new at Southbank
    const found = (await api('southbank', `/resource-sharing/requests?query=${encodeURIComponent('role==lending and state==RES_IDLE')}`)) as Found;
    const request = found.requests[0];
    assert.ok(request, 'a new lending request at Southbank');
    const colleague = await StaffSession.open(browser!, 'colleague', demo!.url, dir);
    const stale = await StaffSession.open(browser!, 'stale', demo!.url, dir);
    // A tab whose live stream is down (a dropped connection, a proxy that buffers): live updates
    // would otherwise refresh it before it could go stale (test/browser/live-updates.test.ts).
    await stale.page.route('**/resource-sharing/events**', (route) => route.abort());
    try {
      await colleague.login('southbank', 'staff', 'staff');
      await stale.login('southbank', 'staff', 'staff');
      const url = `/resource-sharing/lending/view/${request.id}`;
      await stale.goto(url);
      await stale.keyValue(en('request.state')).filter({ hasText: en('state.RES_IDLE') }).waitFor();
      // the stale tab opens "Cannot supply" and fills it in...
      await stale.chooseAction('cannotSupply');
      await stale.page.selectOption('#rs-action-cannotSupply-reason', { index: 1 });
      // ...while the colleague chooses "Will supply"
      await colleague.goto(url);
      await colleague.act('willSupply');
      await colleague.waitForState('RES_NEW_AWAIT_PULL_SLIP');
      await stale.page.click('#rs-action-submit-cannotSupply');
      const message = en('action.conflict')
        .replace('{state}', en('state.RES_NEW_AWAIT_PULL_SLIP'))
        .replace('{action}', en('action.cannotSupply'));
      await stale.page.locator('[data-test-callout-element]', { hasText: message }).waitFor();
      // the pane shows the request as it is now (no reload), and its actions are the ones possible now
      await stale.keyValue(en('request.state')).filter({ hasText: en('state.RES_NEW_AWAIT_PULL_SLIP') }).waitFor();
      assert.equal(await stale.page.locator('#rs-action-form-cannotSupply').count(), 0);
      // the timeline names the colleague, not a user id
      await stale.page.locator('#rs-request-timeline [data-test-timeline-entry]', { hasText: `Staff, Sam: ${en('action.willSupply')}` }).first().waitFor();
      assert.doesNotMatch((await stale.page.locator('#rs-request-timeline').textContent()) ?? '', /[0-9a-f]{8}-[0-9a-f]{4}-/);
      await stale.page.setViewportSize(VIEWPORTS[0]);
      await stale.page.screenshot({ path: `${dir}/conflict-refused-1280x800.png` });
      // nothing was applied: the borrower got Will supply and nothing else
      const now = (await api('southbank', `/resource-sharing/requests/${request.id}`)) as { state: string };
      assert.equal(now.state, 'RES_NEW_AWAIT_PULL_SLIP');
    } finally {
      await colleague.close();
      await stale.close();
    }
  });

  it('every screen at 1280×800 and 1920×1080, without serious or critical axe violations', async function () {
    this.timeout(180_000);
    const s = await StaffSession.open(browser!, 'screens', demo!.url, dir);
    const problems: string[] = [];
    const layoutProblems: string[] = [];
    const borrowing = (await api('northfield', `/resource-sharing/requests?query=${encodeURIComponent('role==borrowing')}`)) as Found;
    const detail = `/resource-sharing/borrowing/view/${borrowing.requests[0].id}`;
    const screens: Array<{ name: string; route?: string; ready: string; then?: (p: Page) => Promise<void> }> = [
      { name: 'borrowing-list', route: '/resource-sharing/borrowing', ready: '#rs-borrowing-list [data-row-inner]' },
      { name: 'request-detail', route: detail, ready: '#rs-request-detail [data-test-kv-value]' },
      {
        name: 'request-actions-menu',
        ready: '#rs-request-detail [data-test-pane-header-actions-button]',
        then: async (p) => { await p.click('#rs-request-detail [data-test-pane-header-actions-button]'); await p.locator('[data-pane-header-actions-dropdown-menu]').waitFor(); },
      },
      // the pickup location is chosen from the library's pickup points (the demo's simulated FOLIO)
      { name: 'new-request', route: '/resource-sharing/borrowing/create', ready: 'select#rs-new-pickupLocation' },
      { name: 'lending-list', route: '/resource-sharing/lending', ready: '#rs-lending-list' },
      { name: 'scan-receive', route: '/resource-sharing/scan/receive', ready: '#rs-scan-input' },
      { name: 'pull-slips', route: '/resource-sharing/pull-slips', ready: '#rs-pull-slips-pane' },
      { name: 'dashboard', route: '/resource-sharing/dashboard', ready: '#ModuleContainer h2' },
      ...['general', 'workflow', 'host', 'ranking', 'directory', 'rotas', 'broker'].map((page) => ({
        name: `settings-${page}`,
        route: `/settings/resource-sharing/${page}`,
        // the host mapping is chosen by name from FOLIO's reference data, not typed as UUIDs
        ready: page === 'host' ? 'select#rs-setting-folioHost-instanceTypeId option:nth-child(2)' : page === 'broker' ? 'select#rs-broker-routing' : '#app-settings-nav-pane',
      })),
    ];
    // a request with a 2,150-character title, as catalogues sometimes send
    const longTitle = `${'A very long title of a conference proceedings volume, '.repeat(39)}end`.slice(0, 2150);
    const created = await fetch(`${demo!.url}/resource-sharing/requests`, {
      method: 'POST',
      headers: { 'x-okapi-tenant': 'northfield', 'content-type': 'application/json' },
      body: JSON.stringify({ serviceType: 'loan', citation: { title: longTitle }, patron: { barcode: '1001', name: 'Ada Lovelace', pickupLocation: 'Circulation desk' } }),
    });
    assert.equal(created.status, 201);
    // every file the pages ask for is there (the favicon too)
    const missingFiles: string[] = [];
    s.page.on('response', (res) => { if (res.status() === 404 && res.request().method() === 'GET') missingFiles.push(res.url()); });
    try {
      await s.goto('/');
      await s.page.locator('#clickable-login').waitFor();
      assert.equal(await s.page.locator('link[rel="icon"]').count(), 1, 'the page names its favicon');
      for (const viewport of VIEWPORTS) {
        await s.page.setViewportSize(viewport);
        await s.page.screenshot({ path: `${dir}/login-${viewport.width}x${viewport.height}.png` });
      }
      problems.push(...(await seriousA11yProblems(s.page, 'login')));
      await s.login('northfield', 'staff', 'staff');
      for (const screen of screens) {
        if (screen.route) await s.goto(screen.route);
        await s.page.locator(screen.ready).first().waitFor({ state: 'attached' });
        await screen.then?.(s.page);
        await s.page.waitForTimeout(300);
        await s.page.setViewportSize(VIEWPORTS[0]);
        // nothing in a list's header or cells is cut off, also with the detail pane open at 1280 px
        layoutProblems.push(...(await clippedText(s.page, screen.name)));
        for (const viewport of VIEWPORTS) {
          await s.page.setViewportSize(viewport);
          await s.page.screenshot({ path: `${dir}/${screen.name}-${viewport.width}x${viewport.height}.png` });
        }
        problems.push(...(await seriousA11yProblems(s.page, screen.name)));
      }
      // the long title takes at most three lines of its row
      await s.goto('/resource-sharing/borrowing');
      const row = s.page.locator('#rs-borrowing-list [data-row-inner]', { hasText: 'A very long title' }).first();
      const height = (await row.boundingBox())?.height ?? 0;
      assert.ok(height > 0 && height < 110, `the long title's row is ${height} px tall`);
    } finally {
      await s.close();
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(layoutProblems, []);
    assert.deepEqual(missingFiles, []);
  });
});

/** Header and cell texts of the lists on the page that are wider than their cell (clipped). */
async function clippedText(page: Page, screen: string): Promise<string[]> {
  return page.evaluate((name) => Array.from(document.querySelectorAll('[role=grid] [role=columnheader], [role=grid] [role=gridcell]'))
    .filter((el) => {
      const e = el as HTMLElement;
      // a clamped title is cut on purpose (full text in its tooltip)
      if (e.querySelector('[title]')) return false;
      return e.scrollWidth > e.clientWidth + 1;
    })
    .map((el) => `${name}: "${(el.textContent ?? '').trim().slice(0, 40)}" is clipped`), screen);
}
