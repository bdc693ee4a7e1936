// What a change to a request tells the live screens. Once the transaction that wrote a request
// has committed, a NOTIFY announces it (request-notifier.ts; a rolled-back change announces
// nothing): PostgreSQL delivers it to every module instance that LISTENs; PGlite, in-process.
import type { ResourceSharingRequest } from '../requests/request-types.ts';

export const REQUEST_CHANNEL = 'resource_sharing_request_changed';

/** The NOTIFY payload (well under PostgreSQL's 8,000 bytes). */
export interface RequestChange {
  tenant: string;
  id: string;
  hrid?: string;
  role: ResourceSharingRequest['role'];
  state: string;
  version: number;
  needsAttention?: boolean;
  /** whose request it is, for the patron's own stream; never sent to staff streams */
  patronBarcode?: string;
}

export function requestChange(tenant: string, r: ResourceSharingRequest): RequestChange {
  return {
    tenant,
    id: r.id,
    hrid: r.hrid,
    role: r.role,
    state: r.state,
    version: r._version,
    needsAttention: r.needsAttention,
    ...(r.patron?.barcode ? { patronBarcode: r.patron.barcode.slice(0, 200) } : {}),
  };
}

/** The NOTIFY (channel and payload) for a committed write of `r` (sent by request-notifier.ts). */
export function notifyValues(tenant: string, r: ResourceSharingRequest): [string, string] {
  return [REQUEST_CHANNEL, JSON.stringify(requestChange(tenant, r))];
}

export function parseRequestChange(payload: string): RequestChange | undefined {
  try {
    const v = JSON.parse(payload) as Partial<RequestChange>;
    if (typeof v.tenant !== 'string' || typeof v.id !== 'string' || typeof v.state !== 'string') return undefined;
    return v as RequestChange;
  } catch {
    return undefined;
  }
}
