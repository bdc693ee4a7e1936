// Mutations of ISO 18626 messages and of REST calls, the way hostile or broken partners produce
// them. Deterministic for a seed (mulberry32), so a failing case can be replayed; used by the
// fuzzer (test/fuzz/fuzz.ts) and by the codec's property tests.
import {
  ACTIONS,
  ERROR_TYPES,
  MESSAGE_STATUSES,
  REASONS_FOR_MESSAGE,
  REQUEST_SUB_TYPES,
  REQUEST_TYPES,
  SERVICE_TYPES,
  STATUSES,
} from '../../mod-resource-sharing/src/iso18626/index.ts';
import { prng, type Random } from '../support/seeded-random.ts';

export { prng, type Random };

export const int = (r: Random, n: number): number => Math.floor(r() * n);
export const pick = <T>(r: Random, list: readonly T[]): T => list[int(r, list.length)];

/** A body to send: text, or bytes when the mutation chose an encoding. */
export interface MutatedMessage {
  body: string | Buffer;
  contentType?: string;
  mutations: string[];
}

const CODE_VALUES = [...ACTIONS, ...STATUSES, ...REASONS_FOR_MESSAGE, ...SERVICE_TYPES, ...REQUEST_TYPES, ...REQUEST_SUB_TYPES, ...ERROR_TYPES, ...MESSAGE_STATUSES];
const JUNK_VALUES = ['', ' ', 'x', 'loaned', 'LOANED', 'Loaned ', '0', '-1', '1e309', 'true', 'NaN', '\u202eevil', 'Ünïcødé ✓', "x' or 1=1 --", '<![CDATA[x]]>', '%00', '&amp;'];
const BAD_DATES = ['2025-02-30T10:00:00Z', '10000-01-01T00:00:00Z', '0000-00-00T00:00:00Z', '', 'yesterday', '2025-13-01', '2025-01-01T25:00:00Z', '+275760-09-13T00:00:00Z', '1970-01-01T00:00:00+99:99', '9999-12-31T23:59:59-14:00'];
const NAMESPACES = ['http://illtransactions.org/2013/iso18626', 'http://illtransactions.org/2013/ISO18626', 'urn:wrong', '', 'http://illtransactions.org/2021/iso18626'];
export const CONTENT_TYPES = [
  'application/xml',
  'application/xml; charset=utf-8',
  'text/xml; charset=UTF-8',
  'text/xml; charset=ISO-8859-1',
  'garbage',
  '',
  ';;;',
  'application/json',
  'multipart/form-data; boundary=x',
  'application/xml; charset=x-unknown',
  'text/plain',
  undefined,
];
const ENTITY_TRICKS = [
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
  '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
  '&#0;',
  '&#xD800;',
  '&#x110000;',
  '&unknown;',
  '&amp;amp;',
  '&#13;',
  '&#x1F600;',
  '&lt;script&gt;',
  '<![CDATA[ ]]> ',
  '<!-- comment -->',
  '<?pi target?>',
];

interface Span {
  start: number;
  end: number;
  name: string;
  inner: [number, number];
}

/** A random element of the document (start tag to its first matching end tag). */
function randomElement(r: Random, xml: string): Span | undefined {
  const starts = [...xml.matchAll(/<((?:[\w.-]+:)?[\w.-]+)(?:\s[^<>]*)?>/g)].filter((m) => !m[0].endsWith('/>') && !m[0].startsWith('<?'));
  if (!starts.length) return undefined;
  for (let tries = 0; tries < 5; tries++) {
    const m = pick(r, starts);
    const close = `</${m[1]}>`;
    const at = xml.indexOf(close, (m.index ?? 0) + m[0].length);
    if (at < 0) continue;
    return { start: m.index ?? 0, end: at + close.length, name: m[1], inner: [(m.index ?? 0) + m[0].length, at] };
  }
  return undefined;
}

/** A random leaf element (text only). */
function randomLeaf(r: Random, xml: string, namePattern = '[\\w.-]+'): Span | undefined {
  const leaves = [...xml.matchAll(new RegExp(`<((?:[\\w.-]+:)?${namePattern})(?:\\s[^<>]*)?>([^<]*)</\\1>`, 'g'))];
  if (!leaves.length) return undefined;
  const m = pick(r, leaves);
  const start = m.index ?? 0;
  const openEnd = start + m[0].indexOf('>') + 1;
  return { start, end: start + m[0].length, name: m[1], inner: [openEnd, openEnd + m[2].length] };
}

const replaceInner = (xml: string, s: Span, text: string) => xml.slice(0, s.inner[0]) + text + xml.slice(s.inner[1]);

function hugeText(r: Random): string {
  const n = pick(r, [5_000, 50_000, 200_000, 1_200_000]);
  return pick(r, ['A', 'é', '✓', '𝄞', 'ab cd ']).repeat(Math.ceil(n / 2));
}

