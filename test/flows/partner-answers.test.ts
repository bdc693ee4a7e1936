// Flow 12: answers a real supplier sends that our own module never would, from a scripted ISO 18626
// peer (test/support/iso-peer.ts) as the only supplier: a RenewResponse Y with status Loaned and no
// dueDate (accepted: the due date stays), a renewal answer that never comes (staff record it by
// hand), a RetryPossible carrying a LoanCondition (recorded and shown), and messages we refuse
// (kept on the request's conversation with the error, flagged for staff).
import assert from 'node:assert/strict';
import { emitMessage, type SupplyingAgencyMessage } from '../../mod-resource-sharing/src/iso18626/index.ts';
import { act, eventually, inState, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { addPeerToDirectory, startPeer, type ScriptedPeer } from '../support/iso-peer.ts';
import { marcRecord } from '../sru-server/marcxml.ts';
import { startSruServer, type SruServer } from '../sru-server/sru-server.ts';
import { conversation, getRequest, history, staffActions } from './flow-support.ts';

describe('flow: a real supplier’s answers (scripted peer)', function () {
  this.timeout(30_000);
  let net: Network;
  let a: Library;
  let peer: ScriptedPeer;

  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }]);
    a = net.libraries.Alpha;
    peer = await startPeer({ name: 'Peer', symbol: `ISIL:PEER-${a.tenant.slice(-4)}`, version: '2021' });
    await addPeerToDirectory(a, peer);
  });
  after(async () => {
    await peer.close();
    await net.close();
  });

  /** A borrowing request sent to the peer only. */
  async function requestToPeer(title: string): Promise<Record<string, any>> {
    const created = await a.api.post('/resource-sharing/requests', {
      citation: { title, author: 'Peer, Pat' },
      patron: { id: 'p-peer', name: 'Ada Lovelace' },
      supplierSymbol: peer.symbol,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const sent = await inState(a, created.body.id, 'REQ_SENT_TO_SUPPLIER');
    await eventually(async () => (peer.ofKind('request').some((m) => m.header.requestingAgencyRequestId === sent.hrid) ? true : undefined), 'the peer to get the request');
    return sent;
  }

  /** The peer supplies the request; our staff receive it. */
  async function loanFromPeer(title: string, dueDate: Date): Promise<Record<string, any>> {
    const req = await requestToPeer(title);
    assert.equal((await peer.supplierMessage(a, req.hrid, { reason: 'RequestResponse', status: 'WillSupply' })).ok, true);
    await inState(a, req.id, 'REQ_EXPECTS_TO_SUPPLY');
    const shipped = await peer.supplierMessage(a, req.hrid, { status: 'Loaned', dueDate, itemId: 'PEER-ITEM-1' });
    assert.equal(shipped.ok, true, shipped.xml);
    await inState(a, req.id, 'REQ_SHIPPED');
    await act(a, req.id, 'markReceived');
    return inState(a, req.id, 'REQ_RECEIVED');
  }

  it('RenewResponse Y with status Loaned and no dueDate is accepted: renewed, the due date stays', async () => {
    const due = new Date('2031-03-01T00:00:00Z');
    const req = await loanFromPeer('Renewed without a date', due);
    const renews = peer.ofKind('requestingAgencyMessage').filter((m) => m.action === 'Renew').length;
    await act(a, req.id, 'renew', { note: 'two more weeks please' });
    await eventually(async () => (peer.ofKind('requestingAgencyMessage').filter((m) => m.action === 'Renew').length > renews ? true : undefined), 'the Renew to reach the peer');
    const answer = await peer.supplierMessage(a, req.hrid, { reason: 'RenewResponse', status: 'Loaned', answerYesNo: 'Y' });
    assert.equal(answer.ok, true, `accepted, not refused: ${answer.xml}`);
    const renewed = await inState(a, req.id, 'REQ_RECEIVED');
    assert.equal(renewed.dueDate, due.toISOString(), 'the due date the supplier did not send stays');
    assert.equal(renewed.needsAttention, false);
  });

  it('a renewal answer that never comes: staff record it by hand from "Renewal requested" (yes with a date, or no)', async () => {
    const req = await loanFromPeer('Renewal answered by e-mail', new Date('2031-04-01T00:00:00Z'));
    await act(a, req.id, 'renew');
    await inState(a, req.id, 'REQ_RENEW_PENDING');
    assert.ok((await staffActions(a, req.id)).includes('recordRenewAnswer'));
    const yes = await act(a, req.id, 'recordRenewAnswer', { answer: 'yes', dueDate: '2031-05-01T00:00:00Z', note: 'by e-mail' });
    assert.equal(yes.state, 'REQ_RECEIVED');
    assert.equal(yes.dueDate, '2031-05-01T00:00:00Z');
    await act(a, req.id, 'renew');
    const no = await act(a, req.id, 'recordRenewAnswer', { answer: 'no', note: 'by phone' });
    assert.equal(no.state, 'REQ_RECEIVED');
    assert.equal(no.dueDate, '2031-05-01T00:00:00Z', 'a refusal leaves the due date');
    const audit = await history(a, req.id);
    assert.deepEqual(
      audit.filter((e) => e.action === 'recordRenewAnswer').map((e) => e.toState),
      ['REQ_RECEIVED', 'REQ_RECEIVED'],
    );
  });

  it('a RetryPossible with a LoanCondition and costs: both are recorded on the request and shown in the conversation', async () => {
    const req = await requestToPeer('Retry on conditions');
    const msg: SupplyingAgencyMessage = {
      kind: 'supplyingAgencyMessage',
      header: {
        supplyingAgencyId: { type: 'ISIL', value: peer.symbol.split(':')[1] },
        requestingAgencyId: { type: 'ISIL', value: a.symbol.split(':')[1] },
        timestamp: new Date(),
        requestingAgencyRequestId: req.hrid,
        supplyingAgencyRequestId: 'PEER-77',
      },
      messageInfo: {
        reasonForMessage: 'RequestResponse',
        reasonRetry: { value: 'LoanCondition' },
        offeredCosts: { currencyCode: 'EUR', monetaryValue: '12.50' },
        note: 'Reading room only',
      },
      statusInfo: { status: 'RetryPossible', lastChange: new Date() },
      deliveryInfo: { dateSent: new Date(), loanCondition: { value: 'LibraryUseOnly' } },
    };
    assert.equal((await peer.send(a, msg)).ok, true);
    const offered = await inState(a, req.id, 'REQ_RETRY_POSSIBLE');
    assert.deepEqual(offered.conditions, { loanCondition: 'LibraryUseOnly', cost: 12.5, currency: 'EUR', note: 'Reading room only' });
    const heard = (await conversation(a, req.id)).messages.find((m) => m.direction === 'in' && m.summary.includes('RetryPossible'));
    assert.equal(heard?.summary, 'RequestResponse: RetryPossible (reason LoanCondition) (condition LibraryUseOnly) (cost 12.50 EUR)');
  });

  it('a message we refuse is kept on the request it names, with the error, unread and flagged', async () => {
    const req = await requestToPeer('Refused messages');
    // 1. Unreadable: a status outside the code list (answered 400 BadlyFormed/UnrecognisedDataValue).
    const bad = emitMessage(
      {
        kind: 'supplyingAgencyMessage',
        header: {
          supplyingAgencyId: { type: 'ISIL', value: peer.symbol.split(':')[1] },
          requestingAgencyId: { type: 'ISIL', value: a.symbol.split(':')[1] },
          timestamp: new Date(),
          requestingAgencyRequestId: req.hrid,
        },
        messageInfo: { reasonForMessage: 'StatusChange' },
        statusInfo: { status: 'Loaned', lastChange: new Date() },
      },
      '2021',
    ).replace('>Loaned<', '>Lent<');
    const res = await fetch(a.endpoint, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: bad });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /UnrecognisedDataValue/);
    const flagged = await getRequest(a, req.id);
    assert.equal(flagged.state, 'REQ_SENT_TO_SUPPLIER', 'nothing applied');
    assert.equal(flagged.needsAttention, true);
    assert.ok(flagged.attention.includes('unreadMessage'));
    assert.match(flagged.lastError, new RegExp(`^Refused a message from ${peer.symbol}: UnrecognisedDataValue: .*Lent`));
    const talk = await conversation(a, req.id);
    const kept = talk.messages.find((m) => m.summary.startsWith('Refused'));
    assert.ok(kept, JSON.stringify(talk.messages));
    assert.equal(kept.read, false);
    assert.equal(kept.direction, 'in');
    assert.match(kept.summary, /UnrecognisedDataValue: .*Lent/);

    // 2. Readable but refused by the model: a CancelResponse without answerYesNo while a cancel is pending.
    await act(a, req.id, 'markMessagesRead');
    await act(a, req.id, 'cancelWithSupplier', { reason: 'not needed' });
    await inState(a, req.id, 'REQ_CANCEL_PENDING');
    const refused = await peer.supplierMessage(a, req.hrid, { reason: 'CancelResponse', status: 'Cancelled' });
    assert.equal(refused.ok, false, 'answered ERROR');
    const after = await getRequest(a, req.id);
    assert.equal(after.state, 'REQ_CANCEL_PENDING', 'nothing applied');
    assert.equal(after.unreadMessages, 1);
    const audit = await history(a, req.id);
    const step = audit.filter((e) => e.action === 'messageRefused').at(-1);
    assert.ok(step);
    assert.equal(step.actor.type, 'partner');
    assert.match(step.message ?? '', /UnrecognisedDataValue: Action supplierCancelResponse needs an outcome/);
  });

  it('a message from a library that is not a partner is refused and recorded nowhere', async () => {
    const req = await requestToPeer('Stranger');
    const before = (await getRequest(a, req.id))._version;
    const stranger = await startPeer({ name: 'Stranger', symbol: 'ISIL:XX-STRANGER' });
    try {
      const answer = await stranger.supplierMessage(a, req.hrid, { reason: 'RequestResponse', status: 'Unfilled' });
      assert.equal(answer.ok, false);
      assert.match(answer.errorValue ?? '', /not a partner/);
      assert.equal((await getRequest(a, req.id))._version, before);
    } finally {
      await stranger.close();
    }
  });
});

