// Copies the library keeps for its patrons: Alpha stores a copy whose link Beta (ISO 18626 2021)
// delivers, fetching it from a supplier's file server (a loopback HTTP server in this process),
// and serves it to the request's patron only — for N days, or once — while staff can open it.
// A link that cannot be fetched (an error, more than 50 MB, a server that stalls) flags the request
// and the patron keeps the supplier's link. The copy-ready notice (mailed to a real SMTP server in
// this process) goes once the copy is stored and links to the library's patron page, never to the
// supplier's link; when storing failed it carries the supplier's link.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signPatronToken } from '../../mod-resource-sharing/src/patron/patron-token.ts';
import { configureCopyStore, copyFetchesSettled, MAX_COPY_BYTES } from '../../mod-resource-sharing/src/patron/copy-store.ts';
import { startMailCatcher, type MailCatcher } from '../../simulators/mail/mail-catcher.ts';
import { act, eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { getRequest } from './flow-support.ts';
import { schemaOf } from '../../mod-resource-sharing/src/db/tenant-schema.ts';

const SECRET = 'patron-copies-secret-0123456789';
const PATRON_PAGE = 'https://library.alpha.example.org/ill/my-requests';
const DAY_MS = 24 * 3600 * 1000;
// a PDF-ish file with every byte value in it, so a lossy store shows
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% copy for the patron\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\n%%EOF\n')]);

describe('flow: copies the library stores for its patrons', () => {
  let net: Network;
  let a: Library;
  let b: Library;
  let files: Server;
  let filesUrl: string;
  let seq = 0;
  let mail: MailCatcher;
  const fetched: string[] = [];

  before(async () => {
    mail = await startMailCatcher();
    files = createServer((req, res) => {
      fetched.push(req.url ?? '');
      if (req.url?.startsWith('/copies/ok/')) {
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': PDF.length, 'content-disposition': 'attachment; filename="engine-ch3.pdf"' });
        res.end(PDF);
      } else if (req.url?.startsWith('/copies/big-declared/')) {
        // says how big it is up front: refused on the headers, the body is never read
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': MAX_COPY_BYTES + 1 });
        res.write(PDF);
      } else if (req.url?.startsWith('/copies/big-chunked/')) {
        // no length given (chunked): the module counts as it reads and stops past 50 MB
        res.writeHead(200, { 'content-type': 'application/pdf' });
        const chunk = Buffer.alloc(1024 * 1024, 0x25);
        let sent = 0;
        const more = () => {
          while (sent <= MAX_COPY_BYTES && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end();
        };
        more();
      } else if (req.url?.startsWith('/copies/stall/')) {
        // what a slow server does: the headers and the first bytes, then nothing
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': PDF.length * 10 });
        res.write(PDF.subarray(0, 20));
      } else {
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<h1>Not found</h1>');
      }
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta', version: '2021' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
    await settings({ keep: 'store', servedFor: 'days', days: 3 });
  });
  after(async () => {
    configureCopyStore();
    files.closeAllConnections();
    await copyFetchesSettled();
    await net.close();
    await new Promise((resolve) => files.close(resolve));
    await mail.close();
  });

  async function settings(copyDelivery: Record<string, unknown>) {
    const set = await a.api.put('/resource-sharing/settings', {
      patronRequests: { enabled: true, tokenSecret: SECRET, pickupLocations: [] },
      patronNotices: {
        enabled: true, send: ['copyReady'], delivery: 'smtp', smtp: { host: mail.host, port: mail.port, secure: false },
        from: 'ill@alpha.example.org', libraryName: 'Alpha Library', patronPageUrl: PATRON_PAGE, copyDelivery,
      },
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
  }

  async function patronCall(barcode: string, path: string) {
    const token = await signPatronToken(SECRET, { barcode, name: `Patron ${barcode}` });
    return fetch(`${net.mod.url}${path}`, { headers: { 'x-okapi-tenant': a.tenant, authorization: `Bearer ${token}` } });
  }
  async function mine(barcode: string, id: string) {
    const res = await patronCall(barcode, '/resource-sharing/patron/requests');
    assert.equal(res.status, 200);
    return ((await res.json()) as { requests: Array<Record<string, unknown>> }).requests.find((r) => r.id === id);
  }

  /** Patron 1001 asks for a copy; Beta delivers it as `link`. */
  async function deliveredCopy(link: string) {
    seq += 1;
    const token = await signPatronToken(SECRET, { barcode: '1001', name: 'Ada Lovelace', email: 'ada@example.org' });
    const res = await fetch(`${net.mod.url}/resource-sharing/patron/requests`, {
      method: 'POST',
      headers: { 'x-okapi-tenant': a.tenant, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ citation: { title: `On the Engine, chapter ${seq}`, author: 'Menabrea' }, serviceType: 'copy' }),
    });
    assert.equal(res.status, 201);
    const placed = await inState(a, ((await res.json()) as { id: string }).id, 'REQ_SENT_TO_SUPPLIER');
    const lending = await lendingRequestFor(b, placed.hrid);
    await act(b, lending.id, 'willSupply');
    await inState(a, placed.id, 'REQ_EXPECTS_TO_SUPPLY');
    await act(b, lending.id, 'printPullSlip');
    await act(b, lending.id, 'deliverCopy', { documentUrl: link });
    await inState(a, placed.id, 'REQ_DOCUMENT_DELIVERED');
    return placed as { id: string; hrid: string; citation: { title: string } };
  }
  /** The copy-ready mails of one request (its title is unique). */
  const copyMails = (title: string) => mail.messages.filter((m) => m.subject.includes(`"${title}"`) && m.subject.startsWith('Your copy'));
  const copyMail = (title: string) => mail.waitFor((m) => m.to.includes('ada@example.org') && m.subject === `Your copy of "${title}" is ready`);
  const flaggedNotStored = (id: string) =>
    eventually(async () => {
      const r = await getRequest(a, id);
      return r.patronSide?.storedCopy?.status === 'failed' ? r : undefined;
    }, 'the failed fetch recorded');
  const stored = (id: string) =>
    eventually(async () => {
      const view = await mine('1001', id);
      return view?.copyStored ? view : undefined;
    }, 'the copy stored');

  it('stores the file and serves it, for its days, to the patron only; staff open it too', async () => {
    const link = `${filesUrl}/copies/ok/engine-days.pdf`;
    const copy = await deliveredCopy(link);
    const view = await stored(copy.id);
    assert.equal(view.status, 'copyReady');
    assert.equal(view.documentUrl, `/resource-sharing/patron/requests/${copy.id}/copy`, 'the module serves it, not the supplier');
    assert.equal(view.copyFilename, 'engine-ch3.pdf');
    assert.ok(fetched.includes('/copies/ok/engine-days.pdf'));
    const staff = await getRequest(a, copy.id);
    assert.equal(staff.patronSide.storedCopy.status, 'stored');
    assert.equal(staff.patronSide.storedCopy.size, PDF.length);
    assert.equal(Date.parse(view.documentExpires as string) - Date.parse(staff.patronSide.documentDeliveredDate), 3 * DAY_MS);

    // the copy-ready notice waited for the copy: the library's page, never the supplier's link
    const notice = await copyMail(copy.citation.title);
    assert.ok(notice.text.includes(PATRON_PAGE), notice.text);
    assert.ok(!notice.text.includes(filesUrl), `the supplier's link is not handed out: ${notice.text}`);
    const until = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(view.documentExpires as string));
    assert.match(notice.text, new RegExp(`until ${until}`));
    assert.equal(copyMails(copy.citation.title).length, 1, 'one copy-ready notice, not one at delivery and one when stored');

    for (const time of ['first', 'second']) {
      const got = await patronCall('1001', `/resource-sharing/patron/requests/${copy.id}/copy`);
      assert.equal(got.status, 200, `${time} download`);
      assert.equal(got.headers.get('content-type'), 'application/pdf');
      assert.match(got.headers.get('content-disposition') ?? '', /attachment; filename="engine-ch3.pdf"/);
      assert.deepEqual(Buffer.from(await got.arrayBuffer()), PDF, 'the same bytes the supplier served');
    }
    const other = await patronCall('2002', `/resource-sharing/patron/requests/${copy.id}/copy`);
    assert.equal(other.status, 404, 'another patron does not get it');
    const anonymous = await fetch(`${net.mod.url}/resource-sharing/patron/requests/${copy.id}/copy`, { headers: { 'x-okapi-tenant': a.tenant } });
    assert.ok(anonymous.status === 401 || anonymous.status === 403, `no token: ${anonymous.status}`);

    const byStaff = await fetch(`${net.mod.url}/resource-sharing/requests/${copy.id}/copy`, { headers: { 'x-okapi-tenant': a.tenant } });
    assert.equal(byStaff.status, 200);
    assert.deepEqual(Buffer.from(await byStaff.arrayBuffer()), PDF);

    // three days later (the stored expiry moved into the past)
    await net.mod.db.query(`UPDATE ${schemaOf(a.tenant)}.patron_copies SET expires = now() - interval '1 second' WHERE request_id = $1`, [copy.id]);
    const late = await patronCall('1001', `/resource-sharing/patron/requests/${copy.id}/copy`);
    assert.equal(late.status, 410);
    const body = (await late.json()) as { errors: Array<{ code: string; parameters: Array<{ key: string; value: string }> }> };
    assert.equal(body.errors[0].code, 'patron.copyGone');
    assert.deepEqual(body.errors[0].parameters, [{ key: 'request', value: copy.hrid }]);
  });

  it('served once: the second download is 410 Gone; staff can still open it', async () => {
    await settings({ keep: 'store', servedFor: 'once' });
    try {
      const copy = await deliveredCopy(`${filesUrl}/copies/ok/engine-once.pdf`);
      const view = await stored(copy.id);
      assert.equal(view.documentExpires, undefined, 'no date: it is served once');
      const notice = await copyMail(copy.citation.title);
      assert.match(notice.text, /Open it here until your first download:\n/);
      assert.ok(notice.text.includes(PATRON_PAGE) && !notice.text.includes(filesUrl), notice.text);
      const first = await patronCall('1001', `/resource-sharing/patron/requests/${copy.id}/copy`);
      assert.equal(first.status, 200);
      assert.deepEqual(Buffer.from(await first.arrayBuffer()), PDF);
      const second = await patronCall('1001', `/resource-sharing/patron/requests/${copy.id}/copy`);
      assert.equal(second.status, 410);
      assert.equal(((await second.json()) as { errors: Array<{ code: string }> }).errors[0].code, 'patron.copyGone');
      const byStaff = await fetch(`${net.mod.url}/resource-sharing/requests/${copy.id}/copy`, { headers: { 'x-okapi-tenant': a.tenant } });
      assert.equal(byStaff.status, 200);
    } finally {
      await settings({ keep: 'store', servedFor: 'days', days: 3 });
    }
  });

  it('a link that cannot be fetched flags the request and the patron keeps the supplier\'s link', async () => {
    const link = `${filesUrl}/copies/missing/engine.pdf`;
    const copy = await deliveredCopy(link);
    const flagged = await flaggedNotStored(copy.id);
    assert.equal(flagged.needsAttention, true);
    assert.ok(flagged.attention.includes('copyNotStored'), JSON.stringify(flagged.attention));
    assert.match(flagged.lastError, /Copy not stored: .*HTTP 404/);
    const view = await mine('1001', copy.id);
    assert.equal(view?.documentUrl, link);
    assert.equal(view?.copyStored, undefined);
    const got = await patronCall('1001', `/resource-sharing/patron/requests/${copy.id}/copy`);
    assert.equal(got.status, 404);
    const notice = await copyMail(copy.citation.title);
    assert.ok(notice.text.includes(link), `the patron is mailed the supplier's link: ${notice.text}`);
    assert.ok(!notice.text.includes(PATRON_PAGE));
  });

  async function notStored(link: string, why: RegExp) {
    const copy = await deliveredCopy(link);
    const flagged = await flaggedNotStored(copy.id);
    assert.ok(flagged.attention.includes('copyNotStored'), JSON.stringify(flagged.attention));
    assert.match(flagged.lastError, why);
    const { rows } = await net.mod.db.query(`SELECT 1 FROM ${schemaOf(a.tenant)}.patron_copies WHERE request_id = $1`, [copy.id]);
    assert.equal(rows.length, 0, 'nothing kept');
    const view = await mine('1001', copy.id);
    assert.equal(view?.documentUrl, link, "the patron keeps the supplier's link");
    assert.ok((await copyMail(copy.citation.title)).text.includes(link));
  }

  it('a copy of more than 50 MB is not stored: refused on its declared length, or cut off while reading', async () => {
    await notStored(`${filesUrl}/copies/big-declared/engine.pdf`, new RegExp(`Copy not stored: the copy is ${MAX_COPY_BYTES + 1} bytes, more than the ${MAX_COPY_BYTES} kept`));
    await notStored(`${filesUrl}/copies/big-chunked/engine.pdf`, new RegExp(`Copy not stored: the copy is more than the ${MAX_COPY_BYTES} bytes kept`));
  });

  it('a supplier that sends the headers and then stalls runs into the timeout (shortened here)', async () => {
    configureCopyStore({ timeoutMs: 400 });
    try {
      const started = Date.now();
      await notStored(`${filesUrl}/copies/stall/engine.pdf`, /Copy not stored: the supplier's link did not answer within 400 ms/);
      assert.ok(Date.now() - started < 8000);
    } finally {
      configureCopyStore();
    }
  });

  it('a stalled copy does not hold up the library\'s other messages: a new request reaches its lender while the copy is still pending', async () => {
    configureCopyStore({ timeoutMs: 20_000 });
    try {
      const copy = await deliveredCopy(`${filesUrl}/copies/stall/engine-meanwhile.pdf`);
      await eventually(async () => (fetched.includes('/copies/stall/engine-meanwhile.pdf') ? true : undefined), 'the fetch started');
      const res = await a.api.post('/resource-sharing/requests', { citation: { title: 'Sent while a copy stalls' }, serviceType: 'loan', patron: { barcode: '1001' } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const sent = await inState(a, res.body.id, 'REQ_SENT_TO_SUPPLIER');
      await lendingRequestFor(b, sent.hrid);
      assert.equal((await getRequest(a, copy.id)).patronSide.storedCopy.status, 'pending', 'the copy is still being fetched');
    } finally {
      configureCopyStore();
      files.closeAllConnections();
    }
  });

  it('refuses to store copies with copy-ready notices on but no patron page to link to (422 on the field)', async () => {
    const res = await a.api.put('/resource-sharing/settings', {
      patronNotices: { enabled: true, send: ['copyReady'], copyDelivery: { keep: 'store' } },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].code, 'notices.patronPageUrlRequired');
    assert.deepEqual(res.body.errors[0].parameters.map((p: { key: string }) => p.key), ['patronNotices.patronPageUrl']);
    const bad = await a.api.put('/resource-sharing/settings', { patronNotices: { enabled: false, patronPageUrl: 'javascript:alert(1)' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].parameters[0].key, 'patronNotices.patronPageUrl');
    // nothing half-written: the library's settings are as they were
    const now = (await a.api.get('/resource-sharing/settings')).body;
    assert.equal(now.patronNotices.patronPageUrl, PATRON_PAGE);
  });

  it('keep: link passes the supplier\'s link on without fetching it', async () => {
    await settings({ keep: 'link' });
    const link = `${filesUrl}/copies/ok/engine-link.pdf`;
    const copy = await deliveredCopy(link);
    const view = await mine('1001', copy.id);
    assert.equal(view?.documentUrl, link);
    assert.equal((await getRequest(a, copy.id)).patronSide.storedCopy, undefined);
    assert.ok(!fetched.includes('/copies/ok/engine-link.pdf'));
    assert.ok((await copyMail(copy.citation.title)).text.includes(link), 'the notice passes the supplier\'s link on');
  });
});
