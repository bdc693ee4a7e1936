import { useEffect, useMemo } from 'react';
import { useQuery } from '@apollo/client';
import { useQueryClient } from 'react-query';
import type { AuditRecord, ResourceSharingRequest } from '../types/request';
import { useResourceSharingGraphql, withoutNulls } from './endpoint';
import { REQUEST_DETAIL } from './queries';
import type { RequestDetail } from './types';

interface DetailData {
  request: RequestDetail | null;
}

/** A failed read, shaped like a react-query result for the detail view. */
export interface Loaded<T> {
  isLoading: boolean;
  data?: T;
  error?: unknown;
}

/**
 * The request detail in one GraphQL query: the record with its rota, partner entry and audit
 * trail. Actions still go through REST (react-query mutations); after any mutation ends, success
 * or failure, the query is read again, so the detail shows the request as it is now.
 */
export function useRequestDetail(id: string): { request: Loaded<RequestDetail>; audit: Loaded<{ auditRecords: AuditRecord[] }> } {
  const context = useResourceSharingGraphql();
  const result = useQuery<DetailData, { id: string }>(REQUEST_DETAIL, {
    variables: { id },
    context,
    fetchPolicy: 'no-cache',
    errorPolicy: 'all',
  });
  const { refetch } = result;
  const queryClient = useQueryClient();
  useEffect(() => {
    const seen = new Set<number>();
    return queryClient.getMutationCache().subscribe((mutation) => {
      const status = mutation?.state.status;
      if (!mutation || (status !== 'success' && status !== 'error') || seen.has(mutation.mutationId)) return;
      seen.add(mutation.mutationId);
      void refetch().catch((): void => undefined);
    });
  }, [queryClient, refetch]);

  return useMemo(() => {
    const raw = result.data?.request ?? undefined;
    const errors = result.error?.graphQLErrors ?? [];
    const fieldError = (field: string) => errors.find((e) => e.path?.[0] === 'request' && e.path?.[1] === field);
    const requestError = !raw ? (result.error ?? (result.loading ? undefined : new Error(`Request ${id} not found`))) : undefined;
    const request = raw ? (withoutNulls(raw) as RequestDetail) : undefined;
    const auditRecords = request?.audit?.map((a) => ({ ...a, requestId: id }));
    const detail = request ? ({ ...request, audit: undefined } as RequestDetail & ResourceSharingRequest) : undefined;
    return {
      request: { isLoading: result.loading && !raw, data: detail, error: requestError },
      audit: {
        isLoading: result.loading && !raw,
        data: auditRecords ? { auditRecords } : undefined,
        error: fieldError('audit') ?? (auditRecords ? undefined : requestError),
      },
    };
  }, [result.data, result.error, result.loading, id]);
}
