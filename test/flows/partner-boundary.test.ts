// Issue 11: what a hostile or sloppy partner sends to POST /resource-sharing/iso18626 gets the
// standard's ERROR confirmation (never a 500), and nothing is applied or stored broken; what real
// peers send (empty aggregates, Latin-1, odd Content-Types) is read.
import assert from 'node:assert/strict';
import { emitMessage, parseMessage, type AgencyId, type ConfirmationMessage, type Iso18626Version } from '../../mod-resource-sharing/src/iso18626/index.ts';
import { MAX_INBOUND_MESSAGE_BYTES } from '../../mod-resource-sharing/src/iso18626/inbound-route.ts';
import { inState, lendingCount, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';

const agency = (symbol: string): AgencyId => {
  const [type, value] = symbol.split(':');
  return { type, value };
};
let seq = 0;
const uniqueId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

function requestXml(from: Library, to: Library, id: string, version: Iso18626Version, title = 'Boundary test'): string {
  return emitMessage(
    {
      kind: 'request',
      header: { supplyingAgencyId: agency(to.symbol), requestingAgencyId: agency(from.symbol), timestamp: new Date(), requestingAgencyRequestId: id },
      bibliographicInfo: { title },
      serviceInfo: { requestType: 'New', serviceType: 'Loan' },
    },
    version,
  );
}

function cancelXml(from: Library, to: Library, id: string, version: Iso18626Version, action: 'Cancel' | 'HoldReturn' | 'Lost' = 'Cancel'): string {
  return emitMessage(
    {
      kind: 'requestingAgencyMessage',
      header: { supplyingAgencyId: agency(to.symbol), requestingAgencyId: agency(from.symbol), timestamp: new Date(), requestingAgencyRequestId: id },
      action,
    },
    '2021', // HoldReturn and Lost can only be written in 2021; the test rewrites the version below
  ).replace(/ill:version="[^"]*"/, version === '2017' ? 'ill:version="1.2"' : 'ill:version="2021-2"');
}

interface Answer {
  status: number;
  xml: string;
  confirmation?: ConfirmationMessage;
}

async function deliver(lib: Library, body: string | Buffer, contentType: string | undefined = 'application/xml'): Promise<Answer> {
  const res = await fetch(lib.endpoint, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body: typeof body === 'string' ? body : Uint8Array.from(body) });
  const xml = await res.text();
  assert.ok(res.status < 500, `server error ${res.status}: ${xml.slice(0, 300)}`);
  assert.match(res.headers.get('content-type') ?? '', /xml/, `not XML: ${xml.slice(0, 200)}`);
  const parsed = parseMessage(xml);
  assert.ok(parsed.ok, `unreadable confirmation ${res.status}: ${xml.slice(0, 300)}`);
  assert.ok('confirmationHeader' in parsed.message);
  return { status: res.status, xml, confirmation: parsed.message };
}

function expectError(a: Answer, errorType: string): void {
  assert.equal(a.confirmation?.confirmationHeader.messageStatus, 'ERROR', a.xml);
  assert.equal(a.confirmation?.errorData?.errorType, errorType, a.xml);
}

function expectOk(a: Answer): void {
  assert.equal(a.confirmation?.confirmationHeader.messageStatus, 'OK', a.xml);
}


