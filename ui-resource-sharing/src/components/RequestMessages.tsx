/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Button, Loading, MessageBanner, TextArea } from '@folio/stripes/components';
import { useCallout, useStripes } from '@folio/stripes/core';
import { useFailedMessages, usePerformAction, useRequestActions, useRequestMessages, useRetryMessage } from '../data/hooks';
import type { ConversationMessage, FailedMessage, MessageCodes, WaitingMessage } from '../types/request';
import { readApiError } from '../utils/errors';
import { wordApiError } from '../utils/error-words';
import { T } from '../utils/labels';
import { PERM_MANAGE, PERM_OUTBOX_RETRY, PERM_OUTBOX_VIEW } from '../utils/permissions';
import { DATE_TIME, DateTime } from './DateTime';
import { useApiError } from './useApiError';

/** The message in words of the user's language, from its ISO 18626 codes (the English summary when it has none). */
function MessageSummary({ m }: { m: ConversationMessage }) {
  const intl = useIntl();
  const c: MessageCodes | undefined = m.codes;
  if (!c) return <>{m.summary}</>;
  const word = (group: string, code: string) => {
    const id = `${T}.iso.${group}.${code}`;
    return Object.prototype.hasOwnProperty.call(intl.messages, id) ? intl.formatMessage({ id }) : code;
  };
  const money = (cost: { value: string; currency: string }) => {
    const n = Number(cost.value);
    return Number.isFinite(n) ? intl.formatNumber(n, { style: 'currency', currency: cost.currency }) : `${cost.value} ${cost.currency}`;
  };
  const parts: string[] = [];
  if (c.requestType) {
    parts.push(intl.formatMessage({ id: `${T}.messages.summary.request` }, { type: word('requestType', c.requestType), title: c.title ?? '' }));
    if (c.maximumCost) parts.push(intl.formatMessage({ id: `${T}.messages.summary.maximumCost` }, { cost: money(c.maximumCost) }));
  } else if (c.reasonForMessage && c.status) {
    parts.push(intl.formatMessage({ id: `${T}.messages.summary.supplier` }, { reason: word('reasonForMessage', c.reasonForMessage), status: word('status', c.status) }));
    if (c.answerYesNo) parts.push(intl.formatMessage({ id: `${T}.messages.summary.answer.${c.answerYesNo}` }));
    if (c.dueDate) parts.push(intl.formatMessage({ id: `${T}.messages.summary.due` }, { date: intl.formatDate(c.dueDate, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }) }));
    if (c.offeredCost) parts.push(intl.formatMessage({ id: `${T}.messages.summary.offeredCost` }, { cost: money(c.offeredCost) }));
  } else if (c.action) {
    parts.push(word('action', c.action));
  } else {
    return <>{m.summary}</>;
  }
  return <>{parts.join(' · ')}</>;
}

function MessageItem({ m }: { m: ConversationMessage }) {
  return (
    <li className={`rs-message rs-message-${m.direction}${m.read ? '' : ' rs-message-unread'}`} data-test-message={m.direction} data-test-message-unread={!m.read || undefined}>
      <div className="rs-message-head">
        <strong><FormattedMessage id={`${T}.messages.direction.${m.direction}`} /></strong>
        {' · '}
        <DateTime value={m.timestamp} />
        {!m.read ? <>{' · '}<span className="rs-unread-mark"><FormattedMessage id={`${T}.messages.unread`} /></span></> : null}
      </div>
      <div className="rs-message-summary" data-test-message-summary><MessageSummary m={m} /></div>
      {m.note ? <div className="rs-message-note">{m.note}</div> : null}
    </li>
  );
}

/** A message to the partner that has not gone yet: tries so far, the next one and the last error. */
function WaitingBanner({ w }: { w: WaitingMessage }) {
  const intl = useIntl();
  const when = (iso: string) => intl.formatDate(iso, DATE_TIME);
  return (
    <MessageBanner type="warning">
      <span data-test-message-waiting>
        {intl.formatMessage({ id: `${T}.messages.waiting` }, { partner: w.partnerSymbol, attempts: w.attempts, since: when(w.since), next: when(w.nextAttemptAt) })}
        {w.lastError ? ` ${intl.formatMessage({ id: `${T}.common.lastError` }, { error: w.lastError })}` : ''}
      </span>
    </MessageBanner>
  );
}

