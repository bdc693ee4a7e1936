import { useOkapiKy } from '@folio/stripes/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from 'react-query';
import type { ActionParameterValues, NewBorrowingRequest, RequestCollection } from '../types/request.ts';
import {
  PAGE_SIZE, createBorrowingRequest, fetchActions, fetchAudit, fetchMessages, fetchRequest, fetchRequests, performAction,
} from './api.ts';

// react-query hooks over the API. Every key starts with REQUESTS_KEY so one invalidation
// after a change refreshes lists, the record, its audit trail and its actions.
export const REQUESTS_KEY = 'ui-resource-sharing:requests';

export function useRequestList(query: string) {
  const ky = useOkapiKy();
  return useInfiniteQuery<RequestCollection, unknown>(
    [REQUESTS_KEY, 'list', query],
    ({ pageParam }) => fetchRequests(ky, query, typeof pageParam === 'number' ? pageParam : 0, PAGE_SIZE),
    {
      getNextPageParam: (last, pages) => {
        const loaded = pages.reduce((n, p) => n + p.requests.length, 0);
        return loaded < last.totalRecords && last.requests.length > 0 ? loaded : undefined;
      },
      keepPreviousData: true,
    },
  );
}

export function useRequest(id: string) {
  const ky = useOkapiKy();
  return useQuery([REQUESTS_KEY, 'item', id], () => fetchRequest(ky, id));
}

export function useRequestAudit(id: string) {
  const ky = useOkapiKy();
  return useQuery([REQUESTS_KEY, 'audit', id], () => fetchAudit(ky, id));
}

export function useRequestActions(id: string, enabled: boolean) {
  const ky = useOkapiKy();
  return useQuery([REQUESTS_KEY, 'actions', id], () => fetchActions(ky, id), { enabled });
}

export function useRequestMessages(id: string) {
  const ky = useOkapiKy();
  return useQuery([REQUESTS_KEY, 'messages', id], () => fetchMessages(ky, id));
}

export function usePerformAction(id: string) {
  const ky = useOkapiKy();
  const queryClient = useQueryClient();
  return useMutation(
    ({ code, parameters }: { code: string; parameters: ActionParameterValues }) => performAction(ky, id, code, parameters),
    { onSuccess: () => queryClient.invalidateQueries(REQUESTS_KEY) },
  );
}

export function useCreateBorrowingRequest() {
  const ky = useOkapiKy();
  const queryClient = useQueryClient();
  return useMutation(
    (request: NewBorrowingRequest) => createBorrowingRequest(ky, request),
    { onSuccess: () => queryClient.invalidateQueries(REQUESTS_KEY) },
  );
}
