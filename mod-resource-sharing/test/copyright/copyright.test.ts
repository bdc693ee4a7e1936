// Copyright compliance for copies, through the HTTP API between two libraries: the rule of five
// on the borrowing side, clearances, the lending side without a statement, the yearly report.
import assert from 'node:assert/strict';
import { eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../../../test/support/library-network.ts';
import { emitMessage, type RequestMessage } from '../../src/iso18626/index.ts';
import { insertRequest } from '../../src/requests/request-store.ts';
import { agencyId } from '../../src/workflow/symbols.ts';

const YEAR = new Date().getUTCFullYear();
const journal = (n: number, extra: Record<string, string> = {}) => ({
  title: 'Journal of Interlending Studies',
  issn: '0264-2875',
  articleTitle: `Article ${n}`,
  publicationDate: String(YEAR - 1),
  format: 'article',
  ...extra,
});

describe('copyright compliance for copies', () => {
  let net: Network;
  let borrower: Library;
  let lender: Library;

  before(async () => {
    net = await startNetwork([{ name: 'Borrower' }, { name: 'Lender' }]);
    borrower = net.libraries.Borrower;
    lender = net.libraries.Lender;
  });
  after(async () => net.close());

  async function copy(citation: Record<string, string>) {
    const res = await borrower.api.post('/resource-sharing/requests', { serviceType: 'copy', citation });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: string; hrid: string };
  }
  const settled = (id: string) =>
    eventually(async () => {
      const r = (await borrower.api.get(`/resource-sharing/requests/${id}`)).body;
      return ['REQ_SENT_TO_SUPPLIER', 'REQ_EXPECTS_TO_SUPPLY', 'REQ_AWAITING_COPYRIGHT_CLEARANCE'].includes(r.state) ? r : undefined;
    }, `request ${id} to be sent or held`);

  it('sends five copies from one journal with US-CCG and holds the sixth for a clearance', async () => {
    for (let n = 1; n <= 5; n++) {
      const r = await settled((await copy(journal(n))).id);
      assert.equal(r.state, 'REQ_SENT_TO_SUPPLIER', `copy ${n}`);
      assert.equal(r.copyright.status, 'compliant');
      assert.equal(r.copyright.reason, `copy ${n} of 5 from this journal in ${YEAR}: sent as US-CCG`);
      if (n === 1) {
        const lent = await lendingRequestFor(lender, r.hrid);
        assert.equal(lent.copyrightCompliance, 'US-CCG', 'the statement travels in serviceInfo.copyrightCompliance');
      }
    }
    // the same journal by ISSN written another way
    const sixth = await settled((await copy(journal(6, { issn: '0264 2875', title: 'Interlending studies' }))).id);
    assert.equal(sixth.state, 'REQ_AWAITING_COPYRIGHT_CLEARANCE');
    assert.equal(sixth.needsAttention, true);
    assert.match(sixth.copyright.reason, /^copy 6 from this journal in \d{4}, over the limit of 5: needs a copyright clearance/);
    assert.equal(sixth.supplierSymbol, undefined, 'nothing was sent');
    const actions = (await borrower.api.get(`/resource-sharing/requests/${sixth.id}/actions`)).body;
    const names = (actions.actions ?? actions).map((a: { code?: string; action?: string }) => a.code ?? a.action);
    assert.ok(names.includes('recordCopyrightClearance') && names.includes('cancel'), JSON.stringify(names));
  });

  it('an article older than the look-back is not counted, and a journal known by title counts by its normalised title', async () => {
    const old = await settled((await copy(journal(7, { publicationDate: `March ${YEAR - 12}` }))).id);
    assert.equal(old.state, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(old.copyright.status, 'notCounted');
    assert.match(old.copyright.reason, new RegExp(`^published ${YEAR - 12}, more than 5 years ago`));
    const a = await settled((await copy({ title: 'The Annals of Tests.', publicationDate: String(YEAR) })).id);
    const b = await settled((await copy({ title: 'annals of  tests', publicationDate: String(YEAR) })).id);
    assert.equal(a.copyright.journalKey, 'TITLE:annals of tests');
    assert.match(b.copyright.reason, /^copy 2 of 5 /);
  });

  it('staff record a clearance and the request goes on with US-CCL; a fee needs its amount and source', async () => {
    const held = await settled((await copy(journal(8))).id);
    assert.equal(held.state, 'REQ_AWAITING_COPYRIGHT_CLEARANCE');
    const missing = await borrower.api.post(`/resource-sharing/requests/${held.id}/actions/recordCopyrightClearance`, { parameters: { clearance: 'feePaid' } });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.errors.map((e: { parameters: { key: string }[] }) => e.parameters[0].key).sort(), ['amount', 'source']);
    assert.equal((await borrower.api.get(`/resource-sharing/requests/${held.id}`)).body.state, 'REQ_AWAITING_COPYRIGHT_CLEARANCE', 'nothing half-done');
    const ok = await borrower.api.post(`/resource-sharing/requests/${held.id}/actions/recordCopyrightClearance`, {
      parameters: { clearance: 'feePaid', amount: 35.5, currency: 'USD', source: 'Copyright Clearance Center' },
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const sent = await inState(borrower, held.id, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(sent.copyright.status, 'cleared');
    assert.equal(sent.copyright.clearance.amount, 35.5);
    assert.match(sent.copyright.reason, /; cleared: fee paid \(Copyright Clearance Center\)$/);
    const lent = await lendingRequestFor(lender, sent.hrid);
    assert.equal(lent.copyrightCompliance, 'US-CCL');

    const fair = await settled((await copy(journal(9))).id);
    const fairUse = await borrower.api.post(`/resource-sharing/requests/${fair.id}/actions/recordCopyrightClearance`, {
      parameters: { clearance: 'fairUse', reason: 'one table for teaching' },
    });
    assert.equal(fairUse.status, 200);
    const cancelled = await settled((await copy(journal(10))).id);
    const cancel = await borrower.api.post(`/resource-sharing/requests/${cancelled.id}/actions/cancel`, { parameters: { reason: 'patron withdrew' } });
    assert.equal(cancel.status, 200);
    assert.equal(cancel.body.state, 'REQ_CANCELLED');
  });

  it('a new year starts a new count', async () => {
    // five copies of another journal last year, three this year, written as the workflow leaves them
    const seed = (year: number) =>
      net.mod.db.transaction((tx) =>
        insertRequest(
          tx,
          borrower.tenant,
          {
            role: 'borrowing',
            state: 'REQ_REQUEST_COMPLETE',
            stateModel: 'borrowing-copy',
            needsAttention: false,
            serviceType: 'copy',
            citation: { title: 'Seeded Review', issn: '1234-5679' },
            copyright: {
              journalKey: 'ISSN:12345679',
              journal: 'Seeded Review',
              year,
              checkedAt: `${year}-06-01T00:00:00.000Z`,
              articleYear: year,
              counted: true,
              countBefore: 0,
              limit: 5,
              lookBackYears: 5,
              status: 'compliant',
              compliance: 'US-CCG',
              reason: 'seeded',
            },
          },
          { type: 'system', id: 'seed' },
        ),
      );
    for (let i = 0; i < 5; i++) await seed(YEAR - 1);
    for (let i = 0; i < 3; i++) await seed(YEAR);
    const fourth = await settled((await copy({ title: 'Seeded Review', issn: '1234-5679', publicationDate: String(YEAR) })).id);
    assert.equal(fourth.state, 'REQ_SENT_TO_SUPPLIER');
    assert.match(fourth.copyright.reason, /^copy 4 of 5 /, 'last year\'s five do not count');
  });

  it('the limit, look-back and statement are settings', async () => {
    const bad = await borrower.api.put('/resource-sharing/settings', { copyright: { limit: 0, lookBackYears: 5, complianceCode: 'US-CCG', clearedComplianceCode: 'US-CCL', lendingWithoutStatement: 'accept' } });
    assert.equal(bad.status, 422);
    const set = await borrower.api.put('/resource-sharing/settings', {
      copyright: { limit: 1, lookBackYears: 2, complianceCode: 'DK-KOPIDAN', clearedComplianceCode: 'DK-LICENSED', lendingWithoutStatement: 'accept' },
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const first = await settled((await copy({ title: 'Nordic Notes', publicationDate: String(YEAR - 1) })).id);
    assert.equal(first.copyright.compliance, 'DK-KOPIDAN');
    const older = await settled((await copy({ title: 'Nordic Notes', publicationDate: String(YEAR - 2) })).id);
    assert.equal(older.copyright.status, 'notCounted', 'two years back is outside a look-back of 2');
    const second = await settled((await copy({ title: 'Nordic Notes', publicationDate: String(YEAR) })).id);
    assert.equal(second.state, 'REQ_AWAITING_COPYRIGHT_CLEARANCE');
  });

  it('reports the year per journal: counts, clearances and fees, as JSON and CSV', async () => {
    const res = await borrower.api.get(`/resource-sharing/copyright/report?year=${YEAR}`);
    assert.equal(res.status, 200);
    const jis = res.body.titles.find((t: { journalKey: string }) => t.journalKey === 'ISSN:02642875');
    assert.deepEqual(
      { ...jis, journal: undefined },
      {
        journal: undefined,
        issn: '0264-2875',
        journalKey: 'ISSN:02642875',
        requests: 9, // 10 asked, one cancelled
        counted: 8, // the twelve-year-old article does not count
        overLimit: 3, // the sixth (still waiting), the fee, the fair use (the cancelled one is not counted)
        awaitingClearance: 1,
        permissionObtained: 0,
        feePaid: 1,
        fairUse: 1,
        fees: [{ currency: 'USD', amount: 35.5 }],
        cancelled: 1,
      },
    );
    const csv = await borrower.api.get(`/resource-sharing/copyright/report?year=${YEAR}&format=csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = (csv.body as string).trim().split('\r\n');
    assert.equal(lines[0], 'journal,issn,requests,counted,over limit,awaiting clearance,permission obtained,fee paid,fair use,fees,cancelled');
    assert.ok(lines.includes('Journal of Interlending Studies,0264-2875,9,8,3,1,0,1,1,35.50 USD,1'), lines.join('\n'));
    assert.match(lines[lines.length - 1], new RegExp(`^Total ${YEAR},`));
    const empty = await borrower.api.get(`/resource-sharing/copyright/report?year=${YEAR - 3}`);
    assert.deepEqual(empty.body.titles, []);
    const bad = await borrower.api.get('/resource-sharing/copyright/report?year=last');
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].parameters[0].key, 'year');
  });

  describe('lending a copy without a compliance statement', () => {
    let seq = 0;
    /** A copy request from the borrower's symbol with no copyrightCompliance, posted to the lender's ISO 18626 endpoint. */
    async function statementless(): Promise<string> {
      const hrid = `RAW-${Date.now()}-${seq++}`;
      const msg: RequestMessage = {
        kind: 'request',
        header: {
          supplyingAgencyId: agencyId(lender.symbol),
          requestingAgencyId: agencyId(borrower.symbol),
          timestamp: new Date(),
          requestingAgencyRequestId: hrid,
        },
        bibliographicInfo: { title: 'Journal of Interlending Studies', titleOfComponent: 'No statement' },
        serviceInfo: { requestType: 'New', serviceType: 'Copy' },
      };
      const res = await fetch(lender.endpoint, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: emitMessage(msg, '2017') });
      assert.equal(res.status, 200);
      assert.match(await res.text(), /<ill:messageStatus>OK<\/ill:messageStatus>/);
      return hrid;
    }
    const setLending = (lendingWithoutStatement: string) =>
      lender.api.put('/resource-sharing/settings', {
        copyright: { limit: 5, lookBackYears: 5, complianceCode: 'US-CCG', clearedComplianceCode: 'US-CCL', lendingWithoutStatement },
      });

    it('refuses it (Unfilled, policy) when the library says so', async () => {
      assert.equal((await setLending('refuse')).status, 200);
      const lent = await lendingRequestFor(lender, await statementless());
      const done = await inState(lender, lent.id, 'RES_UNFILLED');
      const audit = (await lender.api.get(`/resource-sharing/requests/${done.id}/audit`)).body;
      assert.match(JSON.stringify(audit), /no copyright compliance statement/);
    });

    it('leaves it to staff, flagged, when the library mediates; answering clears the flag', async () => {
      assert.equal((await setLending('mediate')).status, 200);
      const lent = await lendingRequestFor(lender, await statementless());
      assert.equal(lent.state, 'RES_IDLE');
      assert.equal(lent.needsAttention, true);
      assert.deepEqual(lent.attention, ['noCopyrightCompliance']);
      const answered = await lender.api.post(`/resource-sharing/requests/${lent.id}/actions/willSupply`, { parameters: {} });
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      assert.ok(!(answered.body.attention ?? []).includes('noCopyrightCompliance'));
    });

    it('accepts it as before by default', async () => {
      assert.equal((await setLending('accept')).status, 200);
      const lent = await lendingRequestFor(lender, await statementless());
      // a new lending request waits for staff as any does, but is not flagged for its statement
      assert.ok(!(lent.attention ?? []).includes('noCopyrightCompliance'));
      assert.equal(lent.copyrightCompliance, undefined);
    });
  });
});
