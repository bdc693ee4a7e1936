// Partner authentication (ISO 18626 requestingAgencyAuthentication). Two libraries that agree on
// a shared secret (and optionally an account id) each enter it in their directory entry for the
// other; every message then carries it, and a message that claims to come from the partner but
// lacks it, or carries another, is refused. Policy per entry (`authentication`): 'required' or
// 'notRequired'; when unset, required exactly when a sharedSecret is set. Secrets are compared in
// constant time (equal-length SHA-256 digests through crypto.timingSafeEqual), so the answer time
// tells nothing about how much of a guess was right. Each refusal is counted on the entry
// (`authenticationFailures`: count, last time, last reason), which staff see with the entry; a
// flood of refusals is added up and written once a second (refusal-counter.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../db/database.ts';
import { forgetTenant } from '../db/tenant-cache.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { countRefusal } from './refusal-counter.ts';
import type { DirectoryEntry } from './directory-types.ts';

export type AuthenticationPolicy = 'required' | 'notRequired';

/** What a message carried in requestingAgencyAuthentication (absent: nothing). */
export interface PresentedCredentials {
  accountId?: string;
  securityCode?: string;
}

export type AuthenticationOutcome = { ok: true } | { ok: false; reason: string };

/** Does this partner have to authenticate its messages? */
export function requiresAuthentication(entry: Pick<DirectoryEntry, 'authentication' | 'sharedSecret'>): boolean {
  if (entry.authentication) return entry.authentication === 'required';
  return !!entry.sharedSecret;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time equality of two secrets (any lengths). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Checks the credentials a message presented against the partner's entry. `mustCarry`: the message
 * kind has to carry them when the policy requires it (a request or a requestingAgencyMessage: the
 * requesting agency speaks). Other kinds are checked only when they carry credentials.
 */
export function checkCredentials(
  entry: Pick<DirectoryEntry, 'authentication' | 'sharedSecret' | 'accountId'>,
  presented: PresentedCredentials | undefined,
  mustCarry: boolean,
): AuthenticationOutcome {
  const required = requiresAuthentication(entry);
  const carried = presented && (presented.securityCode !== undefined || presented.accountId !== undefined);
  if (!carried) return required && mustCarry ? { ok: false, reason: 'missing requestingAgencyAuthentication' } : { ok: true };
  if (!required && !entry.sharedSecret) return { ok: true }; // nothing agreed: nothing to compare
  // Both compared every time, so the time does not tell which one was wrong.
  const codeOk = sameSecret(presented.securityCode ?? '', entry.sharedSecret ?? '') && !!entry.sharedSecret;
  const accountOk = entry.accountId ? sameSecret(presented.accountId ?? '', entry.accountId) : true;
  if (codeOk && accountOk) return { ok: true };
  return { ok: false, reason: !codeOk ? 'securityCode does not match the one agreed' : 'accountId does not match the one agreed' };
}

export interface AuthenticationFailures {
  count: number;
  lastDate: string;
  lastReason: string;
}

/**
 * Counts a refused message on the partner's entry, outside any transaction of the message (which
 * is not applied). The count is the module's: it does not change the entry's `_version`, so a
 * staff member editing the entry meanwhile does not get a conflict. Refusals that follow within a
 * second are written together (refusal-counter.ts).
 */
export function recordAuthenticationFailure(sql: Sql, tenant: string, entryId: string, reason: string): Promise<void> {
  return countRefusal(sql.cacheOwner ?? sql, `${tenant}/entry/${entryId}`, reason, async (count, last) => {
    await sql.query(`UPDATE ${schemaOf(tenant)}.directory_entries SET jsonb = ${failureCounted('jsonb', '$2', '$3')} WHERE id = $1`, [entryId, last, count]);
    forgetTenant(sql, tenant);
  });
}

/**
 * SQL for the jsonb `column` with `countParam` more AuthenticationFailures counted: the date now
 * (UTC, ISO 8601), `reasonParam` as the last reason. For partners' directory entries and the
 * broker settings alike.
 */
export function failureCounted(column: string, reasonParam: string, countParam: string): string {
  return `jsonb_set(${column}, '{authenticationFailures}', jsonb_build_object(
            'count', COALESCE((${column}->'authenticationFailures'->>'count')::int, 0) + ${countParam}::int,
            'lastDate', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
            'lastReason', ${reasonParam}::text))`;
}
