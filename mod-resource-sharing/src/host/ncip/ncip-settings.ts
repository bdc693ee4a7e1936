// Per-tenant settings of the NCIP adapter: where the responder is, who we are to it, and the
// codes the responder expects for the patron, pickup location and request types.

export interface NcipSettings {
  /** the responder's URL; messages are POSTed there as text/xml */
  endpoint: string;
  /** InitiationHeader/FromAgencyId: this library as the responder knows it (e.g. an ILL partner code) */
  fromAgencyId: string;
  /** InitiationHeader/ToAgencyId: the responder's agency */
  toAgencyId: string;
  /** InitiationHeader/ApplicationProfileType, for responders whose profile needs it (e.g. "EZBORROW") */
  applicationProfileType?: string;
  /** InitiationHeader/FromAgencyAuthentication: the shared secret some responders (Alma) check */
  fromAgencyAuthentication?: string;
  /** HTTP Basic credentials, for responders behind an authenticating gateway */
  auth?: { username: string; password: string };
  /** per-message timeout in milliseconds (default 30000) */
  timeoutMs?: number;
  /** lending: the patron lent items are checked out to when the partner has none of its own */
  institutionalPatronId: string;
  /** borrowing: PickupLocation code used when the request names none */
  pickupLocation: string;
  /** lending: PickupLocation for items paged for ILL (default: pickupLocation) */
  lendingPickupLocation?: string;
  /** lending: RequestType used to pull an item (default "Page"; some systems want "Hold" or "Loan") */
  pageRequestType?: string;
  /** lending: days from check-out to the due date asked for (DesiredDateDue); unset = the responder's policy */
  lendingLoanPeriodDays?: number | null;
  /** agency id put on BibliographicRecordId when paging by catalogue record (default toAgencyId) */
  recordAgencyId?: string;
}

/** Problems with a settings object, one sentence each; empty when it can be used. */
export function validateNcipSettings(s: Partial<NcipSettings>): string[] {
  const problems: string[] = [];
  try {
    const url = new URL(s.endpoint ?? '');
    if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push('endpoint must be an http(s) URL');
  } catch {
    problems.push('endpoint must be an http(s) URL');
  }
  for (const key of ['fromAgencyId', 'toAgencyId', 'institutionalPatronId', 'pickupLocation'] as const) {
    if (typeof s[key] !== 'string' || s[key].trim() === '') problems.push(`${key} is required`);
  }
  if (s.timeoutMs !== undefined && (!Number.isInteger(s.timeoutMs) || s.timeoutMs < 1)) problems.push('timeoutMs must be a positive whole number');
  if (s.auth && (!s.auth.username || typeof s.auth.password !== 'string')) problems.push('auth needs a username and a password');
  const days = s.lendingLoanPeriodDays;
  if (days !== null && days !== undefined && (!Number.isInteger(days) || days < 1)) problems.push('lendingLoanPeriodDays must be a whole number of days, at least 1');
  return problems;
}
