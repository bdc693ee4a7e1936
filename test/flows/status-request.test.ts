// Flow 9: the borrower asks the lender for its status; the lender answers by itself
// (StatusRequestResponse) with the status of where its request is now, and nothing changes.
import assert from 'node:assert/strict';
import { act, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { agency, borrow, conversation, getRequest, messageArrives, postIso, staffActions } from './flow-support.ts';

describe('flow: status request answered with the current status', () => {
  let net: Network;
  let a: Library;
  let b: Library;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta', version: '2021' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
  });
  after(() => net.close());

  async function statusAnswers(lib: Library, id: string): Promise<string[]> {
    return (await conversation(lib, id)).messages
      .filter((m) => m.direction === 'in' && m.summary.startsWith('StatusRequestResponse'))
      .map((m) => m.summary);
  }

  async function askAndWait(borrowingId: string, expected: string | RegExp, count: number): Promise<void> {
    const before = await getRequest(a, borrowingId);
    const after = await act(a, borrowingId, 'requestStatus');
    assert.equal(after.state, before.state, 'asking changes nothing');
    await messageArrives(
      a,
      borrowingId,
      (m) => m.direction === 'in' && m.read && (typeof expected === 'string' ? m.summary === expected : expected.test(m.summary)),
      `answer ${expected}`,
    );
    assert.equal((await statusAnswers(a, borrowingId)).length, count);
  }

  it('staff ask through the API; each answer carries the lender’s status at that moment', async () => {
    const borrowing = await borrow(a, { title: 'Where is my book?' });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    assert.ok((await staffActions(a, borrowing.id)).includes('requestStatus'));

    await askAndWait(borrowing.id, 'StatusRequestResponse: RequestReceived', 1);
    const lenderSide = await getRequest(b, lending.id);
    assert.equal(lenderSide.state, 'RES_IDLE', 'answering changes nothing at the lender');
    assert.ok((await conversation(b, lending.id)).messages.some((m) => m.direction === 'in' && m.summary === 'StatusRequest'));

    await act(b, lending.id, 'willSupply');
    await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    await act(b, lending.id, 'printPullSlip');
    await askAndWait(borrowing.id, 'StatusRequestResponse: WillSupply', 2);

    await act(b, lending.id, 'markShipped', { itemBarcode: 'S-1', dueDate: '2031-08-01T10:00:00Z' });
    await inState(a, borrowing.id, 'REQ_SHIPPED');
    await askAndWait(borrowing.id, /^StatusRequestResponse: Loaned \(due 2031-08-01\)$/, 3);
    const shipped = await getRequest(a, borrowing.id);
    assert.equal(shipped.state, 'REQ_SHIPPED');
    assert.equal(shipped.needsAttention, false, 'a status report needs no attention');
    assert.equal(shipped.unreadMessages, 0);
  });

  it('a StatusRequest posted over HTTP by hand is confirmed at once and answered to the borrower', async () => {
    const borrowing = await borrow(a, { title: 'Asked by hand' });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');

    const res = await postIso(b, {
      kind: 'requestingAgencyMessage',
      header: {
        supplyingAgencyId: agency(b.symbol),
        requestingAgencyId: agency(a.symbol),
        timestamp: new Date(),
        requestingAgencyRequestId: borrowing.hrid,
      },
      action: 'StatusRequest',
    });
    assert.equal(res.status, 200);
    assert.match(res.xml, /requestingAgencyMessageConfirmation/);
    assert.match(res.xml, /<ill:messageStatus>OK<\/ill:messageStatus>/);
    assert.match(res.xml, /<ill:action>StatusRequest<\/ill:action>/);
    assert.match(res.xml, new RegExp(`<ill:requestingAgencyRequestId>${borrowing.hrid}</ill:requestingAgencyRequestId>`));

    await messageArrives(a, borrowing.id, (m) => m.summary === 'StatusRequestResponse: WillSupply', 'the lender’s answer at the borrower');
    assert.equal((await getRequest(a, borrowing.id)).state, 'REQ_EXPECTS_TO_SUPPLY');
    assert.equal((await getRequest(b, lending.id)).state, 'RES_NEW_AWAIT_PULL_SLIP');

    // A status request for a request the lender does not know is an error, in the same response.
    const unknown = await postIso(b, {
      kind: 'requestingAgencyMessage',
      header: {
        supplyingAgencyId: agency(b.symbol),
        requestingAgencyId: agency(a.symbol),
        timestamp: new Date(),
        requestingAgencyRequestId: 'NO-SUCH-REQUEST',
      },
      action: 'StatusRequest',
    });
    assert.equal(unknown.status, 200);
    assert.match(unknown.xml, /<ill:messageStatus>ERROR<\/ill:messageStatus>/);
    assert.match(unknown.xml, /UnrecognisedDataValue/);
  });
});