type Mutator = (r: Random, xml: string) => string | undefined;

const MUTATORS: Record<string, Mutator> = {
  dropElement: (r, xml) => {
    const s = randomElement(r, xml);
    return s && xml.slice(0, s.start) + xml.slice(s.end);
  },
  duplicateElement: (r, xml) => {
    const s = randomElement(r, xml);
    return s && xml.slice(0, s.end) + xml.slice(s.start, s.end) + xml.slice(s.end);
  },
  reorderElements: (r, xml) => {
    const s = randomElement(r, xml);
    if (!s) return undefined;
    const rest = xml.slice(s.end);
    const next = /^\s*<((?:[\w.-]+:)?[\w.-]+)(?:\s[^<>]*)?>/.exec(rest);
    if (!next) return undefined;
    const close = `</${next[1]}>`;
    const at = rest.indexOf(close);
    if (at < 0) return undefined;
    const sibling = rest.slice(0, at + close.length);
    return xml.slice(0, s.start) + sibling.trim() + xml.slice(s.start, s.end) + rest.slice(at + close.length);
  },
  randomCode: (r, xml) => {
    const s = randomLeaf(r, xml);
    return s && replaceInner(xml, s, r() < 0.6 ? pick(r, CODE_VALUES) : pick(r, JUNK_VALUES));
  },
  hugeString: (r, xml) => {
    // stays under the 4 MiB the endpoint still reads to its end (beyond, it closes the connection)
    if (xml.length > 1_000_000) return undefined;
    const s = randomLeaf(r, xml);
    return s && replaceInner(xml, s, hugeText(r));
  },
  badDate: (r, xml) => {
    const s = randomLeaf(r, xml, '(?:timestamp|dueDate|lastChange|dateSent|needBeforeDate|retryAfter|retryBefore|expectedDeliveryDate|timestampReceived)');
    return s && replaceInner(xml, s, pick(r, BAD_DATES));
  },
  blankId: (r, xml) => {
    const s = randomLeaf(r, xml, '(?:requestingAgencyRequestId|supplyingAgencyRequestId|agencyIdValue|agencyIdType)');
    return s && replaceInner(xml, s, pick(r, ['', '   ', '\t', 'I'.repeat(10_000)]));
  },
  wrongNamespace: (r, xml) => {
    const ns = pick(r, NAMESPACES);
    return r() < 0.3 ? xml.replace(/\sxmlns(:\w+)?="[^"]*"/, '') : xml.replace(/(xmlns(?::\w+)?=")[^"]*(")/, `$1${ns}$2`);
  },
  // the ISO18626Message's version attribute, not the XML declaration's (which only the XML reader judges)
  wrongVersion: (r, xml) => {
    const envelope = /(<(?:\w+:)?ISO18626Message\b[^>]*?\s(?:\w+:)?version=")[^"]*(")/;
    if (!envelope.test(xml)) return undefined;
    return xml.replace(envelope, `$1${pick(r, ['1.0', '1.2', '2017', '2021-2', '1.3', '', 'x', '9999'])}$2`);
  },
  truncate: (r, xml) => xml.slice(0, int(r, xml.length)),
  deepNesting: (r, xml) => {
    const s = randomElement(r, xml);
    if (!s) return undefined;
    const depth = pick(r, [50, 1_000, 20_000]);
    return xml.slice(0, s.inner[0]) + '<x>'.repeat(depth) + '</x>'.repeat(depth) + xml.slice(s.inner[0]);
  },
  entityTrick: (r, xml) => {
    const trick = pick(r, ENTITY_TRICKS);
    if (trick.startsWith('<!DOCTYPE')) return xml.replace(/(<\?xml[^>]*\?>)?/, `$1${trick}`);
    const s = randomLeaf(r, xml);
    return s && replaceInner(xml, s, trick);
  },
  controlCharacter: (r, xml) => {
    const at = int(r, xml.length);
    return xml.slice(0, at) + pick(r, ['\u0000', '\u0001', '\u001b', '\uFFFE', '\uFFFF', '\uD800', '\u0085', '\u2028']) + xml.slice(at);
  },
  randomBytes: (r, xml) => {
    let out = xml;
    for (let i = 0, n = 1 + int(r, 5); i < n; i++) {
      const at = int(r, out.length);
      out = r() < 0.5 ? out.slice(0, at) + out.slice(at + 1 + int(r, 10)) : out.slice(0, at) + String.fromCharCode(int(r, 128)) + out.slice(at);
    }
    return out;
  },
  swapKind: (r, xml) => {
    const kinds = ['request', 'supplyingAgencyMessage', 'requestingAgencyMessage', 'requestConfirmation', 'order', 'ISO18626Message'];
    const from = /<((?:\w+:)?)(request|supplyingAgencyMessage|requestingAgencyMessage|requestConfirmation|supplyingAgencyMessageConfirmation|requestingAgencyMessageConfirmation)([\s>])/.exec(xml);
    if (!from) return undefined;
    const to = pick(r, kinds);
    return xml.split(`${from[1]}${from[2]}>`).join(`${from[1]}${to}>`).split(`<${from[1]}${from[2]}${from[3]}`).join(`<${from[1]}${to}${from[3]}`);
  },
  noEnvelope: (_r, xml) => {
    const m = /<((?:\w+:)?)ISO18626Message[^>]*>([\s\S]*)<\/\1ISO18626Message>/.exec(xml);
    return m ? m[2].replace(/^(\s*<(?:\w+:)?\w+)/, `$1 xmlns:ill="http://illtransactions.org/2013/iso18626"`) : undefined;
  },
  emptyAggregate: (r, xml) => {
    const name = pick(r, ['offeredCosts', 'deliveryCosts', 'deliveryInfo', 'returnInfo', 'shippingInfo', 'bibliographicItemId', 'address', 'retryInfo']);
    const after = pick(r, ['</ill:reasonForMessage>', '</ill:dateSent>', '</ill:title>', '</ill:status>']);
    return xml.includes(after) ? xml.replace(after, `${after}<ill:${name}/>`) : undefined;
  },
};

