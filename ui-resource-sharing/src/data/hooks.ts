import { useOkapiKy } from '@folio/stripes/core';
import { useRef } from 'react';
import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from 'react-query';
import type { ActionParameterValues, NewBorrowingRequest, RotaPreviewQuery } from '../types/request';
import {
  PAGE_SIZE, createBorrowingRequest, previewRota, fetchActions, fetchAudit, fetchFailedMessages, fetchMessages, fetchRequest, fetchRequests, performAction,
  retryMessage,
} from './api';
import { COUNT_GROUPS, countsOf, type CountGroup, type Counts, type Facet, type FacetPlan, type RequestPage } from './facets';

// react-query hooks over the API. Every key starts with REQUESTS_KEY so one invalidation
// after a change refreshes lists, the record, its audit trail and its actions.
export const REQUESTS_KEY = 'ui-resource-sharing:requests';

/**
 * The pages of a list. `facets` (a `facets` parameter) is asked for with the first page only; its
 * answer is `pages[0].resultInfo.facets`.
 */
export function useRequestList(query: string, facets = '') {
  const ky = useOkapiKy();
  return useInfiniteQuery<RequestPage, unknown>(
    [REQUESTS_KEY, 'list', query, facets],
    ({ pageParam }) => {
      const offset = typeof pageParam === 'number' ? pageParam : 0;
      return fetchRequests(ky, query, offset, PAGE_SIZE, offset === 0 && facets ? { facets } : {});
    },
    {
      getNextPageParam: (last, pages) => {
        const loaded = pages.reduce((n, p) => n + p.requests.length, 0);
        return loaded < last.totalRecords && last.requests.length > 0 ? loaded : undefined;
      },
      keepPreviousData: true,
    },
  );
}

/**
 * The counts beside each filter group, per the plan: from the page's own facets (`pageFacets`,
 * undefined while the page shown is still the previous query's) and from facets-only requests.
 * While new counts load, a group keeps showing its last ones instead of flickering.
 */
export function useFacetCounts(plan: FacetPlan, pageFacets: Facet[] | undefined): Partial<Record<CountGroup, Counts>> {
  const ky = useOkapiKy();
  const results = useQueries(plan.extra.map(({ where, facets }) => ({
    queryKey: [REQUESTS_KEY, 'facets', where, facets],
    queryFn: () => fetchRequests(ky, where, 0, 0, { facets, totalRecords: 'none' }),
  })));
  const byWhere = new Map<string, Facet[] | undefined>([[plan.pageWhere, pageFacets]]);
  plan.extra.forEach(({ where }, i) => byWhere.set(where, results[i]?.data?.resultInfo?.facets));
  const last = useRef<Partial<Record<CountGroup, Counts>>>({});
  const counts: Partial<Record<CountGroup, Counts>> = {};
  for (const group of COUNT_GROUPS) {
    const { where, field } = plan.sources[group];
    const fresh = countsOf(byWhere.get(where), field);
    if (fresh) last.current[group] = fresh;
    counts[group] = fresh ?? last.current[group];
  }
  return counts;
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

/** The request's messages the module gave up sending (only for users who may see the outbox). */
export function useFailedMessages(id: string, enabled: boolean) {
  const ky = useOkapiKy();
  return useQuery([REQUESTS_KEY, 'failed', id], () => fetchFailedMessages(ky, id), { enabled });
}

/** Sends a failed message again; everything about the request is read again afterwards. */
export function useRetryMessage() {
  const ky = useOkapiKy();
  const queryClient = useQueryClient();
  return useMutation((messageId: string) => retryMessage(ky, messageId), { onSettled: () => queryClient.invalidateQueries(REQUESTS_KEY) });
}

/**
 * Performs an action with the `_version` shown. Success or failure, everything about the request
 * is read again afterwards (a refused action usually means the request is not what the pane showed).
 */
export function usePerformAction(id: string) {
  const ky = useOkapiKy();
  const queryClient = useQueryClient();
  return useMutation(
    ({ code, parameters, version }: { code: string; parameters: ActionParameterValues; version?: number }) => performAction(ky, id, code, parameters, version),
    { onSettled: () => queryClient.invalidateQueries(REQUESTS_KEY) },
  );
}

/** The rota preview of the request being written (nothing is stored). */
export function useRotaPreview() {
  const ky = useOkapiKy();
  return useMutation((query: RotaPreviewQuery) => previewRota(ky, query));
}

export function useCreateBorrowingRequest() {
  const ky = useOkapiKy();
  const queryClient = useQueryClient();
  return useMutation(
    (request: NewBorrowingRequest) => createBorrowingRequest(ky, request),
    { onSuccess: () => queryClient.invalidateQueries(REQUESTS_KEY) },
  );
}
