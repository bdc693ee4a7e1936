// A ready-made library for one tenant: two pickup desks and a back office, the ILL location,
// reference data, patrons in each state the workflow cares about, an institutional patron and a
// few lendable books. Ids are derived from the tenant name, so two tenants never share one.
import { createHash } from 'node:crypto';
import type { HostSettings } from '../../mod-resource-sharing/src/host/host-settings.ts';
import type { SeedData } from './seed.ts';

/** A stable UUID (version 5 layout) for `name` in `tenant`. */
export function demoId(tenant: string, name: string): string {
  const h = createHash('sha1').update(`${tenant}:${name}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DEMO_PATRONS = {
  /** active, no blocks */
  active: '1001',
  /** expiration date in the past */
  expired: '1002',
  /** automated block on requests */
  blocked: '1003',
  /** active: false */
  inactive: '1004',
  /** default institutional patron lent items are checked out to */
  institution: 'ILL-INSTITUTION',
} as const;

export const DEMO_ITEMS = {
  /** available, with ISBN 9780441478125 on its instance */
  available: 'LEND-0001',
  /** a second available book */
  second: 'LEND-0002',
  /** status Missing: cannot be paged */
  missing: 'LEND-0003',
} as const;

export const DEMO_CREDENTIALS = { username: 'rs-system', password: 'rs-system-password' } as const;

function ids(tenant: string) {
  const id = (n: string) => demoId(tenant, n);
  return {
    circDesk: id('sp:circ'),
    branchDesk: id('sp:branch'),
    backOffice: id('sp:back-office'),
    mainStacks: id('loc:main'),
    illLocation: id('loc:ill'),
    institution: id('unit:institution'),
    campus: id('unit:campus'),
    library: id('unit:library'),
    textType: id('instance-type:text'),
    book: id('material-type:book'),
    canCirculate: id('loan-type:can-circulate'),
    illLoanType: id('loan-type:ill'),
    folioSource: id('holdings-source:folio'),
    illCode: id('statistical-code:ill'),
    codeType: id('statistical-code-type:ill'),
    isbnType: id('identifier-type:isbn'),
    undergrad: id('group:undergrad'),
    illGroup: id('group:ill'),
    staff: id('group:staff'),
  };
}

function patron(tenant: string, barcode: string, first: string, last: string, group: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: demoId(tenant, `user:${barcode}`),
    username: `${first.toLowerCase()}.${last.toLowerCase()}`,
    barcode,
    active: true,
    type: 'patron',
    patronGroup: group,
    personal: { firstName: first, lastName: last, email: `${first.toLowerCase()}@${tenant}.example.org` },
    ...extra,
  };
}

export function demoSeed(tenant: string): SeedData {
  const k = ids(tenant);
  const sp = (id: string, name: string, code: string, pickup: boolean) => ({
    id,
    name,
    code,
    discoveryDisplayName: name,
    pickupLocation: pickup,
    holdShelfExpiryPeriod: { duration: 10, intervalId: 'Days' },
  });
  const location = (id: string, name: string, code: string) => ({
    id,
    name,
    code,
    isActive: true,
    institutionId: k.institution,
    campusId: k.campus,
    libraryId: k.library,
    primaryServicePoint: k.circDesk,
    servicePointIds: [k.circDesk],
  });
  const book = (n: number, titleText: string, isbn: string, status: string) => {
    const instanceId = demoId(tenant, `instance:${n}`);
    const holdingsId = demoId(tenant, `holdings:${n}`);
    return {
      instance: {
        id: instanceId,
        hrid: `in-demo-${n}`,
        source: 'FOLIO',
        title: titleText,
        instanceTypeId: k.textType,
        identifiers: [{ value: isbn, identifierTypeId: k.isbnType }],
      },
      holdings: { id: holdingsId, instanceId, permanentLocationId: k.mainStacks, sourceId: k.folioSource, callNumber: `DEMO ${n}` },
      item: {
        id: demoId(tenant, `item:${n}`),
        hrid: `it-demo-${n}`,
        holdingsRecordId: holdingsId,
        barcode: `LEND-000${n}`,
        materialTypeId: k.book,
        permanentLoanTypeId: k.canCirculate,
        status: { name: status },
      },
    };
  };
  const books = [
    book(1, 'The left hand of darkness', '9780441478125', 'Available'),
    book(2, 'Middlemarch', '9780141439549', 'Available'),
    book(3, 'Moby Dick', '9780142437247', 'Missing'),
  ];
  const blockedId = demoId(tenant, `user:${DEMO_PATRONS.blocked}`);
  return {
    groups: [
      { id: k.undergrad, group: 'undergrad', desc: 'Undergraduate students' },
      { id: k.staff, group: 'staff', desc: 'Library staff' },
      { id: k.illGroup, group: 'ill', desc: 'Partner libraries (interlibrary loan)' },
    ],
    servicePoints: [
      sp(k.circDesk, 'Circulation desk', 'CIRC', true),
      sp(k.branchDesk, 'Branch desk', 'BRANCH', true),
      sp(k.backOffice, 'ILL back office', 'ILLBO', false),
    ],
    locations: [location(k.mainStacks, 'Main stacks', 'MAIN'), location(k.illLocation, 'Interlibrary loan', 'ILL')],
    instanceTypes: [{ id: k.textType, name: 'text', code: 'txt', source: 'rdacontent' }],
    materialTypes: [{ id: k.book, name: 'book', source: 'folio' }],
    loanTypes: [
      { id: k.canCirculate, name: 'Can circulate' },
      { id: k.illLoanType, name: 'Interlibrary loan' },
    ],
    holdingsSources: [{ id: k.folioSource, name: 'FOLIO', source: 'folio' }],
    statisticalCodes: [{ id: k.illCode, code: 'ILL', name: 'Interlibrary loan', statisticalCodeTypeId: k.codeType, source: 'local' }],
    users: [
      patron(tenant, DEMO_PATRONS.active, 'Alice', 'Reader', k.undergrad),
      patron(tenant, DEMO_PATRONS.expired, 'Bob', 'Lapsed', k.undergrad, { expirationDate: '2020-06-30T00:00:00.000Z' }),
      patron(tenant, DEMO_PATRONS.blocked, 'Carol', 'Overdue', k.undergrad),
      patron(tenant, DEMO_PATRONS.inactive, 'Dan', 'Gone', k.undergrad, { active: false }),
      {
        ...patron(tenant, DEMO_PATRONS.institution, 'Partner', 'Libraries', k.illGroup),
        username: 'ill-institution',
        personal: { lastName: 'Partner libraries (ILL)' },
      },
      { id: demoId(tenant, 'user:system'), username: DEMO_CREDENTIALS.username, active: true, type: 'system', personal: { lastName: 'Resource sharing system user' } },
    ],
    credentials: [{ ...DEMO_CREDENTIALS }],
    patronBlocks: {
      [blockedId]: [
        {
          patronBlockConditionId: demoId(tenant, 'block:max-overdue'),
          blockBorrowing: true,
          blockRenewals: true,
          blockRequests: true,
          message: 'Maximum number of overdue items has been reached',
        },
      ],
    },
    instances: books.map((b) => b.instance),
    holdings: books.map((b) => b.holdings),
    items: books.map((b) => b.item),
    loanPolicy: { periodDays: 14, renewalLimit: 3, renewFrom: 'currentDueDate' },
  };
}

/** Host settings that fit demoSeed(tenant). */
export function demoHostSettings(tenant: string): HostSettings {
  const k = ids(tenant);
  return {
    instanceTypeId: k.textType,
    instanceSource: 'FOLIO',
    statisticalCodeId: k.illCode,
    illLocationId: k.illLocation,
    holdingsSourceId: k.folioSource,
    materialTypeId: k.book,
    permanentLoanTypeId: k.illLoanType,
    temporaryLoanTypeId: null,
    pickupServicePointId: k.circDesk,
    defaultServicePointId: k.circDesk,
    institutionalPatronBarcode: DEMO_PATRONS.institution,
    lendingLoanPeriodDays: 28,
    deliveryOffsetDays: 3,
    staffSuppress: false,
    contributorNameTypeId: null,
    cancellationReasonId: null,
  };
}

/** Service point ids of demoSeed(tenant), for tests. */
export function demoServicePoints(tenant: string): { circDesk: string; branchDesk: string; backOffice: string } {
  const k = ids(tenant);
  return { circDesk: k.circDesk, branchDesk: k.branchDesk, backOffice: k.backOffice };
}