const ENCODINGS = ['latin1-declared', 'latin1-undeclared', 'invalid-utf8', 'utf16-bom', 'unknown-declared', 'utf8-bom'] as const;

function encode(r: Random, xml: string, mutations: string[]): { body: string | Buffer; contentType?: string } {
  const how = pick(r, ENCODINGS);
  mutations.push(`encoding:${how}`);
  const withDecl = (enc: string) => (/^<\?xml[^>]*\?>/.test(xml) ? xml.replace(/^<\?xml[^>]*\?>/, `<?xml version="1.0" encoding="${enc}"?>`) : `<?xml version="1.0" encoding="${enc}"?>${xml}`);
  switch (how) {
    case 'latin1-declared':
      return { body: Buffer.from(withDecl('ISO-8859-1').replace(/Mon/, 'Café Müller'), 'latin1') };
    case 'latin1-undeclared':
      return { body: Buffer.from(xml.replace(/Mon/, 'Café Müller'), 'latin1') };
    case 'invalid-utf8': {
      const b = Buffer.from(xml, 'utf8');
      const at = int(r, b.length);
      return { body: Buffer.concat([b.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), b.subarray(at)]) };
    }
    case 'utf16-bom':
      return { body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(withDecl('UTF-16'), 'utf16le')]) };
    case 'unknown-declared':
      return { body: Buffer.from(withDecl('x-klingon'), 'utf8') };
    default:
      return { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')]) };
  }
}

/** One to three mutations of `xml`, maybe a different encoding and Content-Type. */
export function mutateMessage(r: Random, xml: string): MutatedMessage {
  const mutations: string[] = [];
  let out = xml;
  const names = Object.keys(MUTATORS);
  for (let i = 0, n = 1 + int(r, 3); i < n; i++) {
    const name = pick(r, names);
    const next = MUTATORS[name](r, out);
    if (next !== undefined) {
      out = next;
      mutations.push(name);
    }
  }
  let body: string | Buffer = out;
  let contentType: string | undefined = 'application/xml';
  if (r() < 0.1) ({ body } = encode(r, out, mutations));
  if (r() < 0.15) {
    contentType = pick(r, CONTENT_TYPES);
    mutations.push(`content-type:${contentType ?? '(none)'}`);
  }
  return { body, contentType, mutations };
}

// ---- REST -------------------------------------------------------------------------------------------

export interface RestCall {
  method: string;
  path: string;
  body?: string | Buffer;
  headers: Record<string, string>;
  label: string;
}

const LIST_PATHS = ['/resource-sharing/requests', '/resource-sharing/directory/entries', '/resource-sharing/rotas/profiles', '/resource-sharing/outbox'];
const CQL_JUNK = [
  'title=%00',
  'title%3D%00',
  '(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((title=a',
  'title="unterminated',
  'title=="x\' or 1=1 --"',
  'colour==red',
  'title=a sortby nosuchfield',
  'cql.allRecords=1 sortby title/sort.descending/sort.ignoreCase',
  'id==not-a-uuid',
  'createdDate>yesterday',
  'title=\\',
  'title=*',
  '%ED%A0%80',
  'title=' + 'a'.repeat(20_000),
  'a and or not b',
  '"" = ""',
  'title=a prox b',
  'title=/ignoreCase a',
];
const ID_JUNK = ['not-a-uuid', '%00', '..%2F..%2Fetc%2Fpasswd', '00000000-0000-0000-0000-000000000000', '%E0%A4%A', 'x'.repeat(5000), '%ED%A0%80'];

