// Flow 10: staff of both libraries write to each other on a request. Each side counts the unread
// messages per request and flags the request; marking them read clears the count and the flag.
import assert from 'node:assert/strict';
import { act, eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { borrow, conversation, getRequest, staffActions, tryAction } from './flow-support.ts';

describe('flow: messages between the staff of both sides', () => {
  let net: Network;
  let a: Library;
  let b: Library;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha', version: '2021' }, { name: 'Beta' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
  });
  after(() => net.close());

  async function unreadIs(lib: Library, id: string, n: number): Promise<Record<string, any>> {
    return eventually(async () => {
      const r = await getRequest(lib, id);
      return r.unreadMessages === n ? r : undefined;
    }, `${lib.name} request ${id} to have ${n} unread messages`);
  }

  it('messages travel both ways, are counted unread per request, and marking them read clears the flag', async () => {
    const one = await borrow(a, { title: 'Talked about' });
    const two = await borrow(a, { title: 'Quiet request' });
    const lendOne = await lendingRequestFor(b, one.hrid);
    const lendTwo = await lendingRequestFor(b, two.hrid);
    for (const [borrowing, lending] of [[one, lendOne], [two, lendTwo]]) {
      await act(b, lending.id, 'willSupply');
      await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    }
    assert.equal((await getRequest(b, lendOne.id)).needsAttention, false);

    // Borrower → lender.
    assert.ok((await staffActions(a, one.id)).includes('sendMessage'));
    const text = 'Could you send it by courier? Patron’s exam is on 3 <March> & we’d pay';
    const sent = await act(a, one.id, 'sendMessage', { note: text });
    assert.equal(sent.state, 'REQ_EXPECTS_TO_SUPPLY', 'a message changes no state');
    const flagged = await unreadIs(b, lendOne.id, 1);
    assert.equal(flagged.needsAttention, true);
    assert.ok(flagged.attention.includes('unreadMessage'));
    assert.equal(flagged.state, 'RES_NEW_AWAIT_PULL_SLIP');
    const lenderView = await conversation(b, lendOne.id);
    assert.equal(lenderView.unread, 1);
    const got = lenderView.messages.find((m) => !m.read);
    assert.equal(got?.note, text, 'the text arrives exactly as written');
    assert.equal(got?.summary, 'Notification');
    // Only the request the message was about is flagged.
    const other = await getRequest(b, lendTwo.id);
    assert.equal(other.unreadMessages ?? 0, 0);
    assert.equal(other.needsAttention, false);
    // The sender's own message is not unread for the sender.
    assert.equal((await conversation(a, one.id)).unread, 0);

    // A second message adds to the count.
    await act(a, one.id, 'sendMessage', { note: 'Any news?' });
    await unreadIs(b, lendOne.id, 2);
    assert.equal((await conversation(b, lendOne.id)).unread, 2);

    // Lender → borrower.
    await act(b, lendOne.id, 'sendMessage', { note: 'Yes, courier tomorrow' });
    const atBorrower = await unreadIs(a, one.id, 1);
    assert.equal(atBorrower.needsAttention, true);
    const reply = (await conversation(a, one.id)).messages.find((m) => m.direction === 'in' && !m.read);
    assert.equal(reply?.note, 'Yes, courier tomorrow');
    assert.equal((await getRequest(a, two.id)).unreadMessages ?? 0, 0);

    // Marking read clears the count and, where the state needs nothing else, the flag.
    const read = await act(b, lendOne.id, 'markMessagesRead');
    assert.equal(read.unreadMessages, 0);
    assert.equal(read.needsAttention, false);
    assert.ok(!(read.attention ?? []).includes('unreadMessage'));
    const afterRead = await conversation(b, lendOne.id);
    assert.equal(afterRead.unread, 0);
    assert.ok(afterRead.messages.every((m) => m.read));
    assert.equal(read.state, 'RES_NEW_AWAIT_PULL_SLIP');

    const readA = await act(a, one.id, 'markMessagesRead');
    assert.equal(readA.unreadMessages, 0);
    assert.equal(readA.needsAttention, false);

    // Both conversations show the whole exchange in order.
    const story = (await conversation(a, one.id)).messages
      .filter((m) => m.summary.startsWith('Notification'))
      .map((m) => `${m.direction} ${m.note}`);
    assert.deepEqual(story, [`out ${text}`, 'out Any news?', 'in Yes, courier tomorrow']);
  });

  it('marking read keeps a flag the state itself raises', async () => {
    const borrowing = await borrow(a, { title: 'New at the lender' });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(a, borrowing.id, 'sendMessage', { note: 'Hello' });
    await unreadIs(b, lending.id, 1);
    const read = await act(b, lending.id, 'markMessagesRead');
    assert.equal(read.unreadMessages, 0);
    assert.equal(read.state, 'RES_IDLE');
    assert.equal(read.needsAttention, true, 'a new request still waits for an answer');
  });

  it('a message needs text, and staff can still write to the partner after the request is finished', async () => {
    const borrowing = await borrow(a, { title: 'Finished talking' });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    const empty = await tryAction(a, borrowing.id, 'sendMessage', {});
    assert.equal(empty.status, 422);
    await act(a, borrowing.id, 'cancelWithSupplier');
    await inState(a, borrowing.id, 'REQ_CANCELLED');
    const after = await act(a, borrowing.id, 'sendMessage', { note: 'Sorry, the patron no longer needs it' });
    assert.equal(after.state, 'REQ_CANCELLED', 'a message changes no state, also in a final one');
    await unreadIs(b, lending.id, 1);
    const read = await act(b, lending.id, 'markMessagesRead');
    assert.equal(read.unreadMessages, 0);
  });
});
