import { createRequire } from 'node:module';
const require = createRequire('/tmp/xmlb/x.js');
const { SaxesParser } = require('saxes');
const txml = require('txml');
import { emitMessage } from '/work/main/mod-resource-sharing/src/iso18626/index.ts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
const header = (id: string) => ({ supplyingAgencyId: { type: 'ISIL', value: 'B' }, requestingAgencyId: { type: 'ISIL', value: 'A' }, timestamp: new Date(), requestingAgencyRequestId: id, multipleItemRequestId: '' });
const req = emitMessage({ kind: 'request', header: header('X-1'), bibliographicInfo: { title: 'Benchmark title', author: 'Author, A.' }, serviceInfo: { requestType: 'New', serviceType: 'Loan' } } as any, '2017');
function time(name: string, f: () => unknown, n = 20000) {
  for (let i = 0; i < 3000; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(name, ((performance.now() - t) / n * 1000).toFixed(1), 'µs');
}
const p = new XMLParser({ removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false, ignoreAttributes: false, attributeNamePrefix: '@_', trimValues: false, processEntities: true, htmlEntities: false, ignoreDeclaration: true, ignorePiTags: true });
time('fxp validate+parse', () => { XMLValidator.validate(req); return p.parse(req); });
time('saxes tree', () => {
  const sp = new SaxesParser({ xmlns: true });
  const root: any = {}; const stack: any[] = [root]; let text = '';
  sp.on('opentag', (t: any) => { const o: any = {}; for (const k in t.attributes) o['@_' + t.attributes[k].local] = t.attributes[k].value; stack.push(o); text = ''; });
  sp.on('text', (x: string) => { text += x; });
  sp.on('closetag', (t: any) => { const o = stack.pop(); if (text && Object.keys(o).length === 0) { /* leaf */ } const parent = stack[stack.length - 1]; const v = Object.keys(o).length ? o : text; const prev = parent[t.local]; parent[t.local] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]; text = ''; });
  sp.write(req).close();
  return root;
});
time('saxes tree, no xmlns', () => {
  const sp = new SaxesParser({});
  let n = 0;
  sp.on('opentag', () => { n++; });
  sp.write(req).close();
  return n;
});
time('txml', () => txml.parse(req));
