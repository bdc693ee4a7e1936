// The demo's first start answers before the staff app is built: pages say the app is being built
// (503, reloading itself), the API keeps its own answers, and the app is served once built.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerUi, UI_DIST } from '../../scripts/demo/demo-ui.ts';

describe('demo: the staff app while its bundle is being built', () => {
  let app: FastifyInstance;
  let ready = false;

  before(async () => {
    app = Fastify();
    app.get('/admin/health', async () => 'OK');
    registerUi(app, { tenants: ['northfield'], uiReady: () => ready });
    await app.ready();
  });
  after(() => app.close());

  it('pages answer 503 with a page that says so and reloads itself; the API answers as ever', async () => {
    for (const url of ['/', '/resource-sharing/borrowing']) {
      const page = await app.inject({ url, headers: { accept: 'text/html' } });
      assert.equal(page.statusCode, 503, url);
      assert.equal(page.headers['retry-after'], '3');
      assert.match(page.body, /http-equiv="refresh"/);
      assert.match(page.body, /being built/);
    }
    assert.equal((await app.inject({ url: '/admin/health' })).body, 'OK');
    const api = await app.inject({ url: '/resource-sharing/nothing-here', headers: { accept: 'application/json' } });
    assert.equal(api.statusCode, 404, 'API calls keep their 404 instead of the page');
  });

  it('once built, pages are the app again', async () => {
    ready = true;
    const page = await app.inject({ url: '/resource-sharing/borrowing', headers: { accept: 'text/html' } });
    assert.notEqual(page.statusCode, 503);
    assert.doesNotMatch(page.body, /being built/);
    if (existsSync(path.join(UI_DIST, 'index.html'))) {
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /window\.resourceSharingConfig = \{"tenants":\["northfield"\]/);
    }
  });
});
