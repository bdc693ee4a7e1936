// Keeps a staff screen current without reloading: on each change the module announces, the
// react-query data of resource sharing (lists, counts, actions, messages) and the active Apollo
// queries (the request detail) are read again; a burst of changes is read once.
import { useContext, useEffect, useRef } from 'react';
import { getApolloContext } from '@apollo/client';
import { useQueryClient } from 'react-query';
import { useStripes } from '@folio/stripes/core';
import { REQUESTS_KEY } from '../data/hooks';
import { okapiOf } from '../types/stripes';
import { subscribeLive, type LiveConnection, type RequestChange } from './live-stream';

/** how long a burst of changes is gathered before one refetch */
const GATHER_MS = 100;


/**
 * Subscribes the screen to the module's live stream. `role` and `id` narrow what counts as a change
 * for this screen (a list of one role, one request); without them any change does.
 */
export function useLiveUpdates(scope: { role?: 'borrowing' | 'lending'; id?: string } = {}): void {
  const stripes = useStripes();
  const { url, tenant, token } = okapiOf(stripes);
  const queryClient = useQueryClient();
  const apollo = useContext(getApolloContext()).client;
  const { role, id } = scope;
  const latest = useRef({ queryClient, apollo });
  latest.current = { queryClient, apollo };

  useEffect(() => {
    const conn: LiveConnection = { okapiUrl: url, tenant, token, path: 'events' };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refetch = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        const { queryClient: qc, apollo: client } = latest.current;
        void qc.invalidateQueries(REQUESTS_KEY);
        if (client) void client.refetchQueries({ include: 'active' }).catch((): void => undefined);
      }, GATHER_MS);
    };
    const concerns = (c: RequestChange) => (!role || c.role === role) && (!id || c.id === id);
    const stop = subscribeLive(conn, (event) => {
      if (event.type === 'resync' || concerns(event.change)) refetch();
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [url, tenant, token, role, id]);
}
