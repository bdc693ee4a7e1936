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
import { PredictionModel, type Attempt } from './predictions.ts';
import { SENT_STATE, SHIPPED_STATES, UNFILLED_STATES, sqlList } from './request-states.ts';

interface Row {
  state: string;
  created: Date | string;
  updated: Date | string;
  sym: string | null;
  service_type: string | null;
  format: string | null;
  /** audit rows that matter, oldest first: [to_state, ts, actor_type, actor_id] */
  steps: [string, string, string, string | null][] | null;
}

const ms = (v: Date | string) => (v instanceof Date ? v.getTime() : Date.parse(v));

/** Attempts answered in the last `years` years; `lender` is the partner key (directory entry id, else the upper-cased symbol). */
export async function predictionAttempts(sql: Sql, tenant: string, now: Date = new Date(), years = 3): Promise<Attempt[]> {
  const s = schemaOf(tenant);
  const since = now.getTime() - years * 365.25 * 86_400_000;
  const shipped = new Set<string>(SHIPPED_STATES);
  // one pass over the borrowing requests of the period and their audit rows of interest (a year
  // before the period too, for requests sent before it and answered in it)
  const [{ rows }, keys] = await Promise.all([
    sql.query<Row>(
      `SELECT r.state, r.created_date AS created, r.updated_date AS updated, upper(r.supplier_symbol) AS sym,
              r.jsonb->>'serviceType' AS service_type, lower(trim(r.jsonb->'citation'->>'format')) AS format, a.steps
         FROM ${s}.requests r
         LEFT JOIN (SELECT a.request_id, json_agg(json_build_array(a.to_state, a.ts, a.actor_type, a.actor_id) ORDER BY a.ts, a.seq) AS steps
                      FROM ${s}.request_audit a
                     WHERE a.to_state IN (${sqlList([...SHIPPED_STATES, SENT_STATE, 'REQ_UNFILLED'])})
                       AND a.ts >= $1::timestamptz - interval '365 days'
                     GROUP BY a.request_id) a ON a.request_id = r.id
        WHERE r.role = 'borrowing' AND r.updated_date >= $1`,
      [new Date(since).toISOString()],
    ),
    sql.query<{ symbol_key: string; entry_id: string }>(`SELECT symbol_key, entry_id::text AS entry_id FROM ${s}.directory_symbols`),
  ]);
  const entryOf = new Map(keys.rows.map((k) => [k.symbol_key, k.entry_id]));
  const out: Attempt[] = [];
  for (const r of rows) {
    const serviceType: ServiceType = r.service_type === 'copy' ? 'copy' : 'loan';
    const format = r.format || null;
    let sentAt = ms(r.created);
    let filled = false;
    const unfilledBy = new Set<string>();
    const push = (symbol: string, answeredAt: number, ok: boolean) => {
      if (answeredAt < since) return;
      out.push({ lender: entryOf.get(symbol) ?? symbol, serviceType, format, sentAt, answeredAt, filled: ok });
    };
    for (const [state, ts, actorType, actorId] of r.steps ?? []) {
      const t = ms(ts);
      if (state === SENT_STATE) sentAt = t;
      else if (state === 'REQ_UNFILLED' && actorType === 'partner' && actorId) {
        const who = actorId.toUpperCase();
        unfilledBy.add(who);
        push(who, t, false);
      } else if (shipped.has(state) && !filled && r.sym) {
        filled = true;
        push(r.sym, t, true);
      }
    }
    // still unfilled with its supplier, without the partner's own audit row
    if (!filled && r.sym && UNFILLED_STATES.includes(r.state) && !unfilledBy.has(r.sym)) push(r.sym, ms(r.updated), false);
  }
  return out;
}

/** How long a tenant's trained model serves rota builds: months of history barely move in minutes. */
export const MODEL_MAX_AGE_MS = 5 * 60_000;
const MAX_TENANTS = 200;
const models = new Map<string, { at: number; model: Promise<PredictionModel> }>();

/**
 * The tenant's prediction model, trained at most MODEL_MAX_AGE_MS ago. With `now` (a rota built
 * for another moment) it is trained afresh for that moment.
 */
export async function predictionModel(sql: Sql, tenant: string, now?: Date): Promise<PredictionModel> {
  if (now) return new PredictionModel(await predictionAttempts(sql, tenant, now), now);
  const cached = models.get(tenant);
  if (cached && Date.now() - cached.at < MODEL_MAX_AGE_MS) return cached.model;
  const at = Date.now();
  const model = predictionAttempts(sql, tenant, new Date(at)).then((attempts) => new PredictionModel(attempts, at));
  models.set(tenant, { at, model });
  model.catch(() => models.delete(tenant));
  if (models.size > MAX_TENANTS) models.delete(models.keys().next().value!);
  return model;
}
