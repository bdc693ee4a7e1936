// FOLIO list parameters: offset, limit (default 10) and totalRecords (exact | estimated | none |
// auto). Counting a million rows for every page is what makes list screens slow, so `auto`
// counts exactly up to a cap and above it reports the planner's estimate, as RMB modules do.
import type { Sql } from '../db/database.ts';
import { BadRequestError } from './errors.ts';

export interface Paging {
  offset: number;
  limit: number;
  totalRecords: 'exact' | 'estimated' | 'none' | 'auto';
}

const MAX_LIMIT = 10_000;
export const EXACT_COUNT_CAP = 10_000;

function integer(name: string, raw: string | undefined, dflt: number, max: number): number {
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d+$/.test(raw)) throw new BadRequestError(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  const n = Number(raw);
  if (n > max) throw new BadRequestError(`${name} must not be larger than ${max}`);
  return n;
}

export function readPaging(query: Record<string, string | undefined>): Paging {
  const totalRecords = (query.totalRecords ?? 'auto') as Paging['totalRecords'];
  if (!['exact', 'estimated', 'none', 'auto'].includes(totalRecords)) {
    throw new BadRequestError('totalRecords must be one of exact, estimated, none, auto');
  }
  return {
    offset: integer('offset', query.offset, 0, 2_147_483_647),
    limit: integer('limit', query.limit, 10, MAX_LIMIT),
    totalRecords,
  };
}

/**
 * The total for a list answer. `from` and `where` are the same SQL the page query used.
 * `pageRows` lets a short first page answer without counting at all.
 */
export async function countTotal(
  sql: Sql,
  from: string,
  where: string,
  params: unknown[],
  paging: Paging,
  pageRows: number,
): Promise<number | undefined> {
  if (paging.totalRecords === 'none') return undefined;
  if (pageRows < paging.limit && (pageRows > 0 || paging.offset === 0) && paging.totalRecords !== 'estimated') {
    return paging.offset + pageRows;
  }
  if (paging.totalRecords === 'estimated') return estimate(sql, from, where, params);
  const cap = paging.totalRecords === 'exact' ? null : EXACT_COUNT_CAP;
  const inner = `SELECT 1 FROM ${from} WHERE ${where}${cap ? ` LIMIT ${cap + 1}` : ''}`;
  const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM (${inner}) AS counted`, params);
  const exact = Number(rows[0]?.n ?? 0);
  if (cap && exact > cap) return Math.max(cap, await estimate(sql, from, where, params));
  return exact;
}

async function estimate(sql: Sql, from: string, where: string, params: unknown[]): Promise<number> {
  const { rows } = await sql.query<{ 'QUERY PLAN': unknown }>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from} WHERE ${where}`,
    params,
  );
  const raw = rows[0]?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: { 'Plan Rows': number } }[];
  return Math.round(plan[0]?.Plan['Plan Rows'] ?? 0);
}
