/** @jsxRuntime automatic @jsxImportSource react */
import { useEffect, useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Button, Loading, MessageBanner } from '@folio/stripes/components';
import { useCallout, useOkapiKy } from '@folio/stripes/core';
import { fetchRequest } from '../data/api';
import { usePerformAction, useRequestActions } from '../data/hooks';
import { ActionForm } from '../forms/ActionForm';
import type { ActionParameterValues, RequestAction } from '../types/request';
import { readApiError } from '../utils/errors';
import { wordApiError } from '../utils/error-words';
import { T, actionLabel, stateLabel } from '../utils/labels';
import { useApiError } from './useApiError';

const MESSAGE_ACTIONS = ['sendMessage', 'markMessagesRead'];

/** The request as the pane shows it: the action is performed on this version. */
export interface ShownRequest {
  id: string;
  state: string;
  _version?: number;
  attention?: string[];
}

/** What stripes-components' Pane calls its `actionMenu` with. */
interface MenuArgs {
  onToggle: () => void;
}

export interface RequestActionsUi {
  /** for Pane's `actionMenu`: the actions the backend allows now, one menu item each */
  actionMenu: (args: MenuArgs) => ReactNode;
  /** the chosen action's form, for the pane's body */
  form: ReactNode;
}

/**
 * The request's actions as FOLIO apps show them: items of the detail pane header's Actions menu;
 * an item opens the action's form in the pane. The action is sent with the `_version` shown; when
 * a colleague or a partner changed the request meanwhile the module refuses it (409) and the
 * callout says what the request is now. Success or failure, the pane is read again.
 */
export function useRequestActionsUi(request: ShownRequest, enabled: boolean): RequestActionsUi | undefined {
  const intl = useIntl();
  const ky = useOkapiKy();
  const callout = useCallout();
  const actions = useRequestActions(request.id, enabled);
  const perform = usePerformAction(request.id);
  const loadError = useApiError(actions.error);
  const [open, setOpen] = useState<RequestAction | undefined>();
  const attention = request.attention ?? [];

  // the conversation has its own pane (RequestChat); retrying delivery only after a delivery failed
  const list = (actions.data?.actions ?? []).filter(
    (a) => !MESSAGE_ACTIONS.includes(a.code) && (a.code !== 'retryDelivery' || attention.includes('deliveryFailed')),
  );
  const listKey = list.map((a) => a.code).join(',');
  // an action that is no longer possible (the request moved on) closes its form
  useEffect(() => {
    if (open && actions.data && !listKey.split(',').includes(open.code)) setOpen(undefined);
  }, [listKey, open, actions.data]);

  const refused = async (action: RequestAction, error: unknown) => {
    const read = await readApiError(error);
    let message: ReactNode;
    if (read.status === 409) {
      const now = await fetchRequest(ky, request.id).catch((): undefined => undefined);
      setOpen(undefined);
      message = now && now.state !== request.state
        ? <FormattedMessage id={`${T}.action.conflict`} values={{ action: actionLabel(intl, action), state: stateLabel(intl, now.state) }} />
        : <FormattedMessage id={`${T}.action.conflictSameState`} values={{ action: actionLabel(intl, action), state: stateLabel(intl, now?.state ?? request.state) }} />;
    } else {
      message = <FormattedMessage id={`${T}.action.failed`} values={{ action: actionLabel(intl, action), message: wordApiError(intl, read).join(' ') }} />;
    }
    callout.sendCallout({ type: 'error', timeout: 0, message });
  };

  const submit = (action: RequestAction, parameters: ActionParameterValues) => {
    perform.mutate({ code: action.code, parameters, version: request._version }, {
      onSuccess: () => {
        setOpen(undefined);
        callout.sendCallout({ type: 'success', message: <FormattedMessage id={`${T}.action.done`} values={{ action: actionLabel(intl, action) }} /> });
      },
      onError: (error) => { void refused(action, error); },
    });
  };

  const actionMenu = ({ onToggle }: MenuArgs): ReactNode => {
    if (actions.isLoading) return <Loading />;
    if (loadError) return <MessageBanner type="error">{loadError.join(' ')}</MessageBanner>;
    if (list.length === 0) return <p id="rs-request-no-actions"><FormattedMessage id={`${T}.action.none`} /></p>;
    return (
      <div id="rs-request-actions">
        {list.map((a) => (
          <Button
            key={a.code}
            id={`rs-action-${a.code}`}
            buttonStyle="dropdownItem"
            role="menuitem"
            disabled={perform.isLoading}
            onClick={() => { onToggle(); setOpen(a); }}
          >
            {actionLabel(intl, a)}
          </Button>
        ))}
      </div>
    );
  };

  const form = open ? (
    <ActionForm
      key={open.code}
      action={open}
      submitting={perform.isLoading}
      onSubmit={(parameters) => submit(open, parameters)}
      onCancel={() => setOpen(undefined)}
    />
  ) : null;
  return enabled ? { actionMenu, form } : undefined;
}
