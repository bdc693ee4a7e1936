// Dashboard trends for one role over a period: requests placed, filled and unfilled per week and
// per partner, the turnaround distribution, and the current workload by state.
// Placed: created in the week. Filled: first reached a shipped-stage or *_COMPLETE state in the
// week (from the audit trail). Unfilled: reached, in the week, a terminal state without ever
// being filled, or the end of its rota (nobody could supply; staff may still retry).
// Turnaround: creation to the first shipped-stage state, for requests filled in the period. The partner of a borrowing request is its current (last) supplier, of a lending request
// the requesting library. Weeks start on Monday (UTC), as PostgreSQL's date_trunc('week').
import type { FastifyInstance } from 'fastify';
import type { Database, Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { fieldError, throwIfAny } from '../directory/validation.ts';
import { allEntries } from '../directory/directory-store.ts';
import { openStateSql, sqlList } from '../rota/request-states.ts';
import { listModels } from '../statemodel/index.ts';

export type Role = 'borrowing' | 'lending';

export interface WeekTrend {
  /** Monday of the week, YYYY-MM-DD */
  week: string;
  placed: number;
  filled: number;
  unfilled: number;
}

export interface PartnerTrend {
  symbol: string;
  name: string | null;
  placed: number;
  filled: number;
  unfilled: number;
}

export interface TurnaroundBucket {
  /** days, inclusive lower bound */
  fromDays: number;
  /** days, exclusive upper bound; null: open-ended */
  toDays: number | null;
  count: number;
}

export interface Trends {
  role: Role;
  weeks: number;
  since: string;
  byWeek: WeekTrend[];
  byPartner: PartnerTrend[];
  turnaround: TurnaroundBucket[];
  workload: Array<{ state: string; count: number }>;
}

export const TURNAROUND_BOUNDS = [0, 1, 2, 3, 5, 7, 14, 28] as const;
const WEEK_CHOICES = [4, 12, 26, 52];

function codes(role: Role, keep: (s: { code: string; stage: string; terminal: boolean }) => boolean): string[] {
  const out = new Set<string>();
  for (const m of listModels()) if (m.role === role) for (const s of m.states) if (keep(s)) out.add(s.code);
  return [...out].sort();
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** Monday 00:00 UTC of the week `weeks - 1` weeks before the current one. */
export function periodStart(weeks: number, now = new Date()): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7 * (weeks - 1));
  return d;
}

