/** @jsxRuntime automatic @jsxImportSource react */
import { Suspense, lazy, useMemo, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from '@apollo/client';
import { Button, Col, Headline, KeyValue, Loading, MessageBanner, Pane, Paneset, Row, Select } from '@folio/stripes/components';
import { TitleManager } from '@folio/stripes/core';
import { useResourceSharingGraphql } from '../graphql/endpoint';
import { DASHBOARD } from '../graphql/queries';
import type { DashboardStatistics, RoleStatistics } from '../graphql/types';
import { T, stateLabel } from '../utils/labels';
import { BarChart, DivergingBarChart, RatioRing } from './BarChart';

const PERIODS = ['all', '30', '90', '365'] as const;
type Period = (typeof PERIODS)[number];

/** the trends and their chart library load only when the dashboard opens */
const DashboardTrends = lazy(() => import('./DashboardTrends').then((m) => ({ default: m.DashboardTrends })));

function sinceFor(period: Period, now = Date.now()): string | null {
  return period === 'all' ? null : new Date(now - Number(period) * 86_400_000).toISOString();
}

function Section({ id, title, children }: { id: string; title: string; children?: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="rs-dashboard-section">
      <Headline size="large" tag="h2"><span id={`${id}-title`}>{title}</span></Headline>
      {children}
    </section>
  );
}

/**
 * Dashboard: open requests by state (borrowing and lending), fill rate, turnaround, and the
 * lending/borrowing balance per partner, read from the GraphQL API's `statistics`.
 */
export function DashboardView({ appPath }: { appPath: string }) {
  const intl = useIntl();
  const context = useResourceSharingGraphql();
  const [period, setPeriod] = useState<Period>('all');
  const since = useMemo(() => sinceFor(period), [period]);
  const { data, loading, error } = useQuery<{ statistics: DashboardStatistics | null }>(DASHBOARD, {
    variables: { since },
    context,
    fetchPolicy: 'no-cache',
  });
  const msg = (key: string, values?: Record<string, string | number>) => intl.formatMessage({ id: `${T}.${key}` }, values);
  const pct = (r: number | null) => (r === null ? '–' : intl.formatNumber(r, { style: 'percent', maximumFractionDigits: 0 }));
  const days = (d: number | null) => (d === null ? '–' : intl.formatNumber(d, { maximumFractionDigits: 1 }));
  const stats = data?.statistics ?? null;

  const openChart = (role: 'borrowing' | 'lending', s: RoleStatistics) => (
    <Col xs={12} md={6}>
      <Headline size="medium" tag="h3">
        <FormattedMessage id={`${T}.dashboard.${role}`} />{' '}
        <FormattedMessage id={`${T}.dashboard.openTotal`} values={{ count: s.open }} />
      </Headline>
      {s.openByState.length === 0 ? <p><FormattedMessage id={`${T}.dashboard.noOpen`} /></p> : (
        <BarChart
          id={`rs-chart-open-${role}`}
          title={msg('dashboard.openChart', { role: msg(`dashboard.${role}`) })}
          items={s.openByState.map((x) => ({ key: x.state, label: stateLabel(intl, x.state), value: x.count }))}
          format={(n) => intl.formatNumber(n)}
        />
      )}
    </Col>
  );

  const fillRate = (role: 'borrowing' | 'lending', s: RoleStatistics) => (
    <Col xs={12} md={6}>
      <Headline size="medium" tag="h3"><FormattedMessage id={`${T}.dashboard.${role}`} /></Headline>
      <RatioRing id={`rs-chart-fill-${role}`} title={msg('dashboard.fillRateOf', { role: msg(`dashboard.${role}`) })} ratio={s.fillRate} text={pct(s.fillRate)} />
      <p data-test-fill-detail={role}>
        {s.fillRate === null
          ? <FormattedMessage id={`${T}.dashboard.fillRate.none`} />
          : <FormattedMessage id={`${T}.dashboard.fillRate.detail`} values={{ filled: s.filled, notFilled: s.notFilled }} />}
      </p>
    </Col>
  );

  const turnaround = (role: 'borrowing' | 'lending', s: RoleStatistics) => (
    <Col xs={12} md={6}>
      <Headline size="medium" tag="h3"><FormattedMessage id={`${T}.dashboard.${role}`} /></Headline>
      <Row>
        <Col xs={4}><KeyValue label={msg('dashboard.turnaround.median')} value={days(s.medianTurnaroundDays)} data-test-turnaround-median={role} /></Col>
        <Col xs={4}><KeyValue label={msg('dashboard.turnaround.p90')} value={days(s.p90TurnaroundDays)} /></Col>
        <Col xs={4}><KeyValue label={msg('dashboard.turnaround.samples')} value={intl.formatNumber(s.turnaroundSamples)} /></Col>
      </Row>
    </Col>
  );

  const partnersWithTurnaround = (stats?.partners ?? []).filter((p) => p.medianTurnaroundDays !== null);
  const partnersWithTraffic = (stats?.partners ?? []).filter((p) => p.lentToUs + p.borrowedFromUs > 0);
  const nameOf = (p: { name: string | null; symbol: string }) => p.name ?? p.symbol;

  return (
    <Paneset>
      <Pane
        id="rs-dashboard"
        defaultWidth="fill"
        paneTitle={msg('dashboard.paneTitle')}
        lastMenu={(
          <>
            <Button id="rs-dashboard-to-borrowing" to={`${appPath}/borrowing`} buttonStyle="default" marginBottom0><FormattedMessage id={`${T}.borrowing.nav`} /></Button>
            <Button id="rs-dashboard-to-lending" to={`${appPath}/lending`} buttonStyle="default" marginBottom0><FormattedMessage id={`${T}.lending.nav`} /></Button>
          </>
        )}
      >
        <TitleManager page={msg('dashboard.paneTitle')} />
        <Select
          id="rs-dashboard-period"
          label={msg('dashboard.period')}
          value={period}
          onChange={(e) => setPeriod(e.target.value as Period)}
          dataOptions={PERIODS.map((p) => ({ value: p, label: p === 'all' ? msg('dashboard.period.all') : msg('dashboard.period.days', { days: Number(p) }) }))}
        />
        {error ? (
          <MessageBanner type="error">
            <span id="rs-dashboard-error"><FormattedMessage id={`${T}.dashboard.loadFailed`} values={{ message: error.message }} /></span>
          </MessageBanner>
        ) : null}
        {loading && !stats ? <Loading /> : null}
        {stats ? (
          <>
            <Section id="rs-dashboard-open" title={msg('dashboard.openByState')}>
              <Row>{openChart('borrowing', stats.borrowing)}{openChart('lending', stats.lending)}</Row>
            </Section>
            <Section id="rs-dashboard-fill" title={msg('dashboard.fillRate')}>
              <Row>{fillRate('borrowing', stats.borrowing)}{fillRate('lending', stats.lending)}</Row>
            </Section>
            <Section id="rs-dashboard-turnaround" title={msg('dashboard.turnaround')}>
              <Row>{turnaround('borrowing', stats.borrowing)}{turnaround('lending', stats.lending)}</Row>
              {partnersWithTurnaround.length > 0 ? (
                <>
                  <Headline size="medium" tag="h3"><FormattedMessage id={`${T}.dashboard.turnaround.byPartner`} /></Headline>
                  <BarChart
                    id="rs-chart-turnaround-partners"
                    title={msg('dashboard.turnaround.byPartner')}
                    items={partnersWithTurnaround.map((p) => ({ key: p.symbol, label: nameOf(p), value: p.medianTurnaroundDays ?? 0 }))}
                    format={(n) => days(n)}
                  />
                </>
              ) : null}
            </Section>
            <Section id="rs-dashboard-balance" title={msg('dashboard.balance')}>
              <p><FormattedMessage id={`${T}.dashboard.balance.explain`} /></p>
              {partnersWithTraffic.length === 0 ? <p><FormattedMessage id={`${T}.dashboard.noPartners`} /></p> : (
                <DivergingBarChart
                  id="rs-chart-balance"
                  title={msg('dashboard.balance')}
                  items={partnersWithTraffic.map((p) => ({ key: p.symbol, label: nameOf(p), value: p.balance }))}
                  format={(n) => (n > 0 ? `+${intl.formatNumber(n)}` : intl.formatNumber(n))}
                  describe={(item) => {
                    const p = partnersWithTraffic.find((x) => x.symbol === item.key);
                    return msg('dashboard.balance.bar', { name: item.label, lent: p?.borrowedFromUs ?? 0, borrowed: p?.lentToUs ?? 0, balance: item.value });
                  }}
                />
              )}
            </Section>
          </>
        ) : null}
        <Suspense fallback={<Loading />}><DashboardTrends /></Suspense>
      </Pane>
    </Paneset>
  );
}
