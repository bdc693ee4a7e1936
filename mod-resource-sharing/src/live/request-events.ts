// What a change to a request tells the live screens. The transaction that writes a request sends
// a NOTIFY with it: PostgreSQL delivers it to every module instance that LISTENs, and only when
// the transaction commits (a rolled-back change sends nothing). PGlite does the same in-process.
import type { Sql } from '../db/database.ts';
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

/** Called inside the transaction that wrote `r`. */
export async function notifyRequestChanged(tx: Sql, tenant: string, r: ResourceSharingRequest): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [REQUEST_CHANNEL, JSON.stringify(requestChange(tenant, r))]);
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
