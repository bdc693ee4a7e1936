import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { referenceFile } from '../../../test/support/shared.ts';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  emitMessage,
  parseMessage,
  type ParsedResult,
  type ParseFailure,
} from '../../src/iso18626/index.ts';
import { fullRequest, fullSupplyingAgencyMessage } from './fixtures.ts';

const NS = 'http://illtransactions.org/2013/iso18626';

/** An ISO 18626 sample message (a reference file: the test in `ctx` is skipped without it). */
function sample(ctx: Mocha.Context, dir: string, file: string): string {
  return readFileSync(referenceFile(ctx, 'standards', 'iso18626', 'samples', dir, file), 'utf8');
}

function ram(action: string, extraHeader = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ill:ISO18626Message xmlns:ill="${NS}" ill:version="1.2">
  <ill:requestingAgencyMessage>
    <ill:header>
      <ill:supplyingAgencyId><ill:agencyIdType>ISIL</ill:agencyIdType><ill:agencyIdValue>SUP</ill:agencyIdValue></ill:supplyingAgencyId>
      <ill:requestingAgencyId><ill:agencyIdType>ISIL</ill:agencyIdType><ill:agencyIdValue>REQ</ill:agencyIdValue></ill:requestingAgencyId>
      <ill:multipleItemRequestId/>
      <ill:timestamp>2025-01-15T10:00:00Z</ill:timestamp>
      <ill:requestingAgencyRequestId>REQ-0001</ill:requestingAgencyRequestId>${extraHeader}
    </ill:header>
    <ill:action>${action}</ill:action>
    <ill:note>#seq:3#</ill:note>
  </ill:requestingAgencyMessage>
</ill:ISO18626Message>`;
}

function expectFailure(result: ParsedResult, errorType: string, valuePattern?: RegExp): ParseFailure {
  if (result.ok) assert.fail(`expected ${errorType}, got ok (${result.message.kind})`);
  assert.equal(result.error.errorType, errorType, result.error.errorValue);
  if (valuePattern) assert.match(result.error.errorValue, valuePattern);
  return result;
}

describe('iso18626 codec: parse errors get the right errorType', () => {
  it('not XML, empty, truncated, wrong root -> BadlyFormedMessage', () => {
    expectFailure(parseMessage('hello, world'), 'BadlyFormedMessage', /not well-formed/);
    expectFailure(parseMessage(''), 'BadlyFormedMessage');
    expectFailure(parseMessage('{"json": true}'), 'BadlyFormedMessage');
    expectFailure(parseMessage(ram('Received').slice(0, 300)), 'BadlyFormedMessage');
    expectFailure(parseMessage(`<html><body>502 Bad Gateway</body></html>`), 'BadlyFormedMessage', /root element is html/);
    expectFailure(parseMessage(`<ISO18626Message xmlns="${NS}" version="1.2"/>`), 'BadlyFormedMessage', /holds no message/);
    expectFailure(parseMessage('<a/><b/>'), 'BadlyFormedMessage');
    expectFailure(parseMessage(`<?xml version="1.0"?>`), 'BadlyFormedMessage');
  });

  it('an envelope holding something other than the six messages -> UnrecognisedDataElement', () => {
    expectFailure(
      parseMessage(`<ISO18626Message xmlns="${NS}" version="1.2"><renewRequest/></ISO18626Message>`),
      'UnrecognisedDataElement',
      /renewRequest/,
    );
  });

  it('unknown action -> UnsupportedActionType, with the kind and header for the confirmation', () => {
    const f = expectFailure(parseMessage(ram('Borrowed')), 'UnsupportedActionType', /^Borrowed$/);
    assert.equal(f.messageKind, 'requestingAgencyMessage');
    assert.equal(f.version, '2017');
    assert.equal(f.partialHeader?.requestingAgencyRequestId, 'REQ-0001');
    assert.deepEqual(f.partialHeader?.supplyingAgencyId, { type: 'ISIL', value: 'SUP' });
    assert.equal(f.partialHeader?.timestamp?.toISOString(), '2025-01-15T10:00:00.000Z');
    assert.equal(f.echo, undefined, 'an unknown action is not echoed');
  });

  it('unknown reasonForMessage -> UnsupportedReasonForMessageType', function () {
    const xml = sample(this, 'minimal-v1_2', 'supplyingAgencyMessage-willsupply.xml').replace('>RequestResponse<', '>PleaseRespond<');
    const f = expectFailure(parseMessage(xml), 'UnsupportedReasonForMessageType', /PleaseRespond/);
    assert.equal(f.messageKind, 'supplyingAgencyMessage');
  });

  it('a value outside a closed code list -> UnrecognisedDataValue naming element and value', function () {
    const badStatus = sample(this, 'minimal-v1_2', 'supplyingAgencyMessage-willsupply.xml').replace('>WillSupply<', '>Lent<');
    const f = expectFailure(parseMessage(badStatus), 'UnrecognisedDataValue', /statusInfo\/status: Lent/);
    assert.deepEqual(f.echo, { reasonForMessage: 'RequestResponse' }, 'the valid reason is still echoed');

    const badService = sample(this, 'minimal-v1_2', 'request.xml').replace(/<serviceType>\w+</, '<serviceType>Borrow<');
    expectFailure(parseMessage(badService), 'UnrecognisedDataValue', /serviceInfo\/serviceType: Borrow/);
    const badYesNo = sample(this, 'minimal-v1_2', 'supplyingAgencyMessage-cancelresponse.xml').replace(/<answerYesNo>\w</, '<answerYesNo>Maybe<');
    expectFailure(parseMessage(badYesNo), 'UnrecognisedDataValue', /answerYesNo: Maybe/);
    expectFailure(parseMessage(ram('Received').replace('2025-01-15T10:00:00Z', 'yesterday')), 'UnrecognisedDataValue', /header\/timestamp: yesterday/);
    const badStatusConf = sample(this, 'minimal-v1_2', 'requestConfirmation.xml').replace('>OK<', '>FINE<');
    expectFailure(parseMessage(badStatusConf), 'UnrecognisedDataValue', /messageStatus: FINE/);
  });

  it('a required element missing -> BadlyFormedMessage naming it', function () {
    const noId = ram('Received').replace(/<ill:requestingAgencyRequestId>.*<\/ill:requestingAgencyRequestId>/, '');
    expectFailure(parseMessage(noId), 'BadlyFormedMessage', /missing required element requestingAgencyMessage\/header\/requestingAgencyRequestId/);
    expectFailure(parseMessage(ram('Received').replace(/<ill:action>.*<\/ill:action>/, '')), 'BadlyFormedMessage', /action/);
    const noStatus = sample(this, 'minimal-v1_2', 'supplyingAgencyMessage-willsupply.xml').replace(/<statusInfo>.*<\/statusInfo>/, '');
    expectFailure(parseMessage(noStatus), 'BadlyFormedMessage', /statusInfo/);
  });

  it('tolerates what real peers send: +0000, space separator, no offset, Koha spelling, lowercase codes', function () {
    const cases: Array<[string, string]> = [
      ['2025-01-15T10:00:00+0000', '2025-01-15T10:00:00.000Z'],
      ['2025-01-15T11:30:00+01:30', '2025-01-15T10:00:00.000Z'],
      ['2025-01-15 10:00:00', '2025-01-15T10:00:00.000Z'],
      ['2025-01-15T10:00:00.123456Z', '2025-01-15T10:00:00.123Z'],
      ['0001-01-01T00:00:00.000Z', '0001-01-01T00:00:00.000Z'],
      ['2025-01-15', '2025-01-15T00:00:00.000Z'],
    ];
    for (const [sent, expected] of cases) {
      const r = parseMessage(ram('Received').replace('2025-01-15T10:00:00Z', sent));
      assert.ok(r.ok, sent);
      assert.equal(r.ok && r.message.kind === 'requestingAgencyMessage' && r.message.header.timestamp.toISOString(), expected, sent);
    }
    expectFailure(parseMessage(ram('Received').replace('2025-01-15T10:00:00Z', '2025-02-30T10:00:00Z')), 'UnrecognisedDataValue');

    const koha = sample(this, 'minimal-v1_2', 'requestConfirmation-error.xml').replace(/UnrecognisedDataValue|BadlyFormedMessage|Unsupported\w+|UnrecognisedDataElement/, 'UnrecognizedDataValue');
    const k = parseMessage(koha);
    assert.ok(k.ok && k.message.kind === 'requestConfirmation');
    assert.equal(k.ok && k.message.kind === 'requestConfirmation' && k.message.errorData?.errorType, 'UnrecognisedDataValue');

    const lower = parseMessage(ram('received'));
    assert.equal(lower.ok && lower.message.kind === 'requestingAgencyMessage' && lower.message.action, 'Received');
  });

  it('accepts any version value and detects the schema version', () => {
    for (const [attr, version] of [
      ['1.2', '2017'],
      ['v1_2_2017', '2017'],
      ['1.0', '2017'],
      ['', '2017'],
      ['2021-2', '2021'],
      ['2021-3', '2021'],
      ['1.3', '2021'],
    ] as const) {
      const r = parseMessage(ram('Received').replace('ill:version="1.2"', `ill:version="${attr}"`));
      assert.ok(r.ok, attr);
      assert.equal(r.ok && r.version, version, attr);
      assert.equal(r.ok && r.versionAttribute, attr);
    }
    const noVersion = parseMessage(ram('Received').replace(' ill:version="1.2"', ''));
    assert.ok(noVersion.ok);
    const sam2021 = emitMessage(fullSupplyingAgencyMessage('2021'), '2021').replace('ill:version="2021-2"', 'ill:version=""');
    const detected = parseMessage(sam2021);
    assert.equal(detected.ok && detected.version, '2021', 'retryInfo/shippingInfo mark a 2021 message');
  });

  it('prefixed, other-prefixed, default-namespace, unprefixed-attribute and no-namespace variants parse alike', () => {
    const prefixed = emitMessage(fullRequest('2017'), '2017');
    const otherPrefix = prefixed.replaceAll('ill:', 'x:').replace('xmlns:x=', 'xmlns:x=');
    const defaultNs = prefixed
      .replace(`xmlns:ill="${NS}"`, `xmlns="${NS}" xmlns:ill="${NS}"`)
      .replace(/<(\/?)ill:(?!version|scheme)/g, '<$1');
    const unprefixedAttrs = defaultNs.replaceAll('ill:version=', 'version=').replaceAll('ill:scheme=', 'scheme=');
    const noNamespace = unprefixedAttrs.replace(` xmlns="${NS}" xmlns:ill="${NS}"`, '');
    assert.doesNotMatch(noNamespace, /ill:/);
    const reference = parseMessage(prefixed);
    assert.ok(reference.ok);
    for (const [name, xml] of Object.entries({ otherPrefix, defaultNs, unprefixedAttrs, noNamespace })) {
      const r = parseMessage(xml);
      assert.ok(r.ok, name);
      assert.deepEqual(r.ok && r.message, reference.message, name);
      assert.equal(r.ok && r.versionAttribute, '1.2', name);
    }
  });

  it('requires the ISO18626Message envelope unless told otherwise', () => {
    const bare = ram('Received')
      .replace(/<ill:ISO18626Message[^>]*>/, '')
      .replace('</ill:ISO18626Message>', '')
      .replace('<ill:requestingAgencyMessage>', `<ill:requestingAgencyMessage xmlns:ill="${NS}">`);
    expectFailure(parseMessage(bare), 'BadlyFormedMessage', /expected ISO18626Message/);
    const r = parseMessage(bare, { acceptMissingEnvelope: true });
    assert.equal(r.ok && r.message.kind, 'requestingAgencyMessage');
  });
});

describe('iso18626 codec: text decoding', () => {
  it('decodes the predefined entities and numeric references exactly once', () => {
    const title = 'A &amp; B &#38; C &#x26; D &amp;#38; E &lt;x&gt; &quot;q&quot; &apos;a&apos; &#x1F4DA; &#233;';
    const xml = emitMessage(fullRequest('2017'), '2017').replace(/<ill:title>[^<]*<\/ill:title>/, `<ill:title>${title}</ill:title>`);
    const r = parseMessage(xml);
    assert.ok(r.ok && r.message.kind === 'request');
    assert.equal(r.ok && r.message.kind === 'request' && r.message.bibliographicInfo.title, `A & B & C & D &#38; E <x> "q" 'a' 📚 é`);
  });

  it('decodes references in attributes and keeps CDATA literal', () => {
    const xml = ram('Received')
      .replace('<ill:agencyIdType>ISIL</ill:agencyIdType><ill:agencyIdValue>SUP', '<ill:agencyIdType ill:scheme="http://x.org/?a=1&amp;b=&#50;">ISIL</ill:agencyIdType><ill:agencyIdValue>SUP')
      .replace('<ill:note>#seq:3#</ill:note>', '<ill:note><![CDATA[#seq:3# &amp; <raw>]]></ill:note>');
    const r = parseMessage(xml);
    assert.ok(r.ok && r.message.kind === 'requestingAgencyMessage');
    if (!r.ok || r.message.kind !== 'requestingAgencyMessage') return;
    assert.equal(r.message.header.supplyingAgencyId.typeScheme, 'http://x.org/?a=1&b=2');
    assert.equal(r.message.note, '#seq:3# &amp; <raw>');
  });

  it('keeps whitespace inside notes but trims identifiers and codes', () => {
    const r = parseMessage(ram('\n      Received  ').replace('<ill:note>#seq:3#</ill:note>', '<ill:note>  MOCK:SUP:LOANED\n  #seq:3#  </ill:note>'));
    assert.ok(r.ok && r.message.kind === 'requestingAgencyMessage');
    if (!r.ok || r.message.kind !== 'requestingAgencyMessage') return;
    assert.equal(r.message.action, 'Received');
    assert.equal(r.message.note, '  MOCK:SUP:LOANED\n  #seq:3#  ');
  });

  it('refuses a reference to a character XML forbids', () => {
    expectFailure(parseMessage(ram('Received').replace('#seq:3#', '&#0;')), 'BadlyFormedMessage');
  });
});

