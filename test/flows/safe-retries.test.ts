// Writes a client may safely send again (issue 13 item 5): a create retried with the same
// Idempotency-Key (or the same client-chosen id) answers the request the first call made, and an
// action sent without `_version` that loses a race to another change is not answered 409 (that is
// for a stale `_version` the client sent).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { hostStepFor, registerHostStep } from '../../mod-resource-sharing/src/workflow/host-steps.ts';
import { borrow } from './flow-support.ts';
import { act, inState, lendingRequestFor, startNetwork, type Network } from '../support/library-network.ts';

describe('safe retries', () => {
  let net: Network;
  before(async () => {
    net = await startNetwork([{ name: 'Borrower' }, { name: 'Lender' }]);
  });
  after(() => net.close());

  const body = (title: string) => ({ citation: { title, author: 'Retry, Rita' }, patron: { id: 'p-retry', name: 'Rita Retry' } });
  const count = async (title: string) =>
    (await net.libraries.Borrower.api.get(`/resource-sharing/requests?query=${encodeURIComponent(`title=="${title}"`)}`)).body.totalRecords;

  it('a create retried with the same Idempotency-Key answers the same request and creates no second one', async () => {
    const api = net.libraries.Borrower.api;
    const key = `create-${randomUUID()}`;
    const first = await api.post('/resource-sharing/requests', body('Idempotent once'), { 'idempotency-key': key });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const again = await api.post('/resource-sharing/requests', body('Idempotent once'), { 'idempotency-key': key });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.id, first.body.id);
    assert.equal(again.body.hrid, first.body.hrid);
    assert.equal(again.headers.get('location'), `/resource-sharing/requests/${first.body.id}`);
    assert.equal(await count('Idempotent once'), 1);
  });

  it('the same key sent several times at once still makes one request, and every copy is answered with it', async () => {
    const api = net.libraries.Borrower.api;
    // several bursts: a copy may look for its twin before the twin commits and meet it, committed,
    // in the duplicate check (the same patron and title) a moment later; it is still a replay
    for (let round = 0; round < 4; round++) {
      const key = `burst-${randomUUID()}`;
      const title = `Idempotent burst ${round}`;
      const answers = await Promise.all(Array.from({ length: 12 }, () => api.post('/resource-sharing/requests', body(title), { 'idempotency-key': key })));
      assert.deepEqual(
        answers.map((a) => a.status).sort(),
        [...Array(11).fill(200), 201],
        JSON.stringify(answers.filter((a) => a.status !== 200 && a.status !== 201).map((a) => a.body)),
      );
      assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
      assert.equal(await count(title), 1);
    }
  });

  it('the same key with a different body is refused with 422 naming the key', async () => {
    const api = net.libraries.Borrower.api;
    const key = `reuse-${randomUUID()}`;
    assert.equal((await api.post('/resource-sharing/requests', body('Key first use'), { 'idempotency-key': key })).status, 201);
    const other = await api.post('/resource-sharing/requests', body('Key second use'), { 'idempotency-key': key });
    assert.equal(other.status, 422);
    assert.equal(other.body.errors[0].code, 'request.idempotencyKeyReused');
    assert.deepEqual(other.body.errors[0].parameters, [{ key: 'Idempotency-Key', value: key }]);
    assert.equal(await count('Key second use'), 0);
  });

  it('a create retried with the same client-chosen id answers the same request; another body with that id is a 422', async () => {
    const api = net.libraries.Borrower.api;
    const id = randomUUID();
    const first = await api.post('/resource-sharing/requests', { id, ...body('Chosen id') });
    assert.equal(first.status, 201);
    // the same fields in another order are the same create
    const again = await api.post('/resource-sharing/requests', { patron: body('Chosen id').patron, citation: body('Chosen id').citation, id });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, id);
    const different = await api.post('/resource-sharing/requests', { id, ...body('Chosen id, other book') });
    assert.equal(different.status, 422);
    assert.equal(different.body.errors[0].code, 'request.idExists');
    assert.equal(await count('Chosen id'), 1);
  });

  it('a malformed Idempotency-Key is a 400', async () => {
    const res = await net.libraries.Borrower.api.post('/resource-sharing/requests', body('Bad key'), { 'idempotency-key': 'x'.repeat(300) });
    assert.equal(res.status, 400);
    assert.equal(await count('Bad key'), 0);
  });

  describe('an action that loses a race', () => {
    const original = hostStepFor('markShipped');
    const SHIP = { itemBarcode: 'B-RACE-1', dueDate: '2031-02-01T12:00:00Z' };
    afterEach(() => registerHostStep('markShipped', original!));

    /** A lending request ready to ship; while markShipped's host step runs, staff save the request. */
    async function raceWhileShipping(): Promise<string> {
      const { Borrower, Lender } = net.libraries;
      const borrowing = await borrow(Borrower);
      const lending = await lendingRequestFor(Lender, borrowing.hrid);
      await act(Lender, lending.id, 'willSupply');
      await act(Lender, lending.id, 'printPullSlip');
      registerHostStep('markShipped', {
        ...original,
        async before(ctx) {
          const current = (await Lender.api.get(`/resource-sharing/requests/${ctx.request.id}`)).body;
          const saved = await Lender.api.put(`/resource-sharing/requests/${ctx.request.id}`, { ...current, citation: { ...current.citation, pages: '1-10' } });
          assert.equal(saved.status, 204, JSON.stringify(saved.body));
          return original?.before?.(ctx);
        },
      });
      return lending.id;
    }

    it('sent without _version, it is done anyway when the state did not change meanwhile (no 409)', async () => {
      const { Lender } = net.libraries;
      const id = await raceWhileShipping();
      const res = await Lender.api.post(`/resource-sharing/requests/${id}/actions/markShipped`, { parameters: SHIP });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.citation.pages, '1-10', "staff's edit is kept");
      await inState(Lender, id, res.body.state);
      assert.match(res.body.state, /SHIPPED/);
    });

    it('sent with the _version the client read, a change meanwhile is a 409', async () => {
      const { Lender } = net.libraries;
      const id = await raceWhileShipping();
      const read = (await Lender.api.get(`/resource-sharing/requests/${id}`)).body;
      const res = await Lender.api.post(`/resource-sharing/requests/${id}/actions/markShipped`, { parameters: SHIP, _version: read._version });
      assert.equal(res.status, 409, JSON.stringify(res.body));
    });
  });
});
