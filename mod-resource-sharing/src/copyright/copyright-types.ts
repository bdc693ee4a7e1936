// What the copyright check leaves on a borrowing copy request (`request.copyright`).

export type ClearanceType = 'permissionObtained' | 'feePaid' | 'fairUse';

export interface CopyrightClearance {
  type: ClearanceType;
  amount?: number;
  currency?: string;
  /** who was paid, e.g. Copyright Clearance Center */
  source?: string;
  /** fair use: why; permission: from whom */
  reason?: string;
  note?: string;
  recordedAt: string;
  recordedBy?: string;
}

export interface CopyrightRecord {
  /** `ISSN:12345678` or `TITLE:<normalised journal title>` */
  journalKey: string;
  /** the journal title as the request gives it */
  journal: string;
  issn?: string;
  /** calendar year of the check: the year whose copies it counts */
  year: number;
  checkedAt: string;
  /** the article's year of publication; null when the citation has none */
  articleYear: number | null;
  /** counts toward the journal's copies this year (articles older than the look-back do not) */
  counted: boolean;
  /** copies of the journal counted this year before this one */
  countBefore: number;
  limit: number;
  lookBackYears: number;
  /**
   * compliant: under the limit; notCounted: older than the look-back; awaitingClearance: at or over
   * the limit, waiting for staff; cleared: staff recorded a clearance
   */
  status: 'compliant' | 'notCounted' | 'awaitingClearance' | 'cleared';
  /** the statement sent in serviceInfo.copyrightCompliance */
  compliance?: string;
  /** awaiting clearance: the statement the copy goes with once staff cleared it */
  complianceIfCleared?: string;
  /** the check in words */
  reason: string;
  clearance?: CopyrightClearance;
}