describe('iso18626 codec: hostile input', () => {
  it('refuses a billion-laughs document quickly, without expanding it', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      `<ISO18626Message xmlns="${NS}" version="1.2"><requestingAgencyMessage><header/><action>&lol9;</action></requestingAgencyMessage></ISO18626Message>`,
    ].join('\n');
    const started = performance.now();
    const f = expectFailure(parseMessage(lol), 'BadlyFormedMessage', /DOCTYPE/);
    assert.ok(performance.now() - started < 100, 'refused in well under 100 ms');
    assert.equal(f.messageKind, 'requestingAgencyMessage', 'the kind is still known for the confirmation');
  });

  it('refuses an external entity without reading the file', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<ISO18626Message xmlns="${NS}" version="1.2"><request><header><requestingAgencyRequestId>&e;</requestingAgencyRequestId></header></request></ISO18626Message>`;
    const f = expectFailure(parseMessage(xxe), 'BadlyFormedMessage', /DOCTYPE/);
    assert.doesNotMatch(JSON.stringify(f), /root:/);
    expectFailure(parseMessage('<!ENTITY x "y"><a/>'), 'BadlyFormedMessage');
    expectFailure(parseMessage('<!doctype html><html/>'), 'BadlyFormedMessage');
  });

  it('refuses an oversize body (default 1 MiB, configurable), string or bytes', () => {
    const big = ram('Received').replace('#seq:3#', 'x'.repeat(DEFAULT_MAX_MESSAGE_BYTES));
    expectFailure(parseMessage(big), 'BadlyFormedMessage', /larger than 1048576 bytes/);
    expectFailure(parseMessage(Buffer.from(big)), 'BadlyFormedMessage', /larger than/);
    const small = ram('Received');
    expectFailure(parseMessage(small, { maxBytes: 500 }), 'BadlyFormedMessage', /larger than 500 bytes/);
    assert.ok(parseMessage(small, { maxBytes: 5000 }).ok);
    assert.ok(parseMessage(new TextEncoder().encode(small)).ok, 'bytes are read as UTF-8');
    // multi-byte characters count as bytes, not characters
    const wide = ram('Received').replace('#seq:3#', 'é'.repeat(400));
    const limit = wide.length + 100;
    assert.ok(Buffer.byteLength(wide) > limit);
    expectFailure(parseMessage(wide, { maxBytes: limit }), 'BadlyFormedMessage', /larger than/);
  });

  it('never throws: random truncations and byte flips of valid messages', function () {
    const bases = [
      emitMessage(fullRequest('2017'), '2017'),
      emitMessage(fullSupplyingAgencyMessage('2021'), '2021'),
      ram('Received'),
      sample(this, 'oclc-circill', 'RequestConfirmationSampleError.xml'),
    ];
    let seed = 18626;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const junk = ['<', '>', '&', '&#', ']]>', '<![CDATA[', '"', '/', '\u0000', '<!--', 'é'];
    let oks = 0;
    let failures = 0;
    for (const base of bases) {
      for (let i = 0; i < 150; i++) {
        const cut = base.slice(0, random(base.length));
        const pos = random(base.length);
        const flipped = base.slice(0, pos) + junk[random(junk.length)] + base.slice(pos + 1);
        for (const input of [cut, flipped]) {
          let result: ParsedResult | undefined;
          assert.doesNotThrow(() => {
            result = parseMessage(input);
          }, `input: ${input.slice(-80)}`);
          assert.equal(typeof result?.ok, 'boolean');
          if (result?.ok) oks++;
          else failures++;
        }
      }
    }
    assert.ok(failures > 0 && oks > 0, `both outcomes occur (ok ${oks}, failed ${failures})`);
  });

  it('never throws on absurd nesting or non-string input', () => {
    const deep = `<ISO18626Message xmlns="${NS}" version="1.2"><request>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</request></ISO18626Message>`;
    const r = parseMessage(deep);
    assert.equal(r.ok, false);
    assert.equal(parseMessage(42 as unknown as string).ok, false);
    assert.equal(parseMessage(null as unknown as string).ok, false);
  });
});
