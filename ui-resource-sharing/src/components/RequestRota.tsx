/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';
import { FormattedMessage, FormattedNumber } from 'react-intl';
import { MultiColumnList } from '@folio/stripes/components';
import type { RotaEntry } from '../types/request';
import { T } from '../utils/labels';

const COLUMNS = ['rank', 'partner', 'score', 'outcome', 'reason'] as const;
/** One row: a display value per column (the real MultiColumnList's typings take columns from the row's keys). */
type RotaRow = Record<typeof COLUMNS[number], ReactNode>;

function toRow(e: RotaEntry, current: boolean): RotaRow {
  const outcome = e.skipped ? 'skipped' : e.outcome ?? (current ? 'sent' : 'waiting');
  return {
    rank: e.skipped ? '–' : e.rank,
    partner: (
      <span data-test-rota-partner>
        {e.name ? <>{e.name}<br /></> : null}
        <code>{e.symbol}</code>
      </span>
    ),
    score: typeof e.score === 'number' ? <FormattedNumber value={e.score} maximumFractionDigits={2} /> : '',
    outcome: <span data-test-rota-outcome={outcome}><FormattedMessage id={`${T}.rota.outcome.${outcome}`} /></span>,
    reason: (
      <span data-test-rota-reason>
        {e.outcomeReason ? <><strong data-test-rota-outcome-reason>{e.outcomeReason}</strong><br /></> : null}
        {e.reason}
      </span>
    ),
  };
}

/** The suppliers of a borrowing request in rank order, each with the reason for its rank and what happened. */
export function RequestRota({ rota, rotaIndex }: { rota: RotaEntry[]; rotaIndex?: number }) {
  if (rota.length === 0) return <p><FormattedMessage id={`${T}.rota.empty`} /></p>;
  return (
    <MultiColumnList<RotaRow>
      id="rs-request-rota"
      contentData={rota.map((e, i) => toRow(e, i === rotaIndex && !e.skipped))}
      interactive={false}
      visibleColumns={[...COLUMNS]}
      columnMapping={{
        rank: <FormattedMessage id={`${T}.rota.rank`} />,
        partner: <FormattedMessage id={`${T}.rota.partner`} />,
        score: <FormattedMessage id={`${T}.rota.score`} />,
        outcome: <FormattedMessage id={`${T}.rota.outcome`} />,
        reason: <FormattedMessage id={`${T}.rota.reason`} />,
      }}
      columnWidths={{ rank: '8%', partner: '24%', score: '10%', outcome: '16%', reason: '42%' }}
    />
  );
}
