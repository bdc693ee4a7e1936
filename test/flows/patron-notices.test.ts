// Patrons are told at every stage: a patron places a request through the patron API, and the
// library (no library system connected, notices by SMTP) mails them as it goes; the mails are
// caught by a real SMTP server in this process. "My requests" shows the patron's due date (the
// lender's less the delivery offset), Renew only while the patron has the item and the lender
// has not refused, and a delivered copy's link until it expires.
import assert from 'node:assert/strict';
import { signPatronToken } from '../../mod-resource-sharing/src/patron/patron-token.ts';
import { startMailCatcher, type MailCatcher } from '../../simulators/mail/mail-catcher.ts';
import { act, eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { conversation, getRequest, settledOutbox } from './flow-support.ts';
import { tenantClient } from '../support/module-harness.ts';

const SECRET = 'patron-notice-secret-0123456789';

describe('flow: patrons are told at every stage', () => {
  let net: Network;
  let a: Library;
  let b: Library;
  let mail: MailCatcher;
  let patron: ReturnType<typeof tenantClient>;
  let seq = 0;

  before(async () => {
    mail = await startMailCatcher();
    // Beta speaks ISO 18626 2021, which carries a copy's URL (2017's deliveryInfo has no url)
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta', version: '2021' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
    const set = await a.api.put('/resource-sharing/settings', {
      deliveryOffsetDays: 3,
      patronRequests: { enabled: true, tokenSecret: SECRET, pickupLocations: [{ code: 'main', name: 'Main library desk' }] },
      patronNotices: {
        enabled: true,
        delivery: 'smtp',
        smtp: { host: mail.host, port: mail.port, secure: false },
        from: 'ill@alpha.example.org',
        libraryName: 'Alpha Library',
        holdShelfDays: 5,
        documentLinkDays: 10,
      },
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const token = await signPatronToken(SECRET, { barcode: '1001', name: 'Ada Lovelace', email: 'ada@example.org' });
    patron = tenantClient(net.mod.url, a.tenant, { authorization: `Bearer ${token}` });
  });
  after(async () => {
    await net.close();
    await mail.close();
  });

  async function place(title: string, serviceType: 'loan' | 'copy' = 'loan') {
    seq += 1;
    const res = await patron.post('/resource-sharing/patron/requests', {
      citation: { title, author: `Author ${seq}` }, serviceType, pickupLocation: 'main',
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return inState(a, res.body.id, 'REQ_SENT_TO_SUPPLIER');
  }
  const mine = async (id: string) => {
    const res = await patron.get('/resource-sharing/patron/requests');
    return res.body.requests.find((r: { id: string }) => r.id === id);
  };
  const mailTo = (subject: string) => mail.waitFor((m) => m.to.includes('ada@example.org') && m.subject.includes(subject));

  it('mails received, sent to a lender, ready for pickup (where, until when, due date) and recalled; due dates and Renew follow the loan', async () => {
    const borrowing = await place('Notes on the Analytical Engine');
    const received = await mailTo('We have your request for "Notes on the Analytical Engine"');
    assert.equal(received.from, 'ill@alpha.example.org');
    assert.match(received.text, new RegExp(`Dear Ada Lovelace,[\\s\\S]*${borrowing.hrid}[\\s\\S]*Alpha Library`));
    await mailTo('"Notes on the Analytical Engine" has been requested from another library');
    assert.equal((await mine(borrowing.id)).status, 'lookingForLender');

    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await act(b, lending.id, 'printPullSlip');
    await act(b, lending.id, 'markShipped', { itemBarcode: 'N-1', dueDate: '2031-01-15T12:00:00Z' });
    await inState(a, borrowing.id, 'REQ_SHIPPED');
    assert.equal((await mine(borrowing.id)).status, 'onItsWay');
    await act(a, borrowing.id, 'markReceived');

    const ready = await mailTo('"Notes on the Analytical Engine" is ready for you');
    assert.match(ready.text, /waiting for you at Main library desk until/);
    assert.match(ready.text, /due back on January 12, 2031/, 'the patron due date: lender due date less 3 days');
    const staffView = await getRequest(a, borrowing.id);
    assert.equal(staffView.patronDueDate, '2031-01-12T12:00:00.000Z', 'staff see the patron due date without a library system too');
    const view = await mine(borrowing.id);
    assert.equal(view.dueDate, '2031-01-12T12:00:00.000Z');
    assert.equal(view.canRenew, true, 'no library system: the item is with the patron once received');
    assert.equal(view.pickupLocationName, 'Main library desk');

    await act(b, lending.id, 'recall', { dueDate: '2031-01-05T12:00:00Z', note: 'Needed back' });
    await inState(a, borrowing.id, 'REQ_RECALLED');
    const recalled = await mailTo('has been recalled: please return it by January 2, 2031');
    assert.match(recalled.text, /needs it back/);
    const after = await mine(borrowing.id);
    assert.equal(after.status, 'recalled');
    assert.equal(after.dueDate, '2031-01-02T12:00:00.000Z');
    assert.equal(after.canRenew, false, 'a recalled item cannot be renewed');

    const timeline = (await conversation(a, borrowing.id)).messages.filter((m) => m.kind === 'notice').map((m) => m.summary);
    assert.deepEqual(
      timeline.map((s) => /\((\w+)\)/.exec(s)?.[1]),
      ['received', 'sentToLender', 'readyForPickup', 'recalled'],
      timeline.join('\n'),
    );
    const outbox = await settledOutbox(a, borrowing.id);
    assert.ok(outbox.every((m) => m.status === 'delivered'), JSON.stringify(outbox));
  });

  it('stops offering Renew once the lender refused a renewal', async () => {
    const borrowing = await place('Sketch of the Analytical Engine');
    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await act(b, lending.id, 'printPullSlip');
    await act(b, lending.id, 'markShipped', { itemBarcode: 'N-2', dueDate: '2031-01-15T12:00:00Z' });
    await inState(a, borrowing.id, 'REQ_SHIPPED');
    await act(a, borrowing.id, 'markReceived');
    assert.equal((await mine(borrowing.id)).canRenew, true);
    const renew = await patron.post(`/resource-sharing/patron/requests/${borrowing.id}/renew`);
    assert.equal(renew.status, 200, JSON.stringify(renew.body));
    assert.equal(renew.body.status, 'renewalRequested');
    await inState(b, lending.id, 'RES_AWAIT_RENEW_RESPONSE');
    await act(b, lending.id, 'respondToRenew', { answer: 'no', note: 'Another reader is waiting' });
    await inState(a, borrowing.id, 'REQ_RECEIVED');
    assert.equal((await mine(borrowing.id)).canRenew, false);
    const again = await patron.post(`/resource-sharing/patron/requests/${borrowing.id}/renew`);
    assert.equal(again.status, 422);
    assert.equal(again.body.errors[0].code, 'patron.renewNotAllowed');
  });

  it('mails a cancellation with its reason, and a copy with its link; the link shows in "my requests" until it expires', async () => {
    const cancelled = await place('Cancelled book');
    const lendingC = await lendingRequestFor(b, cancelled.hrid);
    await act(b, lendingC.id, 'willSupply');
    await inState(a, cancelled.id, 'REQ_EXPECTS_TO_SUPPLY');
    await act(a, cancelled.id, 'cancelWithSupplier', { reason: 'The patron found a copy' });
    await inState(b, lendingC.id, 'RES_CANCEL_REQUEST_RECEIVED');
    await act(b, lendingC.id, 'respondToCancel', { answer: 'yes' });
    await inState(a, cancelled.id, 'REQ_CANCELLED');
    const cancelMail = await mailTo('Your request for "Cancelled book" was cancelled');
    assert.match(cancelMail.text, /Reason: The patron found a copy/);
    assert.equal((await mine(cancelled.id)).status, 'cancelled');

    const copy = await place('On the Engine, chapter 3', 'copy');
    const lending = await lendingRequestFor(b, copy.hrid);
    await act(b, lending.id, 'willSupply');
    await inState(a, copy.id, 'REQ_EXPECTS_TO_SUPPLY');
    await act(b, lending.id, 'printPullSlip');
    const url = 'https://docs.beta.example.org/copies/engine-ch3.pdf';
    await act(b, lending.id, 'deliverCopy', { documentUrl: url });
    await inState(a, copy.id, 'REQ_DOCUMENT_DELIVERED');
    const copyMail = await mailTo('Your copy of "On the Engine, chapter 3" is ready');
    assert.ok(copyMail.text.includes(url), copyMail.text);
    const view = await mine(copy.id);
    assert.equal(view.status, 'copyReady');
    assert.equal(view.documentUrl, url);
    const staff = await getRequest(a, copy.id);
    assert.equal(staff.documentUrl, url, 'staff see the link');
    assert.equal(Date.parse(view.documentExpires) - Date.parse(staff.patronSide.documentDeliveredDate), 10 * 24 * 3600 * 1000);
  });

  it('a notice the mail server refuses for good fails in the outbox and flags the request', async () => {
    mail.refuse.add('gone@example.org');
    const token = await signPatronToken(SECRET, { barcode: '1002', name: 'Gone Away', email: 'gone@example.org' });
    const gone = tenantClient(net.mod.url, a.tenant, { authorization: `Bearer ${token}` });
    const res = await gone.post('/resource-sharing/patron/requests', { citation: { title: 'Undeliverable' }, pickupLocation: 'main' });
    assert.equal(res.status, 201);
    const flagged = await eventually(async () => {
      const r = await getRequest(a, res.body.id);
      return r.needsAttention && r.lastError ? r : undefined;
    }, 'the request flagged for the failed notice');
    assert.match(flagged.lastError, /PATRON:1002 not delivered: .*550/);
    const notices = (await a.api.get(`/resource-sharing/outbox?requestId=${res.body.id}`)).body.messages.filter(
      (m: { kind: string }) => m.kind === 'patron-notice',
    );
    assert.equal(notices[0].status, 'failed');
    assert.match(notices[0].lastError, /550/);
    // a failed message holds nothing back (docs/outbox.md): later notices are tried on their own
    await eventually(async () => {
      const all = (await a.api.get(`/resource-sharing/outbox?requestId=${res.body.id}`)).body.messages.filter(
        (m: { kind: string }) => m.kind === 'patron-notice',
      );
      return all.every((m: { status: string }) => m.status === 'failed' || m.status === 'delivered') ? all : undefined;
    }, 'later notices are not held behind the failed one');
  });
});
