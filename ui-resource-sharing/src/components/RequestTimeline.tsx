/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { useUserNames } from '../data/users';
import type { AuditRecord } from '../types/request';
import { T, actionCodeLabel, parameterLabel, parameterValueLabel, stateLabel } from '../utils/labels';
import { DateOnly, DateTime } from './DateTime';
import css from './RequestTimeline.css';

const HOST_SUFFIX = ':host';
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function has(intl: IntlShape, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(intl.messages, `${T}.${key}`);
}

/** What happened, in words: a model action's label, an event of the module (`timeline.event.<code>`), or host work for an action. */
function eventLabel(intl: IntlShape, action: string): string {
  if (action.endsWith(HOST_SUFFIX)) {
    return intl.formatMessage({ id: `${T}.timeline.event.host` }, { action: eventLabel(intl, action.slice(0, -HOST_SUFFIX.length)) });
  }
  if (has(intl, `timeline.event.${action}`)) return intl.formatMessage({ id: `${T}.timeline.event.${action}` });
  return actionCodeLabel(intl, action);
}

/** A parameter's value as the user reads it: dates in their locale, code values translated. */
function ParameterValue({ value }: { value: unknown }) {
  const intl = useIntl();
  if (typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return <DateTime value={value} />;
  if (typeof value === 'string' && DATE_ONLY.test(value)) return <DateOnly value={value} />;
  if (typeof value === 'boolean') return <FormattedMessage id={`${T}.common.${value ? 'yes' : 'no'}`} />;
  if (typeof value === 'string') return <>{parameterValueLabel(intl, value)}</>;
  return <>{JSON.stringify(value)}</>;
}

export interface TimelinePartner {
  name?: string;
  symbols?: string[];
}

/**
 * The audit trail, newest first: when, who (people and partners by name), what was done, the state
 * change and the details given. Library-system work (`<action>:host`) is worded by its event name;
 * its English note is not repeated.
 */
export function RequestTimeline({ records, partner }: { records: AuditRecord[]; partner?: TimelinePartner }) {
  const intl = useIntl();
  const names = useUserNames(records.filter((r) => r.actor.type === 'user' && r.actor.id).map((r) => r.actor.id as string));
  if (records.length === 0) {
    return <p><FormattedMessage id={`${T}.timeline.empty`} /></p>;
  }
  const sorted = [...records].sort((a, b) => b.timestamp.localeCompare(a.timestamp));

  const who = (r: AuditRecord): ReactNode => {
    const id = r.actor.id ?? '';
    if (r.actor.type === 'user') {
      if (id.startsWith('patron:')) return <FormattedMessage id={`${T}.timeline.actor.patron`} values={{ barcode: id.slice('patron:'.length) }} />;
      const name = names.get(id);
      return name ? <FormattedMessage id={`${T}.timeline.actor.person`} values={{ name }} /> : <FormattedMessage id={`${T}.timeline.actor.unnamedUser`} />;
    }
    if (r.actor.type === 'partner') {
      const name = partner?.name && (partner.symbols ?? []).includes(id) ? partner.name : id;
      return <FormattedMessage id={`${T}.timeline.actor.partner`} values={{ id: name }} />;
    }
    return has(intl, `timeline.actor.system.${id}`)
      ? <FormattedMessage id={`${T}.timeline.actor.system.${id}`} />
      : <FormattedMessage id={`${T}.timeline.actor.system`} />;
  };

  return (
    <ol className={css.timeline} id="rs-request-timeline">
      {sorted.map((r) => {
        const parameters = Object.entries(r.changes?.parameters ?? {});
        return (
          <li key={r.id} data-test-timeline-entry>
            <div><DateTime value={r.timestamp} /></div>
            <div>
              {who(r)}
              {r.action ? <>{': '}<strong>{eventLabel(intl, r.action)}</strong></> : null}
            </div>
            {r.toState ? (
              <div>
                <FormattedMessage
                  id={r.fromState ? `${T}.timeline.stateChange` : `${T}.timeline.stateSet`}
                  values={{ from: r.fromState ? stateLabel(intl, r.fromState) : '', to: stateLabel(intl, r.toState) }}
                />
              </div>
            ) : null}
            {parameters.length > 0 ? (
              <dl className={css.timelineParameters}>
                {parameters.map(([name, value]) => (
                  <div key={name}>
                    <dt>{parameterLabel(intl, name)}</dt>
                    <dd><ParameterValue value={value} /></dd>
                  </div>
                ))}
              </dl>
            ) : r.message && !r.action?.endsWith(HOST_SUFFIX) ? <div className={css.timelineMessage}>{r.message}</div> : null}
          </li>
        );
      })}
    </ol>
  );
}
