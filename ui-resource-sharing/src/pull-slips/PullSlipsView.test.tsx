import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, CheckBox, HTML, Link, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { WorkFake, action, deskRequest } from '../../test/work-fake.ts';
import { Banner } from '../../test/work-interactors.ts';
import { code128Widths } from './code128.ts';

/** The bar/space widths an SVG barcode draws, read back from its rectangles (module width 2 px). */
function widthsDrawn(svg: Element): number[] {
  const bars = Array.from(svg.querySelectorAll('rect')).slice(1).map((r) => ({ x: Number(r.getAttribute('x')) / 2, w: Number(r.getAttribute('width')) / 2 }));
  const widths: number[] = [];
  bars.forEach((b, i) => {
    if (i > 0) widths.push(b.x - (bars[i - 1].x + bars[i - 1].w));
    widths.push(b.w);
  });
  return widths;
}

describe('ui-resource-sharing: pull slips', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']> | undefined;
  let printed: number;
  const originalPrint = window.print;

  before(async () => { h = await loadHarness(); });
  beforeEach(() => {
    printed = 0;
    window.print = () => { printed += 1; };
  });
  afterEach(() => {
    mounted?.unmount();
    mounted = undefined;
    window.print = originalPrint;
  });

  function network() {
    const first = deskRequest({
      role: 'lending', state: 'RES_NEW_AWAIT_PULL_SLIP', hrid: 'SOUTH-12', requesterSymbol: 'DEMO:NORTHFIELD', peerRequestId: 'NORTH-3',
      citation: { title: 'The dispossessed', author: 'Le Guin, Ursula K.', isbn: '9780061054884' },
    });
    const second = deskRequest({ role: 'lending', state: 'RES_NEW_AWAIT_PULL_SLIP', hrid: 'SOUTH-13', requesterSymbol: 'DEMO:EASTGATE', citation: { title: 'Wuthering Heights' } });
    const shipped = deskRequest({ role: 'lending', state: 'RES_ITEM_SHIPPED', hrid: 'SOUTH-9', citation: { title: 'Already gone' } });
    const backend = new WorkFake([first, second, shipped]);
    backend.actions.set(first.id, [action('printPullSlip')]);
    backend.actions.set(second.id, [action('printPullSlip')]);
    backend.transitions.set('printPullSlip', { toState: 'RES_AWAIT_PICKING', nextActions: [action('markShipped')] });
    return { backend, first, second };
  }

  it('lists the requests awaiting their slip, prints the selected one and marks it printed', async () => {
    const { backend, first } = network();
    mounted = h.mountApp({ path: '/resource-sharing/lending', backend });
    await Link('Pull slips').click();
    await HTML('2 requests await their pull slips').exists();
    await HTML(including('Already gone')).absent();
    await CheckBox('Select SOUTH-12').click();
    await Button('Print selected (1)').click();
    await Banner('1 pull slip printed (SOUTH-12): now awaiting picking.').has({ type: 'success' });
    assert.equal(printed, 1);
    assert.deepEqual(backend.calls.filter((c) => c.method === 'POST').map((c) => c.path), [`/resource-sharing/requests/${first.id}/actions/printPullSlip`]);
    // the printed slip: under <body> itself (so the print stylesheet can leave the app out), barcode of the request id
    const slip = document.querySelector('body > .rs-print-area [data-test-pull-slip="SOUTH-12"]');
    assert.ok(slip, 'the slip is in the print area');
    assert.match(slip.textContent ?? '', /The dispossessed/);
    assert.match(slip.textContent ?? '', /Le Guin, Ursula K\./);
    assert.match(slip.textContent ?? '', /Requesting library\s*DEMO:NORTHFIELD/);
    assert.match(slip.textContent ?? '', /Their request ID\s*NORTH-3/);
    const svg = slip.querySelector('svg[data-test-barcode="SOUTH-12"]');
    assert.ok(svg);
    assert.deepEqual(widthsDrawn(svg), code128Widths('SOUTH-12'));
    // the list now has only the other one
    await HTML('1 request awaits its pull slip').exists();
  });

  it('prints all awaiting slips at once, one slip per page', async () => {
    const { backend } = network();
    mounted = h.mountApp({ path: '/resource-sharing/pull-slips', backend });
    await Button('Print all (2)').click();
    await Banner('2 pull slips printed (SOUTH-12, SOUTH-13): now awaiting picking.').exists();
    assert.equal(printed, 1, 'one print job for the batch');
    assert.equal(document.querySelectorAll('body > .rs-print-area [data-test-pull-slip]').length, 2);
    const css = Array.from(document.querySelectorAll('style')).map((s) => s.textContent ?? '').join('\n');
    assert.match(css, /@media print[\s\S]*body > \*:not\(\.rs-print-area\) \{ display: none/);
    assert.match(css, /\.rs-pull-slip \{ break-after: page/);
    await HTML('No lending request is waiting for a pull slip.').exists();
  });

  it('says which slips could not be marked as printed', async () => {
    const { backend } = network();
    backend.failures.set('printPullSlip', { status: 422, body: { errors: [{ message: 'Action printPullSlip is not valid in state RES_AWAIT_PICKING' }] } });
    mounted = h.mountApp({ path: '/resource-sharing/pull-slips', backend });
    await CheckBox('Select all').click();
    await Button('Print selected (2)').click();
    await Banner('SOUTH-13: printed, but not marked as printed: Action printPullSlip is not valid in state RES_AWAIT_PICKING').has({ type: 'error' });
  });
});
