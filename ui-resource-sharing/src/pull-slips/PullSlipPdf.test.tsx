import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, CheckBox, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { WorkFake, action, deskRequest } from '../../test/work-fake.ts';
import { Banner } from '../../test/work-interactors.ts';

describe('ui-resource-sharing: pull slips as a PDF batch', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']> | undefined;
  const opened: string[] = [];
  const originalOpen = window.open;
  const originalCreate = URL.createObjectURL;

  before(async () => { h = await loadHarness(); });
  beforeEach(() => {
    opened.length = 0;
    window.open = ((url?: string | URL) => { opened.push(String(url)); return null; }) as typeof window.open;
    URL.createObjectURL = () => 'blob:pull-slips';
  });
  afterEach(() => {
    mounted?.unmount();
    mounted = undefined;
    window.open = originalOpen;
    URL.createObjectURL = originalCreate;
  });

  function network(pdfStatus = 200) {
    const first = deskRequest({ role: 'lending', state: 'RES_NEW_AWAIT_PULL_SLIP', hrid: 'SOUTH-12', citation: { title: 'The dispossessed' } });
    const second = deskRequest({ role: 'lending', state: 'RES_NEW_AWAIT_PULL_SLIP', hrid: 'SOUTH-13', citation: { title: 'Wuthering Heights' } });
    const backend = new WorkFake([first, second]);
    backend.actions.set(first.id, [action('printPullSlip')]);
    backend.actions.set(second.id, [action('printPullSlip')]);
    backend.transitions.set('printPullSlip', { toState: 'RES_AWAIT_PICKING', nextActions: [action('markShipped')] });
    const pdfCalls: string[] = [];
    const base = backend.fetch;
    Object.defineProperty(backend, 'fetch', {
      value: async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = input instanceof Request ? input : new Request(input, init);
        const url = new URL(request.url);
        if (url.pathname !== '/resource-sharing/pull-slips.pdf') return base(request);
        pdfCalls.push(url.searchParams.get('ids') ?? '');
        return pdfStatus === 200
          ? new Response('%PDF-1.3\n%%EOF\n', { status: 200, headers: { 'Content-Type': 'application/pdf' } })
          : new Response(JSON.stringify({ errors: [{ message: 'ids must name at least one request', code: 'validation.required' }] }), { status: pdfStatus, headers: { 'Content-Type': 'application/json' } });
      },
    });
    return { backend, first, second, pdfCalls };
  }

  it('opens the PDF of the selected slips (all when none is selected), then marks the batch printed', async () => {
    const { backend, first, second, pdfCalls } = network();
    mounted = h.mountApp({ path: '/resource-sharing/pull-slips', backend });
    await CheckBox('Select SOUTH-13').click();
    await Button('PDF of 1 pull slip').click();
    await Banner(including('PDF of 1 pull slip opened')).exists();
    assert.deepEqual(pdfCalls, [second.id]);
    assert.deepEqual(opened, ['blob:pull-slips']);
    await CheckBox('Select SOUTH-13').click();
    await Button('PDF of 2 pull slips').click();
    assert.deepEqual(pdfCalls[1], `${first.id},${second.id}`);
    await Button('Mark all printed (2)').click();
    await Banner('2 pull slips printed (SOUTH-12, SOUTH-13): now awaiting picking.').exists();
    assert.deepEqual(
      backend.calls.filter((c) => c.method === 'POST').map((c) => c.path),
      [first, second].map((r) => `/resource-sharing/requests/${r.id}/actions/printPullSlip`),
    );
    assert.equal(document.querySelector('#rs-pull-slips-mark-all'), null, 'no batch left to mark');
  });

  it("says so when the module cannot make the PDF, and offers no marking", async () => {
    const { backend } = network(422);
    mounted = h.mountApp({ path: '/resource-sharing/pull-slips', backend });
    await Button('PDF of 2 pull slips').click();
    await Banner('The PDF could not be made: ids must name at least one request').has({ type: 'error' });
    assert.equal(document.querySelector('#rs-pull-slips-mark-all'), null, 'no batch left to mark');
    assert.deepEqual(opened, []);
  });
});