describe('flow: what each lender receives (scripted peers with catalogues)', function () {
  this.timeout(30_000);
  let net: Network;
  let a: Library;
  const peers: ScriptedPeer[] = [];
  const catalogues: SruServer[] = [];

  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }]);
    a = net.libraries.Alpha;
    for (const [name, recordId] of [['One', 'ONE-REC-7'], ['Two', 'TWO-REC-9']]) {
      const sru = await startSruServer({ records: [marcRecord({ id: recordId, title: 'Shared title', isbn: '9780262033848' })] });
      catalogues.push(sru);
      const peer = await startPeer({ name, symbol: `ISIL:${name.toUpperCase()}-${a.tenant.slice(-4)}` });
      peers.push(peer);
      await addPeerToDirectory(a, peer, { sruEndpoint: sru.url });
    }
  });
  after(async () => {
    for (const p of peers) await p.close();
    for (const c of catalogues) await c.close();
    await net.close();
  });

  it('each lender gets its own supplierUniqueRecordId from its catalogue, and the staff and patron notes', async () => {
    const created = await a.api.post('/resource-sharing/requests', {
      citation: { title: 'Shared title', isbn: '9780262033848', supplierUniqueRecordId: 'SOMEONE-ELSES-ID' },
      patron: { id: 'p-notes', name: 'Grace Hopper', notes: 'Needed for a thesis defence' },
      note: 'Please send by courier',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const first = await eventually(async () => peers.find((p) => p.ofKind('request').length > 0), 'a lender to get the request');
    const second = peers.find((p) => p !== first)!;
    const toFirst = await first.waitFor('request');
    const sent = await getRequest(a, created.body.id);
    assert.equal(toFirst.bibliographicInfo.supplierUniqueRecordId, first.name === 'One' ? 'ONE-REC-7' : 'TWO-REC-9');
    assert.equal(toFirst.serviceInfo?.note, 'Please send by courier\nPatron: Needed for a thesis defence');
    assert.equal(sent.rota[0].supplierUniqueRecordId, toFirst.bibliographicInfo.supplierUniqueRecordId, 'kept on the rota entry');

    assert.equal((await first.supplierMessage(a, sent.hrid, { reason: 'RequestResponse', status: 'Unfilled' })).ok, true);
    const toSecond = await second.waitFor('request');
    assert.equal(toSecond.bibliographicInfo.supplierUniqueRecordId, second.name === 'One' ? 'ONE-REC-7' : 'TWO-REC-9', 'not the first lender’s id');
    assert.equal(toSecond.serviceInfo?.note, 'Please send by courier\nPatron: Needed for a thesis defence');
  });
});
