import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeBackend } from '../../test/fake-backend.ts';
import { SAMPLE_REQUESTS } from '../../test/fixtures.ts';
import { KeyValue, Pane } from '../../test/interactors.ts';
import type { ResourceSharingRequest } from '../types/request.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n% stored copy\n%%EOF\n');
const base = SAMPLE_REQUESTS[0];
const delivered = (id: string, hrid: string, storedCopy?: NonNullable<ResourceSharingRequest['patronSide']>['storedCopy']): ResourceSharingRequest => ({
  ...base,
  id,
  hrid,
  state: 'REQ_DOCUMENT_DELIVERED',
  stateModel: 'borrowing-copy',
  serviceType: 'copy',
  citation: { title: 'On the Engine', articleTitle: 'Chapter 3' },
  documentUrl: 'https://files.supplier.example.org/once/7f3a/engine.pdf',
  ...(storedCopy ? { patronSide: { storedCopy } } : {}),
});
const STORED = delivered('22222222-2222-4222-8222-000000000001', 'DIKU-2001', {
  status: 'stored', filename: 'engine-ch3.pdf', contentType: 'application/pdf', size: 2_400_000, storedDate: '2026-03-05T10:00:00.000Z',
});
const FAILED = delivered('22222222-2222-4222-8222-000000000002', 'DIKU-2002', { status: 'failed', error: "the supplier's link answered HTTP 404" });
const LINK_ONLY = delivered('22222222-2222-4222-8222-000000000003', 'DIKU-2003');

describe('ui-resource-sharing: staff open a stored copy', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']> | undefined;
  const saved: Array<{ href: string; download: string }> = [];
  const blobs: Blob[] = [];
  const originalCreate = URL.createObjectURL;
  const originalRevoke = URL.revokeObjectURL;
  // the download link the app clicks: recorded, and kept from navigating (jsdom cannot)
  const onClick = (e: Event) => {
    const a = e.target as HTMLAnchorElement;
    if (a.tagName === 'A' && a.download) {
      saved.push({ href: a.href, download: a.download });
      e.preventDefault();
    }
  };

  before(async () => { h = await loadHarness(); });
  beforeEach(() => {
    saved.length = 0;
    blobs.length = 0;
    URL.createObjectURL = (b: Blob | MediaSource) => { blobs.push(b as Blob); return 'blob:stored-copy'; };
    URL.revokeObjectURL = () => undefined;
    document.addEventListener('click', onClick, true);
  });
  afterEach(() => {
    mounted?.unmount();
    mounted = undefined;
    URL.createObjectURL = originalCreate;
    URL.revokeObjectURL = originalRevoke;
    document.removeEventListener('click', onClick, true);
  });

  function backend() {
    const b = new FakeBackend([STORED, FAILED, LINK_ONLY]);
    b.storedCopies.set(STORED.id, { content: PDF, contentType: 'application/pdf', filename: 'engine-ch3.pdf' });
    return b;
  }

  it('fetches the copy through the staff route with the Okapi headers, no token in the URL, and saves it under its name', async () => {
    const b = backend();
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${STORED.id}`, backend: b });
    await Pane('DIKU-2001').exists();
    await KeyValue('Stored copy').has({ value: 'engine-ch3.pdf, 2.3 MB' });
    await Button('Open stored copy').click();
    for (let i = 0; i < 100 && saved.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(saved, [{ href: 'blob:stored-copy', download: 'engine-ch3.pdf' }]);
    const calls = b.callsTo(`/resource-sharing/requests/${STORED.id}/copy`, 'GET');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].headers.get('X-Okapi-Tenant'), h.TENANT);
    assert.equal(calls[0].headers.get('X-Okapi-Token'), h.TOKEN);
    assert.equal([...calls[0].searchParams.keys()].length, 0, 'nothing in the URL but the route');
    assert.deepEqual(new Uint8Array(await blobs[0].arrayBuffer()), PDF, 'the bytes the module served');
  });

  it('says why when the module has no copy to give', async () => {
    const b = backend();
    b.storedCopies.clear();
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${STORED.id}`, backend: b });
    await Button('Open stored copy').click();
    await Pane('DIKU-2001').has({ text: including('The stored copy could not be opened: No copy is stored for this request') });
    assert.deepEqual(saved, []);
  });

  it('is not offered for a copy that failed to store, a copy passed on as a link, or to staff without the permission', async () => {
    const b = backend();
    for (const r of [FAILED, LINK_ONLY]) {
      mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${r.id}`, backend: b });
      await Pane(r.hrid).has({ text: including('On the Engine') });
      await KeyValue('State').exists();
      await Button('Open stored copy').absent();
      mounted.unmount();
    }
    // the gate is the staff route's own permission: a session listing the view set without it (unexpanded) gets no button, with it one
    const viewing = ['module.resource-sharing.enabled', 'ui-resource-sharing.requests.view', 'resource-sharing.requests.item.get', 'resource-sharing.graphql.post'];
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${STORED.id}`, backend: b, perms: [...viewing, 'resource-sharing.requests.copy.get'], expandPerms: false });
    await Button('Open stored copy').exists();
    mounted.unmount();
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${STORED.id}`, backend: b, perms: viewing, expandPerms: false });
    await Pane('DIKU-2001').has({ text: including('On the Engine') });
    await Button('Open stored copy').absent();
    assert.equal(b.callsTo(`/resource-sharing/requests/${STORED.id}/copy`).length, 0);
  });
});
