/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { MultiColumnList } from '@folio/stripes/components';
import type { RankingFactors, RotaEntry } from '../types/request';
import { T } from '../utils/labels';

const COLUMNS = ['rank', 'partner', 'outcome', 'reason'] as const;
/** One row: a display value per column (the real MultiColumnList's typings take columns from the row's keys). */
type RotaRow = Record<typeof COLUMNS[number], ReactNode>;

/**
 * Why a supplier has its rank, in the user's language, from the numbers the module ranked by
 * (`factors`): preferred or last by setting, its open requests against the threshold, how well it
 * fills, what we lent each other. No raw scores: the ranking's reasons are what staff act on. A
 * skipped supplier (or an entry without factors) keeps the module's reason.
 */
export function rotaReasons(intl: IntlShape, f: RankingFactors | undefined): string[] {
  if (!f) return [];
  const m = (key: string, values?: Record<string, string | number>) => intl.formatMessage({ id: `${T}.rota.why.${key}` }, values);
  const out: string[] = [];
  if (f.preferred) out.push(m('preferred'));
  if (f.last) out.push(m('last'));
  if (typeof f.openRequests === 'number') {
    out.push(m(f.overloaded ? 'overloaded' : 'open', { count: f.openRequests, threshold: f.overloadThreshold ?? 0 }));
  }
  if (f.fillRate === null) out.push(m('noHistory'));
  else if (typeof f.fillRate === 'number') {
    const rate = intl.formatNumber(f.fillRate, { style: 'percent', maximumFractionDigits: 0 });
    out.push(typeof f.medianTurnaroundDays === 'number'
      ? m('fillsIn', { rate, days: intl.formatNumber(f.medianTurnaroundDays, { maximumFractionDigits: 1 }) })
      : m('fills', { rate }));
  }
  if (typeof f.lentToUs === 'number' && typeof f.borrowedFromUs === 'number') out.push(m('balance', { lent: f.lentToUs, borrowed: f.borrowedFromUs }));
  if (f.owns === true) out.push(m('owns'));
  return out;
}

function toRow(intl: IntlShape, e: RotaEntry, current: boolean): RotaRow {
  const outcome = e.skipped ? 'skipped' : e.outcome ?? (current ? 'sent' : 'waiting');
  const worded = e.skipped ? [] : rotaReasons(intl, e.factors);
  // first how the rank came about: the profile's order (the numbers only inform), or the numbers
  const reasons = worded.length > 0 && e.rankedBy
    ? [intl.formatMessage({ id: `${T}.rota.why.${e.rankedBy}` }, { rank: e.rank }), ...worded]
    : worded;
  return {
    rank: e.skipped ? '–' : e.rank,
    partner: (
      <span data-test-rota-partner>
        {e.broker ? <><strong data-test-rota-broker><FormattedMessage id={`${T}.broker.rota.broker`} /></strong><br /></> : null}
        {e.name ? <>{e.name}<br /></> : null}
        <code>{e.symbol}</code>
      </span>
    ),
    outcome: <span data-test-rota-outcome={outcome}><FormattedMessage id={`${T}.rota.outcome.${outcome}`} /></span>,
    reason: (
      <span data-test-rota-reason>
        {e.outcomeReason ? <><strong data-test-rota-outcome-reason>{e.outcomeReason}</strong><br /></> : null}
        {reasons.length > 0 ? <ul>{reasons.map((r) => <li key={r}>{r}</li>)}</ul> : e.reason}
        {e.brokerSuppliers?.length ? (
          <span data-test-rota-broker-suppliers>
            <br /><FormattedMessage id={`${T}.broker.rota.suppliers`} />
            <ul>
              {e.brokerSuppliers.map((s, i) => (
                <li key={`${s.symbol}-${i}`}>
                  {s.name ?? s.symbol}: <FormattedMessage id={`${T}.broker.rota.outcome.${s.outcome}`} />
                </li>
              ))}
            </ul>
          </span>
        ) : null}
      </span>
    ),
  };
}

/** The suppliers of a borrowing request in rank order, each with the reasons for its rank and what happened. */
export function RequestRota({ rota, rotaIndex }: { rota: RotaEntry[]; rotaIndex?: number }) {
  const intl = useIntl();
  if (rota.length === 0) return <p><FormattedMessage id={`${T}.rota.empty`} /></p>;
  return (
    <MultiColumnList<RotaRow>
      id="rs-request-rota"
      contentData={rota.map((e, i) => toRow(intl, e, i === rotaIndex && !e.skipped))}
      interactive={false}
      visibleColumns={[...COLUMNS]}
      columnMapping={{
        rank: <FormattedMessage id={`${T}.rota.rank`} />,
        partner: <FormattedMessage id={`${T}.rota.partner`} />,
        outcome: <FormattedMessage id={`${T}.rota.outcome`} />,
        reason: <FormattedMessage id={`${T}.rota.reason`} />,
      }}
      columnWidths={{ rank: '13%', partner: '27%', outcome: '18%', reason: '42%' }}
    />
  );
}
