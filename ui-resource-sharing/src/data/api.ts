import type { useOkapiKy } from '@folio/stripes/core';
import type {
  ActionCollection, ActionParameterValues, AuditCollection, FailedMessage, MessageCollection, NewBorrowingRequest, ResourceSharingRequest, RotaPreview,
  RotaPreviewQuery,
} from '../types/request';
import type { RequestPage } from './facets';

// Calls to mod-resource-sharing through the platform's ky instance (relative paths, Okapi headers added by it).

export type OkapiKy = ReturnType<typeof useOkapiKy>;

const BASE = 'resource-sharing/requests';

export const PAGE_SIZE = 50;

/** Extra list parameters: `facets` (e.g. `state:50,serviceType`) adds `resultInfo.facets`; `totalRecords=none` skips the count. */
export interface ListOptions {
  facets?: string;
  totalRecords?: 'none';
}

export function fetchRequests(ky: OkapiKy, query: string, offset: number, limit = PAGE_SIZE, options: ListOptions = {}): Promise<RequestPage> {
  const searchParams: Record<string, string | number> = { query, offset, limit };
  if (options.facets) searchParams.facets = options.facets;
  if (options.totalRecords) searchParams.totalRecords = options.totalRecords;
  return ky.get(BASE, { searchParams }).json<RequestPage>();
}

export function fetchRequest(ky: OkapiKy, id: string): Promise<ResourceSharingRequest> {
  return ky.get(`${BASE}/${encodeURIComponent(id)}`).json<ResourceSharingRequest>();
}

export function fetchAudit(ky: OkapiKy, id: string): Promise<AuditCollection> {
  return ky.get(`${BASE}/${encodeURIComponent(id)}/audit`).json<AuditCollection>();
}

export function fetchActions(ky: OkapiKy, id: string): Promise<ActionCollection> {
  return ky.get(`${BASE}/${encodeURIComponent(id)}/actions`).json<ActionCollection>();
}

/** The request's messages the module gave up sending (the outbox's failed ones). */
export async function fetchFailedMessages(ky: OkapiKy, requestId: string): Promise<FailedMessage[]> {
  const page = await ky.get('resource-sharing/outbox', { searchParams: { requestId, status: 'failed', limit: 100 } }).json<{ messages: FailedMessage[] }>();
  return page.messages;
}

/** Puts a failed message back in the queue: the module sends it again at once. */
export async function retryMessage(ky: OkapiKy, messageId: string): Promise<void> {
  await ky.post(`resource-sharing/outbox/${encodeURIComponent(messageId)}/retry`);
}

export function fetchMessages(ky: OkapiKy, id: string): Promise<MessageCollection> {
  return ky.get(`${BASE}/${encodeURIComponent(id)}/messages`).json<MessageCollection>();
}

/**
 * Performs an action on the request as it was shown: `version` is the `_version` the user saw, so
 * the module refuses (409) when a colleague or a partner changed the request meanwhile.
 */
export async function performAction(ky: OkapiKy, id: string, code: string, parameters: ActionParameterValues, version?: number): Promise<void> {
  const json = version === undefined ? { parameters } : { parameters, _version: version };
  await ky.post(`${BASE}/${encodeURIComponent(id)}/actions/${encodeURIComponent(code)}`, { json });
}

export function createBorrowingRequest(ky: OkapiKy, request: NewBorrowingRequest): Promise<ResourceSharingRequest> {
  return ky.post(BASE, { json: request }).json<ResourceSharingRequest>();
}

/** The rota a request with these attributes would get now (the broker, when it would go through one). */
export function previewRota(ky: OkapiKy, query: RotaPreviewQuery): Promise<RotaPreview> {
  return ky.post('resource-sharing/rotas/preview', { json: query }).json<RotaPreview>();
}
