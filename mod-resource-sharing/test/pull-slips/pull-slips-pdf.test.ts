import assert from 'node:assert/strict';
import { PDFParse } from 'pdf-parse';
import { renderPullSlips } from '../../src/pull-slips/pull-slips-pdf.ts';
import { act, lendingRequestFor, startNetwork, type Library, type Network } from '../../../test/support/library-network.ts';
import { borrow } from '../../../test/flows/flow-support.ts';

async function pdfPages(pdf: Buffer | ArrayBuffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const text = await parser.getText();
    return text.pages.map((p) => p.text);
  } finally {
    await parser.destroy();
  }
}

describe('pull slips as one PDF: GET /resource-sharing/pull-slips.pdf', () => {
  let net: Network;
  let a: Library;
  let b: Library;
  const lendingIds: string[] = [];
  const hrids: string[] = [];
  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
    // Beta knows where Alpha wants its items sent
    const entries = (await b.api.get('/resource-sharing/directory/entries?limit=100')).body.entries as Array<Record<string, any>>;
    const alpha = entries.find((e) => e.name === 'Alpha library')!;
    const put = await b.api.put(`/resource-sharing/directory/entries/${alpha.id}`, {
      ...alpha,
      shippingAddress: { name: 'Alpha library, Interlibrary loan', line1: '1 Library Lane', locality: 'Alphaville', postalCode: 'AL1 2PH', country: 'GB' },
    });
    assert.equal(put.status, 204, JSON.stringify(put.body));
    for (const title of ['The left hand of darkness', 'A wizard of Earthsea']) {
      const borrowing = await borrow(a, { title });
      const lending = await lendingRequestFor(b, borrowing.hrid);
      await act(b, lending.id, 'willSupply');
      lendingIds.push(lending.id);
      hrids.push(lending.hrid);
    }
  });
  after(() => net.close());

  it('has one page per request with its barcode text, title and the requesting library with its address', async () => {
    const res = await fetch(`${net.mod.url}/resource-sharing/pull-slips.pdf?ids=${lendingIds.join(',')}`, { headers: { 'x-okapi-tenant': b.tenant } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const pages = await pdfPages(await res.arrayBuffer());
    assert.equal(pages.length, 2);
    for (const [i, title] of ['The left hand of darkness', 'A wizard of Earthsea'].entries()) {
      assert.match(pages[i], new RegExp(`Pull slip ${hrids[i]}`));
      assert.match(pages[i], new RegExp(title));
      assert.match(pages[i], /Alpha library, Interlibrary loan/);
      assert.match(pages[i], /1 Library Lane/);
      assert.match(pages[i], /AL1 2PH Alphaville/);
      assert.match(pages[i], /Their request id: ALPHA/i);
    }
  });

  it('prints the shelving location and call number the library system gives', async () => {
    const lending = (await b.api.get(`/resource-sharing/requests/${lendingIds[0]}`)).body;
    const pdf = await renderPullSlips([{ request: lending, shelf: { callNumber: 'PS3562.E42 L4', location: 'Main stacks, 3rd floor' }, requester: { name: 'Alpha library' } }]);
    const [page] = await pdfPages(pdf);
    assert.match(page, /Shelving location: Main stacks, 3rd floor/);
    assert.match(page, /Call number: PS3562\.E42 L4/);
  });

  it('refuses a bad list with a FOLIO error, and leaves out ids that are not lending requests', async () => {
    const bad = await b.api.get('/resource-sharing/pull-slips.pdf?ids=not-a-uuid');
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].parameters[0].key, 'ids');
    assert.equal((await b.api.get('/resource-sharing/pull-slips.pdf')).status, 422);
    const res = await fetch(`${net.mod.url}/resource-sharing/pull-slips.pdf?ids=${lendingIds[0]},00000000-0000-4000-8000-000000000000`, { headers: { 'x-okapi-tenant': b.tenant } });
    assert.equal(res.headers.get('x-pull-slip-count'), '1');
    assert.equal((await pdfPages(await res.arrayBuffer())).length, 1);
  });
});