export async function trends(sql: Sql, tenant: string, role: Role, weeks: number, now = new Date()): Promise<Trends> {
  const s = schemaOf(tenant);
  const since = periodStart(weeks, now);
  const filled = sqlList(codes(role, (x) => x.stage === 'shipped' || (x.terminal && x.code.endsWith('_COMPLETE'))));
  const shipped = sqlList(codes(role, (x) => x.stage === 'shipped'));
  const ended = sqlList(codes(role, (x) => (x.terminal && !x.code.endsWith('_COMPLETE')) || /END_OF_ROTA|UNFILLED/.test(x.code)));
  const partner = role === 'borrowing' ? `r.jsonb->>'supplierSymbol'` : `r.jsonb->>'requesterSymbol'`;
  // one row per request touched in the period: when it was placed, filled, ended unfilled, shipped
  const { rows } = await sql.query<{ partner: string | null; placed: string | null; filled: string | null; unfilled: string | null; days: number | string | null }>(
    `WITH marks AS (
       SELECT a.request_id,
              min(a.ts) FILTER (WHERE a.to_state IN (${filled})) AS filled_at,
              min(a.ts) FILTER (WHERE a.to_state IN (${shipped})) AS shipped_at,
              min(a.ts) FILTER (WHERE a.to_state IN (${ended})) AS ended_at
         FROM ${s}.request_audit a JOIN ${s}.requests r ON r.id = a.request_id
        WHERE r.role = $1 AND a.to_state IN (${filled}, ${ended})
        GROUP BY a.request_id
     )
     SELECT ${partner} AS partner,
            CASE WHEN r.created_date >= $2 THEN to_char(date_trunc('week', r.created_date AT TIME ZONE 'UTC'), 'YYYY-MM-DD') END AS placed,
            CASE WHEN m.filled_at >= $2 THEN to_char(date_trunc('week', m.filled_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') END AS filled,
            CASE WHEN m.filled_at IS NULL AND m.ended_at >= $2 THEN to_char(date_trunc('week', m.ended_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') END AS unfilled,
            CASE WHEN m.filled_at >= $2 THEN extract(epoch FROM m.shipped_at - r.created_date) / 86400.0 END AS days
       FROM ${s}.requests r LEFT JOIN marks m ON m.request_id = r.id
      WHERE r.role = $1 AND (r.created_date >= $2 OR m.filled_at >= $2 OR m.ended_at >= $2)`,
    [role, since.toISOString()],
  );
  const byWeek = new Map<string, WeekTrend>();
  for (let i = 0; i < weeks; i++) {
    const d = new Date(since);
    d.setUTCDate(d.getUTCDate() + 7 * i);
    byWeek.set(ymd(d), { week: ymd(d), placed: 0, filled: 0, unfilled: 0 });
  }
  const byPartner = new Map<string, PartnerTrend>();
  const turnaround: TurnaroundBucket[] = TURNAROUND_BOUNDS.map((from, i) => ({ fromDays: from, toDays: TURNAROUND_BOUNDS[i + 1] ?? null, count: 0 }));
  for (const r of rows) {
    const p = r.partner ? (byPartner.get(r.partner) ?? { symbol: r.partner, name: null, placed: 0, filled: 0, unfilled: 0 }) : undefined;
    if (p) byPartner.set(p.symbol, p);
    for (const kind of ['placed', 'filled', 'unfilled'] as const) {
      const week = r[kind];
      if (!week) continue;
      const w = byWeek.get(week);
      if (w) w[kind]++;
      if (p) p[kind]++;
    }
    if (r.days !== null && r.days !== undefined) {
      const days = Math.max(0, Number(r.days));
      const bucket = [...turnaround].reverse().find((b) => days >= b.fromDays);
      if (bucket) bucket.count++;
    }
  }
  const names = new Map<string, string>();
  if (byPartner.size) {
    for (const e of await allEntries(sql, tenant)) for (const sym of e.symbols) names.set(`${sym.authority}:${sym.symbol}`, e.name);
  }
  const workload = await sql.query<{ state: string; n: string | number }>(
    `SELECT state, count(*) AS n FROM ${s}.requests r WHERE role = $1 AND ${openStateSql('r.state')} GROUP BY state ORDER BY count(*) DESC, state`,
    [role],
  );
  return {
    role,
    weeks,
    since: since.toISOString(),
    byWeek: [...byWeek.values()],
    byPartner: [...byPartner.values()]
      .map((p) => ({ ...p, name: names.get(p.symbol) ?? null }))
      .sort((a, b) => b.placed + b.filled + b.unfilled - (a.placed + a.filled + a.unfilled) || a.symbol.localeCompare(b.symbol)),
    turnaround,
    workload: workload.rows.map((w) => ({ state: w.state, count: Number(w.n) })),
  };
}

export function registerTrendRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Querystring: { role?: string; weeks?: string } }>('/resource-sharing/statistics/trends', async (req) => {
    const role = req.query.role ?? 'borrowing';
    const weeks = Number(req.query.weeks ?? 12);
    throwIfAny([
      ...(role !== 'borrowing' && role !== 'lending' ? [fieldError('role', role, 'role must be borrowing or lending', 'validation.enum')] : []),
      ...(!WEEK_CHOICES.includes(weeks) ? [fieldError('weeks', String(req.query.weeks), `weeks must be one of ${WEEK_CHOICES.join(', ')}`, 'validation.enum')] : []),
    ]);
    return trends(db, req.tenant, role as Role, weeks);
  });
}
