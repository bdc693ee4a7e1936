// Dashboard figures per role: open requests by state, fill rate and turnaround. Open counts are
// always "now"; fill rate and turnaround cover requests created since `since` (all when null).
// Filled = reached a shipped-stage or *_COMPLETE state (now or in the audit trail); not filled =
// ended in any other terminal state without ever being filled. Turnaround = creation to the first
// shipped-stage state in the audit trail.
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { openStateSql, sqlList } from '../rota/request-states.ts';
import { listModels } from '../statemodel/index.ts';

export interface StateCount {
  state: string;
  count: number;
}

export interface RoleStatistics {
  open: number;
  openByState: StateCount[];
  filled: number;
  notFilled: number;
  fillRate: number | null;
  medianTurnaroundDays: number | null;
  p90TurnaroundDays: number | null;
  turnaroundSamples: number;
}

export type Role = 'borrowing' | 'lending';

function codes(role: Role, keep: (s: { code: string; stage: string; terminal: boolean }) => boolean): string[] {
  const out = new Set<string>();
  for (const m of listModels()) {
    if (m.role !== role) continue;
    for (const s of m.states) if (keep(s)) out.add(s.code);
  }
  return [...out].sort();
}

const shipped = (role: Role) => codes(role, (s) => s.stage === 'shipped');
const filled = (role: Role) => codes(role, (s) => s.stage === 'shipped' || (s.terminal && s.code.endsWith('_COMPLETE')));
const terminal = (role: Role) => codes(role, (s) => s.terminal);

const round1 = (n: number | string | null): number | null => (n === null ? null : Math.round(Number(n) * 10) / 10);

export async function roleStatistics(sql: Sql, tenant: string, role: Role, since: Date | null): Promise<RoleStatistics> {
  const s = schemaOf(tenant);
  const open = await sql.query<{ state: string; n: string | number }>(
    `SELECT state, count(*) AS n FROM ${s}.requests r WHERE role = $1 AND ${openStateSql('r.state')} GROUP BY state ORDER BY count(*) DESC, state`,
    [role],
  );
  const openByState = open.rows.map((r) => ({ state: r.state, count: Number(r.n) }));
  const { rows } = await sql.query<{ filled: string | number; not_filled: string | number; median: number | string | null; p90: number | string | null; samples: string | number }>(
    `WITH req AS (
       SELECT id, state, created_date FROM ${s}.requests
        WHERE role = $1 AND ($2::timestamptz IS NULL OR created_date >= $2::timestamptz)
     ), reached AS (
       SELECT a.request_id,
              bool_or(a.to_state IN (${sqlList(filled(role))})) AS filled,
              min(a.ts) FILTER (WHERE a.to_state IN (${sqlList(shipped(role))})) AS shipped_at
         FROM ${s}.request_audit a
        WHERE a.request_id IN (SELECT id FROM req) AND a.to_state IN (${sqlList(filled(role))})
        GROUP BY a.request_id
     ), each AS (
       SELECT req.state IN (${sqlList(filled(role))}) OR coalesce(reached.filled, false) AS filled,
              req.state IN (${sqlList(terminal(role))}) AS ended,
              extract(epoch FROM reached.shipped_at - req.created_date) / 86400.0 AS days
         FROM req LEFT JOIN reached ON reached.request_id = req.id
     )
     SELECT count(*) FILTER (WHERE filled) AS filled,
            count(*) FILTER (WHERE ended AND NOT filled) AS not_filled,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE days IS NOT NULL) AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY days) FILTER (WHERE days IS NOT NULL) AS p90,
            count(days) AS samples
       FROM each`,
    [role, since ? since.toISOString() : null],
  );
  const r = rows[0];
  const f = Number(r?.filled ?? 0);
  const nf = Number(r?.not_filled ?? 0);
  return {
    open: openByState.reduce((n, x) => n + x.count, 0),
    openByState,
    filled: f,
    notFilled: nf,
    fillRate: f + nf ? Math.round((f / (f + nf)) * 1000) / 1000 : null,
    medianTurnaroundDays: round1(r?.median ?? null),
    p90TurnaroundDays: round1(r?.p90 ?? null),
    turnaroundSamples: Number(r?.samples ?? 0),
  };
}
