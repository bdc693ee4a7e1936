// Facets on request lists (FOLIO's `facets=field[:limit]` parameter, answered in
// `resultInfo.facets`): how many of the matching requests are in each state, with each partner,
// and so on, for the counts beside the filters in the UI.
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { cqlToSql } from '../cql/index.ts';
import { ValidationError } from '../okapi/errors.ts';
import { requestFields } from './request-fields.ts';

/** The fields a list may be faceted by. */
const FACETABLE = ['state', 'role', 'serviceType', 'needsAttention', 'supplierSymbol', 'requesterSymbol'] as const;
const MAX_FACET_VALUES = 200;

export interface Facet {
  type: string;
  facetValues: { value: string | boolean; count: number }[];
}

export function readFacets(raw: string | undefined): { field: string; limit: number }[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [field, limitText] = part.split(':');
      if (!(FACETABLE as readonly string[]).includes(field)) {
        throw ValidationError.field('facets', field, `Requests cannot be faceted by ${field}; use one of ${FACETABLE.join(', ')}`, 'facets.unknownField');
      }
      const limit = limitText === undefined ? 50 : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FACET_VALUES) {
        throw ValidationError.field('facets', part, `A facet limit is a whole number from 1 to ${MAX_FACET_VALUES}`, 'facets.badLimit');
      }
      return { field, limit };
    });
}

export async function requestFacets(sql: Sql, tenant: string, cql: string | undefined, wanted: { field: string; limit: number }[]): Promise<Facet[]> {
  const q = cqlToSql(cql ?? '', requestFields);
  const facets: Facet[] = [];
  for (const { field, limit } of wanted) {
    const expr = requestFields.fields[field].sql;
    const { rows } = await sql.query<{ value: string | boolean; n: string }>(
      `SELECT ${expr} AS value, count(*) AS n FROM ${schemaOf(tenant)}.requests r
       WHERE ${q.where} AND ${expr} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`,
      q.params,
    );
    facets.push({ type: field, facetValues: rows.map((r) => ({ value: r.value, count: Number(r.n) })) });
  }
  return facets;
}
