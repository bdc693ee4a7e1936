// The same patron asking twice for the same thing: same identifiers (ISBN, ISBN-10 and -13 alike;
// OCLC number) or the same title and author once case, accents, punctuation, leading articles and
// name order are set aside (the copyright check's normalisation); for copies, the same article or
// chapter too. Only open requests count.
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import type { Citation, Patron, ResourceSharingRequest, ServiceType } from '../requests/request-types.ts';
import { listModels } from '../statemodel/index.ts';
import { ValidationError } from '../okapi/errors.ts';
import { normaliseIssn, normaliseTitle } from '../copyright/copyright-check.ts';

/** Titles and names compared as the copyright check compares journal titles. */
export function normaliseText(s: string | undefined): string {
  return normaliseTitle(s ?? '');
}

/** "Eco, Umberto" and "Umberto Eco" alike. */
function normaliseAuthor(s: string | undefined): string {
  return normaliseText(s).split(' ').filter(Boolean).sort().join(' ');
}

/** ISBN-13 digits for an ISBN-10 or -13 written any way; undefined when it is not one. */
export function isbn13(raw: string | undefined): string | undefined {
  const s = (raw ?? '').replace(/[^0-9Xx]/g, '').toUpperCase();
  if (/^\d{13}$/.test(s)) return s;
  if (!/^\d{9}[\dX]$/.test(s)) return undefined;
  const core = `978${s.slice(0, 9)}`;
  const sum = [...core].reduce((acc, d, i) => acc + Number(d) * (i % 2 ? 3 : 1), 0);
  return `${core}${(10 - (sum % 10)) % 10}`;
}

/** Keys under which two requests of one patron are the same thing. */
export function sameThingKeys(c: Citation, serviceType: ServiceType): string[] {
  const title = normaliseText(c.title);
  if (serviceType === 'copy') {
    const part = `${normaliseText(c.articleTitle)}|${(c.pages ?? '').replace(/\s+/g, '')}`;
    const sources = [title, normaliseIssn(c.issn), isbn13(c.isbn)].filter(Boolean);
    return sources.map((s) => `copy:${s}|${part}`);
  }
  const keys = [`ta:${title}|${normaliseAuthor(c.author)}`];
  const isbn = isbn13(c.isbn);
  if (isbn) keys.push(`isbn:${isbn}`);
  if (c.oclcNumber?.replace(/\D/g, '')) keys.push(`oclc:${c.oclcNumber.replace(/\D/g, '').replace(/^0+/, '')}`);
  return keys;
}

function terminalBorrowingStates(): string[] {
  return [...new Set(listModels().filter((m) => m.role === 'borrowing').flatMap((m) => m.states.filter((s) => s.terminal).map((s) => s.code)))];
}

/** The patron's open borrowing request for the same thing, if there is one. */
export async function findDuplicate(
  sql: Sql,
  tenant: string,
  patron: Patron | undefined,
  citation: Citation,
  serviceType: ServiceType,
): Promise<ResourceSharingRequest | undefined> {
  const barcode = patron?.barcode?.trim();
  const id = patron?.id?.trim();
  if (!barcode && !id) return undefined;
  // by card number when there is one, else by id: each matches an index (migration 007)
  const [field, value] = barcode ? ['barcode', barcode] : ['id', id];
  const { rows } = await sql.query<{ id: string; version: number; jsonb: ResourceSharingRequest }>(
    `SELECT id, version, jsonb FROM ${schemaOf(tenant)}.requests
      WHERE role = 'borrowing' AND jsonb->'patron'->>'${field}' = $1 AND NOT (state = ANY($2::text[]))
      ORDER BY created_date DESC LIMIT 500`,
    [value, terminalBorrowingStates()],
  );
  const wanted = new Set(sameThingKeys(citation, serviceType));
  const hit = rows.find((r) => (r.jsonb.serviceType ?? 'loan') === serviceType && sameThingKeys(r.jsonb.citation, serviceType).some((k) => wanted.has(k)));
  return hit ? { ...hit.jsonb, id: hit.id, _version: hit.version } : undefined;
}

/** `?allowDuplicate=true`: staff place the request although the patron has one for the same thing. */
export function isOverride(v: unknown): boolean {
  return v === true || v === 'true' || v === '1';
}

/** Staff API: 422 `request.duplicate` naming the open request, unless staff override. */
export async function refuseDuplicate(sql: Sql, tenant: string, patron: Patron | undefined, citation: Citation, serviceType: ServiceType): Promise<void> {
  const existing = await findDuplicate(sql, tenant, patron, citation, serviceType);
  if (!existing) return;
  throw new ValidationError({
    message: `This patron already has an open request for this title: ${existing.hrid} (${existing.state}). Add allowDuplicate=true to place another one anyway`,
    code: 'request.duplicate',
    parameters: [
      { key: 'duplicateOf', value: existing.hrid },
      { key: 'duplicateOfId', value: existing.id },
    ],
  });
}
