import assert from 'node:assert/strict';
import { schemaErrors } from '../../mod-resource-sharing/test/host/ncip-fixtures.ts';
import { emitNcip } from '../../mod-resource-sharing/src/host/ncip/ncip-emit.ts';
import { parseNcip } from '../../mod-resource-sharing/src/host/ncip/ncip-parse.ts';
import type { NcipMessage, NcipRequest } from '../../mod-resource-sharing/src/host/ncip/ncip-types.ts';
import { startNcipSimulator, type NcipSimulator } from './ncip-simulator.ts';

const header = { fromAgencyId: 'CLIENT', toAgencyId: 'SIM-ILS' };

describe('NCIP responder simulator', () => {
  let sim: NcipSimulator;
  const answers: string[] = [];

  async function post(body: string, contentType = 'text/xml'): Promise<{ status: number; type: string; xml: string }> {
    const res = await fetch(sim.url, { method: 'POST', headers: { 'content-type': contentType }, body });
    const xml = await res.text();
    if (res.status === 200) answers.push(xml);
    return { status: res.status, type: res.headers.get('content-type') ?? '', xml };
  }

  async function send(m: NcipRequest): Promise<NcipMessage> {
    const { status, type, xml } = await post(emitNcip(m));
    assert.equal(status, 200);
    assert.match(type, /^text\/xml/);
    return parseNcip(xml);
  }

  beforeEach(async () => {
    sim = await startNcipSimulator({ users: [{ id: 'U1', surname: 'Reader', username: 'reader', pin: '4321' }], items: [{ barcode: 'I1', title: 'Book', bibId: 'b1' }] });
  });
  afterEach(() => sim.close());

  it('listens on 127.0.0.1 and answers LookupUser with the user and a ResponseHeader', async () => {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+\/ncip$/);
    const r = await send({ service: 'LookupUser', header, userId: { value: 'U1' } });
    assert.ok(r.service === 'LookupUserResponse');
    assert.equal(r.userId.value, 'U1');
    assert.deepEqual(r.header, { fromAgencyId: 'SIM-ILS', toAgencyId: 'CLIENT' });
    assert.equal(r.userOptionalFields?.name?.surname, 'Reader');
  });

  it('finds a user by AuthenticationInput and checks the PIN', async () => {
    const creds = (pin: string): NcipRequest => ({
      service: 'LookupUser',
      authenticationInput: [{ data: 'reader', type: 'Username' }, { data: pin, type: 'PIN' }],
    });
    const ok = await send(creds('4321'));
    assert.ok(ok.service === 'LookupUserResponse' && ok.userId.value === 'U1');
    const bad = await send(creds('0000'));
    assert.ok(bad.service === 'Problem' && bad.problems[0].type === 'User Authentication Failed');
  });

  it('answers Problems for an unknown user and an unknown item', async () => {
    const user = await send({ service: 'LookupUser', header, userId: { value: 'NOPE' } });
    assert.deepEqual(user, { service: 'Problem', responseTo: 'LookupUser', header: { fromAgencyId: 'SIM-ILS', toAgencyId: 'CLIENT' }, problems: [{ type: 'Unknown User', element: 'UserIdentifierValue', value: 'NOPE' }] });
    const item = await send({ service: 'CheckInItem', itemId: { value: 'NOPE' } });
    assert.ok(item.service === 'Problem');
    assert.equal(item.problems[0].type, 'Unknown Item');
  });

  it('refuses a second AcceptItem with the same barcode and keeps the first item', async () => {
    const accept = (requestId: string): NcipRequest => ({ service: 'AcceptItem', requestId: { value: requestId }, requestedActionType: 'Circulate', itemId: { value: 'TMP-1' } });
    assert.equal((await send(accept('R1'))).service, 'AcceptItemResponse');
    const dup = await send(accept('R2'));
    assert.ok(dup.service === 'Problem');
    assert.equal(dup.problems[0].type, 'Duplicate Item');
    assert.equal(sim.state().items.filter((i) => i.barcode === 'TMP-1').length, 1);
  });

  it('keeps loans: check-out, a second check-out to someone else is refused, check-in ends the loan', async () => {
    sim = await (async () => {
      await sim.close();
      return startNcipSimulator({ users: [{ id: 'U1' }, { id: 'U2' }], items: [{ barcode: 'I1' }] });
    })();
    const out = await send({ service: 'CheckOutItem', userId: { value: 'U1' }, itemId: { value: 'I1' }, desiredDateDue: '2030-01-01T00:00:00Z' });
    assert.ok(out.service === 'CheckOutItemResponse');
    assert.equal(out.dateDue, '2030-01-01T00:00:00Z');
    const again = await send({ service: 'CheckOutItem', userId: { value: 'U2' }, itemId: { value: 'I1' } });
    assert.ok(again.service === 'Problem' && again.problems[0].type === 'Item Already Checked Out');
    assert.deepEqual(sim.state().loans.map((l) => [l.itemBarcode, l.userId]), [['I1', 'U1']]);
    assert.equal((await send({ service: 'CheckInItem', itemId: { value: 'I1' } })).service, 'CheckInItemResponse');
    assert.equal(sim.state().loans.length, 0);
    const notOut = await send({ service: 'CheckInItem', itemId: { value: 'I1' } });
    assert.ok(notOut.service === 'Problem' && notOut.problems[0].type === 'Item Not Checked Out');
  });

  it('failNext injects a Problem or an HTTP status once, for the named message only', async () => {
    sim.failNext('DeleteItem', 503);
    sim.failNext('LookupUser', 'Temporary Processing Failure');
    const p = await send({ service: 'LookupUser', userId: { value: 'U1' } });
    assert.ok(p.service === 'Problem' && p.problems[0].type === 'Temporary Processing Failure');
    assert.equal((await send({ service: 'LookupUser', userId: { value: 'U1' } })).service, 'LookupUserResponse');
    const down = await post(emitNcip({ service: 'DeleteItem', itemId: { value: 'I1' } }));
    assert.equal(down.status, 503);
    assert.equal(sim.state().items.length, 1); // the failed delete changed nothing
  });

  it('answers garbage, DTDs and responses-as-requests with Invalid Message Syntax Error', async () => {
    for (const body of ['not xml', '<?xml version="1.0"?><!DOCTYPE NCIPMessage><NCIPMessage/>', emitNcip({ service: 'DeleteItemResponse', itemId: { value: 'I1' } })]) {
      const { status, xml } = await post(body);
      assert.equal(status, 200);
      const m = parseNcip(xml);
      assert.ok(m.service === 'Problem' && m.responseTo === null, xml);
      assert.equal(m.problems[0].type, 'Invalid Message Syntax Error');
    }
  });

  it('everything it answered validates against ncip_v2_02.xsd', async function () {
    assert.ok(answers.length >= 14, `only ${answers.length} answers collected`);
    assert.deepEqual(await schemaErrors(this, answers.map((xml, i) => ({ name: `answer-${i}.xml`, xml }))), []);
  });
});
