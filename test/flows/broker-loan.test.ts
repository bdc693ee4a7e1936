// Broker mode, both ways of showing the parties: Alpha borrows through the consortium's broker,
// which picks Southbank, Northgate or Eastbrook (a loan; unfilled then filled; end of rota).
import assert from 'node:assert/strict';
import { startConsortium, type Consortium } from '../broker/broker-network.ts';
import { act, eventually, inState, lendingRequestFor } from '../support/library-network.ts';
import { borrow, conversation, getRequest, history, messageArrives } from './flow-support.ts';

for (const mode of ['opaque', 'transparent'] as const) {
  describe(`flow: borrowing and lending through a broker (${mode})`, () => {
    let c: Consortium;
    before(async () => {
      c = await startConsortium(mode, { vendor: 'ReShare' });
    });
    after(() => c.close());

    it('a loan: the broker is the rota, its choice of supplier is shown, the lender knows the real borrower, returnInfo is the return address', async () => {
      const southbank = c.lender('Southbank');
      c.broker.setHolders(() => [southbank.symbol]);
      const borrowing = await borrow(c.alpha, { title: `Brokered loan ${mode}` });
      assert.equal(borrowing.rota.length, 1, JSON.stringify(borrowing.rota));
      assert.equal(borrowing.rota[0].symbol, 'ISIL:BROKER');
      assert.match(borrowing.rota[0].reason, /through the broker ISIL:BROKER/);
      assert.equal(borrowing.supplierSymbol, 'ISIL:BROKER');

      const chosen = await eventually(async () => {
        const r = await getRequest(c.alpha, borrowing.id);
        return r.brokerSupplier ? r : undefined;
      }, 'the broker to name its supplier');
      assert.deepEqual(chosen.brokerSupplier, { symbol: southbank.symbol, name: 'Southbank library' });
      assert.deepEqual(chosen.broker, { symbol: 'ISIL:BROKER', mode });
      assert.equal(chosen.rota[0].brokerSuppliers[0].symbol, southbank.symbol);
      assert.equal(chosen.rota[0].brokerSuppliers[0].outcome, 'sent');

      // The lender: a lending request from the right borrower; answers go back to the broker.
      const lending = await lendingRequestFor(southbank, borrowing.hrid);
      assert.equal(lending.requesterSymbol, mode === 'opaque' ? 'ISIL:BROKER' : c.alpha.symbol);
      assert.deepEqual(lending.borrower, { symbol: c.alpha.symbol, name: 'Alpha library' });
      assert.deepEqual(lending.broker, { symbol: 'ISIL:BROKER', mode });
      await act(southbank, lending.id, 'willSupply', { note: 'On the shelf' });
      await inState(c.alpha, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
      const fromLender = c.broker.log.find((m) => m.direction === 'in' && m.kind === 'supplyingAgencyMessage' && m.peer === southbank.symbol);
      assert.ok(fromLender, 'Southbank answered the broker, not Alpha');

      // Staff read the supplier's note without the broker's prefixes, attributed to the supplier.
      const said = await messageArrives(c.alpha, borrowing.id, (m) => m.summary.includes('WillSupply'), 'WillSupply through the broker');
      assert.equal(said.note, 'On the shelf');
      assert.equal((said as { party?: string }).party, southbank.symbol);
      assert.equal((said as { via?: string }).via, 'ISIL:BROKER');
      if (mode === 'opaque') {
        const wire = c.broker.log.find((m) => m.direction === 'out' && m.peer === c.alpha.symbol && m.what === 'WillSupply');
        assert.match(wire?.note ?? '', /^Supplier: ISIL:SOUTHBANK-\w+, Vendor: ReShare, On the shelf$/i, 'the broker prefixed the note');
        assert.equal(wire?.headerSupplier, 'ISIL:BROKER');
      } else {
        const wire = c.broker.log.find((m) => m.direction === 'out' && m.peer === c.alpha.symbol && m.what === 'WillSupply');
        assert.equal(wire?.headerSupplier?.toUpperCase(), southbank.symbol.toUpperCase());
      }

      await act(southbank, lending.id, 'printPullSlip');
      await act(southbank, lending.id, 'markShipped', { itemBarcode: 'SB-1', dueDate: '2031-02-01T12:00:00Z' });
      const shipped = await inState(c.alpha, borrowing.id, 'REQ_SHIPPED');
      assert.equal(shipped.itemBarcode, 'SB-1');
      assert.deepEqual({ ...shipped.returnAddress, agencyId: shipped.returnAddress.agencyId.toUpperCase() }, {
        agencyId: southbank.symbol.toUpperCase(),
        name: 'Southbank library',
        line1: '12 River Walk',
        locality: 'Southbank',
        postalCode: '2000',
        country: 'DK',
      });
      assert.equal(shipped.rota[0].outcome, 'supplied');
      assert.equal(shipped.rota[0].brokerSuppliers[0].outcome, 'supplied');

      // The UI reads the same through GraphQL.
      const gql = await c.alpha.api.post('/resource-sharing/graphql', {
        query: `query ($id: ID!) { request(id: $id) {
          broker { symbol mode } brokerSupplier { symbol name } returnAddress { name line1 }
          rota { symbol broker brokerSuppliers { symbol outcome reason } }
          messages { direction summary note party via } } }`,
        variables: { id: borrowing.id },
      });
      assert.equal(gql.status, 200, JSON.stringify(gql.body));
      assert.equal(gql.body.errors, undefined, JSON.stringify(gql.body.errors));
      const view = gql.body.data.request;
      assert.deepEqual(view.broker, { symbol: 'ISIL:BROKER', mode });
      assert.equal(view.brokerSupplier.name, 'Southbank library');
      assert.equal(view.returnAddress.line1, '12 River Walk');
      assert.equal(view.rota[0].broker, true);
      assert.equal(view.rota[0].brokerSuppliers[0].outcome, 'supplied');
      const loaned = view.messages.find((m: { summary: string }) => m.summary.includes('Loaned'));
      assert.equal(loaned.party, southbank.symbol);
      assert.equal(loaned.via, 'ISIL:BROKER');

      await act(c.alpha, borrowing.id, 'markReceived');
      await act(c.alpha, borrowing.id, 'patronReturned');
      await act(c.alpha, borrowing.id, 'shipReturn', { note: 'Back by courier' });
      const sent = (await conversation(c.alpha, borrowing.id)).messages.find((m) => m.direction === 'out' && m.summary === 'ShippedReturn');
      assert.equal((sent as { party?: string }).party, southbank.symbol, 'our message is shown as going to Southbank');
      assert.equal((sent as { via?: string }).via, 'ISIL:BROKER');
      await inState(southbank, lending.id, 'RES_ITEM_RETURNED');
      // The lender reads Alpha's note without the broker's Vendor prefix, from Alpha via the broker.
      const back = await messageArrives(southbank, lending.id, (m) => m.summary === 'ShippedReturn', 'ShippedReturn through the broker');
      assert.equal(back.note, 'Back by courier');
      assert.equal((back as { party?: string }).party, c.alpha.symbol);
      assert.equal((back as { via?: string }).via, 'ISIL:BROKER');
      await act(southbank, lending.id, 'markReturned');
      await inState(c.alpha, borrowing.id, 'REQ_REQUEST_COMPLETE');
      await inState(southbank, lending.id, 'RES_COMPLETE');
      // Every message of Alpha's went to the broker; none straight to Southbank.
      const outbox = await c.alpha.api.get(`/resource-sharing/outbox?requestId=${borrowing.id}&limit=100`);
      assert.ok(outbox.body.messages.length >= 2);
      for (const m of outbox.body.messages) assert.equal(m.partnerSymbol ?? 'ISIL:BROKER', 'ISIL:BROKER', JSON.stringify(m));
    });

    it('unfilled then filled: the Unfilled Notification is recorded on the rota and does not end the request', async () => {
      const [southbank, northgate] = [c.lender('Southbank'), c.lender('Northgate')];
      c.broker.setHolders(() => [southbank.symbol, northgate.symbol]);
      const borrowing = await borrow(c.alpha, { title: `Brokered, unfilled first ${mode}` });
      const first = await lendingRequestFor(southbank, borrowing.hrid);
      await act(southbank, first.id, 'cannotSupply', { reason: 'NotHeld', note: 'Not in our catalogue' });

      const second = await lendingRequestFor(northgate, borrowing.hrid);
      const moved = await eventually(async () => {
        const r = await getRequest(c.alpha, borrowing.id);
        return r.brokerSupplier?.symbol === northgate.symbol ? r : undefined;
      }, 'the broker to move on to Northgate');
      assert.equal(moved.state, 'REQ_SENT_TO_SUPPLIER', 'the request stays with the broker');
      const tried = moved.rota[0].brokerSuppliers;
      assert.deepEqual(
        tried.map((t: { symbol: string; outcome: string }) => [t.symbol, t.outcome]),
        [
          [southbank.symbol, 'unfilled'],
          [northgate.symbol, 'sent'],
        ],
      );
      assert.equal(tried[0].reason, 'Southbank library could not supply (NotHeld); the broker is trying the next');
      const audit = await history(c.alpha, borrowing.id);
      assert.ok(!audit.some((r) => r.toState === 'REQ_UNFILLED'), 'no Unfilled state while the broker goes on');
      const noted = audit.find((r) => r.action === 'supplierUnfilledContinuing');
      assert.ok(noted, JSON.stringify(audit.map((r) => r.action)));
      assert.match(noted.message ?? '', /Southbank library could not supply/);
      assert.equal(noted.actor.id, southbank.symbol);
      const unfilledNote = await messageArrives(c.alpha, borrowing.id, (m) => m.summary.includes('Unfilled'), 'the forwarded Unfilled');
      assert.equal(unfilledNote.note, 'Not in our catalogue');
      assert.equal((unfilledNote as { party?: string }).party, southbank.symbol);

      await act(northgate, second.id, 'willSupply');
      await act(northgate, second.id, 'printPullSlip');
      await act(northgate, second.id, 'markShipped', { itemBarcode: 'NG-7', dueDate: '2031-03-01T12:00:00Z' });
      const shipped = await inState(c.alpha, borrowing.id, 'REQ_SHIPPED');
      assert.equal(shipped.brokerSupplier.symbol, northgate.symbol);
      assert.equal(shipped.returnAddress.name, 'Northgate library');
      assert.deepEqual(
        shipped.rota[0].brokerSuppliers.map((t: { outcome: string }) => t.outcome),
        ['unfilled', 'supplied'],
      );
    });

    it('end of rota: only the broker’s final Unfilled ends the request, at the end of the rota for staff', async () => {
      const [southbank, eastbrook] = [c.lender('Southbank'), c.lender('Eastbrook')];
      c.broker.setHolders(() => [southbank.symbol, eastbrook.symbol]);
      const borrowing = await borrow(c.alpha, { title: `Brokered, nobody has it ${mode}` });
      await act(southbank, (await lendingRequestFor(southbank, borrowing.hrid)).id, 'cannotSupply', { reason: 'NotHeld' });
      await act(eastbrook, (await lendingRequestFor(eastbrook, borrowing.hrid)).id, 'cannotSupply', { reason: 'OnLoan' });
      const end = await inState(c.alpha, borrowing.id, 'REQ_END_OF_ROTA');
      assert.equal(end.needsAttention, true);
      assert.equal(end.rota[0].outcome, 'unfilled');
      assert.deepEqual(
        end.rota[0].brokerSuppliers.map((t: { symbol: string; outcome: string }) => [t.symbol, t.outcome]),
        [
          [southbank.symbol, 'unfilled'],
          [eastbrook.symbol, 'unfilled'],
        ],
      );
      assert.equal(end.brokerSupplier, undefined);
      const audit = await history(c.alpha, borrowing.id);
      assert.equal(audit.filter((r) => r.action === 'supplierUnfilledContinuing').length, 2);
      const last = audit.find((r) => r.toState === 'REQ_UNFILLED');
      assert.equal(last?.actor.id, 'ISIL:BROKER', 'the broker ended it');
      const { messages } = await conversation(c.alpha, borrowing.id);
      assert.ok(messages.some((m) => m.note === 'No other supplier in the consortium holds it'), JSON.stringify(messages));
    });
  });
}
