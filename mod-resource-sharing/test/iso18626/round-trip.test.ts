import assert from 'node:assert/strict';
import {
  emitMessage,
  Iso18626EmitError,
  MESSAGE_KINDS,
  parseMessage,
  type Iso18626Version,
  type RequestMessage,
} from '../../src/iso18626/index.ts';
import { FULL_MESSAGES, fullRequest, fullRequestingAgencyMessage, fullSupplyingAgencyMessage, TRICKY_NOTE } from './fixtures.ts';
import { validateAgainstXsd } from './xsd.ts';

const VERSIONS: Iso18626Version[] = ['2017', '2021'];

describe('iso18626 codec: emit -> parse round trip', () => {
  for (const version of VERSIONS) {
    for (const kind of MESSAGE_KINDS) {
      it(`${kind} (${version}, all optional parts filled) comes back equal`, () => {
        const original = FULL_MESSAGES[kind](version);
        const xml = emitMessage(original, version);
        const parsed = parseMessage(xml);
        assert.equal(parsed.ok, true, parsed.ok ? '' : JSON.stringify(parsed.error));
        if (!parsed.ok) return;
        assert.equal(parsed.version, version);
        assert.deepEqual(parsed.message, original);
      });
    }
  }

  it('writes the envelope per version: ill: prefix, qualified ill:version, schemaLocation', () => {
    const x2017 = emitMessage(fullRequestingAgencyMessage('2017'), '2017');
    const x2021 = emitMessage(fullRequestingAgencyMessage('2021'), '2021');
    assert.match(x2017, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<ill:ISO18626Message xmlns:ill="http:\/\/illtransactions.org\/2013\/iso18626"/);
    assert.match(x2017, /ill:version="1\.2"/);
    assert.match(x2017, /xsi:schemaLocation="http:\/\/illtransactions.org\/2013\/iso18626 http:\/\/illtransactions.org\/schemas\/ISO-18626-v1_2.xsd"/);
    assert.match(x2021, /ill:version="2021-2"/);
    assert.match(x2021, /ISO-18626-2021-2\.xsd"/);
    assert.doesNotMatch(x2017, /<(?!ill:|\/ill:|\?xml)/, 'every element carries the ill: prefix');
  });

  it('2017 always writes header/multipleItemRequestId (empty when unknown); 2021 never in SAM/RAM headers', () => {
    const sam = fullSupplyingAgencyMessage('2017');
    delete sam.header.multipleItemRequestId;
    assert.match(emitMessage(sam, '2017'), /<ill:multipleItemRequestId\/>/);
    const withId = { ...sam, header: { ...sam.header, multipleItemRequestId: 'MIR-1' } };
    assert.doesNotMatch(emitMessage(withId, '2021'), /multipleItemRequestId/);
    const ram = { ...fullRequestingAgencyMessage('2017') };
    assert.doesNotMatch(emitMessage(ram, '2021'), /multipleItemRequestId/);
    assert.match(emitMessage(fullRequest('2021'), '2021'), /<ill:multipleItemRequestId>MIR-7</);
  });

  it('2021 renames and moves: deliveryMethod, itemFormat, retryInfo, reversed bibliographicItemId', () => {
    const x = emitMessage(fullSupplyingAgencyMessage('2017'), '2021');
    assert.match(x, /<ill:deliveryMethod>Mail</);
    assert.match(x, /<ill:itemFormat>Printed</);
    assert.doesNotMatch(x, /sentVia|deliveredFormat/);
    assert.match(x, /<ill:retryInfo>[\s\S]*<ill:offeredCosts>[\s\S]*<ill:retryBefore>[\s\S]*<ill:retryAfter>[\s\S]*<\/ill:retryInfo>/);
    const r2017 = emitMessage(fullRequest('2017'), '2017');
    const r2021 = emitMessage(fullRequest('2017'), '2021');
    assert.match(r2017, /<ill:bibliographicItemId>\s*<ill:bibliographicItemIdentifier>/);
    assert.match(r2021, /<ill:bibliographicItemId>\s*<ill:bibliographicItemIdentifierCode/);
  });

  it('dates are written as RFC 3339 UTC whatever offset they were read with', () => {
    const xml = emitMessage(fullRequestingAgencyMessage('2017'), '2017').replace(
      '2025-01-17T12:00:00Z',
      '2025-01-17T14:00:00+0200',
    );
    const parsed = parseMessage(xml);
    assert.ok(parsed.ok);
    assert.match(emitMessage(parsed.message, '2017'), /<ill:timestamp>2025-01-17T12:00:00Z</);
  });

  it('refuses what the version cannot carry instead of sending an invalid message', () => {
    assert.throws(() => emitMessage(fullRequestingAgencyMessage('2021'), '2017'), Iso18626EmitError); // HoldReturn
    const sam = fullSupplyingAgencyMessage('2017');
    sam.statusInfo.status = 'ReleaseHoldReturn';
    assert.throws(() => emitMessage(sam, '2017'), /statusInfo\/status/);
    const req: RequestMessage = { ...fullRequest('2017') };
    delete req.serviceInfo;
    assert.doesNotThrow(() => emitMessage(req, '2017'));
    assert.throws(() => emitMessage(req, '2021'), /serviceInfo is required/);
    const noSupplier: RequestMessage = { ...fullRequest('2021'), header: { ...fullRequest('2021').header } };
    delete noSupplier.header.supplyingAgencyId;
    assert.doesNotThrow(() => emitMessage(noSupplier, '2021'));
    assert.throws(() => emitMessage(noSupplier, '2017'), /supplyingAgencyId is required/);
    const badDate = fullRequestingAgencyMessage('2017');
    badDate.header.timestamp = new Date('nonsense');
    assert.throws(() => emitMessage(badDate, '2017'), /timestamp is not a valid date/);
    const badMoney = fullRequest('2017');
    badMoney.billingInfo!.maximumCosts!.monetaryValue = '12,50';
    assert.throws(() => emitMessage(badMoney, '2017'), /not a decimal/);
  });

  it('free-text notes (#seq:N#, MOCK:...) pass through untouched, including markup and line breaks', () => {
    for (const version of VERSIONS) {
      for (const msg of [fullRequest(version), fullSupplyingAgencyMessage(version), fullRequestingAgencyMessage(version)]) {
        const parsed = parseMessage(emitMessage(msg, version));
        assert.ok(parsed.ok);
        const m = parsed.message;
        const note =
          m.kind === 'request' ? m.serviceInfo?.note : m.kind === 'supplyingAgencyMessage' ? m.messageInfo.note : m.kind === 'requestingAgencyMessage' ? m.note : undefined;
        assert.equal(note, TRICKY_NOTE);
      }
    }
    const xml = emitMessage(fullRequestingAgencyMessage('2017'), '2017');
    assert.ok(xml.includes('#seq:12# MOCK:DK-820010:LOANED'));
    assert.ok(xml.includes('a &lt; b &amp; c &gt;'));
  });

  it('every emitted message validates against the official XSD of its version (own and cross-version models)', async function () {
    this.timeout(60_000);
    const docs: Record<Iso18626Version, Record<string, string>> = { '2017': {}, '2021': {} };
    for (const version of VERSIONS) {
      const other: Iso18626Version = version === '2017' ? '2021' : '2017';
      for (const kind of MESSAGE_KINDS) {
        docs[version][`${kind} (${version} model)`] = emitMessage(FULL_MESSAGES[kind](version), version);
        const foreign = FULL_MESSAGES[kind](other);
        if (foreign.kind === 'requestingAgencyMessage' && version === '2017') foreign.action = 'Received';
        docs[version][`${kind} (${other} model)`] = emitMessage(foreign, version);
      }
      const compact = emitMessage(fullSupplyingAgencyMessage(version), version, { pretty: false });
      docs[version]['compact supplyingAgencyMessage'] = compact;
    }
    for (const version of VERSIONS) {
      const result = await validateAgainstXsd(this, version, docs[version]);
      assert.deepEqual(result.errorsByName, {}, `${version}: ${JSON.stringify(result.errorsByName, null, 1)}`);
      assert.equal(result.valid, true);
    }
  });

  it('the XSD check can fail: a 2017 message is not valid 2021 and vice versa', async function () {
    this.timeout(60_000);
    const as2021 = await validateAgainstXsd(this, '2021', { sam2017: emitMessage(fullSupplyingAgencyMessage('2017'), '2017') });
    assert.equal(as2021.valid, false);
    assert.match(JSON.stringify(as2021.errorsByName), /multipleItemRequestId/);
    const as2017 = await validateAgainstXsd(this, '2017', { sam2021: emitMessage(fullSupplyingAgencyMessage('2021'), '2021') });
    assert.equal(as2017.valid, false);
    assert.match(JSON.stringify(as2017.errorsByName.sam2021), /multipleItemRequestId|retryInfo/);
  });
});
