// What our own request history says about each partner: open requests each way, how much each
// side lent the other, how often the partner filled our requests and how fast.
//
// - A borrowing request is "with" its supplierSymbol; a lending request is "from" its requesterSymbol.
// - Filled: the request reached a shipped state (or completed) — now or at any time in its audit.
// - Unfilled by a partner: an audit entry to REQ_UNFILLED whose actor is that partner
//   ({type: 'partner', id: symbol}), or a request still in REQ_UNFILLED / REQ_END_OF_ROTA with it.
// - Turnaround: from the last time the request was sent to a supplier (REQ_SENT_TO_SUPPLIER in the
//   audit; the request's creation when there is none) to the first shipped state.
// A partner is its directory entry (all its symbols together); a symbol not in the directory
// stands for itself.
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import {
  BORROWING_FILLED,
  LENDING_FILLED,
  SENT_STATE,
  SHIPPED_STATES,
  UNFILLED_STATES,
  openStateSql,
  sqlList,
  withSupplierSql,
} from './request-states.ts';

export interface PartnerHistory {
  /** our borrowing requests that are with this partner now */
  openBorrowing: number;
  /** this partner's requests to us that are not finished */
  openLending: number;
  /** borrowing requests this partner filled (lent to us) */
  lentToUs: number;
  /** lending requests we filled for this partner */
  borrowedFromUs: number;
  /** borrowing requests this partner answered Unfilled */
  unfilled: number;
  /** lentToUs / (lentToUs + unfilled); null without either */
  fillRate: number | null;
  /** median days from sending to shipped, over the requests it filled; null without any */
  medianTurnaroundDays: number | null;
}

export const EMPTY_HISTORY: PartnerHistory = {
  openBorrowing: 0,
  openLending: 0,
  lentToUs: 0,
  borrowedFromUs: 0,
  unfilled: 0,
  fillRate: null,
  medianTurnaroundDays: null,
};

interface MainRow {
  pkey: string;
  open_borrowing: number | string;
  open_lending: number | string;
  lent_to_us: number | string;
  borrowed_from_us: number | string;
  median_days: number | string | null;
}

/**
 * History per partner key: the directory entry id, or the upper-cased symbol for symbols not in
 * the directory. `symbolKeys` limits the work to those symbols (upper case); null: everyone.
 */
export async function partnerHistory(sql: Sql, tenant: string, symbolKeys: string[] | null = null): Promise<Map<string, PartnerHistory>> {
  const s = schemaOf(tenant);
  const params: unknown[] = [];
  const only = (expr: string) => {
    if (!symbolKeys) return '';
    if (params.length === 0) params.push(symbolKeys);
    return ` AND ${expr} = ANY($1::text[])`;
  };
  const main = await sql.query<MainRow>(
    `WITH req AS (
       SELECT r.id, r.role, r.state, r.created_date,
              upper(CASE WHEN r.role = 'borrowing' THEN r.supplier_symbol ELSE r.requester_symbol END) AS sym
         FROM ${s}.requests r
        WHERE ((r.role = 'borrowing' AND r.supplier_symbol IS NOT NULL${only('upper(r.supplier_symbol)')})
            OR (r.role = 'lending' AND r.requester_symbol IS NOT NULL${only('upper(r.requester_symbol)')}))
     )
     SELECT coalesce(ds.entry_id::text, req.sym) AS pkey,
            count(*) FILTER (WHERE req.role = 'borrowing' AND ${withSupplierSql('req.state')}) AS open_borrowing,
            count(*) FILTER (WHERE req.role = 'lending' AND ${openStateSql('req.state')}) AS open_lending,
            count(*) FILTER (WHERE req.role = 'borrowing' AND (req.state IN (${sqlList(BORROWING_FILLED)}) OR coalesce(reached.filled, false))) AS lent_to_us,
            count(*) FILTER (WHERE req.role = 'lending' AND (req.state IN (${sqlList(LENDING_FILLED)}) OR coalesce(reached.filled, false))) AS borrowed_from_us,
            percentile_cont(0.5) WITHIN GROUP (
              ORDER BY extract(epoch FROM reached.shipped_at - coalesce(reached.sent_at, req.created_date)) / 86400.0
            ) FILTER (WHERE req.role = 'borrowing' AND reached.shipped_at IS NOT NULL) AS median_days
       FROM req
       -- each request's own audit entries of interest, looked up by its id: linear in the requests
       -- whatever the planner estimates (a join it estimated at one request ran once per request)
       LEFT JOIN LATERAL (
         SELECT bool_or(a.to_state IN (${sqlList([...BORROWING_FILLED, ...LENDING_FILLED])})) AS filled,
                min(a.ts) FILTER (WHERE a.to_state IN (${sqlList(SHIPPED_STATES)})) AS shipped_at,
                max(a.ts) FILTER (WHERE a.to_state = '${SENT_STATE}') AS sent_at
           FROM ${s}.request_audit a
          WHERE a.request_id = req.id AND a.to_state IN (${sqlList([...BORROWING_FILLED, ...LENDING_FILLED, SENT_STATE])})
       ) reached ON true
       LEFT JOIN ${s}.directory_symbols ds ON ds.symbol_key = req.sym
      GROUP BY 1`,
    params,
  );
  const unfilled = await sql.query<{ pkey: string; n: number | string }>(
    `WITH u AS (
       SELECT a.request_id, upper(a.actor_id) AS sym
         FROM ${s}.request_audit a JOIN ${s}.requests r ON r.id = a.request_id AND r.role = 'borrowing'
        WHERE a.to_state = 'REQ_UNFILLED' AND a.actor_type = 'partner' AND a.actor_id IS NOT NULL${only('upper(a.actor_id)')}
       UNION
       SELECT r.id, upper(r.supplier_symbol)
         FROM ${s}.requests r
        WHERE r.role = 'borrowing' AND r.state IN (${sqlList(UNFILLED_STATES)}) AND r.supplier_symbol IS NOT NULL${only('upper(r.supplier_symbol)')}
     )
     SELECT coalesce(ds.entry_id::text, u.sym) AS pkey, count(DISTINCT u.request_id) AS n
       FROM u LEFT JOIN ${s}.directory_symbols ds ON ds.symbol_key = u.sym
      GROUP BY 1`,
    params,
  );
  const out = new Map<string, PartnerHistory>();
  const get = (key: string) => {
    let h = out.get(key);
    if (!h) out.set(key, (h = { ...EMPTY_HISTORY }));
    return h;
  };
  for (const r of main.rows) {
    const h = get(r.pkey);
    h.openBorrowing = Number(r.open_borrowing);
    h.openLending = Number(r.open_lending);
    h.lentToUs = Number(r.lent_to_us);
    h.borrowedFromUs = Number(r.borrowed_from_us);
    h.medianTurnaroundDays = r.median_days === null ? null : Math.round(Number(r.median_days) * 10) / 10;
  }
  for (const r of unfilled.rows) get(r.pkey).unfilled = Number(r.n);
  for (const h of out.values()) {
    const attempts = h.lentToUs + h.unfilled;
    h.fillRate = attempts ? h.lentToUs / attempts : null;
  }
  return out;
}
