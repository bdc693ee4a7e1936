// The copyright check of a borrowing copy request, before it goes to the first supplier (the
// CONTU "rule of five" by default): count this library's copy requests of the current calendar
// year from the same journal (ISSN, else normalised title) for articles published in the last N
// years. Under the limit the request goes on with the library's compliance statement; at or over
// it, it waits for staff to record a clearance.
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import type { Citation, ResourceSharingRequest } from '../requests/request-types.ts';
import type { CopyrightSettings } from '../settings/settings-types.ts';
import type { ClearanceType, CopyrightClearance, CopyrightRecord } from './copyright-types.ts';

/** 8 characters (digits and X) of an ISSN, or null. */
export function normaliseIssn(issn: string | undefined): string | null {
  const compact = (issn ?? '').toUpperCase().replace(/[^0-9X]/g, '');
  return /^\d{7}[\dX]$/.test(compact) ? compact : null;
}

/** Lower case, no accents or punctuation, single spaces, no leading article: "The Lancet." → "lancet". */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(the|a|an|der|die|das|le|la|les|el) /, '');
}

export function journalKey(c: Citation): string {
  const issn = normaliseIssn(c.issn);
  return issn ? `ISSN:${issn}` : `TITLE:${normaliseTitle(c.title)}`;
}

/** The first plausible four-digit year in the citation's publication date. */
export function articleYear(c: Citation): number | null {
  const m = /(?:^|\D)(1[5-9]\d\d|2\d\d\d)(?!\d)/.exec(c.publicationDate ?? '');
  return m ? Number(m[1]) : null;
}

/** Copies counted for `key` in `year`, other than `exceptId`; cancelled requests do not count. */
export async function countedCopies(sql: Sql, tenant: string, key: string, year: number, exceptId?: string): Promise<number> {
  const { rows } = await sql.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM ${schemaOf(tenant)}.requests
      WHERE role = 'borrowing' AND jsonb->'copyright'->>'journalKey' = $1 AND jsonb->'copyright'->>'year' = $2
        AND (jsonb->'copyright'->>'counted')::boolean AND state <> 'REQ_CANCELLED' AND id IS DISTINCT FROM $3::uuid`,
    [key, String(year), exceptId ?? null],
  );
  return Number(rows[0].n);
}

/** The check for `req` now. */
export async function checkCopyright(
  sql: Sql,
  tenant: string,
  req: Pick<ResourceSharingRequest, 'id' | 'citation'>,
  settings: CopyrightSettings,
  now: Date = new Date(),
): Promise<CopyrightRecord> {
  const year = now.getUTCFullYear();
  const key = journalKey(req.citation);
  const published = articleYear(req.citation);
  const issn = normaliseIssn(req.citation.issn);
  const base = {
    journalKey: key,
    journal: req.citation.title,
    ...(issn ? { issn: `${issn.slice(0, 4)}-${issn.slice(4)}` } : {}),
    year,
    checkedAt: now.toISOString(),
    articleYear: published,
    limit: settings.limit,
    lookBackYears: settings.lookBackYears,
  };
  if (published !== null && year - published >= settings.lookBackYears) {
    return {
      ...base,
      counted: false,
      countBefore: 0,
      status: 'notCounted',
      compliance: settings.complianceCode,
      reason: `published ${published}, more than ${settings.lookBackYears} years ago: not counted toward the limit`,
    };
  }
  const before = await countedCopies(sql, tenant, key, year, req.id);
  const nth = before + 1;
  if (before < settings.limit) {
    return {
      ...base,
      counted: true,
      countBefore: before,
      status: 'compliant',
      compliance: settings.complianceCode,
      reason: `copy ${nth} of ${settings.limit} from this journal in ${year}: sent as ${settings.complianceCode}`,
    };
  }
  return {
    ...base,
    counted: true,
    countBefore: before,
    status: 'awaitingClearance',
    complianceIfCleared: settings.clearedComplianceCode,
    reason: `copy ${nth} from this journal in ${year}, over the limit of ${settings.limit}: needs a copyright clearance (permission, fee or fair use)`,
  };
}

/** The record after staff recorded a clearance through the recordCopyrightClearance action. */
export function clearedRecord(record: CopyrightRecord, type: ClearanceType, params: Record<string, unknown>, now: Date, userId?: string): CopyrightRecord {
  const str = (k: string) => (typeof params[k] === 'string' && (params[k] as string).trim() ? (params[k] as string).trim() : undefined);
  const clearance: CopyrightClearance = { type, recordedAt: now.toISOString() };
  if (typeof params.amount === 'number') clearance.amount = params.amount;
  for (const k of ['currency', 'source', 'reason', 'note'] as const) if (str(k)) clearance[k] = str(k);
  if (userId) clearance.recordedBy = userId;
  const how = { permissionObtained: 'permission obtained', feePaid: 'fee paid', fairUse: 'fair use' }[clearance.type];
  const { complianceIfCleared, ...rest } = record;
  return {
    ...rest,
    status: 'cleared',
    compliance: complianceIfCleared ?? record.compliance,
    clearance,
    reason: `${record.reason}; cleared: ${how}${clearance.source ? ` (${clearance.source})` : ''}${clearance.reason ? `: ${clearance.reason}` : ''}`,
  };
}

/**
 * The workflow's step for a copy request in REQ_VALIDATED that has not been checked yet: wait
 * for a clearance (`hold`), or go on with the record (`patch`). Null: nothing to check.
 */
export async function copyrightStep(
  sql: Sql,
  tenant: string,
  req: ResourceSharingRequest,
  settings: CopyrightSettings,
): Promise<{ hold: boolean; copyright: CopyrightRecord } | null> {
  if (req.role !== 'borrowing' || req.serviceType !== 'copy' || req.state !== 'REQ_VALIDATED' || req.copyright) return null;
  const copyright = await checkCopyright(sql, tenant, req, settings);
  return { hold: copyright.status === 'awaitingClearance', copyright };
}

/** Lending: the attention flag of a copy request that came without a compliance statement (setting `mediate`). */
export const NO_COMPLIANCE_ATTENTION = 'noCopyrightCompliance';
export const NO_COMPLIANCE_REASON =
  'The request carries no copyright compliance statement (serviceInfo.copyrightCompliance); this library supplies copies only with one';

/** Lending: what to do with `req` by the `lendingWithoutStatement` setting; null when nothing is missing. */
export function lendingCompliance(
  req: Pick<ResourceSharingRequest, 'role' | 'serviceType' | 'copyrightCompliance'>,
  settings: Pick<CopyrightSettings, 'lendingWithoutStatement'>,
): 'refuse' | 'mediate' | null {
  if (req.role !== 'lending' || req.serviceType !== 'copy' || req.copyrightCompliance?.trim()) return null;
  return settings.lendingWithoutStatement === 'accept' ? null : settings.lendingWithoutStatement;
}
