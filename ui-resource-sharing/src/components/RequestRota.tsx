/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage, FormattedNumber } from 'react-intl';
import { MultiColumnList } from '@folio/stripes/components';
import type { RotaEntry } from '../types/request.ts';
import { T } from '../utils/labels.ts';

type RotaRow = RotaEntry & { id: string; current: boolean };

/** The suppliers of a borrowing request in rank order, each with the reason for its rank and what happened. */
export function RequestRota({ rota, rotaIndex }: { rota: RotaEntry[]; rotaIndex?: number }) {
  if (rota.length === 0) return <p><FormattedMessage id={`${T}.rota.empty`} /></p>;
  const rows: RotaRow[] = rota.map((e, i) => ({ ...e, id: `${i}-${e.symbol}`, current: i === rotaIndex && !e.skipped }));
  return (
    <MultiColumnList<RotaRow>
      id="rs-request-rota"
      contentData={rows}
      interactive={false}
      visibleColumns={['rank', 'partner', 'score', 'outcome', 'reason']}
      columnMapping={{
        rank: <FormattedMessage id={`${T}.rota.rank`} />,
        partner: <FormattedMessage id={`${T}.rota.partner`} />,
        score: <FormattedMessage id={`${T}.rota.score`} />,
        outcome: <FormattedMessage id={`${T}.rota.outcome`} />,
        reason: <FormattedMessage id={`${T}.rota.reason`} />,
      }}
      columnWidths={{ rank: '8%', partner: '24%', score: '10%', outcome: '16%', reason: '42%' }}
      formatter={{
        rank: (e) => (e.skipped ? '–' : e.rank),
        partner: (e) => (
          <span data-test-rota-partner>
            {e.name ? <>{e.name}<br /></> : null}
            <code>{e.symbol}</code>
          </span>
        ),
        score: (e) => (typeof e.score === 'number' ? <FormattedNumber value={e.score} maximumFractionDigits={2} /> : ''),
        outcome: (e) => {
          const key = e.skipped ? 'skipped' : e.outcome ?? (e.current ? 'sent' : 'waiting');
          return <span data-test-rota-outcome={key}><FormattedMessage id={`${T}.rota.outcome.${key}`} /></span>;
        },
        reason: (e) => (
          <span data-test-rota-reason>
            {e.outcomeReason ? <><strong data-test-rota-outcome-reason>{e.outcomeReason}</strong><br /></> : null}
            {e.reason}
          </span>
        ),
      }}
    />
  );
}
