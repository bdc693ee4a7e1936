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
 * The total for a list answer, counted before the page is read. `from` and `where` are the SQL
 * the page query uses. Answers `undefined` for totalRecords=none.
 */
export async function countTotal(
  sql: Sql,
  from: string,
  where: string,
  params: unknown[],
  paging: Paging,
): Promise<number | undefined> {
  if (paging.totalRecords === 'none') return undefined;
  if (paging.totalRecords === 'estimated') return estimate(sql, from, where, params);
  if (paging.totalRecords === 'auto') {
    // Far more matches than the cap by the planner's statistics: counting them would cost more
    // than the page itself, and any page is quickly found in sort order. Answer the estimate.
    const guess = await estimate(sql, from, where, params);
    if (guess > 2 * EXACT_COUNT_CAP) return guess;
  }
  const cap = paging.totalRecords === 'exact' ? null : EXACT_COUNT_CAP;
  const inner = `SELECT 1 FROM ${from} WHERE ${where}${cap ? ` LIMIT ${cap + 1}` : ''}`;
  const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM (${inner}) AS counted`, params);
  const exact = Number(rows[0]?.n ?? 0);
  if (cap && exact > cap) return Math.max(cap + 1, await estimate(sql, from, where, params));
  return exact;
}

/**
 * The page query. When the count says few rows match, the matches are collected first and then
 * sorted (a materialised CTE), so PostgreSQL cannot choose to walk the whole table in sort-index
 * order hoping to meet matches early, which is what makes a selective search slow on a big
 * table. Only the key and the columns the sort reads are collected; the page's full rows are read
 * afterwards. When many rows match, the sort index finds a page quickly and is left to the planner.
 */
export function pageQuery(
  q: { columns: string; table: string; alias: string; where: string; orderBy: string; key: string },
  firstParam: number,
  total: number | undefined,
): string {
  const { columns, table, alias: r, where, orderBy, key } = q;
  const page = `ORDER BY ${orderBy} LIMIT $${firstParam} OFFSET $${firstParam + 1}`;
  if (total !== undefined && total <= EXACT_COUNT_CAP) {
    // Collect only the key and the columns the sort reads, so an index can answer without the table.
    const sortColumns = [...new Set([...orderBy.matchAll(new RegExp(`\\b${r}\\.([a-z_][a-z0-9_]*)`, 'g'))].map((m) => m[1]))];
    const collect = sortColumns.includes('jsonb') ? `${r}.*` : [key, ...sortColumns.filter((c) => c !== key)].map((c) => `${r}.${c}`).join(', ');
    return `WITH matches AS MATERIALIZED (SELECT ${collect} FROM ${table} ${r} WHERE ${where}),
      page AS (SELECT ${r}.${key} FROM matches ${r} ${page})
      SELECT ${columns} FROM ${table} ${r} JOIN page ON page.${key} = ${r}.${key} ORDER BY ${orderBy}`;
  }
  return `SELECT ${columns} FROM ${table} ${r} WHERE ${where} ${page}`;
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
