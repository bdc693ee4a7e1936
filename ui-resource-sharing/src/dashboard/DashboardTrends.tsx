/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from 'react-query';
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from 'recharts';
import { Headline, Loading, MessageBanner, Select } from '@folio/stripes/components';
import { useOkapiKy } from '@folio/stripes/core';
import { useApiError } from '../components/useApiError';
import { REQUESTS_KEY } from '../data/hooks';
import { T, stateLabel } from '../utils/labels';
import css from './DashboardTrends.css';

type Role = 'borrowing' | 'lending';
const WEEKS = [4, 12, 26, 52];
/** colours with at least 4.5:1 contrast on white; each series is also named in the legend and table */
const COLOURS = { placed: '#1f5fa8', filled: '#23703f', unfilled: '#b3261e', count: '#4a4a8a' };
const CHART_WIDTH = 640;

interface Trends {
  byWeek: Array<{ week: string; placed: number; filled: number; unfilled: number }>;
  byPartner: Array<{ symbol: string; name: string | null; placed: number; filled: number; unfilled: number }>;
  turnaround: Array<{ fromDays: number; toDays: number | null; count: number }>;
  workload: Array<{ state: string; count: number }>;
}

type Row = { key: string; label: string } & Record<string, string | number>;

/**
 * One chart with its title and the same figures as a table: screen readers and print read the
 * table; the chart itself is one image with the title as its name.
 */
function ChartFigure({ id, title, rows, series, height = 240, layout = 'horizontal' }: {
  id: string;
  title: string;
  rows: Row[];
  series: Array<{ key: keyof typeof COLOURS; label: string }>;
  height?: number;
  layout?: 'horizontal' | 'vertical';
}) {
  const intl = useIntl();
  const vertical = layout === 'vertical';
  const chart: ReactNode = (
    <BarChart width={CHART_WIDTH} height={height} data={rows} layout={layout} accessibilityLayer={false} margin={{ left: vertical ? 120 : 0, right: 16 }}>
      <CartesianGrid strokeDasharray="3 3" />
      {vertical ? <XAxis type="number" allowDecimals={false} /> : <XAxis dataKey="label" />}
      {vertical ? <YAxis type="category" dataKey="label" width={120} /> : <YAxis allowDecimals={false} />}
      {series.length > 1 ? <Legend /> : null}
      {series.map((s) => <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLOURS[s.key]} isAnimationActive={false} />)}
    </BarChart>
  );
  return (
    <figure className={css.figure} id={id} aria-labelledby={`${id}-title`} data-test-trend-chart={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div className={css.chart} role="img" aria-label={title}>{chart}</div>
      <table className={css.table} data-test-trend-table={id}>
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            <th scope="col"><FormattedMessage id={`${T}.trends.column.what`} /></th>
            {series.map((s) => <th key={s.key} scope="col">{s.label}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {series.map((s) => <td key={s.key}>{intl.formatNumber(Number(r[s.key] ?? 0))}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/**
 * Trends for the dashboard: requests placed, filled and unfilled per week and per partner, the
 * turnaround distribution and the current workload by state, for borrowing or lending over the
 * last 4 to 52 weeks (`GET /resource-sharing/statistics/trends`).
 */
export function DashboardTrends() {
  const intl = useIntl();
  const ky = useOkapiKy();
  const [role, setRole] = useState<Role>('borrowing');
  const [weeks, setWeeks] = useState(12);
  const trends = useQuery([REQUESTS_KEY, 'trends', role, weeks], () =>
    ky.get('resource-sharing/statistics/trends', { searchParams: { role, weeks } }).json<Trends>(),
  );
  const error = useApiError(trends.error);
  const msg = (key: string, values?: Record<string, string | number>) => intl.formatMessage({ id: `${T}.${key}` }, values);
  const counts = [
    { key: 'placed' as const, label: msg('trends.placed') },
    { key: 'filled' as const, label: msg('trends.filled') },
    { key: 'unfilled' as const, label: msg('trends.unfilled') },
  ];
  const t = trends.data;
  const days = (n: number) => intl.formatNumber(n);

  return (
    <section id="rs-dashboard-trends" className={css.trends} aria-labelledby="rs-dashboard-trends-title">
      <Headline size="large" tag="h2"><span id="rs-dashboard-trends-title"><FormattedMessage id={`${T}.trends.title`} /></span></Headline>
      <div className={css.controls}>
        <Select
          id="rs-trends-role"
          label={msg('trends.role')}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          dataOptions={(['borrowing', 'lending'] as const).map((r) => ({ value: r, label: msg(`dashboard.${r}`) }))}
        />
        <Select
          id="rs-trends-weeks"
          label={msg('trends.period')}
          value={String(weeks)}
          onChange={(e) => setWeeks(Number(e.target.value))}
          dataOptions={WEEKS.map((w) => ({ value: String(w), label: msg('trends.weeks', { weeks: w }) }))}
        />
      </div>
      {error ? <MessageBanner type="error"><FormattedMessage id={`${T}.trends.loadFailed`} values={{ message: error.join(' ') }} /></MessageBanner> : null}
      {trends.isLoading ? <Loading /> : null}
      {t ? (
        <>
          <ChartFigure
            id="rs-trend-weeks"
            title={msg('trends.byWeek', { role: msg(`dashboard.${role}`) })}
            series={counts}
            rows={t.byWeek.map((w) => ({ key: w.week, label: intl.formatDate(w.week, { timeZone: 'UTC', day: 'numeric', month: 'short' }), placed: w.placed, filled: w.filled, unfilled: w.unfilled }))}
          />
          {t.byPartner.length === 0 ? <p><FormattedMessage id={`${T}.trends.noPartners`} /></p> : (
            <ChartFigure
              id="rs-trend-partners"
              title={msg('trends.byPartner')}
              layout="vertical"
              height={Math.max(160, 40 * Math.min(t.byPartner.length, 10) + 60)}
              series={counts}
              rows={t.byPartner.slice(0, 10).map((p) => ({ key: p.symbol, label: p.name ?? p.symbol, placed: p.placed, filled: p.filled, unfilled: p.unfilled }))}
            />
          )}
          <ChartFigure
            id="rs-trend-turnaround"
            title={msg('trends.turnaround')}
            series={[{ key: 'count', label: msg('trends.requests') }]}
            rows={t.turnaround.map((b) => ({
              key: String(b.fromDays),
              label: b.toDays === null ? msg('trends.days.atLeast', { from: days(b.fromDays) }) : msg('trends.days.range', { from: days(b.fromDays), to: days(b.toDays) }),
              count: b.count,
            }))}
          />
          {t.workload.length === 0 ? <p><FormattedMessage id={`${T}.dashboard.noOpen`} /></p> : (
            <ChartFigure
              id="rs-trend-workload"
              title={msg('trends.workload')}
              layout="vertical"
              height={Math.max(160, 32 * t.workload.length + 60)}
              series={[{ key: 'count', label: msg('trends.requests') }]}
              rows={t.workload.map((w) => ({ key: w.state, label: stateLabel(intl, w.state), count: w.count }))}
            />
          )}
        </>
      ) : null}
    </section>
  );
}
