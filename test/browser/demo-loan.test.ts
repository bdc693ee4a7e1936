// The demo stack in a real browser: one loan end to end between two demo libraries. A patron of
// Northfield places the request on the public patron page (signed in with the demo sign-in, the
// form filled from an OpenURL); staff at Southbank will supply, print the pull slip from the
// pull slips page and ship it; Northfield receives it and takes the return by scanning, Southbank
// scans it back in. A screenshot of every step goes to test-artifacts/demo-loan/, and axe-core
// checks the main pages. The libraries use the FOLIO host simulator, whose state the test checks
// at each circulation step.
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../../scripts/demo/start-demo-stack.ts';
import { artifactDir, chromiumMissing, launchChromium } from './support/chromium.ts';
import { StaffSession, en } from './support/staff-session.ts';

interface DemoRequest {
  id: string;
  state: string;
  needsAttention: boolean;
  unreadMessages?: number;
  supplierSymbol?: string;
  rota: Array<{ symbol: string; outcome?: string }>;
}

async function seriousA11yProblems(page: Page, what: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

describe('demo stack: a loan between two demo libraries through the UI', function () {
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;
  let a: StaffSession;
  let b: StaffSession;
  let patron: StaffSession;
  const shots = { n: 0 };
  const dir = artifactDir('demo-loan');
  // a book only Southbank owns (scripts/demo/demo-holdings.ts): Northfield's rota asks Southbank first
  const title = 'The dispossessed';
  const barcode = 'SOUTH-0001';
  let borrowingUrl = '';
  let lendingUrl = '';
  let patronHrid = '';
  const simItem = (tenant: string, itemBarcode: string) =>
    [...demo!.simulator!.state(tenant).items.values()].find((i) => i.barcode === itemBarcode);

  const missing = chromiumMissing();

  before(async function () {
    // starting the demo builds the UI bundle first when dist/ is missing or stale (a fresh clone, CI)
    this.timeout(180_000);
    if (missing) console.log(`      ${missing}`);
    // Always the embedded database in memory: the browser test never touches a shared server.
    [demo, browser] = await Promise.all([
      startDemo({ env: { PGLITE_DATA_DIR: 'memory://' }, port: 0, host: '127.0.0.1', timerIntervalMs: 1_000, logLevel: 'silent' }),
      missing ? Promise.resolve(undefined) : launchChromium(),
    ]);
    if (browser) {
      a = await StaffSession.open(browser, 'northfield', demo.url, dir);
      b = await StaffSession.open(browser, 'southbank', demo.url, dir);
      patron = await StaffSession.open(browser, 'patron', demo.url, dir);
    }
  });

  beforeEach(function () {
    if (missing && this.currentTest?.title.startsWith('browser')) this.skip();
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('the demo: sample requests in several states, demo logins, the app served for deep links', async () => {
    const url = demo!.url;
    const get = async (tenant: string, path: string) => {
      const res = await fetch(`${url}${path}`, { headers: { 'x-okapi-tenant': tenant, accept: 'application/json' } });
      assert.equal(res.status, 200, path);
      return (await res.json()) as { requests: DemoRequest[] };
    };
    const byTitle = async (tenant: string, t: string) =>
      (await get(tenant, `/resource-sharing/requests?query=${encodeURIComponent(`role==borrowing and title="${t}"`)}`)).requests[0];
    assert.equal((await byTitle('southbank', 'Persuasion')).state, 'REQ_SHIPPED');
    const asked = await byTitle('eastgate', 'Frankenstein');
    assert.equal(asked.needsAttention, true);
    assert.equal(asked.unreadMessages, 1);
    const geb = await byTitle('northfield', 'Gödel');
    assert.equal(geb.supplierSymbol, 'DEMO:EASTGATE');
    assert.deepEqual(geb.rota.map((e) => [e.symbol, e.outcome]), [['DEMO:SOUTHBANK', 'unfilled'], ['DEMO:EASTGATE', 'sent']]);
    assert.equal((await byTitle('northfield', 'Wuthering')).state, 'REQ_SENT_TO_SUPPLIER');
    // every sample request belongs to card 1001 under the name 1001 signs in with
    for (const [tenant, t] of [['northfield', 'Wuthering'], ['southbank', 'Persuasion'], ['eastgate', 'Frankenstein'], ['northfield', 'Gödel']]) {
      const r = (await byTitle(tenant, t)) as DemoRequest & { patron?: { barcode?: string; name?: string } };
      assert.deepEqual([r.patron?.barcode, r.patron?.name], ['1001', 'Alice Reader'], `${tenant} ${t}`);
    }

    const login = (username: string, password: string) => fetch(`${url}/authn/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-okapi-tenant': 'eastgate' }, body: JSON.stringify({ username, password }),
    });
    const staff = await login('staff', 'staff');
    assert.equal(staff.status, 201);
    assert.ok(staff.headers.get('x-okapi-token'));
    assert.ok(((await staff.json()) as { permissions: { permissions: string[] } }).permissions.permissions.includes('ui-resource-sharing.requests.manage'));
    const viewer = (await (await login('viewer', 'viewer')).json()) as { permissions: { permissions: string[] } };
    assert.ok(!viewer.permissions.permissions.includes('ui-resource-sharing.requests.manage'));
    // expanded as FOLIO's login lists them: the module permissions the app asks stripes.hasPerm about
    assert.ok(viewer.permissions.permissions.includes('resource-sharing.requests.copy.get'));
    assert.ok(!viewer.permissions.permissions.includes('resource-sharing.requests.actions.post'));
    assert.equal((await login('staff', 'wrong')).status, 422);

    const patronSignIn = (pin: string) => fetch(`${url}/demo/patron-sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-okapi-tenant': 'northfield' }, body: JSON.stringify({ barcode: '1001', pin }),
    });
    const signedIn = (await (await patronSignIn('1234')).json()) as { token: string; name: string };
    assert.equal(signedIn.name, 'Alice Reader');
    assert.equal((await patronSignIn('0000')).status, 401);
    const locations = await fetch(`${url}/resource-sharing/patron/pickup-locations`, { headers: { 'x-okapi-tenant': 'northfield' } });
    assert.deepEqual(((await locations.json()) as { pickupLocations: Array<{ code: string }> }).pickupLocations.map((l) => l.code), ['CIRC', 'BRANCH']);
    const mine = await fetch(`${url}/resource-sharing/patron/requests`, { headers: { 'x-okapi-tenant': 'northfield', authorization: `Bearer ${signedIn.token}` } });
    assert.equal(mine.status, 200, 'the demo token is signed with the secret the demo configured');
    const patronPage = await (await fetch(`${url}/patron/northfield?title=x`, { headers: { accept: 'text/html' } })).text();
    assert.match(patronPage, /"patronSignInUrl":"\/demo\/patron-sign-in"/);

    const page = await fetch(`${url}/resource-sharing/lending/view/${geb.id}`, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /window\.resourceSharingConfig = \{"tenants":\["northfield","southbank","eastgate"\]/);
    const api404 = await fetch(`${url}/resource-sharing/no-such-thing`, { headers: { accept: 'application/json', 'x-okapi-tenant': 'northfield' } });
    assert.equal(api404.status, 404);
  });

  it('browser: a Northfield patron follows an OpenURL link, signs in and places the request; it goes to Southbank first', async () => {
    const openUrl = new URLSearchParams({
      url_ver: 'Z39.88-2004', rfr_id: 'info:sid/demo-catalogue', 'rft.genre': 'book', 'rft.btitle': title, 'rft.au': 'Le Guin, Ursula K.', 'rft.isbn': '9780061054884',
    });
    await patron.goto(`/patron/northfield?${openUrl}`);
    await patron.page.locator('#rs-patron-sign-in').waitFor();
    await patron.shot('patron-sign-in', shots);
    await patron.page.fill('#rs-patron-barcode', '1001');
    await patron.page.fill('#rs-patron-pin', '1234');
    await patron.page.click('#rs-patron-sign-in-submit');
    await patron.page.locator('#rs-patron-request-form').waitFor();
    assert.equal(await patron.page.inputValue('#rs-patron-title'), title, 'filled in from the OpenURL');
    assert.equal(await patron.page.inputValue('#rs-patron-author'), 'Le Guin, Ursula K.');
    await patron.page.selectOption('#rs-patron-pickupLocation', 'CIRC');
    await patron.shot('patron-form-from-openurl', shots);
    await patron.page.click('#rs-patron-submit');
    const placed = patron.page.locator('[data-test-message-banner]', { hasText: 'was placed' });
    await placed.waitFor();
    patronHrid = /request number ([A-Z]+-\d+)/.exec((await placed.textContent()) ?? '')?.[1] ?? '';
    assert.match(patronHrid, /^NORTH-\d+$/);
    await patron.page.locator(`[data-test-patron-request="${patronHrid}"]`).waitFor();
    await patron.shot('patron-request-placed', shots);
    // the OpenURL is gone from the address: reloading shows an empty form, not the same request again
    assert.ok(!patron.page.url().includes('rft.btitle'), patron.page.url());
    await patron.page.reload();
    await patron.page.locator('#rs-patron-request-form').waitFor();
    assert.equal(await patron.page.inputValue('#rs-patron-title'), '');

    // the patron is told: the notices reach the demo's mail catcher and show on its page
    const notice = await demo!.mail.waitFor((m) => m.subject === `We have your request for "${title}"`);
    assert.deepEqual(notice.to, ['alice@northfield.example.org']);
    assert.match(notice.text, new RegExp(patronHrid));
    await patron.page.goto(`${demo!.url}/demo/mail`);
    await patron.page.getByRole('heading', { name: `We have your request for "${title}"` }).waitFor();
    await patron.shot('patron-notice-caught', shots);
    assert.deepEqual(await seriousA11yProblems(patron.page, 'demo mail page'), []);
    await patron.goto('/patron/northfield');
    await patron.page.locator(`[data-test-patron-request="${patronHrid}"]`).waitFor();

    const found = (await (await fetch(`${demo!.url}/resource-sharing/requests?query=${encodeURIComponent(`hrid==${patronHrid}`)}`, {
      headers: { 'x-okapi-tenant': 'northfield' },
    })).json()) as { requests: Array<{ id: string; patron?: { barcode?: string; pickupLocation?: string } }> };
    assert.deepEqual([found.requests[0]?.patron?.barcode, found.requests[0]?.patron?.pickupLocation], ['1001', 'CIRC']);
    borrowingUrl = `/resource-sharing/borrowing/view/${found.requests[0].id}`;

    await a.goto('/');
    await a.page.locator('#clickable-login').waitFor();
    await a.shot('login', shots);
    await a.login('northfield', 'staff', 'staff');
    await a.goto(borrowingUrl);
    await a.waitForState('REQ_SENT_TO_SUPPLIER');
    await assert.doesNotReject(a.page.locator('#rs-request-rota').getByText('DEMO:SOUTHBANK').waitFor());
    assert.match((await a.page.locator('[data-test-rota-reason]').first().textContent()) ?? '', /1st in the profile's order/);
    await a.shot('request-sent-with-rota', shots);
  });

  it('browser: staff at Southbank find it in the lending list, will supply, print the pull slip and ship it', async () => {
    await b.login('southbank', 'staff', 'staff');
    await b.goto('/resource-sharing/lending');
    await b.page.fill('#rs-lending-search', title);
    await b.page.keyboard.press('Enter');
    const row = b.page.locator('#rs-lending-list [data-row-inner]', { hasText: title });
    await row.waitFor();
    await b.shot('lending-list', shots);
    await row.click();
    await b.waitForState('RES_IDLE');
    lendingUrl = new URL(b.page.url()).pathname;
    await b.act('willSupply', { note: 'On the shelf' });
    await b.waitForState('RES_NEW_AWAIT_PULL_SLIP');
    await b.shot('will-supply', shots);
    // the pull slip, printed from the pull slips page (window.print returns at once in headless Chromium)
    await b.goto('/resource-sharing/pull-slips');
    await b.page.locator('[data-test-pull-slip-row]', { hasText: title }).locator('input[type=checkbox]').check();
    await b.page.click('#rs-pull-slips-print-selected');
    await b.page.locator('#rs-pull-slips-result', { hasText: 'printed' }).waitFor();
    assert.equal(await b.page.locator('.rs-print-area svg[data-test-barcode]').count(), 1, 'the slip carries the request id as a barcode');
    await b.shot('pull-slip-printed', shots);
    await b.goto(lendingUrl);
    await b.waitForState('RES_AWAIT_PICKING');
    await b.chooseAction('markShipped');
    await b.page.fill('#rs-action-markShipped-itemBarcode', barcode);
    await b.page.fill('#rs-action-markShipped-dueDate', '2031-02-01T12:00');
    await b.shot('ship-form', shots);
    await b.page.click('#rs-action-submit-markShipped');
    await b.waitForState('RES_ITEM_SHIPPED');
    await b.shot('shipped', shots);
    // Southbank's FOLIO lent the item to Northfield's institutional account
    assert.equal(simItem('southbank', barcode)?.status.name, 'Checked out');
  });

  it('browser: staff at Northfield receive it, the patron returns it, and it is shipped back', async () => {
    await a.goto(borrowingUrl);
    await a.waitForState('REQ_SHIPPED');
    assert.equal((await a.keyValue(en('request.itemBarcode')).textContent())?.trim(), barcode);
    await a.shot('arrived-at-borrower', shots);
    assert.match(await a.scan('receive', barcode), /^Received: NORTH-\d+ “The dispossessed”\. Now: Received\.$/);
    await a.shot('scan-received', shots);
    // Northfield's FOLIO now has a temporary item on the hold shelf for the patron
    assert.equal(simItem('northfield', barcode)?.status.name, 'Awaiting pickup');
    await patron.page.reload();
    await patron.page.locator(`[data-test-patron-request="${patronHrid}"] [data-test-patron-status]`, { hasText: 'Ready for you to collect' }).waitFor();
    await patron.shot('patron-sees-it-ready', shots);
    assert.match(await a.scan('return', barcode), /^Returned by the patron and shipped back to the lender: NORTH-\d+ “The dispossessed”\. Now: Returned to supplier\.$/);
    await a.shot('scan-returned-and-shipped-back', shots);
    await a.goto(borrowingUrl);
    await a.waitForState('REQ_SHIPPED_TO_SUPPLIER');
  });

  it('browser: Southbank scans it back in, and both sides end complete', async () => {
    await b.goto(lendingUrl);
    await b.waitForState('RES_ITEM_RETURNED');
    assert.match(await b.scan('return', barcode), /^Back from the borrower and marked returned: SOUTH-\d+ “The dispossessed”\. Now: Complete\.$/);
    await b.shot('scan-back-home', shots);
    await b.goto(lendingUrl);
    await b.waitForState('RES_COMPLETE');
    await b.shot('lender-complete', shots);
    await a.page.reload();
    await a.waitForState('REQ_REQUEST_COMPLETE');
    assert.equal(simItem('southbank', barcode)?.status.name, 'Available');
    // the temporary records go once the loan is complete
    for (let i = 0; i < 50 && simItem('northfield', barcode); i++) await a.page.waitForTimeout(100);
    assert.equal(simItem('northfield', barcode), undefined);
    const record = (await (await fetch(`${demo!.url}/resource-sharing/requests/${borrowingUrl.split('/').pop()}`, {
      headers: { 'x-okapi-tenant': 'northfield' },
    })).json()) as { needsAttention: boolean; lastError?: string };
    assert.deepEqual([record.needsAttention, record.lastError], [false, undefined]);
    // the conversation (in the chat pane beside the request) shows the whole exchange, newest last
    await a.page.click('#rs-request-chat-button');
    await a.page.locator('#rs-request-messages [data-test-message]').first().waitFor();
    assert.ok((await a.page.locator('#rs-request-messages [data-test-message]').count()) >= 4);
    await a.shot('borrower-complete', shots);
  });

  it('browser: the main pages have no serious or critical accessibility violations (axe-core)', async () => {
    const problems: string[] = [];
    const viewer = await StaffSession.open(browser!, 'a11y', demo!.url, dir);
    try {
      await viewer.goto('/');
      await viewer.page.locator('#clickable-login').waitFor();
      problems.push(...(await seriousA11yProblems(viewer.page, 'login')));
      await viewer.login('northfield', 'staff', 'staff');
      await viewer.page.locator('#rs-borrowing-list [data-row-inner]').first().waitFor();
      problems.push(...(await seriousA11yProblems(viewer.page, 'borrowing list')));
      await viewer.goto(borrowingUrl);
      await viewer.page.locator('#rs-request-rota').waitFor();
      problems.push(...(await seriousA11yProblems(viewer.page, 'request detail')));
      await viewer.goto('/resource-sharing/borrowing/create');
      await viewer.page.locator('#rs-new-borrowing-request-form').waitFor();
      problems.push(...(await seriousA11yProblems(viewer.page, 'new request form')));
      await viewer.goto('/resource-sharing/lending');
      await viewer.page.locator('#rs-lending-list').waitFor();
      problems.push(...(await seriousA11yProblems(viewer.page, 'lending list')));
      await viewer.goto('/resource-sharing/scan/receive');
      await viewer.page.locator('#rs-scan-input').waitFor();
      problems.push(...(await seriousA11yProblems(viewer.page, 'scan page')));
      await viewer.goto('/resource-sharing/pull-slips');
      await viewer.page.locator('#rs-pull-slips-pane').waitFor();
      problems.push(...(await seriousA11yProblems(viewer.page, 'pull slips')));
      problems.push(...(await seriousA11yProblems(patron.page, 'patron page')));
    } finally {
      await viewer.close();
    }
    assert.deepEqual(problems, []);
  });
});
