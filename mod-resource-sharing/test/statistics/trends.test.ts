import assert from 'node:assert/strict';
import { periodStart } from '../../src/statistics/trends.ts';
import { act, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../../../test/support/library-network.ts';
import { borrow } from '../../../test/flows/flow-support.ts';

describe('dashboard trends: GET /resource-sharing/statistics/trends', () => {
  let net: Network;
  let a: Library;
  let b: Library;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
    // three requests to Beta: one shipped (filled), one refused (unfilled at the end of the rota), one waiting
    const shippedOne = await borrow(a, { title: 'Shipped one' });
    const lent = await lendingRequestFor(b, shippedOne.hrid);
    await act(b, lent.id, 'willSupply');
    await act(b, lent.id, 'printPullSlip');
    await act(b, lent.id, 'markShipped', { itemBarcode: 'B-1' });
    await inState(a, shippedOne.id, 'REQ_SHIPPED');
    const refused = await borrow(a, { title: 'Refused one' });
    const notLent = await lendingRequestFor(b, refused.hrid);
    await act(b, notLent.id, 'cannotSupply', { reason: 'NotHeld' });
    const waiting = await borrow(a, { title: 'Waiting one' });
    await lendingRequestFor(b, waiting.hrid); // it has reached the lender
  });
  after(() => net.close());

  it('counts placed, filled and unfilled this week and per partner, the turnaround and the workload', async () => {
    const res = await a.api.get('/resource-sharing/statistics/trends?role=borrowing&weeks=4');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const t = res.body;
    assert.equal(t.byWeek.length, 4);
    const thisWeek = t.byWeek.at(-1);
    assert.deepEqual({ placed: thisWeek.placed, filled: thisWeek.filled }, { placed: 3, filled: 1 });
    assert.equal(thisWeek.unfilled, 1, 'the refused request reached the end of its rota');
    const beta = t.byPartner.find((p: { symbol: string }) => p.symbol === b.symbol);
    assert.ok(beta, JSON.stringify(t.byPartner));
    assert.equal(beta.name, 'Beta library');
    assert.deepEqual([beta.placed, beta.filled, beta.unfilled], [3, 1, 1]);
    assert.equal(t.turnaround.reduce((n: number, x: { count: number }) => n + x.count, 0), 1);
    assert.equal(t.turnaround[0].count, 1, 'shipped the same day');
    const workload = Object.fromEntries(t.workload.map((w: { state: string; count: number }) => [w.state, w.count]));
    assert.equal(workload.REQ_SHIPPED, 1);
    assert.ok(workload.REQ_SENT_TO_SUPPLIER >= 1);

    const lending = (await b.api.get('/resource-sharing/statistics/trends?role=lending&weeks=12')).body;
    assert.equal(lending.byWeek.length, 12);
    assert.equal(lending.byWeek.at(-1).placed, 3);
    assert.equal(lending.byPartner[0].name, 'Alpha library');
  });

  it('refuses an unknown role or period with a FOLIO error', async () => {
    const bad = await a.api.get('/resource-sharing/statistics/trends?role=both&weeks=7');
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { parameters: Array<{ key: string }> }) => e.parameters[0].key).sort(), ['role', 'weeks']);
  });

  it('weeks start on Monday (UTC)', () => {
    assert.equal(periodStart(1, new Date('2026-12-09T10:00:00Z')).toISOString(), '2026-12-07T00:00:00.000Z');
    assert.equal(periodStart(2, new Date('2026-12-07T00:30:00Z')).toISOString(), '2026-11-30T00:00:00.000Z');
    assert.equal(periodStart(1, new Date('2026-12-13T23:59:00Z')).toISOString(), '2026-12-07T00:00:00.000Z');
  });
});
