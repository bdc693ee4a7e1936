// MARCXML records for the test SRU server: written from a few bibliographic fields, and read back
// into the identifiers the server searches.
import { XMLParser } from 'fast-xml-parser';

export interface BibSpec {
  id: string;
  title: string;
  author?: string;
  isbn?: string | string[];
  issn?: string;
  oclcNumber?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function datafield(tag: string, code: string, value: string, ind1 = ' ', ind2 = ' '): string {
  return `<datafield tag="${tag}" ind1="${ind1}" ind2="${ind2}"><subfield code="${code}">${esc(value)}</subfield></datafield>`;
}

/** A MARC 21 bibliographic record in MARCXML (slim) for `spec`. */
export function marcRecord(spec: BibSpec): string {
  const fields: string[] = [`<leader>00000nam a2200000 a 4500</leader>`, `<controlfield tag="001">${esc(spec.id)}</controlfield>`];
  for (const isbn of [spec.isbn ?? []].flat()) fields.push(datafield('020', 'a', isbn));
  if (spec.issn) fields.push(datafield('022', 'a', spec.issn));
  if (spec.oclcNumber) fields.push(datafield('035', 'a', `(OCoLC)${spec.oclcNumber}`));
  if (spec.author) fields.push(datafield('100', 'a', spec.author, '1'));
  fields.push(datafield('245', 'a', spec.title, '1', '0'));
  return `<record xmlns="http://www.loc.gov/MARC21/slim">${fields.join('')}</record>`;
}

export interface IndexedRecord {
  xml: string;
  isbns: string[];
  issns: string[];
  oclcNumbers: string[];
  title: string;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'datafield' || name === 'subfield' || name === 'controlfield',
});

interface Subfield {
  '@code': string;
  '#text'?: string;
}
interface Datafield {
  '@tag': string;
  subfield?: Subfield[];
}

/** The searchable identifiers of a MARCXML record. */
export function indexRecord(xml: string): IndexedRecord {
  const doc = parser.parse(xml) as { record?: { datafield?: Datafield[] } };
  const fields = doc.record?.datafield ?? [];
  const values = (tag: string, code: string) =>
    fields.filter((f) => f['@tag'] === tag).flatMap((f) => (f.subfield ?? []).filter((s) => s['@code'] === code).map((s) => String(s['#text'] ?? '')));
  return {
    xml,
    isbns: values('020', 'a').map((v) => v.split(/\s/)[0].replace(/-/g, '')),
    issns: values('022', 'a'),
    oclcNumbers: values('035', 'a').filter((v) => v.startsWith('(OCoLC)')).map((v) => v.slice(7).trim()),
    title: values('245', 'a').join(' '),
  };
}