/** A message the module gave up sending, with "Send again" for staff who may. */
function FailedBanner({ m, canRetry }: { m: FailedMessage; canRetry: boolean }) {
  const intl = useIntl();
  const callout = useCallout();
  const retry = useRetryMessage();
  const send = () => retry.mutate(m.id, {
    onSuccess: () => {
      callout.sendCallout({ type: 'success', message: <FormattedMessage id={`${T}.messages.sentAgain`} values={{ partner: m.partnerSymbol }} /> });
    },
    onError: async (error) => {
      const problems = wordApiError(intl, await readApiError(error));
      callout.sendCallout({ type: 'error', timeout: 0, message: <FormattedMessage id={`${T}.messages.failed`} values={{ message: problems.join(' ') }} /> });
    },
  });
  return (
    <MessageBanner type="error">
      <span data-test-message-failed>
        {intl.formatMessage({ id: `${T}.messages.gaveUp` }, { partner: m.partnerSymbol, attempts: m.attempts, since: intl.formatDate(m.createdDate, DATE_TIME) })}
        {m.lastError ? ` ${intl.formatMessage({ id: `${T}.common.lastError` }, { error: m.lastError })}` : ''}
      </span>
      {canRetry ? (
        <Button id={`rs-message-retry-${m.id}`} buttonStyle="primary" marginBottom0 disabled={retry.isLoading} onClick={send}>
          <FormattedMessage id={`${T}.messages.sendAgain`} />
        </Button>
      ) : null}
    </MessageBanner>
  );
}

/** A message withdrawn by the module (e.g. when the request moved on to the next supplier) cannot be sent again. */
const isWithdrawn = (m: FailedMessage) => (m.lastError ?? '').startsWith('withdrawn:');

/**
 * The conversation with the partner: every ISO 18626 message in and out, unread ones marked, and
 * above them the messages that have not reached the partner yet, with their next try, and the
 * ones the module gave up sending, which staff may send again.
 * Staff who may act can write to the partner (action sendMessage) and mark messages read
 * (action markMessagesRead) when the backend offers those actions now (not on closed requests).
 */
export function RequestMessages({ requestId }: { requestId: string }) {
  const intl = useIntl();
  const callout = useCallout();
  const stripes = useStripes();
  const canManage = stripes.hasPerm(PERM_MANAGE) === true;
  const actions = useRequestActions(requestId, canManage);
  const offered = new Set((actions.data?.actions ?? []).map((a) => a.code));
  const messages = useRequestMessages(requestId);
  const failed = useFailedMessages(requestId, stripes.hasPerm(PERM_OUTBOX_VIEW) === true);
  const canRetry = stripes.hasPerm(PERM_OUTBOX_RETRY) === true;
  const perform = usePerformAction(requestId);
  const loadError = useApiError(messages.error);
  const [text, setText] = useState('');
  const [showError, setShowError] = useState(false);

  const run = (code: 'sendMessage' | 'markMessagesRead', parameters: Record<string, string>, done: string) => {
    perform.mutate({ code, parameters }, {
      onSuccess: () => {
        if (code === 'sendMessage') setText('');
        callout.sendCallout({ type: 'success', message: <FormattedMessage id={`${T}.messages.${done}`} /> });
      },
      onError: async (error) => {
        const problems = wordApiError(intl, await readApiError(error));
        callout.sendCallout({ type: 'error', timeout: 0, message: <FormattedMessage id={`${T}.messages.failed`} values={{ message: problems.join(' ') }} /> });
      },
    });
  };

  const send = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') {
      setShowError(true);
      return;
    }
    run('sendMessage', { note: text.trim() }, 'sent');
  };

  if (messages.isLoading) return <Loading />;
  if (loadError) return <MessageBanner type="error">{loadError.join(' ')}</MessageBanner>;
  const list = messages.data?.messages ?? [];
  const unread = messages.data?.unread ?? 0;
  return (
    <div id="rs-request-messages">
      {(failed.data ?? []).filter((m) => !isWithdrawn(m)).map((m) => <FailedBanner key={m.id} m={m} canRetry={canRetry} />)}
      {(messages.data?.waiting ?? []).map((w, i) => <WaitingBanner key={`${w.partnerSymbol}-${w.since}-${i}`} w={w} />)}
      {list.length === 0 ? (
        <p><FormattedMessage id={`${T}.messages.empty`} /></p>
      ) : (
        <ol className="rs-messages">{list.map((m) => <MessageItem key={m.id} m={m} />)}</ol>
      )}
      {canManage && unread > 0 && offered.has('markMessagesRead') ? (
        <Button id="rs-messages-mark-read" disabled={perform.isLoading} onClick={() => run('markMessagesRead', {}, 'markedRead')}>
          <FormattedMessage id={`${T}.messages.markRead`} values={{ count: unread }} />
        </Button>
      ) : null}
      {canManage && offered.has('sendMessage') ? (
        <form id="rs-message-form" onSubmit={send} noValidate>
          <TextArea
            id="rs-message-text"
            label={intl.formatMessage({ id: `${T}.messages.write` })}
            value={text}
            onChange={(e) => { setText(e.target.value); setShowError(false); }}
            error={showError ? <FormattedMessage id={`${T}.validation.required`} /> : undefined}
          />
          <Button type="submit" id="rs-message-send" buttonStyle="primary" disabled={perform.isLoading}>
            <FormattedMessage id={`${T}.messages.send`} />
          </Button>
        </form>
      ) : null}
    </div>
  );
}
