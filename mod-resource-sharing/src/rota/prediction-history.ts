// The attempts the predictions learn from, read from our borrowing requests and their audit
// (the same rules as partner-history.ts):
// - a fill: the request reached a shipped state; the lender is its supplier; from the last
//   REQ_SENT_TO_SUPPLIER before the first shipped state (its creation when there is none) to it;
// - an unfilled answer: an audit entry to REQ_UNFILLED whose actor is the partner; from the last
//   REQ_SENT_TO_SUPPLIER before it. A request still in REQ_UNFILLED / REQ_END_OF_ROTA without
//   such an entry counts for its supplier, answered when the request last changed.
// Requests still with a lender (no answer yet) are left out.
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import type { ServiceType } from '../requests/request-types.ts';
import type { Attempt } from './predictions.ts';
import { SENT_STATE, SHIPPED_STATES, UNFILLED_STATES, sqlList } from './request-states.ts';

interface Row {
  sym: string;
  pkey: string;
  service_type: string | null;
  format: string | null;
  sent_at: Date | string;
  answered_at: Date | string;
  filled: boolean;
}

const ms = (v: Date | string) => (v instanceof Date ? v.getTime() : Date.parse(v));

/** Attempts answered in the last `years` years; `lender` is the partner key (directory entry id, else the upper-cased symbol). */
export async function predictionAttempts(sql: Sql, tenant: string, now: Date = new Date(), years = 3): Promise<Attempt[]> {
  const s = schemaOf(tenant);
  const since = new Date(now.getTime() - years * 365.25 * 86_400_000).toISOString();
  const { rows } = await sql.query<Row>(
    `WITH b AS (
       SELECT r.id, r.state, r.created_date, r.updated_date, upper(r.supplier_symbol) AS sym,
              r.jsonb->>'serviceType' AS service_type, lower(trim(r.jsonb->'citation'->>'format')) AS format
         FROM ${s}.requests r
        WHERE r.role = 'borrowing' AND r.updated_date >= $1
     ), filled AS (
       SELECT b.*, (SELECT min(a.ts) FROM ${s}.request_audit a
                     WHERE a.request_id = b.id AND a.to_state IN (${sqlList(SHIPPED_STATES)})) AS shipped_at
         FROM b WHERE b.sym IS NOT NULL
     ), attempts AS (
       SELECT f.sym, f.service_type, f.format, true AS filled, f.shipped_at AS answered_at,
              coalesce((SELECT max(a.ts) FROM ${s}.request_audit a
                         WHERE a.request_id = f.id AND a.to_state = '${SENT_STATE}' AND a.ts <= f.shipped_at), f.created_date) AS sent_at
         FROM filled f WHERE f.shipped_at IS NOT NULL
       UNION ALL
       SELECT upper(u.actor_id), b.service_type, b.format, false, u.ts,
              coalesce((SELECT max(a.ts) FROM ${s}.request_audit a
                         WHERE a.request_id = b.id AND a.to_state = '${SENT_STATE}' AND a.ts <= u.ts), b.created_date)
         FROM b JOIN ${s}.request_audit u ON u.request_id = b.id
        WHERE u.to_state = 'REQ_UNFILLED' AND u.actor_type = 'partner' AND u.actor_id IS NOT NULL
       UNION ALL
       SELECT b.sym, b.service_type, b.format, false, b.updated_date,
              coalesce((SELECT max(a.ts) FROM ${s}.request_audit a
                         WHERE a.request_id = b.id AND a.to_state = '${SENT_STATE}'), b.created_date)
         FROM b
        WHERE b.state IN (${sqlList(UNFILLED_STATES)}) AND b.sym IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${s}.request_audit u
                           WHERE u.request_id = b.id AND u.to_state = 'REQ_UNFILLED' AND u.actor_type = 'partner' AND upper(u.actor_id) = b.sym)
     )
     SELECT at.sym, coalesce(ds.entry_id::text, at.sym) AS pkey, at.service_type, at.format, at.sent_at, at.answered_at, at.filled
       FROM attempts at LEFT JOIN ${s}.directory_symbols ds ON ds.symbol_key = at.sym
      WHERE at.answered_at >= $1`,
    [since],
  );
  return rows.map((r) => ({
    lender: r.pkey,
    serviceType: (r.service_type === 'copy' ? 'copy' : 'loan') as ServiceType,
    format: r.format || null,
    sentAt: ms(r.sent_at),
    answeredAt: ms(r.answered_at),
    filled: r.filled,
  }));
}
