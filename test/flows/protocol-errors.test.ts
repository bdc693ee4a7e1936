// What a partner (or anyone) sending bad input to POST /resource-sharing/iso18626 gets back: the
// standard's answer in the confirmation, never a 500, and nothing changed on our side.
import assert from 'node:assert/strict';
import {
  emitMessage,
  parseMessage,
  type AgencyId,
  type ConfirmationMessage,
  type Iso18626Version,
  type RequestingAgencyMessage,
  type RequestMessage,
  type SupplyingAgencyMessage,
} from '../../mod-resource-sharing/src/iso18626/index.ts';
import { validateAgainstXsd } from '../../mod-resource-sharing/test/iso18626/xsd.ts';
import { inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';

function agency(symbol: string): AgencyId {
  const [type, value] = symbol.split(':');
  return { type, value };
}

let seq = 0;
const uniqueId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

function requestXml(from: string, to: string, id: string, version: Iso18626Version, title = 'Protocol test'): string {
  const msg: RequestMessage = {
    kind: 'request',
    header: { supplyingAgencyId: agency(to), requestingAgencyId: agency(from), timestamp: new Date(), requestingAgencyRequestId: id, multipleItemRequestId: '' },
    bibliographicInfo: { title },
    serviceInfo: { requestType: 'New', serviceType: 'Loan' },
  };
  return emitMessage(msg, version);
}

function ramXml(from: string, to: string, id: string, action: RequestingAgencyMessage['action'], version: Iso18626Version, note?: string): string {
  const msg: RequestingAgencyMessage = {
    kind: 'requestingAgencyMessage',
    header: { supplyingAgencyId: agency(to), requestingAgencyId: agency(from), timestamp: new Date(), requestingAgencyRequestId: id, multipleItemRequestId: '' },
    action,
    ...(note ? { note } : {}),
  };
  return emitMessage(msg, version);
}

function samXml(from: string, to: string, id: string, version: Iso18626Version, note = 'hello'): string {
  const msg: SupplyingAgencyMessage = {
    kind: 'supplyingAgencyMessage',
    header: { supplyingAgencyId: agency(from), requestingAgencyId: agency(to), timestamp: new Date(), requestingAgencyRequestId: id, multipleItemRequestId: '' },
    messageInfo: { reasonForMessage: 'Notification', note },
    statusInfo: { status: 'ExpectToSupply', lastChange: new Date() },
  };
  return emitMessage(msg, version);
}

interface Answer {
  status: number;
  xml: string;
  ms: number;
  confirmation?: ConfirmationMessage;
  version?: Iso18626Version;
}

async function deliver(lib: Library, body: string): Promise<Answer> {
  const t = performance.now();
  const res = await fetch(lib.endpoint, { method: 'POST', headers: { 'content-type': 'application/xml' }, body });
  const xml = await res.text();
  const ms = performance.now() - t;
  const parsed = parseMessage(xml);
  assert.ok(parsed.ok || res.status >= 400, `unreadable answer ${res.status}: ${xml.slice(0, 300)}`);
  if (!parsed.ok) return { status: res.status, xml, ms };
  const m = parsed.message;
  assert.ok('confirmationHeader' in m, `not a confirmation: ${xml.slice(0, 300)}`);
  return { status: res.status, xml, ms, confirmation: m, version: parsed.version };
}

function expectError(a: Answer, errorType: string, status?: number): void {
  assert.ok(a.confirmation, `no confirmation (${a.status}): ${a.xml.slice(0, 300)}`);
  if (status !== undefined) assert.equal(a.status, status, a.xml);
  assert.ok(a.status < 500, `server error ${a.status}`);
  assert.equal(a.confirmation.confirmationHeader.messageStatus, 'ERROR', a.xml);
  assert.equal(a.confirmation.errorData?.errorType, errorType, a.xml);
}

async function requestCount(lib: Library): Promise<number> {
  const res = await lib.api.get('/resource-sharing/requests?limit=0');
  assert.equal(res.status, 200);
  return res.body.totalRecords;
}

describe('flow: protocol errors at the ISO 18626 endpoint', function () {
  this.timeout(120_000);
  let net: Network;
  /** every confirmation we got, by the version it claims, to validate against the schemas at the end */
  const confirmations: Record<Iso18626Version, Record<string, string>> = { '2017': {}, '2021': {} };
  const keep = (name: string, a: Answer) => {
    if (a.version && a.confirmation) confirmations[a.version][name] = a.xml;
  };

  before(async () => {
    net = await startNetwork([
      { name: 'Alpha', partners: ['Beta', 'Delta'] },
      { name: 'Beta', partners: ['Alpha'] },
      { name: 'Delta', version: '2021', partners: ['Alpha'] },
      { name: 'Gamma', partners: [] },
    ]);
  });
  after(() => net.close());

  it('not XML: 400 with a BadlyFormedMessage confirmation', async () => {
    const a = await deliver(net.libraries.Alpha, 'this is <not xml');
    expectError(a, 'BadlyFormedMessage', 400);
    keep('not-xml', a);
  });

  it('well-formed XML that is not an ISO 18626 message: 400 with an ERROR confirmation', async () => {
    const a = await deliver(net.libraries.Alpha, '<?xml version="1.0"?><order><item>1</item></order>');
    expectError(a, 'BadlyFormedMessage', 400);
    keep('not-iso', a);
  });

  it('an unknown action: UnsupportedActionType', async () => {
    const { Alpha: a, Beta: b } = net.libraries;
    const xml = ramXml(b.symbol, a.symbol, uniqueId('X'), 'Notification', '2017').replace('<ill:action>Notification</ill:action>', '<ill:action>Dance</ill:action>');
    assert.ok(xml.includes('Dance'), 'the test rewrote the action');
    const answer = await deliver(a, xml);
    expectError(answer, 'UnsupportedActionType');
    keep('unknown-action', answer);
  });

  it('an unknown reasonForMessage: UnsupportedReasonForMessageType', async () => {
    const { Alpha: a, Beta: b } = net.libraries;
    const xml = samXml(b.symbol, a.symbol, uniqueId('X'), '2017').replace('>Notification</ill:reasonForMessage>', '>Gossip</ill:reasonForMessage>');
    assert.ok(xml.includes('Gossip'));
    const answer = await deliver(a, xml);
    expectError(answer, 'UnsupportedReasonForMessageType');
    keep('unknown-reason', answer);
  });

  it('an unknown request id: UnrecognisedDataValue', async () => {
    const { Alpha: a, Beta: b } = net.libraries;
    const answer = await deliver(a, ramXml(b.symbol, a.symbol, 'NO-SUCH-REQUEST-1', 'Notification', '2017', 'anyone there?'));
    expectError(answer, 'UnrecognisedDataValue');
    assert.match(answer.confirmation?.errorData?.errorValue ?? '', /NO-SUCH-REQUEST-1/);
    keep('unknown-request', answer);
  });

  it('a value outside a closed code list: UnrecognisedDataValue', async () => {
    const { Alpha: a, Beta: b } = net.libraries;
    const xml = samXml(b.symbol, a.symbol, uniqueId('X'), '2017').replace('>ExpectToSupply</ill:status>', '>Teleported</ill:status>');
    assert.ok(xml.includes('Teleported'));
    const answer = await deliver(a, xml);
    expectError(answer, 'UnrecognisedDataValue');
    assert.match(answer.confirmation?.errorData?.errorValue ?? '', /Teleported/);
    keep('closed-list', answer);
  });

  it('a required element missing: BadlyFormedMessage naming the element, and no request created', async () => {
    const { Alpha: a, Beta: b } = net.libraries;
    const before = await requestCount(a);
    const xml = requestXml(b.symbol, a.symbol, uniqueId('MISS'), '2017').replace(/<ill:bibliographicInfo>[\s\S]*?<\/ill:bibliographicInfo>/, '');
    assert.ok(!xml.includes('bibliographicInfo'));
    const answer = await deliver(a, xml);
    expectError(answer, 'BadlyFormedMessage', 400);
    assert.match(answer.confirmation?.errorData?.errorValue ?? '', /bibliographicInfo/);
    assert.equal(await requestCount(a), before);
    keep('missing-element', answer);
  });

  it('a sender that is not a partner: ERROR and no request created (unknown library, or known but not a partner)', async () => {
    const { Alpha: a, Gamma: g } = net.libraries;
    const before = await requestCount(a);
    const stranger = await deliver(a, requestXml('ISIL:XX-STRANGER', a.symbol, uniqueId('S'), '2017'));
    expectError(stranger, 'UnrecognisedDataValue');
    assert.match(stranger.confirmation?.errorData?.errorValue ?? '', /not a partner/);
    const known = await deliver(a, requestXml(g.symbol, a.symbol, uniqueId('G'), '2017'));
    expectError(known, 'UnrecognisedDataValue');
    assert.equal(await requestCount(a), before);
    keep('not-partner', stranger);
  });

  it('a billion-laughs document and an external-entity document are refused at once, without expansion', async () => {
    const { Alpha: a, Beta: b } = net.libraries;
    const before = await requestCount(a);
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
      ']>',
      '<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" version="1.2"><request><header>',
      `<supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>${a.symbol.split(':')[1]}</agencyIdValue></supplyingAgencyId>`,
      `<requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>${b.symbol.split(':')[1]}</agencyIdValue></requestingAgencyId>`,
      '<timestamp>2025-01-15T10:00:00Z</timestamp><requestingAgencyRequestId>LOL-1</requestingAgencyRequestId></header>',
      '<bibliographicInfo><title>&lol9;</title></bibliographicInfo></request></ISO18626Message>',
    ].join('\n');
    const bomb = await deliver(a, lol);
    expectError(bomb, 'BadlyFormedMessage', 400);
    assert.ok(bomb.ms < 1000, `took ${bomb.ms} ms`);
    assert.ok(bomb.xml.length < 10_000, 'the answer did not expand the entities');

    const xxe = requestXml(b.symbol, a.symbol, 'XXE-1', '2017').replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>',
    ).replace('<ill:title>Protocol test</ill:title>', '<ill:title>&xxe;</ill:title>');
    assert.ok(xxe.includes('&xxe;') && xxe.includes('<!DOCTYPE'));
    const ext = await deliver(a, xxe);
    expectError(ext, 'BadlyFormedMessage', 400);
    assert.ok(ext.ms < 1000, `took ${ext.ms} ms`);
    assert.ok(!ext.xml.includes('root:'), 'no file content in the answer');
    assert.equal(await requestCount(a), before);
    keep('billion-laughs', bomb);
    keep('external-entity', ext);
  });

  it('an oversize body is refused: over the message limit with a confirmation, far over it at the HTTP layer', async () => {
    const { Alpha: a, Beta: b } = net.libraries;
    const before = await requestCount(a);
    const big = requestXml(b.symbol, a.symbol, uniqueId('BIG'), '2017', 'x'.repeat(1_200_000));
    const answer = await deliver(a, big);
    expectError(answer, 'BadlyFormedMessage', 400);
    const huge = await fetch(a.endpoint, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: 'x'.repeat(5 * 1024 * 1024) });
    await huge.text();
    assert.equal(huge.status, 413);
    assert.equal(await requestCount(a), before);
    keep('oversize', answer);
  });

  it('the same message delivered twice changes the request once and is confirmed OK both times', async () => {
    const { Alpha: a, Beta: b } = net.libraries;
    const id = uniqueId('DUP');
    const before = await requestCount(a);
    const request = requestXml(b.symbol, a.symbol, id, '2017', 'Sent twice');
    const first = await deliver(a, request);
    const second = await deliver(a, request);
    for (const x of [first, second]) {
      assert.equal(x.status, 200, x.xml);
      assert.equal(x.confirmation?.confirmationHeader.messageStatus, 'OK', x.xml);
    }
    assert.equal(await requestCount(a), before + 1);
    const lending = await lendingRequestFor(a, id);

    const auditLength = async () => (await a.api.get(`/resource-sharing/requests/${lending.id}/audit`)).body.auditRecords.length;
    const startLength = await auditLength();
    const note = ramXml(b.symbol, a.symbol, id, 'Notification', '2017', 'Please hurry');
    const n1 = await deliver(a, note);
    const n2 = await deliver(a, note);
    for (const x of [n1, n2]) {
      assert.equal(x.status, 200, x.xml);
      assert.equal(x.confirmation?.confirmationHeader.messageStatus, 'OK', x.xml);
    }
    assert.equal(await auditLength(), startLength + 1);
    const messages = (await a.api.get(`/resource-sharing/requests/${lending.id}/messages`)).body.messages;
    assert.equal(messages.filter((m: { direction: string; note?: string }) => m.direction === 'in' && m.note === 'Please hurry').length, 1);
    keep('duplicate-ok', n2);
  });

  it('confirmations echo action (requestingAgencyMessage) and reasonForMessage (supplyingAgencyMessage)', async () => {
    const { Alpha: a, Beta: b } = net.libraries;
    const id = uniqueId('ECHO');
    assert.equal((await deliver(a, requestXml(b.symbol, a.symbol, id, '2017'))).status, 200);
    const ram = await deliver(a, ramXml(b.symbol, a.symbol, id, 'Notification', '2017', 'echo me'));
    assert.equal(ram.confirmation?.kind, 'requestingAgencyMessageConfirmation');
    assert.equal(ram.confirmation?.kind === 'requestingAgencyMessageConfirmation' && ram.confirmation.action, 'Notification');

    // A borrowing request of Alpha sent to Beta: Beta writes back.
    const created = await a.api.post('/resource-sharing/requests', { citation: { title: 'Echo test' }, patron: { id: 'p-1', name: 'Echo' } });
    const borrowing = await inState(a, created.body.id, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(borrowing.supplierSymbol, b.symbol);
    const sam = await deliver(a, samXml(b.symbol, a.symbol, borrowing.hrid, '2017', 'a note from the supplier'));
    assert.equal(sam.status, 200, sam.xml);
    assert.equal(sam.confirmation?.confirmationHeader.messageStatus, 'OK', sam.xml);
    assert.equal(sam.confirmation?.kind === 'supplyingAgencyMessageConfirmation' && sam.confirmation.reasonForMessage, 'Notification');
    // An ERROR confirmation echoes too.
    const unknown = await deliver(a, samXml(b.symbol, a.symbol, 'NO-SUCH-2', '2017'));
    expectError(unknown, 'UnrecognisedDataValue');
    assert.equal(unknown.confirmation?.kind === 'supplyingAgencyMessageConfirmation' && unknown.confirmation.reasonForMessage, 'Notification');
    keep('echo-ram', ram);
    keep('echo-sam', sam);
    keep('echo-sam-error', unknown);
  });

  it('2017 and 2021 senders each get a confirmation in their own version, valid against the official schema', async function () {
    const { Alpha: a, Beta: b, Delta: d } = net.libraries;
    const old = await deliver(a, requestXml(b.symbol, a.symbol, uniqueId('V17'), '2017'));
    const recent = await deliver(a, requestXml(d.symbol, a.symbol, uniqueId('V21'), '2021'));
    assert.equal(old.version, '2017');
    assert.match(old.xml, /version="1\.2"/);
    assert.equal(recent.version, '2021');
    assert.match(recent.xml, /version="2021-2"/);
    const recentError = await deliver(a, ramXml(d.symbol, a.symbol, 'NO-SUCH-3', 'Cancel', '2021'));
    expectError(recentError, 'UnrecognisedDataValue');
    assert.equal(recentError.version, '2021');
    keep('v2017', old);
    keep('v2021', recent);
    keep('v2021-error', recentError);

    for (const version of ['2017', '2021'] as const) {
      const docs = confirmations[version];
      assert.ok(Object.keys(docs).length >= 1);
      const result = await validateAgainstXsd(this, version, docs);
      assert.equal(result.valid, true, `${version}: ${JSON.stringify(result.errorsByName)}`);
    }
  });
});
