// How borrowed items are represented in the host and which service points and policies the
// adapter uses. Stored per tenant by the settings module; passed to createFolioHost.

export interface LendableRules {
  materialTypeIds?: string[];
  loanTypeIds?: string[];
  locationIds?: string[];
}

export interface HostSettings {
  /** instance type for temporary instances (FOLIO /instance-types id) */
  instanceTypeId: string;
  /** instance `source`, normally "FOLIO" */
  instanceSource: string;
  /** statistical code put on temporary instances and items, when set */
  statisticalCodeId: string | null;
  /** the ILL location temporary holdings live in */
  illLocationId: string;
  /** holdings source id (FOLIO /holdings-sources, normally the "FOLIO" source) */
  holdingsSourceId: string;
  /** material type of temporary items */
  materialTypeId: string;
  /** permanent loan type of temporary items (drives the loan policy) */
  permanentLoanTypeId: string;
  /** temporary loan type of temporary items, when set */
  temporaryLoanTypeId: string | null;
  /** where borrowed items wait for patrons when the request names no pickup point */
  pickupServicePointId: string;
  /** the service point used for check-in and check-out done by the module */
  defaultServicePointId: string;
  /** patron that lent items are checked out to when the partner has no own institutional patron */
  institutionalPatronBarcode: string;
  /** lending: days from check-out to the due date sent to the borrower; null = host loan policy */
  lendingLoanPeriodDays: number | null;
  /**
   * What we lend to partners (FOLIO): items of these material types, loan types (the item's
   * temporary loan type, else its permanent one) and effective locations. Absent or empty: any.
   */
  lendable?: LendableRules;
  /** borrowing: patron due date = lender's due date minus this many days */
  deliveryOffsetDays: number;
  /** also hide temporary instances from staff searches */
  staffSuppress: boolean;
  /** contributor name type for the author on temporary instances; without it the author goes to a note */
  contributorNameTypeId: string | null;
  /** request cancellation reason used when the module cancels a hold-shelf or page request */
  cancellationReasonId: string | null;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

const REQUIRED_IDS = [
  'instanceTypeId',
  'illLocationId',
  'holdingsSourceId',
  'materialTypeId',
  'permanentLoanTypeId',
  'pickupServicePointId',
  'defaultServicePointId',
] as const;

const OPTIONAL_IDS = ['statisticalCodeId', 'temporaryLoanTypeId', 'contributorNameTypeId', 'cancellationReasonId'] as const;

/** Problems with a settings object, one sentence each; empty when it can be used. */
export function validateHostSettings(s: Partial<HostSettings>): string[] {
  const problems: string[] = [];
  for (const key of REQUIRED_IDS) {
    const v = s[key];
    if (typeof v !== 'string' || v === '') problems.push(`${key} is required`);
    else if (!UUID.test(v)) problems.push(`${key} must be a UUID`);
  }
  for (const key of OPTIONAL_IDS) {
    const v = s[key];
    if (v !== null && v !== undefined && (typeof v !== 'string' || !UUID.test(v))) problems.push(`${key} must be a UUID or empty`);
  }
  if (typeof s.instanceSource !== 'string' || s.instanceSource.trim() === '') problems.push('instanceSource is required');
  if (typeof s.institutionalPatronBarcode !== 'string' || s.institutionalPatronBarcode.trim() === '') {
    problems.push('institutionalPatronBarcode is required');
  }
  const days = s.lendingLoanPeriodDays;
  if (days !== null && days !== undefined && (!Number.isInteger(days) || days < 1)) {
    problems.push('lendingLoanPeriodDays must be a whole number of days, at least 1');
  }
  if (!Number.isInteger(s.deliveryOffsetDays) || (s.deliveryOffsetDays ?? -1) < 0) {
    problems.push('deliveryOffsetDays must be a whole number of days, 0 or more');
  }
  if (typeof s.staffSuppress !== 'boolean') problems.push('staffSuppress must be true or false');
  return problems;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The patron's due date: the lender's due date minus the delivery offset, as an ISO timestamp. */
export function patronDueDate(lenderDueDate: string, deliveryOffsetDays: number): string {
  const due = Date.parse(lenderDueDate);
  if (Number.isNaN(due)) throw new RangeError(`not a date: ${lenderDueDate}`);
  return new Date(due - deliveryOffsetDays * DAY_MS).toISOString();
}

/** `from` plus whole days, as an ISO timestamp. */
export function addDays(from: Date | string, days: number): string {
  const t = typeof from === 'string' ? Date.parse(from) : from.getTime();
  return new Date(t + days * DAY_MS).toISOString();
}
