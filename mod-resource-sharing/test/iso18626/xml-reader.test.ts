// The inbound XML reader (src/iso18626/xml-tree.ts, one saxes pass): the tree it hands to the
// message readers, and what a partner gets back or what is stored when it sends namespace variants,
// CDATA, character references, or XML that is not well-formed.
import assert from 'node:assert/strict';
import { emitMessage, parseMessage, type AgencyId, type ConfirmationMessage, type Iso18626Version } from '../../src/iso18626/index.ts';
import { MAX_DEPTH, readXmlTree, type XmlTreeResult } from '../../src/iso18626/xml-tree.ts';
import { lendingCount, lendingRequestFor, startNetwork, type Library, type Network } from '../../../test/support/library-network.ts';

const NS = 'http://illtransactions.org/2013/iso18626';

function tree(xml: string): Record<string, unknown> {
  const r = readXmlTree(xml);
  if (!r.ok) assert.fail(`refused: ${r.reason} (line ${r.line})`);
  return r.tree;
}

function refused(xml: string): Extract<XmlTreeResult, { ok: false }> {
  const r = readXmlTree(xml);
  if (r.ok) assert.fail(`accepted: ${JSON.stringify(r.tree).slice(0, 200)}`);
  return r;
}

describe('iso18626 XML reader: the tree', () => {
  it('keys elements by local name, attributes as @_<localName>, drops namespace declarations', () => {
    assert.deepEqual(tree(`<p:a xmlns:p="${NS}" xmlns="urn:x" p:version="1.2" scheme="s"><p:b>x</p:b><c/><q:d xmlns:q="urn:q" q:k="v">t</q:d></p:a>`), {
      a: { '@_version': '1.2', '@_scheme': 's', b: 'x', c: '', d: { '@_k': 'v', '#text': 't' } },
    });
  });

  it('makes repeated elements arrays in document order, and keeps a single one a value', () => {
    assert.deepEqual(tree('<r><v>1</v><w/><v>2</v><v x="3"/></r>'), { r: { v: ['1', '2', { '@_x': '3' }], w: '' } });
  });

  it('gives text exactly: untrimmed, entities and references once, CDATA literal, comments and PIs dropped, &#13; kept', () => {
    const r = tree('<r><n>  a &amp;#38; &#38; &#x1F4DA; <![CDATA[<b>&amp;</b>]]><!-- c --><?pi x?> z\r\nq&#13;\r</n></r>');
    assert.deepEqual(r, { r: { n: '  a &#38; & 📚 <b>&amp;</b> z\nq\r\n' } });
  });

  it('puts the text of an element with children under #text (mixed content concatenated)', () => {
    assert.deepEqual(tree('<r><n k="1">a<b/>c</n></r>'), { r: { n: { '@_k': '1', b: '', '#text': 'ac' } } });
  });

  it('keeps an element named __proto__ as a plain key, without touching any prototype', () => {
    const t = tree('<r><__proto__><polluted>yes</polluted></__proto__><__proto__ __proto__="a"/></r>');
    const r = t.r as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(r), Object.prototype);
    assert.ok(Array.isArray(r.__proto__));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('reads by XML 1.0 rules whatever the declaration names, and refuses a bad declaration', () => {
    assert.match(refused('<?xml version="1.1"?><r>&#1;</r>').reason, /character entity &#1;/);
    assert.deepEqual(tree('<?xml version="1.1"?><r>a\u2028b</r>'), { r: 'a\u2028b' }, 'no XML 1.1 line-end normalisation');
    assert.match(refused('<?xml version="2021-2"?><r/>').reason, /version/);
  });

  it('refuses nesting deeper than MAX_DEPTH at once, without recursion', () => {
    assert.ok(readXmlTree(`${'<a>'.repeat(MAX_DEPTH)}${'</a>'.repeat(MAX_DEPTH)}`).ok);
    const started = performance.now();
    const deep = refused(`${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}`);
    assert.equal(deep.problem, 'too-deep');
    assert.ok(performance.now() - started < 200, 'stops at the limit instead of reading on');
    // The reader is usable again after a refusal midway through a document.
    assert.deepEqual(tree('<r>ok</r>'), { r: 'ok' });
  });

  it('stops at a DOCTYPE before reading any element', () => {
    assert.equal(refused('<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>').problem, 'doctype');
  });

  it('names a lone surrogate in a caller\'s string (saxes passes one followed by another character)', () => {
    const xml = emitMessage(
      { kind: 'requestingAgencyMessage', header: { supplyingAgencyId: { type: 'ISIL', value: 'A' }, requestingAgencyId: { type: 'ISIL', value: 'B' }, timestamp: new Date(), requestingAgencyRequestId: 'X' }, action: 'Notification', note: 'PLACE' },
      '2017',
    ).replace('PLACE', '\uD800x');
    const r = parseMessage(xml);
    assert.equal(!r.ok && r.error.errorValue, `the character U+D800 (at offset ${xml.indexOf('\uD800')}) is not allowed in XML`);
  });
});

// ---- through the endpoint ---------------------------------------------------------------------------

const agency = (symbol: string): AgencyId => {
  const [type, value] = symbol.split(':');
  return { type, value };
};
let seq = 0;
const uniqueId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++seq}`;

function requestXml(from: Library, to: Library, id: string, version: Iso18626Version = '2017', title = 'TITLE'): string {
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

function notificationXml(from: Library, to: Library, id: string): string {
  return emitMessage(
    {
      kind: 'requestingAgencyMessage',
      header: { supplyingAgencyId: agency(to.symbol), requestingAgencyId: agency(from.symbol), timestamp: new Date(), requestingAgencyRequestId: id },
      action: 'Notification',
      note: 'NOTE',
    },
    '2017',
  );
}

interface Answer {
  xml: string;
  confirmation: ConfirmationMessage;
}

async function deliver(lib: Library, body: string): Promise<Answer> {
  const res = await fetch(lib.endpoint, { method: 'POST', headers: { 'content-type': 'application/xml; charset=utf-8' }, body });
  const xml = await res.text();
  assert.ok(res.status < 500, `server error ${res.status}: ${xml.slice(0, 300)}`);
  const parsed = parseMessage(xml);
  assert.ok(parsed.ok && 'confirmationHeader' in parsed.message, `unreadable confirmation ${res.status}: ${xml.slice(0, 300)}`);
  return { xml, confirmation: parsed.message };
}

function expectOk(a: Answer): void {
  assert.equal(a.confirmation.confirmationHeader.messageStatus, 'OK', a.xml);
}

function expectBadlyFormed(a: Answer, errorValue: RegExp | string, what = ''): void {
  const context = `${what}\n${a.xml}`;
  assert.equal(a.confirmation.confirmationHeader.messageStatus, 'ERROR', context);
  assert.equal(a.confirmation.errorData?.errorType, 'BadlyFormedMessage', context);
  if (typeof errorValue === 'string') assert.equal(a.confirmation.errorData?.errorValue, errorValue, context);
  else assert.match(a.confirmation.errorData?.errorValue ?? '', errorValue, context);
}

/** The line (1-based) at which `needle` starts in `text`. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('iso18626 XML reader: what partners get back and what is stored', function () {
  this.timeout(120_000);
  let net: Network;
  let A: Library;
  let B: Library;

  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta' }]);
    ({ Alpha: A, Beta: B } = net.libraries);
  });
  after(() => net.close());


  it('reads a request whatever the namespace spelling, and answers in the version its (prefixed or plain) attribute names', async () => {
    const variants: Record<string, (xml: string) => string> = {
      'ill: prefix': (x) => x,
      'another prefix': (x) => x.replaceAll('ill:', 'ns1:'),
      'default namespace, plain attributes': (x) => x.replace(`xmlns:ill="${NS}"`, `xmlns="${NS}"`).replace(/<(\/?)ill:/g, '<$1').replaceAll(' ill:', ' '),
      'no namespace at all': (x) => x.replace(` xmlns:ill="${NS}"`, '').replace(/<(\/?)ill:/g, '<$1').replaceAll(' ill:', ' '),
    };
    for (const [name, rewrite] of Object.entries(variants)) {
      for (const version of ['2017', '2021'] as const) {
        const id = uniqueId('NS');
        const xml = rewrite(requestXml(B, A, id, version, `Namespaces: ${name}`));
        if (name !== 'ill: prefix') assert.doesNotMatch(xml, /<ill:/, name);
        const answer = await deliver(A, xml);
        expectOk(answer);
        assert.match(answer.xml, version === '2021' ? /version="2021-2"/ : /version="1\.2"/, `${name} ${version}: answered in the sender's version`);
        assert.equal((await lendingRequestFor(A, id)).citation.title, `Namespaces: ${name}`, `${name} ${version}`);
      }
    }
  });

  it('stores CDATA and character references as the text they stand for, and a note with &#13; and its spaces as sent', async () => {
    const id = uniqueId('TXT');
    const xml = requestXml(B, A, id).replace('>TITLE<', '><![CDATA[Tom & Jerry <Vol. 1>]]> &#38; Co&#x2E;<');
    expectOk(await deliver(A, xml));
    const lending = await lendingRequestFor(A, id);
    assert.equal(lending.citation.title, 'Tom & Jerry <Vol. 1> & Co.');

    expectOk(await deliver(A, notificationXml(B, A, id).replace('>NOTE<', '>  first line&#13;\r\nsecond line <![CDATA[&#13;]]>  <')));
    const messages = (await A.api.get(`/resource-sharing/requests/${lending.id}/messages`)).body.messages as Array<{ direction: string; note?: string }>;
    const notes = messages.filter((m) => m.direction === 'in' && m.note?.includes('first line')).map((m) => m.note);
    assert.deepEqual(notes, ['  first line\r\nsecond line &#13;  ']);
  });

  it('refuses XML that is not well-formed with BadlyFormedMessage naming the reason and the line, storing nothing', async () => {
    const before = await lendingCount(A);
    const base = requestXml(B, A, uniqueId('NWF'));
    const titleLine = lineOf(base, '>TITLE<');

    expectBadlyFormed(await deliver(A, base.replace('>TITLE<', '>Caf&eacute;<')), `not well-formed XML: undefined entity &eacute; (line ${titleLine})`);
    expectBadlyFormed(await deliver(A, base.replace(/TITLE<\/ill:title>/, 'TITLE</ill:titel>')), new RegExp(`^not well-formed XML: .*(line ${titleLine})`));
    expectBadlyFormed(await deliver(A, `${base}\n${base.replace(/^<\?xml[^>]*>/, '')}`), /^not well-formed XML: .*root/);
    expectBadlyFormed(await deliver(A, `${base}\ntrailing text`), /^not well-formed XML: text data outside of root node/);
    expectBadlyFormed(await deliver(A, base.replace('<ill:title>', '<ill:title lang="en" lang="de">')), /duplicate attribute/);
    expectBadlyFormed(await deliver(A, base.replace('<ill:title>', '<ill:title lang=en>')), /^not well-formed XML: /);
    assert.equal(await lendingCount(A), before);

    // What may legitimately follow the root: whitespace, a comment, a processing instruction.
    const id = uniqueId('TAIL');
    expectOk(await deliver(A, `${requestXml(B, A, id)}\n<!-- sent by test -->\n<?audit done?>\n`));
    await lendingRequestFor(A, id);
  });

  it('names a character XML forbids and its offset, wherever it stands, storing nothing', async () => {
    const before = await lendingCount(A);
    const base = requestXml(B, A, uniqueId('CHR'));
    for (const [where, xml] of [
      ['text', base.replace('>TITLE<', '>TI\u0001TLE<')],
      ['attribute', base.replace('<ill:title>', '<ill:title lang="e\u0001n">')],
      ['after a well-formedness error', base.replace('<ill:header>', '<ill:header></oops>').replace('>TITLE<', '>TI\u001bTLE<')],
    ]) {
      const at = xml.search(/[\u0001\u001b]/);
      const code = xml.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
      expectBadlyFormed(await deliver(A, xml), `the character U+${code} (at offset ${at}) is not allowed in XML`, where);
    }
    assert.equal(await lendingCount(A), before);
  });

  it('ignores an unknown extension element nested within the limit, and refuses deeper nesting', async () => {
    const id = uniqueId('DEEP');
    const nest = (n: number) => `<ext:x xmlns:ext="urn:ext">${'<ext:y>'.repeat(n)}v${'</ext:y>'.repeat(n)}</ext:x>`;
    expectOk(await deliver(A, requestXml(B, A, id).replace('</ill:bibliographicInfo>', `${nest(50)}</ill:bibliographicInfo>`)));
    assert.equal((await lendingRequestFor(A, id)).citation.title, 'TITLE');
    const before = await lendingCount(A);
    expectBadlyFormed(await deliver(A, requestXml(B, A, uniqueId('DEEP')).replace('</ill:bibliographicInfo>', `${nest(5000)}</ill:bibliographicInfo>`)), /^elements nested more than 100 deep \(line \d+\)$/);
    assert.equal(await lendingCount(A), before);
  });
});
