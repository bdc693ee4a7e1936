// The conversation's codes are read back from the one-line summaries `summarise` writes: every
// shape it writes must come back as the codes it was made from (so a change to the summary that
// the reader does not follow fails here, not in a librarian's German screen).
import assert from 'node:assert/strict';
import type { Iso18626Message } from '../../src/iso18626/message-types.ts';
import { summarise } from '../../src/workflow/outgoing.ts';
import { messageCodes } from '../../src/workflow/message-codes.ts';

const msg = (m: unknown) => m as Iso18626Message;

describe('conversation: ISO 18626 codes beside the English summary', () => {
  it('reads back a request, with and without a maximum cost', () => {
    const plain = msg({ kind: 'request', serviceInfo: { requestType: 'New' }, bibliographicInfo: { title: 'Gödel, Escher, Bach: an eternal golden braid' } });
    assert.deepEqual(messageCodes('request', summarise(plain)), { requestType: 'New', title: 'Gödel, Escher, Bach: an eternal golden braid' });
    const costly = msg({
      kind: 'request', serviceInfo: { requestType: 'Retry' }, bibliographicInfo: { title: 'Atlas' },
      billingInfo: { maximumCosts: { monetaryValue: '12.50', currencyCode: 'EUR' } },
    });
    assert.deepEqual(messageCodes('request', summarise(costly)), { requestType: 'Retry', maximumCost: { value: '12.50', currency: 'EUR' }, title: 'Atlas' });
  });

  it('reads back a supplier message with status, answer, due date and cost', () => {
    const loaned = msg({ kind: 'supplyingAgencyMessage', messageInfo: { reasonForMessage: 'StatusChange' }, statusInfo: { status: 'Loaned', dueDate: new Date('2031-02-01T12:00:00Z') } });
    assert.deepEqual(messageCodes('supplyingAgencyMessage', summarise(loaned)), { reasonForMessage: 'StatusChange', status: 'Loaned', dueDate: '2031-02-01' });
    const answer = msg({ kind: 'supplyingAgencyMessage', messageInfo: { reasonForMessage: 'CancelResponse', answerYesNo: 'N' }, statusInfo: { status: 'WillSupply' } });
    assert.deepEqual(messageCodes('supplyingAgencyMessage', summarise(answer)), { reasonForMessage: 'CancelResponse', status: 'WillSupply', answerYesNo: 'N' });
    const offer = msg({
      kind: 'supplyingAgencyMessage', messageInfo: { reasonForMessage: 'RequestResponse', offeredCosts: { monetaryValue: '5', currencyCode: 'USD' } }, statusInfo: { status: 'RetryPossible' },
    });
    assert.deepEqual(messageCodes('supplyingAgencyMessage', summarise(offer)), { reasonForMessage: 'RequestResponse', status: 'RetryPossible', offeredCost: { value: '5', currency: 'USD' } });
  });

  it('reads back a borrower action; leaves what it does not recognise without codes', () => {
    assert.deepEqual(messageCodes('requestingAgencyMessage', summarise(msg({ kind: 'requestingAgencyMessage', action: 'ShippedReturn' }))), { action: 'ShippedReturn' });
    assert.equal(messageCodes('requestingAgencyMessage', 'Teleported'), undefined);
    assert.equal(messageCodes('supplyingAgencyMessage', 'Something: else entirely'), undefined);
    assert.equal(messageCodes('somethingElse', 'x'), undefined);
  });
});
