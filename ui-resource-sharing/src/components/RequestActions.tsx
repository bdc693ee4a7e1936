/** @jsxRuntime automatic @jsxImportSource react */
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Button, Loading, MessageBanner } from '@folio/stripes/components';
import { useCallout } from '@folio/stripes/core';
import { usePerformAction, useRequestActions } from '../data/hooks';
import { ActionForm } from '../forms/ActionForm';
import type { ActionParameterValues, RequestAction } from '../types/request';
import { readApiError } from '../utils/errors';
import { T, actionLabel } from '../utils/labels';
import { useApiError } from './useApiError';

const MESSAGE_ACTIONS = ['sendMessage', 'markMessagesRead'];

/** The actions the backend allows now, one button each; a button opens the action's form. */
export function RequestActions({ requestId, attention = [] }: { requestId: string; attention?: string[] }) {
  const intl = useIntl();
  const callout = useCallout();
  const actions = useRequestActions(requestId, true);
  const perform = usePerformAction(requestId);
  const loadError = useApiError(actions.error);
  const [open, setOpen] = useState<RequestAction | undefined>();

  if (actions.isLoading) return <Loading />;
  if (loadError) return <MessageBanner type="error">{loadError.join(' ')}</MessageBanner>;
  // the conversation has its own section (RequestMessages)
  // retrying delivery only makes sense after a delivery failed
  const list = (actions.data?.actions ?? []).filter(
    (a) => !MESSAGE_ACTIONS.includes(a.code) && (a.code !== 'retryDelivery' || attention.includes('deliveryFailed')),
  );

  const submit = (action: RequestAction, parameters: ActionParameterValues) => {
    perform.mutate({ code: action.code, parameters }, {
      onSuccess: () => {
        setOpen(undefined);
        callout.sendCallout({ type: 'success', message: <FormattedMessage id={`${T}.action.done`} values={{ action: actionLabel(intl, action) }} /> });
      },
      onError: async (error) => {
        const { messages } = await readApiError(error);
        callout.sendCallout({
          type: 'error',
          timeout: 0,
          message: <FormattedMessage id={`${T}.action.failed`} values={{ action: actionLabel(intl, action), message: messages.join(' ') }} />,
        });
      },
    });
  };

  return (
    <div id="rs-request-actions">
      {list.length === 0 ? <p><FormattedMessage id={`${T}.action.none`} /></p> : null}
      <div className="rs-action-buttons">
        {list.map((a) => (
          <Button
            key={a.code}
            id={`rs-action-${a.code}`}
            buttonStyle={open?.code === a.code ? 'primary' : 'default'}
            aria-pressed={open?.code === a.code}
            onClick={() => setOpen(open?.code === a.code ? undefined : a)}
            disabled={perform.isLoading}
          >
            {actionLabel(intl, a)}
          </Button>
        ))}
      </div>
      {open ? (
        <ActionForm
          key={open.code}
          action={open}
          submitting={perform.isLoading}
          onSubmit={(parameters) => submit(open, parameters)}
          onCancel={() => setOpen(undefined)}
        />
      ) : null}
    </div>
  );
}
