// The copyright report of one calendar year: per journal, our copy requests, how many counted
// toward the limit, how many went over it, the clearances staff recorded and the fees paid.
// GET /resource-sharing/copyright/report?year=2026 (JSON), &format=csv (or Accept: text/csv).
import type { FastifyInstance } from 'fastify';
import type { Database, Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { fieldError, throwIfAny } from '../directory/validation.ts';
import type { CopyrightRecord } from './copyright-types.ts';

export interface CopyrightReportTitle {
  journal: string;
  issn: string | null;
  journalKey: string;
  /** copy requests checked this year (not cancelled) */
  requests: number;
  /** of them, counted toward the limit (articles within the look-back) */
  counted: number;
  /** of them, at or over the limit */
  overLimit: number;
  awaitingClearance: number;
  permissionObtained: number;
  feePaid: number;
  fairUse: number;
  /** fees per currency ('' when none was given) */
  fees: { currency: string; amount: number }[];
  cancelled: number;
}

export interface CopyrightReport {
  year: number;
  titles: CopyrightReportTitle[];
  totals: Omit<CopyrightReportTitle, 'journal' | 'issn' | 'journalKey'>;
}

const empty = () => ({ requests: 0, counted: 0, overLimit: 0, awaitingClearance: 0, permissionObtained: 0, feePaid: 0, fairUse: 0, fees: [] as { currency: string; amount: number }[], cancelled: 0 });

function addFee(fees: { currency: string; amount: number }[], currency: string, amount: number): void {
  const f = fees.find((x) => x.currency === currency);
  if (f) f.amount = Math.round((f.amount + amount) * 100) / 100;
  else fees.push({ currency, amount });
}

export async function copyrightReport(sql: Sql, tenant: string, year: number): Promise<CopyrightReport> {
  const { rows } = await sql.query<{ state: string; copyright: CopyrightRecord }>(
    `SELECT state, jsonb->'copyright' AS copyright FROM ${schemaOf(tenant)}.requests
      WHERE role = 'borrowing' AND jsonb->'copyright'->>'year' = $1 ORDER BY created_date, id`,
    [String(year)],
  );
  const by = new Map<string, CopyrightReportTitle>();
  // the journal's name: the title its requests give most often (the first of equals)
  const names = new Map<string, Map<string, number>>();
  const totals = empty();
  for (const { state, copyright: c } of rows) {
    let t = by.get(c.journalKey);
    if (!t) by.set(c.journalKey, (t = { journal: c.journal, issn: c.issn ?? null, journalKey: c.journalKey, ...empty() }));
    const seen = names.get(c.journalKey) ?? new Map<string, number>();
    seen.set(c.journal, (seen.get(c.journal) ?? 0) + 1);
    names.set(c.journalKey, seen);
    t.journal = [...seen].reduce((best, cur) => (cur[1] > best[1] ? cur : best))[0];
    for (const x of [t, totals]) {
      const cl = c.clearance;
      if (cl) {
        x[cl.type]++;
        if (cl.type === 'feePaid' && typeof cl.amount === 'number') addFee(x.fees, cl.currency ?? '', cl.amount);
      }
      if (state === 'REQ_CANCELLED') {
        x.cancelled++;
        continue;
      }
      x.requests++;
      if (c.counted) x.counted++;
      if (c.status === 'awaitingClearance' || c.status === 'cleared') x.overLimit++;
      if (c.status === 'awaitingClearance') x.awaitingClearance++;
    }
  }
  const titles = [...by.values()].sort((a, b) => b.requests - a.requests || a.journal.localeCompare(b.journal));
  return { year, titles, totals };
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // quote what needs it; a leading = + - @ would be a formula in a spreadsheet
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function reportCsv(r: CopyrightReport): string {
  const head = ['journal', 'issn', 'requests', 'counted', 'over limit', 'awaiting clearance', 'permission obtained', 'fee paid', 'fair use', 'fees', 'cancelled'];
  const fees = (f: { currency: string; amount: number }[]) => f.map((x) => `${x.amount.toFixed(2)}${x.currency ? ` ${x.currency}` : ''}`).join('; ');
  const line = (name: string, issn: string | null, t: CopyrightReport['totals']) =>
    [name, issn, t.requests, t.counted, t.overLimit, t.awaitingClearance, t.permissionObtained, t.feePaid, t.fairUse, fees(t.fees), t.cancelled].map(csvCell).join(',');
  return [head.join(','), ...r.titles.map((t) => line(t.journal, t.issn, t)), line(`Total ${r.year}`, null, r.totals)].join('\r\n') + '\r\n';
}

export function registerCopyrightRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Querystring: { year?: string; format?: string } }>('/resource-sharing/copyright/report', async (req, reply) => {
    const raw = req.query.year ?? String(new Date().getUTCFullYear());
    if (!/^\d{4}$/.test(raw)) throwIfAny([fieldError('year', raw, 'year must be a calendar year, e.g. 2026', 'validation.pattern')]);
    const format = req.query.format ?? (/text\/csv/.test(req.headers.accept ?? '') ? 'csv' : 'json');
    if (format !== 'csv' && format !== 'json') throwIfAny([fieldError('format', format, 'format must be json or csv', 'validation.enum')]);
    const report = await copyrightReport(db, req.tenant, Number(raw));
    if (format === 'json') return report;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="copyright-report-${raw}.csv"`)
      .send(reportCsv(report));
  });
}
