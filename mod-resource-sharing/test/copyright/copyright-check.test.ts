// The pieces of the copyright check that decide which journal and which year a copy is (pure).
import assert from 'node:assert/strict';
import { articleYear, journalKey, lendingCompliance, normaliseIssn, normaliseTitle } from '../../src/copyright/copyright-check.ts';
import { reportCsv } from '../../src/copyright/copyright-report.ts';

describe('copyright check: journal and year', () => {
  it('an ISSN written any way is one journal; a bad one falls back to the title', () => {
    assert.equal(normaliseIssn('0264-2875'), '02642875');
    assert.equal(normaliseIssn(' 0264 2875 '), '02642875');
    assert.equal(normaliseIssn('1234-567x'), '1234567X');
    assert.equal(normaliseIssn('1234-56'), null);
    assert.equal(journalKey({ title: 'Nature', issn: 'ISSN 0028-0836' }), 'ISSN:00280836');
    assert.equal(journalKey({ title: 'Nature', issn: 'unknown' }), 'TITLE:nature');
  });

  it('titles compare without case, accents, punctuation or a leading article', () => {
    assert.equal(normaliseTitle('The Lancet.'), 'lancet');
    assert.equal(normaliseTitle('Zeitschrift für   Bibliothekswesen & Bibliographie'), 'zeitschrift fur bibliothekswesen and bibliographie');
    assert.equal(normaliseTitle('Die Zeit'), 'zeit');
    assert.notEqual(normaliseTitle('Theory Today'), normaliseTitle('Today'), 'only a whole leading word is an article');
  });

  it('the article year is the first plausible year in the publication date', () => {
    assert.equal(articleYear({ title: 'x', publicationDate: '2021-03-04' }), 2021);
    assert.equal(articleYear({ title: 'x', publicationDate: 'Spring 1998, vol. 12345' }), 1998);
    assert.equal(articleYear({ title: 'x', publicationDate: 'n.d.' }), null);
    assert.equal(articleYear({ title: 'x' }), null);
  });

  it('lending: only a copy request without a statement is refused or mediated, by the setting', () => {
    const copy = { role: 'lending' as const, serviceType: 'copy' as const };
    assert.equal(lendingCompliance(copy, { lendingWithoutStatement: 'refuse' }), 'refuse');
    assert.equal(lendingCompliance({ ...copy, copyrightCompliance: ' ' }, { lendingWithoutStatement: 'mediate' }), 'mediate');
    assert.equal(lendingCompliance({ ...copy, copyrightCompliance: 'US-CCG' }, { lendingWithoutStatement: 'refuse' }), null);
    assert.equal(lendingCompliance({ ...copy, serviceType: 'loan' }, { lendingWithoutStatement: 'refuse' }), null);
    assert.equal(lendingCompliance(copy, { lendingWithoutStatement: 'accept' }), null);
  });

  it('the CSV quotes commas and keeps a title from becoming a spreadsheet formula', () => {
    const zero = { requests: 1, counted: 1, overLimit: 0, awaitingClearance: 0, permissionObtained: 0, feePaid: 0, fairUse: 0, fees: [], cancelled: 0 };
    const csv = reportCsv({
      year: 2026,
      titles: [
        { ...zero, journal: 'Arts, Crafts "and" More', issn: null, journalKey: 'TITLE:a' },
        { ...zero, journal: '=HYPERLINK("http://x")', issn: null, journalKey: 'TITLE:b' },
      ],
      totals: { ...zero, requests: 2, counted: 2 },
    });
    const lines = csv.split('\r\n');
    assert.equal(lines[1], '"Arts, Crafts ""and"" More",,1,1,0,0,0,0,0,,0');
    assert.equal(lines[2], `"'=HYPERLINK(""http://x"")",,1,1,0,0,0,0,0,,0`);
    assert.equal(lines[3], 'Total 2026,,2,2,0,0,0,0,0,,0');
  });
});
