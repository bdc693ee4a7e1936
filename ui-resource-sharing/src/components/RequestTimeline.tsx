/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage, useIntl } from 'react-intl';
import type { AuditRecord } from '../types/request';
import { T, actionCodeLabel, stateLabel } from '../utils/labels';
import { DateTime } from './DateTime';
import css from './RequestTimeline.css';

/** The audit trail, newest first: when, who, what was done, and the state change. */
export function RequestTimeline({ records }: { records: AuditRecord[] }) {
  const intl = useIntl();
  if (records.length === 0) {
    return <p><FormattedMessage id={`${T}.timeline.empty`} /></p>;
  }
  const sorted = [...records].sort((a, b) => b.timestamp.localeCompare(a.timestamp));
  return (
    <ol className={css.timeline} id="rs-request-timeline">
      {sorted.map((r) => (
        <li key={r.id} data-test-timeline-entry>
          <div><DateTime value={r.timestamp} /></div>
          <div>
            <FormattedMessage
              id={`${T}.timeline.actor.${r.actor.type}`}
              values={{ id: r.actor.id ?? '' }}
            />
            {r.action ? <>{': '}<strong>{actionCodeLabel(intl, r.action)}</strong></> : null}
          </div>
          {r.toState ? (
            <div>
              <FormattedMessage
                id={r.fromState ? `${T}.timeline.stateChange` : `${T}.timeline.stateSet`}
                values={{ from: r.fromState ? stateLabel(intl, r.fromState) : '', to: stateLabel(intl, r.toState) }}
              />
            </div>
          ) : null}
          {r.message ? <div className={css.timelineMessage}>{r.message}</div> : null}
        </li>
      ))}
    </ol>
  );
}
