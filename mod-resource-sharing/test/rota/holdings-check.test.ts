import assert from 'node:assert/strict';
import { marcRecord } from '../../../test/sru-server/marcxml.ts';
import { startSruServer, type SruServer } from '../../../test/sru-server/sru-server.ts';
import { checkHoldings, holdingsQuery, readSruResponse } from '../../src/rota/index.ts';

describe('holdings check over SRU 2.0', () => {
  let sru: SruServer;
  before(async () => {
    sru = await startSruServer({
      records: [
        marcRecord({ id: 'b1', title: 'The name of the rose', author: 'Eco, Umberto', isbn: '978-0-15-600131-1', oclcNumber: '8221187' }),
        marcRecord({ id: 's1', title: 'Journal of Documentation', issn: '0022-0418' }),
        marcRecord({ id: 'b2', title: 'Foucault\'s pendulum "special" & more', isbn: '9780151326488' }),
      ],
    });
  });
  after(() => sru.close());

  const entry = () => ({ sruEndpoint: sru.url });

  it('finds a record by ISBN (hyphens ignored) with an SRU 2.0 searchRetrieve asking for MARCXML', async () => {
    const res = await checkHoldings(entry(), { title: 'Name of the rose', isbn: '9780156001311' });
    assert.equal(res.owns, true);
    assert.equal(res.numberOfRecords, 1);
    assert.equal(res.reason, 'its catalogue has 1 record for ISBN 9780156001311');
    assert.equal(res.recordId, 'b1', 'the record id (MARC 001) is the supplierUniqueRecordId to send this supplier');
    assert.equal(sru.queries.at(-1), 'bath.isbn="9780156001311"');
  });

  it('says the supplier does not own an item its catalogue does not have', async () => {
    const res = await checkHoldings(entry(), { title: 'Missing book', isbn: '978-1-111-11111-1' });
    assert.equal(res.owns, false);
    assert.equal(res.reason, 'its catalogue has no record for ISBN 9781111111111');
  });

  it('searches ISSN, then OCLC number, then title', async () => {
    assert.equal((await checkHoldings(entry(), { title: 'x', issn: '0022-0418' })).owns, true);
    assert.equal(sru.queries.at(-1), 'bath.issn="0022-0418"');
    assert.equal((await checkHoldings(entry(), { title: 'x', oclcNumber: '(OCoLC)8221187' })).owns, true);
    assert.equal(sru.queries.at(-1), 'dc.identifier="8221187"');
    const byTitle = await checkHoldings(entry(), { title: 'Foucault\'s pendulum "special"' });
    assert.equal(byTitle.owns, true);
    assert.equal(sru.queries.at(-1), 'dc.title="Foucault\'s pendulum \\"special\\""');
    assert.equal((await checkHoldings(entry(), { title: 'Pendulum of someone else' })).owns, false);
  });

  it('answers unknown, with the reason, when there is no endpoint, a diagnostic, an error, no answer in time or no server', async () => {
    const none = await checkHoldings({}, { title: 'x', isbn: '9780156001311' });
    assert.equal(none.owns, 'unknown');
    assert.match(none.reason, /no SRU endpoint/);

    const diag = await checkHoldings({ sruEndpoint: sru.url, sruIndexes: { isbn: 'local.isbn' } }, { title: 'x', isbn: '9780156001311' });
    assert.equal(diag.owns, 'unknown');
    assert.equal(diag.reason, 'holdings unknown: the catalogue answered with a diagnostic: Unsupported index (local.isbn)');

    sru.behaviour.failWithStatus = 500;
    try {
      const failed = await checkHoldings(entry(), { title: 'x', isbn: '9780156001311' });
      assert.equal(failed.owns, 'unknown');
      assert.equal(failed.reason, 'holdings unknown: the catalogue answered HTTP 500');
    } finally {
      sru.behaviour.failWithStatus = null;
    }

    sru.behaviour.delayMs = 600;
    try {
      const slow = await checkHoldings(entry(), { title: 'x', isbn: '9780156001311' }, { timeoutMs: 150 });
      assert.equal(slow.owns, 'unknown');
      assert.equal(slow.reason, 'holdings unknown: the catalogue did not answer within 0.15 s');
    } finally {
      sru.behaviour.delayMs = 0;
    }

    const gone = await startSruServer();
    const url = gone.url;
    await gone.close();
    const down = await checkHoldings({ sruEndpoint: url }, { title: 'x', isbn: '9780156001311' });
    assert.equal(down.owns, 'unknown');
    assert.match(down.reason, /^holdings unknown: the catalogue could not be reached \(ECONNREFUSED\)$/);
  });

  it('refuses answers with a DTD and recognises SRU 1.2 and 2.0 answers alike', () => {
    const dtd = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
      <searchRetrieveResponse><numberOfRecords>1</numberOfRecords></searchRetrieveResponse>`;
    assert.deepEqual(readSruResponse(dtd), { invalid: 'the answer contained a DTD, which is refused' });
    const v12 = `<srw:searchRetrieveResponse xmlns:srw="http://www.loc.gov/zing/srw/"><srw:version>1.2</srw:version><srw:numberOfRecords>3</srw:numberOfRecords></srw:searchRetrieveResponse>`;
    assert.deepEqual(readSruResponse(v12), { count: 3 });
    assert.deepEqual(readSruResponse('<html><body>Not found</body></html>'), { invalid: 'the answer is not an SRU searchRetrieveResponse' });
  });

  it('escapes CQL special characters in the searched term', () => {
    assert.equal(holdingsQuery({ title: 'What? *Really* \\ ^' })?.cql, 'dc.title="What\\? \\*Really\\* \\\\ \\^"');
  });
});
