// The demo kept in a data folder (`.data/pglite`, the default) is started again and again. What a
// visitor changed in Settings between two starts stays; only what the demo itself must fit on
// each start is set again: the patron sign-in's token secret, and the mail catcher's new port.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PATRON_PIN } from '../../scripts/demo/demo-patrons.ts';
import { DEMO_PATRONS } from '../../simulators/folio/index.ts';
import { startDemo, type RunningDemo } from '../../scripts/demo/start-demo-stack.ts';

const TENANT = 'northfield';

describe('demo: started again on the same data folder', function () {
  this.timeout(120_000);
  let dir: string;
  let demo: RunningDemo | undefined;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'rs-demo-restart-'));
  });
  after(async () => {
    await demo?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const start = () =>
    startDemo({ env: { PGLITE_DATA_DIR: path.join(dir, 'pglite') }, port: 0, host: '127.0.0.1', buildUi: false, sampleRequests: false, logLevel: 'silent' });
  const call = (method: string, url: string, body?: unknown) =>
    fetch(`${demo!.url}${url}`, {
      method,
      headers: { 'x-okapi-tenant': TENANT, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  const settings = async () => (await (await call('GET', '/resource-sharing/settings')).json()) as Record<string, any>;

  it("keeps the library's own notice and patron choices, and points the notices at the new mail catcher", async () => {
    demo = await start();
    assert.ok(demo.freshTenants.includes(TENANT), 'the first start sets the library up');
    const first = await settings();
    assert.equal(first.patronNotices.smtp.port, demo.mail.port);
    // a visitor changes what is mailed, the sender, and the pickup desks
    const changed = await call('PUT', '/resource-sharing/settings', {
      patronNotices: { ...first.patronNotices, send: ['cancelled'], from: 'desk@northfield.example.org' },
      patronRequests: { ...first.patronRequests, pickupLocations: [{ code: 'CIRC', name: 'Front desk' }] },
    });
    assert.equal(changed.status, 200, await changed.text());
    await demo.close();

    demo = await start();
    assert.equal(demo.freshTenants.length, 0, 'nothing is set up again');
    const again = await settings();
    assert.deepEqual(again.patronNotices.send, ['cancelled']);
    assert.equal(again.patronNotices.from, 'desk@northfield.example.org');
    assert.equal(again.patronNotices.smtp.port, demo.mail.port, 'notices go to the catcher that runs now');
    assert.deepEqual(again.patronRequests.pickupLocations, [{ code: 'CIRC', name: 'Front desk' }]);

    // the demo sign-in's tokens still fit the library's secret
    const signIn = await fetch(`${demo.url}/demo/patron-sign-in`, {
      method: 'POST',
      headers: { 'x-okapi-tenant': TENANT, 'content-type': 'application/json' },
      body: JSON.stringify({ barcode: DEMO_PATRONS.active, pin: DEMO_PATRON_PIN }),
    });
    const token = ((await signIn.json()) as { token?: string }).token;
    assert.equal(signIn.status, 201);
    const mine = await fetch(`${demo.url}/resource-sharing/patron/requests`, { headers: { 'x-okapi-tenant': TENANT, authorization: `Bearer ${token}` } });
    assert.equal(mine.status, 200, await mine.text());
  });

  it('leaves notices alone that staff sent through another mail server', async () => {
    const current = await settings();
    const elsewhere = { ...current.patronNotices, smtp: { host: 'mail.northfield.example.org', port: 587, secure: false } };
    assert.equal((await call('PUT', '/resource-sharing/settings', { patronNotices: elsewhere })).status, 200);
    await demo!.close();
    demo = await start();
    assert.deepEqual((await settings()).patronNotices.smtp, elsewhere.smtp);
  });
});
