import { parseMessage } from '/work/main/mod-resource-sharing/src/iso18626/parse.ts';
import { emitMessage } from '/work/main/mod-resource-sharing/src/iso18626/index.ts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
const header = (id: string) => ({ supplyingAgencyId: { type: 'ISIL', value: 'B' }, requestingAgencyId: { type: 'ISIL', value: 'A' }, timestamp: new Date(), requestingAgencyRequestId: id, multipleItemRequestId: '' });
const req = emitMessage({ kind: 'request', header: header('X-1'), bibliographicInfo: { title: 'Benchmark title', author: 'Author, A.' }, serviceInfo: { requestType: 'New', serviceType: 'Loan' } } as any, '2017');
const note = emitMessage({ kind: 'requestingAgencyMessage', header: header('X-1'), action: 'Notification', note: 'Note 1 from the borrower' } as any, '2017');
console.log(req.length, note.length);
const buf = Buffer.from(req);
const p = new XMLParser({ removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false, ignoreAttributes: false, attributeNamePrefix: '@_', trimValues: false, processEntities: true, htmlEntities: false, ignoreDeclaration: true, ignorePiTags: true });
function time(name: string, f: () => unknown, n = 20000) {
  for (let i = 0; i < 2000; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(name, ((performance.now() - t) / n * 1000).toFixed(1), 'µs');
}
time('parseMessage(request buf)', () => parseMessage(buf, { acceptMissingEnvelope: true, maxBytes: 100 * 1024 }));
time('parseMessage(note)', () => parseMessage(Buffer.from(note), { acceptMissingEnvelope: true }));
time('validate', () => XMLValidator.validate(req));
time('parse', () => p.parse(req));
time('emit confirmation-ish', () => emitMessage({ kind: 'requestingAgencyMessage', header: header('X-1'), action: 'Notification', note: 'x' } as any, '2017'));
