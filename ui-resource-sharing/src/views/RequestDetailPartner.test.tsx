import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeBackend } from '../../test/fake-backend.ts';
import { SAMPLE_REQUESTS } from '../../test/fixtures.ts';
import type { RequestAction, ResourceSharingRequest } from '../types/request.ts';
import { Callout, FieldError, Pane, TextArea } from '../../test/interactors.ts';

// The parts of request detail that are about the partner: the rota with its reasons, the
// conversation (send, unread, mark read) and the last problem the backend met.

const SEND: RequestAction = { code: 'sendMessage', displayName: 'Send message to partner', parameters: [{ name: 'note', type: 'string', displayName: 'Message', required: true }] };
const MARK_READ: RequestAction = { code: 'markMessagesRead', displayName: 'Mark messages read', parameters: [] };
const BORROWING: ResourceSharingRequest = {
  ...SAMPLE_REQUESTS[2],
  unreadMessages: 1,
  attention: ['unreadMessage'],
  lastError: 'Host: check-in failed (503 Service Unavailable)',
  rotaIndex: 1,
  rota: [
    { symbol: 'ISIL:DE-1', name: 'Berlin State Library', rank: 1, score: 0.4, reason: '1st in the profile order', outcome: 'unfilled' },
    { symbol: 'ISIL:DE-12', name: 'Munich', rank: 2, score: -0.35, reason: 'ranked 2nd (score -0.35): 14 open requests with this partner, above the threshold of 10; fills 0%', outcome: 'sent', rankedBy: 'score',
      factors: { preferred: false, last: false, openRequests: 14, overloadThreshold: 10, overloaded: true, fillRate: 0.925, medianTurnaroundDays: 3.14, lentToUs: 4, borrowedFromUs: 7, owns: true } },
    { symbol: 'ISIL:DE-99', rank: 3, score: 0, skipped: true, reason: 'not a partner: no agreement in the directory' },
  ],
};

function backendWithConversation(): FakeBackend {
  const backend = new FakeBackend([BORROWING, ...SAMPLE_REQUESTS.filter((r) => r.id !== BORROWING.id)]);
  backend.actions.set(BORROWING.id, [SEND, MARK_READ]);
  backend.messages.set(BORROWING.id, [
    { id: 'm1', requestId: BORROWING.id, timestamp: '2026-03-03T09:00:00.000Z', direction: 'out', kind: 'request', summary: 'Request (New)', read: true },
    { id: 'm2', requestId: BORROWING.id, timestamp: '2026-03-03T10:00:00.000Z', direction: 'in', kind: 'supplyingAgencyMessage', summary: 'Notification', note: 'Is a later edition fine?', read: false },
  ]);
  return backend;
}

const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((e) => e.textContent ?? '');

