import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeConfigBackend } from '../../test/fake-config-backend.ts';
import { KeyValue, Pane } from '../../test/interactors.ts';
import { Banner } from '../../test/work-interactors.ts';
import { createStripes } from '../../standalone/core/stripes.ts';

describe('ui-resource-sharing: Settings → General', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;
  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  it('the stand-in answers hasInterface as stripes-core does: true without a version, else the version or 0', () => {
    const stripes = createStripes({ okapi: { url: 'http://okapi.test', tenant: 'diku' }, user: { user: { id: 'u', username: 'u' }, perms: {} }, interfaces: { 'resource-sharing': '1.2' } });
    assert.equal(stripes.hasInterface('resource-sharing'), true);
    assert.equal(stripes.hasInterface('resource-sharing', '1.0'), '1.2');
    assert.equal(stripes.hasInterface('resource-sharing', '1.3'), 0);
    assert.equal(stripes.hasInterface('resource-sharing', '0.9 1.1'), '1.2');
    assert.equal(stripes.hasInterface('circulation'), undefined);
  });

  it('shows the tenant, the Okapi URL and the version of the interface the platform found', async () => {
    mounted = h.mountApp({ path: '/settings/resource-sharing/general', backend: new FakeConfigBackend(), interfaces: { 'resource-sharing': '1.4' } });
    await Pane('General').exists();
    await KeyValue('Tenant').has({ value: h.TENANT });
    await KeyValue('Okapi URL').has({ value: h.OKAPI_URL });
    // hasInterface(name) alone answers only `true`: the version comes from discovery
    await KeyValue('Resource sharing interface').has({ value: '1.4' });
    await Banner().absent();
  });

  it('warns when the platform has the interface in a version this app cannot use', async () => {
    mounted = h.mountApp({ path: '/settings/resource-sharing/general', backend: new FakeConfigBackend(), interfaces: { 'resource-sharing': '2.0' } });
    await KeyValue('Resource sharing interface').has({ value: '2.0' });
    await Banner("The backend's resource-sharing interface is not compatible with version 1.0 this app needs.").has({ type: 'warning' });
  });

  it('says so when the platform does not report the interface', async () => {
    mounted = h.mountApp({ path: '/settings/resource-sharing/general', backend: new FakeConfigBackend(), interfaces: {} });
    await KeyValue('Resource sharing interface').has({ value: 'Not reported by the platform' });
  });

  it('a settings page the user may not open says what their permissions allow, not "page does not exist"', async () => {
    const perms = ['module.resource-sharing.enabled', 'settings.resource-sharing.enabled', 'ui-resource-sharing.requests.view'];
    mounted = h.mountApp({ path: '/settings/resource-sharing/rotas', backend: new FakeConfigBackend(), perms });
    await Banner(including('You can view requests but not open the resource sharing settings: ask for “Settings (Resource sharing): Manage resource sharing settings”.')).exists();
    assert.doesNotMatch(document.body.textContent ?? '', /does not exist/);
  });
});
