// Lending threshold: past settings.lendingThreshold open incoming requests, new ones are answered
// Unfilled automatically. The ISO 18626 workflow asks before it accepts a new lending request.
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { getSettings } from '../settings/settings-store.ts';
import { openStateSql } from './request-states.ts';

export interface LendingCapacity {
  /** lending requests not in a terminal state */
  open: number;
  /** settings.lendingThreshold; null: no limit */
  threshold: number | null;
  /** true: a new request would take us past the threshold; answer it Unfilled */
  overloaded: boolean;
  reason: string;
}

/**
 * Our open lending requests against the threshold. Call it before storing the new request, or
 * name it in `excludeRequestId` so it is not counted: with a threshold of 10, the 11th open
 * request is refused.
 */
export async function lendingCapacity(
  sql: Sql,
  tenant: string,
  /** countOnlyWithThreshold: without a threshold, skip counting (a scan) and answer `open` 0 */
  opts: { excludeRequestId?: string; countOnlyWithThreshold?: boolean } = {},
): Promise<LendingCapacity> {
  const settings = await getSettings(sql, tenant);
  if (settings.lendingThreshold === null && opts.countOnlyWithThreshold) {
    return { open: 0, threshold: null, overloaded: false, reason: 'no lending threshold is set' };
  }
  const { rows } = await sql.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM ${schemaOf(tenant)}.requests r
      WHERE r.role = 'lending' AND ${openStateSql('r.state')} AND r.id IS DISTINCT FROM $1::uuid`,
    [opts.excludeRequestId ?? null],
  );
  const open = Number(rows[0]?.n ?? 0);
  const threshold = settings.lendingThreshold;
  const requests = `${open} open lending request${open === 1 ? '' : 's'}`;
  if (threshold === null) return { open, threshold, overloaded: false, reason: `${requests}; no lending threshold is set` };
  const overloaded = open >= threshold;
  return {
    open,
    threshold,
    overloaded,
    reason: overloaded
      ? `${requests}, at or above the lending threshold of ${threshold}: new requests are answered Unfilled`
      : `${requests}, below the lending threshold of ${threshold}`,
  };
}
