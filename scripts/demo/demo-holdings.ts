// Books each demo library can lend, added to its simulated FOLIO on top of demoSeed. Barcodes
// carry the library's prefix, so a borrowed item's barcode never collides with one of the
// borrower's own items when its temporary record is created.
import { demoId, type SeedData } from '../../simulators/folio/index.ts';
import { demoLibrary } from './demo-libraries.ts';

export interface DemoBook {
  title: string;
  author: string;
  isbn: string;
}

/** What each library owns (besides demoSeed's LEND-000n books, which every library has). */
export const DEMO_HOLDINGS: Record<string, DemoBook[]> = {
  northfield: [
    { title: 'Frankenstein', author: 'Shelley, Mary', isbn: '9780141439471' },
    { title: 'Dracula', author: 'Stoker, Bram', isbn: '9780141439846' },
  ],
  southbank: [
    { title: 'The dispossessed', author: 'Le Guin, Ursula K.', isbn: '9780061054884' },
    { title: 'Wuthering Heights', author: 'Brontë, Emily', isbn: '9780141439556' },
  ],
  eastgate: [
    { title: 'Persuasion', author: 'Austen, Jane', isbn: '9780141439686' },
    { title: 'Gödel, Escher, Bach', author: 'Hofstadter, Douglas', isbn: '9780465026562' },
  ],
};

/** The barcode of the n-th (1-based) demo book of a library, e.g. SOUTH-0001. */
export function demoBarcode(tenant: string, n: number): string {
  return `${demoLibrary(tenant).requestIdPrefix}-${String(n).padStart(4, '0')}`;
}

/** Instances, holdings and available items for the library's books (reference ids as in demoSeed). */
export function demoHoldingsSeed(tenant: string): SeedData {
  const id = (name: string) => demoId(tenant, name);
  const seed: Required<Pick<SeedData, 'instances' | 'holdings' | 'items'>> = { instances: [], holdings: [], items: [] };
  (DEMO_HOLDINGS[tenant] ?? []).forEach((book, i) => {
    const n = i + 1;
    const instanceId = id(`demo-instance:${n}`);
    const holdingsId = id(`demo-holdings:${n}`);
    seed.instances.push({
      id: instanceId,
      hrid: `in-${tenant}-${n}`,
      source: 'FOLIO',
      title: book.title,
      instanceTypeId: id('instance-type:text'),
      identifiers: [{ value: book.isbn, identifierTypeId: id('identifier-type:isbn') }],
    });
    seed.holdings.push({ id: holdingsId, instanceId, permanentLocationId: id('loc:main'), sourceId: id('holdings-source:folio'), callNumber: `${tenant.toUpperCase()} ${n}` });
    seed.items.push({
      id: id(`demo-item:${n}`),
      hrid: `it-${tenant}-${n}`,
      holdingsRecordId: holdingsId,
      barcode: demoBarcode(tenant, n),
      materialTypeId: id('material-type:book'),
      permanentLoanTypeId: id('loan-type:can-circulate'),
      status: { name: 'Available' },
    });
  });
  return seed;
}
