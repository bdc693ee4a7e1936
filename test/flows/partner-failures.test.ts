// Flow 11: what a real partner does to us, against a scripted ISO 18626 peer (test/support/iso-peer.ts)
// placed first in the borrower's rota, with a second library (Beta) behind it. A supplier that
// refuses our request (ERROR confirmation, HTTP 400 with a non-XML body) is passed over at once; one
// that fails temporarily (HTTP 500, no answer) is retried for the library's short budget for new
// requests and then passed over; each rota entry says why. Staff can always skip a supplier that is
// not answering; a cancel never waits behind a request that will never be delivered; a message to a
// partner in a maintenance window is retried for hours, flagging the request after the threshold.
import assert from 'node:assert/strict';
import { configureOutbox, drainOutbox } from '../../mod-resource-sharing/src/outbox/index.ts';
import { act, eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { addPeerToDirectory, startPeer, type ScriptedPeer } from '../support/iso-peer.ts';
import { borrow, conversation, getRequest, history, staffActions, tryAction } from './flow-support.ts';

const MINUTE = 60_000;

interface OutboxRow {
  status: string;
  attempts: number;
  lastError?: string;
  partnerSymbol: string;
  body: string;
  nextAttemptAt: string;
}

async function outboxOf(lib: Library, requestId: string): Promise<OutboxRow[]> {
  const res = await lib.api.get(`/resource-sharing/outbox?requestId=${requestId}&limit=100`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.messages;
}

/** Waits until the request's first message to `partner` has been tried and is waiting for its next try. */
async function waitingForRetry(lib: Library, requestId: string, partner: string): Promise<OutboxRow> {
  return eventually(async () => {
    const rows = await outboxOf(lib, requestId);
    return rows.find((r) => r.partnerSymbol === partner && r.status === 'pending' && r.attempts >= 1);
  }, `${lib.name}: a message of ${requestId} to ${partner} waiting for its next try`);
}

describe('flow: a partner that refuses, fails or never answers', function () {
  this.timeout(30_000);
  let net: Network;
  let a: Library;
  let b: Library;
  let peer: ScriptedPeer;

  before(async () => {
    configureOutbox({ timeoutMs: 400 });
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
    peer = await startPeer({ name: 'Peer', symbol: `ISIL:PEER-${a.tenant.slice(-4)}` });
    await addPeerToDirectory(a, peer);
    // The scripted peer is asked first, Beta after it.
    const s = await a.api.put('/resource-sharing/settings', { preferredSymbols: [peer.symbol] });
    assert.equal(s.status, 200, JSON.stringify(s.body));
  });
  beforeEach(() => {
    peer.script = () => ({ type: 'ok' });
  });
  after(async () => {
    configureOutbox();
    await peer.close();
    await net.close();
  });

  /** Alpha's request after it has moved on from the peer to Beta, and Beta's lending request. */
  async function movedOnToBeta(id: string): Promise<Record<string, any>> {
    const moved = await eventually(async () => {
      const r = await getRequest(a, id);
      return r.state === 'REQ_SENT_TO_SUPPLIER' && r.supplierSymbol === b.symbol ? r : undefined;
    }, 'the request to move on to Beta');
    await lendingRequestFor(b, moved.hrid);
    return moved;
  }

  it('an ERROR confirmation to our request: the request moves on to the next lender at once, the rota entry says why', async () => {
    peer.script = (m) =>
      m?.kind === 'request' ? { type: 'error', errorType: 'UnrecognisedDataValue', errorValue: 'bibliographicInfo: we do not lend microfiche' } : { type: 'ok' };
    const req = await borrow(a, { title: 'Refused by the peer', state: 'REQ_SENT_TO_SUPPLIER' });
    const moved = await movedOnToBeta(req.id);
    assert.equal(peer.ofKind('request').length, 1, 'a refusal is not retried');
    const [first, second] = moved.rota;
    assert.equal(first.symbol, peer.symbol);
    assert.equal(first.outcome, 'notDelivered');
    assert.match(first.outcomeReason, /^refused our request: UnrecognisedDataValue: bibliographicInfo: we do not lend microfiche/);
    assert.equal(second.symbol, b.symbol);
    assert.equal(second.outcome, 'sent');
    const audit = await history(a, req.id);
    const step = audit.find((e) => e.action === 'requestNotDelivered');
    assert.ok(step, 'the history names the step');
    assert.equal(step.toState, 'REQ_UNFILLED');
    assert.equal(step.actor.id, 'outbox');
    assert.equal(moved.needsAttention, false, 'nothing for staff to do: the next lender has it');
  });

  it('HTTP 400 with a non-XML body is a refusal too: no retries, on to the next lender', async () => {
    peer.script = (m) => (m?.kind === 'request' ? { type: 'http', status: 400, body: 'Bad Request: unexpected element' } : { type: 'ok' });
    const before = peer.ofKind('request').length;
    const req = await borrow(a, { title: 'Refused with a 400', state: 'REQ_SENT_TO_SUPPLIER' });
    const moved = await movedOnToBeta(req.id);
    assert.equal(peer.ofKind('request').length - before, 1);
    assert.match(moved.rota[0].outcomeReason, /refused our request: partner refused it with HTTP 400: Bad Request: unexpected element/);
    const [refused] = (await outboxOf(a, req.id)).filter((r) => r.partnerSymbol === peer.symbol);
    assert.equal(refused.status, 'failed');
    assert.equal(refused.attempts, 1);
  });

  for (const failure of ['HTTP 500', 'no answer'] as const) {
    it(`${failure}: our request is retried for the library's budget for new requests (10 min by default), then the request moves on`, async () => {
      peer.script = (m) =>
        m?.kind !== 'request' ? { type: 'ok' } : failure === 'HTTP 500' ? { type: 'http', status: 500, body: '<html>Internal Server Error</html>', contentType: 'text/html' } : { type: 'hang' };
      const before = peer.ofKind('request').length;
      const req = await borrow(a, { title: `Peer fails: ${failure}`, state: 'REQ_SENT_TO_SUPPLIER' });
      const row = await waitingForRetry(a, req.id, peer.symbol);
      assert.match(row.lastError ?? '', failure === 'HTTP 500' ? /HTTP 500/ : /no answer within/);
      assert.equal((await getRequest(a, req.id)).supplierSymbol, peer.symbol, 'still with the peer while the budget lasts');

      // Five minutes on: still trying.
      await drainOutbox(net.mod.db, a.tenant, { now: new Date(Date.now() + 5 * MINUTE) });
      assert.equal((await getRequest(a, req.id)).supplierSymbol, peer.symbol);
      // Past ten minutes: passed over.
      await drainOutbox(net.mod.db, a.tenant, { now: new Date(Date.now() + 11 * MINUTE) });
      const moved = await movedOnToBeta(req.id);
      assert.equal(peer.ofKind('request').length - before, 3, 'tried three times: at once, after five minutes, at the end');
      assert.match(moved.rota[0].outcomeReason, failure === 'HTTP 500' ? /^not reachable: gave up after 3 attempts over 1[01] min; last: HTTP 500/ : /^not reachable: .*no answer within 0.4 s/);
    });
  }

  it('a cancel while our request cannot be delivered is done at once: the request is withdrawn, nothing goes to the peer', async () => {
    peer.script = (m) => (m?.kind === 'request' ? { type: 'http', status: 503, body: 'down for maintenance' } : { type: 'ok' });
    const before = peer.received.length;
    const req = await borrow(a, { title: 'Cancelled while the peer is down', state: 'REQ_SENT_TO_SUPPLIER' });
    await waitingForRetry(a, req.id, peer.symbol);
    const cancelled = await act(a, req.id, 'cancelWithSupplier', { reason: 'patron found it elsewhere' });
    assert.equal(cancelled.state, 'REQ_CANCELLED', 'no supplier to wait for');
    const rows = (await outboxOf(a, req.id)).filter((r) => r.partnerSymbol === peer.symbol);
    assert.deepEqual(rows.map((r) => r.status), ['failed']);
    assert.match(rows[0].lastError ?? '', /^withdrawn: cancelled before the request reached the partner/);
    await drainOutbox(net.mod.db, a.tenant, { now: new Date(Date.now() + 20 * MINUTE) });
    assert.equal(peer.received.length - before, 1, 'only the one failed attempt of the request reached the peer');
    const talk = (await conversation(a, req.id)).messages.map((m) => m.summary);
    assert.ok(talk.some((s) => /Cancel not sent: our request never reached/.test(s)), talk.join(' | '));
  });

  it('a cancel never waits behind a message that was refused', async () => {
    // The peer takes the request, then refuses our Notification; the later Cancel still goes out.
    peer.script = (m) =>
      m?.kind === 'requestingAgencyMessage' && m.action === 'Notification'
        ? { type: 'error', errorType: 'UnsupportedActionType', errorValue: 'Notification' }
        : { type: 'ok' };
    const req = await borrow(a, { title: 'Notification refused' });
    await peer.waitFor('request', peer.ofKind('request').length);
    await act(a, req.id, 'sendMessage', { note: 'Any news?' });
    const flagged = await eventually(async () => {
      const r = await getRequest(a, req.id);
      return r.attention?.includes('deliveryFailed') ? r : undefined;
    }, 'the refused notification to flag the request');
    assert.match(flagged.lastError, /UnsupportedActionType/);
    const cancels = peer.ofKind('requestingAgencyMessage').filter((m) => m.action === 'Cancel').length;
    await act(a, req.id, 'cancelWithSupplier', { reason: 'no longer needed' });
    await eventually(async () => (peer.ofKind('requestingAgencyMessage').filter((m) => m.action === 'Cancel').length > cancels ? true : undefined), 'the Cancel to reach the peer');
    const answer = await peer.supplierMessage(a, req.hrid, { reason: 'CancelResponse', status: 'Cancelled', answerYesNo: 'Y' });
    assert.equal(answer.ok, true, answer.xml);
    await inState(a, req.id, 'REQ_CANCELLED');
  });

  it('staff can skip a supplier that took the request and never answers; the supplier is asked to cancel', async () => {
    const req = await borrow(a, { title: 'Peer goes silent' });
    await peer.waitFor('request', peer.ofKind('request').length);
    assert.ok((await staffActions(a, req.id)).includes('skipSupplier'));
    const cancels = peer.ofKind('requestingAgencyMessage').filter((m) => m.action === 'Cancel').length;
    await act(a, req.id, 'skipSupplier', { reason: 'no answer for a week' });
    const moved = await movedOnToBeta(req.id);
    assert.equal(moved.rota[0].outcome, 'skipped');
    assert.equal(moved.rota[0].outcomeReason, 'skipped by staff: no answer for a week');
    await eventually(async () => (peer.ofKind('requestingAgencyMessage').filter((m) => m.action === 'Cancel').length > cancels ? true : undefined), 'the Cancel to reach the peer');
    // A late answer from the skipped supplier is kept, not applied.
    const late = await peer.supplierMessage(a, req.hrid, { reason: 'RequestResponse', status: 'WillSupply' });
    assert.equal(late.ok, true, late.xml);
    assert.equal((await getRequest(a, req.id)).supplierSymbol, b.symbol);
  });

  it('a supplier that never answers our cancel: staff record the answer by hand', async () => {
    const req = await borrow(a, { title: 'Cancel never answered' });
    await peer.waitFor('request', peer.ofKind('request').length);
    await act(a, req.id, 'cancelWithSupplier', { reason: 'patron left' });
    await inState(a, req.id, 'REQ_CANCEL_PENDING');
    assert.ok((await staffActions(a, req.id)).includes('recordCancelAnswer'));
    const no = await act(a, req.id, 'recordCancelAnswer', { answer: 'no', note: 'they phoned: already on its way' });
    assert.equal(no.state, 'REQ_SENT_TO_SUPPLIER', 'back to where it was');
    await act(a, req.id, 'cancelWithSupplier', { reason: 'patron left' });
    const yes = await act(a, req.id, 'recordCancelAnswer', { answer: 'yes', note: 'by e-mail' });
    assert.equal(yes.state, 'REQ_CANCELLED');
  });

  it('a partner in a maintenance window: messages are retried for hours, the request is flagged after an hour with the next try, and the flag goes when it gets through', async () => {
    const req = await borrow(a, { title: 'Peer in maintenance' });
    await peer.waitFor('request', peer.ofKind('request').length);
    let down = true;
    peer.script = (m) => (down && m?.kind === 'requestingAgencyMessage' ? { type: 'http', status: 502, body: 'Bad Gateway' } : { type: 'ok' });
    await act(a, req.id, 'requestStatus');
    await waitingForRetry(a, req.id, peer.symbol);
    assert.equal((await getRequest(a, req.id)).needsAttention, false, 'a short outage does not bother staff');

    await drainOutbox(net.mod.db, a.tenant, { now: new Date(Date.now() + 30 * MINUTE) });
    assert.equal((await getRequest(a, req.id)).needsAttention, false);
    await drainOutbox(net.mod.db, a.tenant, { now: new Date(Date.now() + 61 * MINUTE) });
    const flagged = await getRequest(a, req.id);
    assert.equal(flagged.state, 'REQ_SENT_TO_SUPPLIER', 'the request stays where it is');
    assert.deepEqual(flagged.attention, ['deliveryDelayed']);
    assert.equal(flagged.needsAttention, true);
    assert.match(flagged.lastError, new RegExp(`^Message to ${peer.symbol} not delivered for 1 h 1 min \\(HTTP 502: Bad Gateway\\); next try 20\\d\\d-.*, trying until 20`));
    const waiting = (await conversation(a, req.id) as any).waiting;
    assert.equal(waiting?.length, 1, 'the conversation shows the message waiting');
    assert.equal(waiting[0].partnerSymbol, peer.symbol);
    assert.ok(Date.parse(waiting[0].nextAttemptAt) > Date.now());
    const unreachable = await a.api.get('/resource-sharing/outbox/partners?minutes=0');
    assert.equal(unreachable.status, 200, JSON.stringify(unreachable.body));
    assert.ok(unreachable.body.partners.some((p: { symbol: string }) => p.symbol === peer.symbol.toUpperCase()), JSON.stringify(unreachable.body));

    // The directory shows the partner as unreachable once its oldest waiting message is older than the threshold.
    const entryOf = async () =>
      (await a.api.get(`/resource-sharing/directory/entries?query=${encodeURIComponent(`symbols="${peer.symbol}"`)}`)).body.entries[0];
    assert.equal((await entryOf()).reachability, undefined, 'written seconds ago (by the real clock): not yet');
    await net.mod.db.query(`UPDATE ${a.tenant}_mod_resource_sharing.outbox SET created_date = now() - interval '2 hours' WHERE request_id = $1 AND status = 'pending'`, [req.id]);
    const shown = await entryOf();
    assert.match(shown.reachability?.lastError ?? '', /HTTP 502/);
    assert.ok(Date.parse(shown.reachability.unreachableSince) < Date.now() - 60 * MINUTE);
    const { reachability: _r, metadata: _m, ...rest } = shown;
    const put = await a.api.put(`/resource-sharing/directory/entries/${shown.id}`, { ...shown });
    assert.equal(put.status, 204, `the entry can be written back as read: ${JSON.stringify(put.body)}`);
    assert.equal((await a.api.get(`/resource-sharing/directory/entries/${rest.id}`)).body.reachability?.waiting, 1, 'not stored: still derived');

    // Six hours later the partner is back: delivered, the flag goes.
    down = false;
    await drainOutbox(net.mod.db, a.tenant, { now: new Date(Date.now() + 6 * 60 * MINUTE) });
    const back = await getRequest(a, req.id);
    assert.deepEqual(back.attention, []);
    assert.equal(back.needsAttention, false);
    assert.equal(back.lastError, undefined);
    assert.ok((await history(a, req.id)).some((e) => e.action === 'deliveryResumed'));
  });

  it('a refused request that cannot go anywhere else reaches the end of the rota, for staff', async () => {
    peer.script = (m) => (m?.kind === 'request' ? { type: 'error', errorType: 'UnrecognisedDataValue', errorValue: 'no' } : { type: 'ok' });
    const created = await a.api.post('/resource-sharing/requests', {
      citation: { title: 'Only the peer', author: 'X' },
      patron: { id: 'p-only', name: 'Ada' },
      supplierSymbol: peer.symbol,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const end = await inState(a, created.body.id, 'REQ_END_OF_ROTA');
    assert.equal(end.needsAttention, true);
    assert.equal(end.rota[0].outcome, 'notDelivered');
    const refusedAgain = await tryAction(a, created.body.id, 'chooseSupplier', { supplierSymbol: b.symbol });
    assert.equal(refusedAgain.status, 200, 'staff may choose another supplier from the end of the rota');
  });
});
