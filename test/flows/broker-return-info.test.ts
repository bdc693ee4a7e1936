// returnInfo in Loaned is the return address, from a broker or from any supplier that sends it.
import assert from 'node:assert/strict';
import { act, inState, lendingRequestFor, startNetwork, type Network } from '../support/library-network.ts';
import { agency, borrow, history, postIso } from './flow-support.ts';

describe('flow: returnInfo in Loaned becomes the return address (peer to peer too)', () => {
  let net: Network;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta' }]);
  });
  after(() => net.close());

  it('stores the address on the request and keeps the supplier’s note for staff', async () => {
    const [a, b] = [net.libraries.Alpha, net.libraries.Beta];
    const borrowing = await borrow(a, { title: 'Return it elsewhere' });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    // Beta's system (another product) ships and names its central return depot.
    const res = await postIso(a, {
      kind: 'supplyingAgencyMessage',
      header: {
        supplyingAgencyId: agency(b.symbol),
        requestingAgencyId: agency(a.symbol),
        timestamp: new Date(),
        requestingAgencyRequestId: borrowing.hrid,
        supplyingAgencyRequestId: lending.hrid,
      },
      messageInfo: { reasonForMessage: 'StatusChange', note: 'Please return to the depot' },
      statusInfo: { status: 'Loaned', lastChange: new Date(), dueDate: new Date('2031-05-01T12:00:00Z') },
      deliveryInfo: { dateSent: new Date(), itemId: 'BETA-9' },
      returnInfo: {
        returnAgencyId: agency('ISIL:DEPOT'),
        name: 'Beta return depot',
        physicalAddress: { line1: '9 Depot Street', locality: 'Betaville', postalCode: '9000', country: { value: 'DK' } },
      },
    });
    assert.equal(res.status, 200, res.xml);
    assert.match(res.xml, /messageStatus>OK</);
    const shipped = await inState(a, borrowing.id, 'REQ_SHIPPED');
    assert.deepEqual(shipped.returnAddress, {
      agencyId: 'ISIL:DEPOT',
      name: 'Beta return depot',
      line1: '9 Depot Street',
      locality: 'Betaville',
      postalCode: '9000',
      country: 'DK',
    });
    assert.equal(shipped.broker, undefined);
    const audit = await history(a, borrowing.id);
    assert.match(audit.find((r) => r.toState === 'REQ_SHIPPED')?.message ?? '', /Please return to the depot/);
  });
});