function junkJson(r: Random): string {
  const depth = pick(r, [10, 100, 10_000]);
  return pick(r, [
    '{"citation":{"title":"a\\u0000b"}}',
    '{"citation":{"title":"\\ud800"}}',
    '{"citation":{"title":"' + 'x'.repeat(1_000_000) + '"}}',
    '{"citation":{"title":"x"},"patron":' + '['.repeat(depth) + ']'.repeat(depth) + '}',
    '{"citation":',
    'null',
    '[]',
    '"string"',
    '{"citation":{"title":"x"},"requesterSymbol":"ISIL:IMPERSONATED"}',
    '{"citation":{"title":"x"},"supplierSymbol":"x\' or 1=1"}',
    '{"citation":{"title":"x"},"patron":{"neededBefore":"+010000-01-01"}}',
    '{"citation":{"title":7},"serviceType":"teleport"}',
    '{"__proto__":{"polluted":true},"citation":{"title":"x"}}',
    '{"name":"x\\u0000","symbols":[{"authority":"ISIL","symbol":"Z"}]}',
    '{"name":"x","symbols":[{"authority":"ISIL","symbol":"\\udc00"}]}',
    '{"entries":[' + Array.from({ length: 50 }, (_, i) => `{"name":"n${i}","symbols":[{"authority":"ISIL","symbol":"J${i}\\u0000"}]}`).join(',') + ']}',
    '{"parameters":{"note":"\\u0000"}}',
    '{"query":"{ requests { id } }"}',
    '{"requestIdPrefix":"\\ud83d"}',
    '\u0000',
  ]);
}

/** A malformed REST call (any method, path, query, body, Content-Type or tenant header). */
export function malformedRestCall(r: Random, tenant: string): RestCall {
  const headers: Record<string, string> = { 'x-okapi-tenant': tenant };
  const kind = int(r, 8);
  switch (kind) {
    case 0: {
      const path = `${pick(r, LIST_PATHS)}?query=${r() < 0.5 ? pick(r, CQL_JUNK) : encodeURIComponent(pick(r, CQL_JUNK))}&limit=${pick(r, ['10', '-1', 'x', '100000000000', ''])}`;
      return { method: 'GET', path, headers, label: 'list with junk CQL' };
    }
    case 1:
      return { method: pick(r, ['GET', 'PUT', 'DELETE']), path: `${pick(r, ['/resource-sharing/requests/', '/resource-sharing/directory/entries/', '/resource-sharing/requests/'])}${pick(r, ID_JUNK)}`, headers, label: 'junk id' };
    case 2:
      return {
        method: 'POST',
        path: pick(r, ['/resource-sharing/requests', '/resource-sharing/directory/entries', '/resource-sharing/directory/import', '/resource-sharing/graphql']),
        body: junkJson(r),
        headers: { ...headers, 'content-type': pick(r, ['application/json', 'application/json; charset=utf-8', 'text/plain', 'garbage', 'application/xml']) },
        label: 'junk JSON body',
      };
    case 3:
      return { method: 'PUT', path: '/resource-sharing/settings', body: junkJson(r), headers: { ...headers, 'content-type': 'application/json' }, label: 'junk settings' };
    case 4:
      return { method: 'GET', path: `/_/invoke/tenant/${pick(r, ['%E0%A4%A', '%', '%ED%A0%80', tenant, 'nobody', '..', '%00'])}/resource-sharing/${pick(r, ['requests', 'directory/self', 'iso18626'])}`, headers: {}, label: 'invoke path' };
    case 5: {
      const h: Record<string, string> = {};
      const t = pick(r, ['', 'x'.repeat(300), 'DROP TABLE', 'other_tenant', tenant]);
      if (t) h['x-okapi-tenant'] = t;
      return { method: 'GET', path: pick(r, ['/resource-sharing/requests', '/resource-sharing/directory/self', '/admin/health']), headers: h, label: 'tenant header' };
    }
    case 6:
      return { method: 'POST', path: `/resource-sharing/requests/${pick(r, ID_JUNK)}/actions/${pick(r, ['cancel', '..', '%00', 'x'.repeat(300)])}`, body: junkJson(r), headers: { ...headers, 'content-type': 'application/json' }, label: 'action' };
    default:
      return { method: pick(r, ['PATCH', 'OPTIONS', 'GET', 'POST']), path: pick(r, ['/resource-sharing/iso18626', '/resource-sharing/../../etc/passwd', '/%2e%2e/%2e%2e', '/resource-sharing/patron/requests?token=x']), headers, label: 'odd method or path' };
  }
}
