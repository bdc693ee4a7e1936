import assert from 'node:assert/strict';
import {
  buildConfirmation,
  confirmationForParseResult,
  emitMessage,
  parseMessage,
  type ConfirmationMessage,
  type Iso18626Version,
} from '../../src/iso18626/index.ts';
import { fullRequest, fullRequestingAgencyMessage, fullSupplyingAgencyMessage, REQUESTER, SUPPLIER, T0 } from './fixtures.ts';
import { validateAgainstXsd } from './xsd.ts';

const NOW = new Date('2025-01-15T10:00:01Z');

describe('iso18626 codec: confirmations', () => {
  const built: Array<{ name: string; message: ConfirmationMessage; version: Iso18626Version }> = [];

  it('a request gets a requestConfirmation copying ids and request id, timestampReceived = incoming timestamp', () => {
    const request = fullRequest('2017');
    const c = buildConfirmation('request', request.header, { messageStatus: 'OK', now: NOW });
    assert.deepEqual(c, {
      kind: 'requestConfirmation',
      confirmationHeader: {
        supplyingAgencyId: SUPPLIER,
        requestingAgencyId: REQUESTER,
        timestamp: NOW,
        requestingAgencyRequestId: 'REQ-0001',
        multipleItemRequestId: 'MIR-7',
        timestampReceived: T0,
        messageStatus: 'OK',
      },
    });
    built.push({ name: 'request OK', message: c, version: '2017' }, { name: 'request OK', message: c, version: '2021' });
  });

  it('a requestingAgencyMessage confirmation echoes the action', () => {
    const ram = fullRequestingAgencyMessage('2017');
    const c = buildConfirmation('requestingAgencyMessage', ram.header, { messageStatus: 'OK', echo: { action: ram.action }, now: NOW });
    assert.equal(c.kind, 'requestingAgencyMessageConfirmation');
    assert.equal(c.kind === 'requestingAgencyMessageConfirmation' && c.action, 'ShippedReturn');
    assert.equal(c.confirmationHeader.timestampReceived.toISOString(), '2025-01-17T12:00:00.000Z');
    assert.match(emitMessage(c, '2017'), /<\/ill:confirmationHeader>\s*<ill:action>ShippedReturn<\/ill:action>/);
    built.push({ name: 'RAM OK', message: c, version: '2017' });
  });

  it('a supplyingAgencyMessage confirmation echoes reasonForMessage; ERROR carries errorData', () => {
    const sam = fullSupplyingAgencyMessage('2021');
    const c = buildConfirmation('supplyingAgencyMessage', sam.header, {
      messageStatus: 'ERROR',
      errorType: 'UnrecognisedDataValue',
      errorValue: 'requestingAgencyRequestId REQ-0001 does not exist',
      echo: { reasonForMessage: sam.messageInfo.reasonForMessage },
      now: NOW,
    });
    assert.equal(c.kind, 'supplyingAgencyMessageConfirmation');
    assert.equal(c.kind === 'supplyingAgencyMessageConfirmation' && c.reasonForMessage, 'StatusChange');
    assert.equal(c.confirmationHeader.messageStatus, 'ERROR');
    assert.deepEqual(c.errorData, { errorType: 'UnrecognisedDataValue', errorValue: 'requestingAgencyRequestId REQ-0001 does not exist' });
    const xml = emitMessage(c, '2021');
    assert.match(xml, /<ill:reasonForMessage>StatusChange<\/ill:reasonForMessage>\s*<ill:errorData>/);
    const back = parseMessage(xml);
    assert.ok(back.ok);
    assert.deepEqual(back.ok && back.message, c);
    built.push({ name: 'SAM ERROR', message: c, version: '2021' }, { name: 'SAM ERROR', message: c, version: '2017' });
  });

  it('from a parse failure: the right kind, the recovered header, ERROR with the parser error', () => {
    const xml = emitMessage(fullRequestingAgencyMessage('2021'), '2021').replace('>HoldReturn<', '>Teleport<');
    const parsed = parseMessage(xml);
    assert.equal(parsed.ok, false);
    const { confirmation, version } = confirmationForParseResult(parsed, { now: NOW });
    assert.equal(version, '2021');
    assert.equal(confirmation.kind, 'requestingAgencyMessageConfirmation');
    assert.equal(confirmation.confirmationHeader.messageStatus, 'ERROR');
    assert.deepEqual(confirmation.errorData, { errorType: 'UnsupportedActionType', errorValue: 'Teleport' });
    assert.equal(confirmation.confirmationHeader.requestingAgencyRequestId, 'REQ-0001');
    assert.deepEqual(confirmation.confirmationHeader.supplyingAgencyId, SUPPLIER);
    assert.equal(confirmation.kind === 'requestingAgencyMessageConfirmation' && confirmation.action, undefined);
    built.push({ name: 'unsupported action', message: confirmation, version });
  });

  it('from a successful parse: OK with the echo filled in', () => {
    const parsed = parseMessage(emitMessage(fullSupplyingAgencyMessage('2017'), '2017'));
    const { confirmation, version } = confirmationForParseResult(parsed, { now: NOW });
    assert.equal(version, '2017');
    assert.equal(confirmation.kind, 'supplyingAgencyMessageConfirmation');
    assert.equal(confirmation.kind === 'supplyingAgencyMessageConfirmation' && confirmation.reasonForMessage, 'StatusChange');
    assert.equal(confirmation.confirmationHeader.messageStatus, 'OK');
    assert.equal(confirmation.errorData, undefined);
  });

  it('best effort when nothing could be parsed: a bare ERROR requestConfirmation', () => {
    const parsed = parseMessage('this is not xml');
    const { confirmation, version } = confirmationForParseResult(parsed, { now: NOW });
    assert.equal(version, '2017');
    assert.deepEqual(confirmation, {
      kind: 'requestConfirmation',
      confirmationHeader: { timestamp: NOW, timestampReceived: NOW, messageStatus: 'ERROR' },
      errorData: parsed.ok ? undefined : parsed.error,
    });
    built.push({ name: 'garbage', message: confirmation, version: '2017' }, { name: 'garbage', message: confirmation, version: '2021' });
  });

  it('best effort on broken XML: kind and header are sniffed from the text', () => {
    const truncated = emitMessage(fullRequestingAgencyMessage('2017'), '2017').slice(0, -60);
    const parsed = parseMessage(truncated);
    assert.equal(parsed.ok, false);
    const { confirmation } = confirmationForParseResult(parsed, { now: NOW });
    assert.equal(confirmation.kind, 'requestingAgencyMessageConfirmation');
    assert.equal(confirmation.confirmationHeader.requestingAgencyRequestId, 'REQ-0001');
    assert.deepEqual(confirmation.confirmationHeader.requestingAgencyId, { type: 'ISIL', value: 'US-REQ' });
    assert.equal(confirmation.confirmationHeader.timestampReceived.toISOString(), '2025-01-17T12:00:00.000Z');
    assert.equal(confirmation.errorData?.errorType, 'BadlyFormedMessage');
    built.push({ name: 'truncated', message: confirmation, version: '2017' });
  });

  it('every built confirmation validates against the XSD of the version it is sent in', async function () {
    this.timeout(60_000);
    assert.ok(built.length >= 8);
    for (const version of ['2017', '2021'] as const) {
      const docs: Record<string, string> = {};
      built.filter((b) => b.version === version).forEach((b, i) => (docs[`${i}: ${b.name}`] = emitMessage(b.message, version)));
      const result = await validateAgainstXsd(this, version, docs);
      assert.deepEqual(result.errorsByName, {});
      assert.equal(result.valid, true);
    }
  });
});