describe('ui-resource-sharing: request detail, partner side', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;

  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  it('shows the rota in rank order with each supplier’s reason and status, and the last problem', async () => {
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${BORROWING.id}`, backend: backendWithConversation() });
    const detail = Pane(BORROWING.hrid);
    await detail.has({ text: including('Last problem: Host: check-in failed (503 Service Unavailable)') });
    await detail.has({ text: including('Needs attention: unread message from the partner') });
    await detail.has({ text: including('Rota (suppliers in ranked order)') });
    // reasons in words from the numbers the module ranked by; no raw (negative) scores
    assert.deepEqual(texts('[data-test-rota-reason]'), [
      '1st in the profile order',
      'ranked 2nd by these numbers:14 open requests with us: over the limit of 10fills 93% of our requests, in 3.1 days (median)lent us 4, borrowed 7 from ushas it in its catalogue',
      'not a partner: no agreement in the directory',
    ]);
    assert.doesNotMatch(document.querySelector('#rs-request-rota')?.textContent ?? '', /score|-0\.35/i);
    assert.deepEqual(
      Array.from(document.querySelectorAll('[data-test-rota-outcome]')).map((e) => e.getAttribute('data-test-rota-outcome')),
      ['unfilled', 'sent', 'skipped'],
    );
    assert.match(texts('[data-test-rota-partner]')[0], /Berlin State Library.*ISIL:DE-1/);
  });

  it('shows a broker entry as the broker, with the suppliers it tried and what each did', async () => {
    const brokered: ResourceSharingRequest = {
      ...BORROWING,
      rotaIndex: 0,
      rota: [{
        symbol: 'ISIL:BROKER', rank: 1, reason: 'ranked 1st: this library borrows through the broker ISIL:BROKER, which finds the supplier', outcome: 'sent', broker: true,
        brokerSuppliers: [
          { symbol: 'ISIL:DE-1', name: 'Berlin State Library', outcome: 'unfilled', reason: 'Berlin State Library could not supply (NotHeld); the broker is trying the next' },
          { symbol: 'ISIL:DE-12', name: 'Munich', outcome: 'sent', reason: 'chosen by the broker ISIL:BROKER' },
        ],
      }],
    };
    const backend = new FakeBackend([brokered, ...SAMPLE_REQUESTS.filter((r) => r.id !== brokered.id)]);
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${brokered.id}`, backend });
    await Pane(brokered.hrid).has({ text: including('Suppliers the broker tried') });
    assert.match(texts('[data-test-rota-partner]')[0], /^Broker.*ISIL:BROKER$/);
    assert.equal(texts('[data-test-rota-broker-suppliers]')[0], 'Suppliers the broker triedBerlin State Library: Could not supplyMunich: Asked');
  });

  it('lists the conversation with unread marks; marking read and sending go through the actions API', async () => {
    const backend = backendWithConversation();
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${BORROWING.id}`, backend });
    await Pane(BORROWING.hrid).exists();
    // the conversation opens in a chat pane beside the request; its button carries the unread count
    assert.equal(document.querySelector('[data-test-chat-unread]')?.textContent, '1');
    assert.equal(document.querySelector('#rs-request-chat'), null);
    assert.equal(document.querySelector('#rs-request-chat-button')?.getAttribute('title'), 'Chat with the partner: 1 unread message');
    await Button({ id: 'rs-request-chat-button' }).click();
    const detail = Pane(including('Chat with'));
    await detail.has({ text: including('Messages with the partner (1 unread)') });
    await detail.has({ text: including('Is a later edition fine?') });
    assert.ok(document.querySelector('#rs-request-detail'), 'the request stays open beside the chat');
    assert.equal(document.querySelectorAll('[data-test-message-unread]').length, 1);
    // the message actions live in the conversation, not among the workflow buttons
    assert.equal(document.querySelector('#rs-action-sendMessage'), null);

    await Button('Mark 1 message read').click();
    await Callout(including('Messages marked read.')).exists();
    await Button('Mark 1 message read').absent();
    assert.equal(document.querySelectorAll('[data-test-message-unread]').length, 0);
    assert.equal(document.querySelector('#rs-request-chat-button')?.getAttribute('title'), 'Chat with the partner');
    assert.equal(document.querySelector('[data-test-chat-unread]'), null);

    await Button('Send message').click();
    await FieldError('Please fill this in.').exists();
    await TextArea('Message to the partner').fillIn('Yes, any edition will do.');
    await Button('Send message').click();
    await Callout(including('The message was sent to the partner.')).exists();
    await detail.has({ text: including('Yes, any edition will do.') });
    const posts = backend.callsTo(`/resource-sharing/requests/${BORROWING.id}/actions/`, 'POST');
    assert.deepEqual(posts.map((p) => [p.path.split('/').pop(), p.body]), [
      ['markMessagesRead', { parameters: {} }],
      ['sendMessage', { parameters: { note: 'Yes, any edition will do.' } }],
    ]);
  });

  it('words the messages from their ISO 18626 codes in the user\'s language', async () => {
    const backend = backendWithConversation();
    backend.messages.set(BORROWING.id, [
      { id: 'm1', requestId: BORROWING.id, timestamp: '2026-03-03T09:00:00.000Z', direction: 'out', kind: 'request', summary: 'Request (New): Dune', codes: { requestType: 'New', title: 'Dune' }, read: true },
      { id: 'm2', requestId: BORROWING.id, timestamp: '2026-03-03T10:00:00.000Z', direction: 'in', kind: 'supplyingAgencyMessage', summary: 'StatusChange: Loaned (due 2031-02-01)', codes: { reasonForMessage: 'StatusChange', status: 'Loaned', dueDate: '2031-02-01' }, read: true },
      { id: 'm3', requestId: BORROWING.id, timestamp: '2026-03-03T11:00:00.000Z', direction: 'out', kind: 'requestingAgencyMessage', summary: 'ShippedReturn', codes: { action: 'ShippedReturn' }, read: true },
      { id: 'm4', requestId: BORROWING.id, timestamp: '2026-03-03T12:00:00.000Z', direction: 'in', kind: 'supplyingAgencyMessage', summary: 'Something new', read: true },
    ]);
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${BORROWING.id}`, backend, locale: 'de' });
    await Button({ id: 'rs-request-chat-button' }).click();
    await Pane(including('Chat mit')).has({ text: including('Statusänderung') });
    assert.deepEqual(texts('[data-test-message-summary]'), [
      'Bestellung (neu): Dune',
      'Statusänderung: verliehen (versandt) · fällig am 1. Feb. 2031',
      'Medium zurückgeschickt',
      'Something new',
    ]);
  });

  it('says which messages have not reached the partner yet: tries so far, the next try and the last error', async () => {
    const backend = backendWithConversation();
    backend.waiting.set(BORROWING.id, [
      { partnerSymbol: 'ISIL:DE-12', since: '2026-03-03T11:00:00.000Z', attempts: 4, lastError: 'HTTP 503 from https://munich.example/iso18626', nextAttemptAt: '2026-03-03T11:20:00.000Z' },
    ]);
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${BORROWING.id}`, backend });
    await Button({ id: 'rs-request-chat-button' }).click();
    await Pane(including('Chat with')).has({ text: including('Is a later edition fine?') });
    const [waiting, ...more] = texts('[data-test-message-waiting]');
    assert.equal(more.length, 0);
    assert.match(waiting, /^Not delivered to ISIL:DE-12 yet: 4 tries since .*2026.*; next try .*2026.*\. Last error: HTTP 503 from https:\/\/munich\.example\/iso18626$/);

    backend.waiting.set(BORROWING.id, []);
    mounted.unmount();
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${BORROWING.id}`, backend });
    await Button({ id: 'rs-request-chat-button' }).click();
    await Pane(including('Chat with')).has({ text: including('Is a later edition fine?') });
    assert.deepEqual(texts('[data-test-message-waiting]'), [], 'nothing waits: no warning');
  });

  it('shows a message the module gave up sending; staff send it again, a view-only user only reads why', async () => {
    const backend = backendWithConversation();
    backend.outbox = [
      { id: 'o1', requestId: BORROWING.id, partnerSymbol: 'ISIL:DE-12', kind: 'iso18626', status: 'failed', attempts: 41, lastError: 'connect ECONNREFUSED 10.0.0.12:443', createdDate: '2026-03-02T09:00:00.000Z' },
      // withdrawn when the request moved on: it cannot be sent again, and is not offered
      { id: 'o2', requestId: BORROWING.id, partnerSymbol: 'ISIL:DE-1', kind: 'iso18626', status: 'failed', attempts: 1, lastError: 'withdrawn: the request went to the next supplier', createdDate: '2026-03-01T09:00:00.000Z' },
      { id: 'o3', requestId: 'another-request', partnerSymbol: 'ISIL:DE-12', kind: 'iso18626', status: 'failed', attempts: 3, lastError: 'HTTP 500', createdDate: '2026-03-02T09:00:00.000Z' },
    ];
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${BORROWING.id}`, backend, perms: h.VIEW_ONLY_PERMS });
    await Button({ id: 'rs-request-chat-button' }).click();
    await Pane(including('Chat with')).has({ text: including('the module gave up') });
    assert.deepEqual(texts('[data-test-message-failed]').map((t) => t.replace(/\(first sent .*\)/, '(first sent …)')), [
      'Not delivered to ISIL:DE-12: the module gave up after 41 tries (first sent …). Last error: connect ECONNREFUSED 10.0.0.12:443',
    ]);
    await Button('Send again').absent();
    mounted.unmount();

    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${BORROWING.id}`, backend });
    await Button({ id: 'rs-request-chat-button' }).click();
    await Button('Send again').click();
    await Callout(including('The message to ISIL:DE-12 is being sent again.')).exists();
    assert.equal(backend.calls.filter((c) => c.method === 'POST' && c.path === '/resource-sharing/outbox/o1/retry').length, 1);
    await Button('Send again').absent();
    assert.deepEqual(texts('[data-test-message-failed]'), [], 'queued again: no longer failed');
  });

  it('a view-only user reads the conversation but cannot write or mark read', async () => {
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${BORROWING.id}`, backend: backendWithConversation(), perms: h.VIEW_ONLY_PERMS });
    await Button({ id: 'rs-request-chat-button' }).click();
    await Pane(including('Chat with')).has({ text: including('Is a later edition fine?') });
    await Button('Send message').absent();
    await Button('Mark 1 message read').absent();
  });
});
