import assert from 'node:assert/strict';
import { act, eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../../../test/support/library-network.ts';
import { schemaOf } from '../../src/db/tenant-schema.ts';
import { runExclusive } from '../../src/workflow/timer-lock.ts';

const PAST_DUE = '2020-03-01T12:00:00Z';
const FUTURE_DUE = '2099-03-01T12:00:00Z';

function yesterday(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

async function borrow(lib: Library, title: string, patron: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await lib.api.post('/resource-sharing/requests', {
    citation: { title },
    patron: { id: 'p-9', name: 'Grace Hopper', pickupLocation: 'Main desk', ...patron },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

/** A loan up to "shipped" (and received at the borrower), with the lender's due date `due`. */
async function loan(borrower: Library, lender: Library, title: string, due: string) {
  const created = await borrow(borrower, title);
  const borrowing = await inState(borrower, created.id, 'REQ_SENT_TO_SUPPLIER');
  const lending = await lendingRequestFor(lender, borrowing.hrid);
  await act(lender, lending.id, 'willSupply');
  await inState(borrower, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
  await act(lender, lending.id, 'printPullSlip');
  await act(lender, lending.id, 'markShipped', { itemBarcode: `IT-${title.length}`, dueDate: due });
  await inState(borrower, borrowing.id, 'REQ_SHIPPED');
  await act(borrower, borrowing.id, 'markReceived');
  return { borrowing, lending };
}

async function timer(lib: Library, job: string): Promise<Record<string, any>> {
  const res = await lib.api.post(`/resource-sharing/timers/${job}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function summaries(lib: Library, id: string): Promise<string[]> {
  const res = await lib.api.get(`/resource-sharing/requests/${id}/messages`);
  return res.body.messages.map((m: { direction: string; summary: string }) => `${m.direction} ${m.summary}`);
}

async function auditActions(lib: Library, id: string): Promise<{ action: string; actor: { type: string; id: string } }[]> {
  return (await lib.api.get(`/resource-sharing/requests/${id}/audit`)).body.auditRecords;
}

describe('timers: overdue, stale lending requests, needed-before expiry', function () {
  this.timeout(120_000);
  let net: Network;
  before(async () => {
    net = await startNetwork([
      { name: 'Lender', partners: ['Borrower'] },
      { name: 'Borrower', version: '2021', partners: ['Lender'] },
      { name: 'Loner', partners: [] },
    ]);
  });
  after(() => net.close());

  it('overdue on the lending side: a shipped loan past its due date becomes overdue once and the borrower hears Overdue', async () => {
    const { Lender: l, Borrower: b } = net.libraries;
    const late = await loan(b, l, 'Late book', PAST_DUE);
    const onTime = await loan(b, l, 'Book on time', FUTURE_DUE);

    const first = await timer(l, 'overdue');
    assert.equal(first.ran, true);
    assert.equal(first.done, 1, JSON.stringify(first));
    await inState(l, late.lending.id, 'RES_OVERDUE');
    assert.equal((await l.api.get(`/resource-sharing/requests/${onTime.lending.id}`)).body.state, 'RES_ITEM_SHIPPED');

    // The borrower receives the StatusChange Overdue and its request follows.
    await inState(b, late.borrowing.id, 'REQ_OVERDUE');
    const heard = await summaries(b, late.borrowing.id);
    assert.ok(heard.includes('in StatusChange: Overdue (due 2020-03-01)'), heard.join(' | '));
    assert.equal((await b.api.get(`/resource-sharing/requests/${onTime.borrowing.id}`)).body.state, 'REQ_RECEIVED');

    const steps = (await auditActions(l, late.lending.id)).filter((r) => r.action === 'detectOverdue');
    assert.equal(steps.length, 1);
    assert.deepEqual(steps[0].actor, { type: 'system', id: 'timer:overdue' });

    // A second run finds nothing more to do: no second Overdue.
    const again = await timer(l, 'overdue');
    assert.equal(again.done, 0);
    assert.equal((await summaries(l, late.lending.id)).filter((s) => s.startsWith('out StatusChange: Overdue')).length, 1);
  });

  it('overdue on the borrowing side: a received loan past the lender’s due date becomes overdue at the borrower', async () => {
    const { Lender: l, Borrower: b } = net.libraries;
    const late = await loan(b, l, 'Borrowed too long', PAST_DUE);
    const run = await timer(b, 'overdue');
    assert.equal(run.done, 1, JSON.stringify(run));
    await inState(b, late.borrowing.id, 'REQ_OVERDUE');
    // The lender was not told anything by the borrower's check.
    assert.equal((await l.api.get(`/resource-sharing/requests/${late.lending.id}`)).body.state, 'RES_ITEM_SHIPPED');
  });

  it('stale lending requests: off by default; with staleLendingDays the old one is answered Unfilled and the borrower moves on', async () => {
    const { Lender: l, Borrower: b } = net.libraries;
    const old = await borrow(b, 'Nobody looked at this');
    const fresh = await borrow(b, 'Just arrived');
    const oldBorrowing = await inState(b, old.id, 'REQ_SENT_TO_SUPPLIER');
    const freshBorrowing = await inState(b, fresh.id, 'REQ_SENT_TO_SUPPLIER');
    const oldLending = await lendingRequestFor(l, oldBorrowing.hrid);
    const freshLending = await lendingRequestFor(l, freshBorrowing.hrid);
    // Nobody touched it for ten days.
    await net.mod.db.query(`UPDATE ${schemaOf(l.tenant)}.requests SET updated_date = now() - interval '10 days' WHERE id = $1`, [oldLending.id]);

    const off = await timer(l, 'stale-requests');
    assert.equal(off.done, 0);
    assert.match(off.skipped, /off/);
    assert.equal((await l.api.get(`/resource-sharing/requests/${oldLending.id}`)).body.state, 'RES_IDLE');

    const settings = await l.api.put('/resource-sharing/settings', { staleLendingDays: 3 });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    const on = await timer(l, 'stale-requests');
    assert.equal(on.done, 1, JSON.stringify(on));
    await inState(l, oldLending.id, 'RES_UNFILLED');
    assert.equal((await l.api.get(`/resource-sharing/requests/${freshLending.id}`)).body.state, 'RES_IDLE');
    // The borrower heard Unfilled; with no other supplier in its rota it reaches the end of the rota.
    await inState(b, oldBorrowing.id, 'REQ_END_OF_ROTA');
    assert.ok((await summaries(b, oldBorrowing.id)).some((s) => s.startsWith('in RequestResponse: Unfilled')));
    await l.api.put('/resource-sharing/settings', { staleLendingDays: null });
  });

  it('needed-before passed while a supplier holds the request: cancelled with the supplier', async () => {
    const { Lender: l, Borrower: b } = net.libraries;
    const created = await borrow(b, 'Wanted by yesterday', { neededBefore: yesterday() });
    const stillWanted = await borrow(b, 'Wanted next year', { neededBefore: '2099-01-01' });
    const borrowing = await inState(b, created.id, 'REQ_SENT_TO_SUPPLIER');
    await inState(b, stillWanted.id, 'REQ_SENT_TO_SUPPLIER');
    const lending = await lendingRequestFor(l, borrowing.hrid);

    const run = await timer(b, 'needed-before');
    assert.equal(run.done, 1, JSON.stringify(run));
    // The supplier receives Cancel; it had not promised anything, so it accepts and says so.
    await inState(l, lending.id, 'RES_CANCELLED');
    assert.ok((await summaries(l, lending.id)).includes('in Cancel'));
    await inState(b, borrowing.id, 'REQ_CANCELLED');
    assert.equal((await b.api.get(`/resource-sharing/requests/${stillWanted.id}`)).body.state, 'REQ_SENT_TO_SUPPLIER');
    const steps = (await auditActions(b, borrowing.id)).filter((r) => r.action === 'neededBeforeExpiredWithSupplier');
    assert.equal(steps.length, 1);
  });

  it('needed-before passed before any supplier took it: cancelled locally', async () => {
    const { Loner: lone } = net.libraries;
    const created = await borrow(lone, 'Nobody has it', { neededBefore: yesterday() });
    await inState(lone, created.id, 'REQ_END_OF_ROTA');
    const run = await timer(lone, 'needed-before');
    assert.equal(run.done, 1, JSON.stringify(run));
    await inState(lone, created.id, 'REQ_CANCELLED');
  });

  it('runs once across instances: while the job holds its lock a second call does nothing', async () => {
    const { Lender: l, Borrower: b } = net.libraries;
    const late = await loan(b, l, 'Locked out', PAST_DUE);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const holding = new Promise<void>((r) => (started = r));
    const holder = runExclusive(net.mod.db, l.tenant, 'overdue', async () => {
      started();
      await gate;
    });
    await holding;
    const blocked = await timer(l, 'overdue');
    release();
    await holder;
    assert.equal(blocked.ran, false);
    assert.equal(blocked.done, 0);
    assert.equal((await l.api.get(`/resource-sharing/requests/${late.lending.id}`)).body.state, 'RES_ITEM_SHIPPED');
    const after = await timer(l, 'overdue');
    assert.equal(after.ran, true);
    assert.ok(after.done >= 1, JSON.stringify(after));
    await inState(l, late.lending.id, 'RES_OVERDUE');
  });

  it('two concurrent runs over several overdue loans send exactly one Overdue per loan', async function () {
    const { Lender: l, Borrower: b } = net.libraries;
    const loans = [];
    for (let i = 0; i < 4; i++) loans.push(await loan(b, l, `Concurrent ${i}`, PAST_DUE));
    const runs = await Promise.all([timer(l, 'overdue'), timer(l, 'overdue'), timer(l, 'overdue')]);
    assert.ok(runs.reduce((n, r) => n + r.done, 0) >= loans.length, JSON.stringify(runs));
    for (const { lending, borrowing } of loans) {
      await inState(b, borrowing.id, 'REQ_OVERDUE');
      const out = (await summaries(l, lending.id)).filter((s) => s.startsWith('out StatusChange: Overdue'));
      assert.equal(out.length, 1);
      const received = await eventually(async () => {
        const got = (await summaries(b, borrowing.id)).filter((s) => s.startsWith('in StatusChange: Overdue'));
        return got.length ? got : undefined;
      }, 'the Overdue message at the borrower');
      assert.equal(received.length, 1);
    }
  });
});