describe('flow: trust at the partner boundary (ISO 18626 endpoint)', function () {
  this.timeout(120_000);
  let net: Network;
  let A: Library;
  let B: Library;

  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta' }]);
    ({ Alpha: A, Beta: B } = net.libraries);
  });
  after(() => net.close());

  it('refuses a 2021-only action in a 1.2 message with UnsupportedActionType and applies nothing', async () => {
    const id = uniqueId('HR');
    expectOk(await deliver(A, requestXml(B, A, id, '2017')));
    const lending = await lendingRequestFor(A, id);
    for (const action of ['HoldReturn', 'Lost'] as const) {
      const answer = await deliver(A, cancelXml(B, A, id, '2017', action));
      expectError(answer, 'UnsupportedActionType');
      const unversioned = await deliver(A, cancelXml(B, A, id, '2017', action).replace(/ ill:version="[^"]*"/, ''));
      expectError(unversioned, 'UnsupportedActionType');
    }
    const after = (await A.api.get(`/resource-sharing/requests/${lending.id}`)).body;
    // nothing of the messages was applied; each refusal is kept on the request for staff to see
    assert.equal(after.state, lending.state, 'the request did not move');
    assert.equal(after.dueDate, lending.dueDate);
    const messages = (await A.api.get(`/resource-sharing/requests/${lending.id}/messages`)).body;
    const refused = JSON.stringify(messages).match(/Refused[^"]*UnsupportedActionType/g) ?? [];
    assert.equal(refused.length, 4, JSON.stringify(messages));
  });

  it('refuses NUL and other control characters with BadlyFormedMessage, storing nothing', async () => {
    const before = await lendingCount(A);
    for (const ch of ['\u0000', '\u0001', '\u001f']) {
      const xml = requestXml(B, A, uniqueId('NUL'), '2017', 'Bad-CH-title').replace('-CH-', ch);
      assert.ok(xml.includes(ch));
      expectError(await deliver(A, xml), 'BadlyFormedMessage');
    }
    expectError(await deliver(A, requestXml(B, A, uniqueId('REF'), '2017', 'Bad-CH-title').replace('-CH-', '&#0;')), 'BadlyFormedMessage');
    assert.equal(await lendingCount(A), before);
  });

  it('refuses a blank requestingAgencyRequestId with UnrecognisedDataValue, for a request and for a cancel', async () => {
    const before = await lendingCount(A);
    for (const blank of ['', '   ']) {
      const xml = requestXml(B, A, 'PLACEHOLDER', '2017').replace('>PLACEHOLDER<', `>${blank}<`);
      expectError(await deliver(A, xml), 'UnrecognisedDataValue');
      const cancel = cancelXml(B, A, 'PLACEHOLDER', '2017').replace('>PLACEHOLDER<', `>${blank}<`);
      expectError(await deliver(A, cancel), 'UnrecognisedDataValue');
    }
    assert.equal(await lendingCount(A), before);
  });

  it('keeps inbound data within the limits staff work with: refused with an ERROR, never stored broken', async () => {
    const before = await lendingCount(A);
    const farFuture = requestXml(B, A, uniqueId('Y'), '2017').replace('</ill:serviceType>', '</ill:serviceType><ill:needBeforeDate>10000-01-01T00:00:00Z</ill:needBeforeDate>');
    assert.ok(farFuture.includes('10000-01-01'));
    expectError(await deliver(A, farFuture), 'UnrecognisedDataValue');
    expectError(await deliver(A, requestXml(B, A, uniqueId('T'), '2017', 'x'.repeat(4_001))), 'UnrecognisedDataValue');
    expectError(await deliver(A, requestXml(B, A, 'I'.repeat(10_000), '2017')), 'UnrecognisedDataValue');
    const noSupplier = requestXml(B, A, uniqueId('S'), '2017').replace(/(<ill:supplyingAgencyId>[\s\S]*?<ill:agencyIdValue>)[^<]*(<)/, '$1$2');
    expectError(await deliver(A, noSupplier), 'UnrecognisedDataValue');
    assert.equal(await lendingCount(A), before, 'nothing was stored');

    // what is accepted can be saved again untouched by staff
    const id = uniqueId('OK');
    expectOk(await deliver(A, requestXml(B, A, id, '2017', 'y'.repeat(4_000))));
    const stored = await lendingRequestFor(A, id);
    const put = await A.api.put(`/resource-sharing/requests/${stored.id}`, (await A.api.get(`/resource-sharing/requests/${stored.id}`)).body);
    assert.equal(put.status, 204, JSON.stringify(put.body));
  });

  it('decodes a message by its declared encoding (XML declaration or Content-Type charset)', async () => {
    const title = 'Café Müller';
    const byDeclaration = uniqueId('L1');
    const xml = requestXml(B, A, byDeclaration, '2017', title).replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="ISO-8859-1"?>');
    expectOk(await deliver(A, Buffer.from(xml, 'latin1')));
    assert.equal((await lendingRequestFor(A, byDeclaration)).citation.title, title);

    const byHeader = uniqueId('L2');
    const xml2 = requestXml(B, A, byHeader, '2017', title).replace(/^<\?xml[^>]*\?>/, '');
    expectOk(await deliver(A, Buffer.from(xml2, 'latin1'), 'text/xml; charset=ISO-8859-1'));
    assert.equal((await lendingRequestFor(A, byHeader)).citation.title, title);

    const before = await lendingCount(A);
    const notUtf8 = Buffer.from(requestXml(B, A, uniqueId('U'), '2017', title), 'latin1');
    expectError(await deliver(A, notUtf8), 'BadlyFormedMessage');
    expectError(await deliver(A, Buffer.from(xml, 'latin1'), 'application/xml; charset=x-klingon'), 'BadlyFormedMessage');
    assert.equal(await lendingCount(A), before);
  });

  it('reads empty <offeredCosts/> and <deliveryCosts/> as absent (ReShare sends them)', async () => {
    const id = uniqueId('RS');
    const borrowing = await B.api.post('/resource-sharing/requests', { citation: { title: 'Empty costs' }, supplierSymbol: A.symbol });
    assert.equal(borrowing.status, 201, JSON.stringify(borrowing.body));
    await inState(B, borrowing.body.id, 'REQ_SENT_TO_SUPPLIER');
    const hrid = borrowing.body.hrid;
    const sam = emitMessage(
      {
        kind: 'supplyingAgencyMessage',
        header: { supplyingAgencyId: agency(A.symbol), requestingAgencyId: agency(B.symbol), timestamp: new Date(), requestingAgencyRequestId: hrid },
        messageInfo: { reasonForMessage: 'RequestResponse' },
        statusInfo: { status: 'Loaned', lastChange: new Date(), dueDate: new Date(Date.now() + 30 * 86_400_000) },
        deliveryInfo: { dateSent: new Date(), itemId: 'ITEM-1' },
      },
      '2017',
    )
      .replace('</ill:reasonForMessage>', '</ill:reasonForMessage><ill:offeredCosts/>')
      .replace('</ill:dateSent>', '</ill:dateSent><ill:deliveryCosts></ill:deliveryCosts>');
    assert.ok(sam.includes('<ill:offeredCosts/>') && sam.includes('<ill:deliveryCosts>'), id);
    expectOk(await deliver(B, sam));
    const shipped = await inState(B, borrowing.body.id, 'REQ_SHIPPED');
    assert.equal(shipped.conditions, undefined, 'an empty offer is no condition');
  });

  it('answers any Content-Type (garbage, none, JSON) with a confirmation, not a plain-text 415', async () => {
    for (const type of ['garbage', undefined, 'application/json', 'text/plain; charset=utf-8', ';;;']) {
      const id = uniqueId('CT');
      expectOk(await deliver(A, requestXml(B, A, id, '2017'), type));
      const broken = await deliver(A, 'not <xml', type);
      assert.equal(broken.status, 400);
      expectError(broken, 'BadlyFormedMessage');
    }
  });

  it(`refuses a message over ${MAX_INBOUND_MESSAGE_BYTES} bytes with BadlyFormedMessage before parsing it`, async () => {
    const big = requestXml(B, A, uniqueId('BIG'), '2017', 'z'.repeat(MAX_INBOUND_MESSAGE_BYTES));
    const answer = await deliver(A, big);
    assert.equal(answer.status, 400);
    expectError(answer, 'BadlyFormedMessage');
    assert.match(answer.confirmation?.errorData?.errorValue ?? '', /larger than/);
  });
});
