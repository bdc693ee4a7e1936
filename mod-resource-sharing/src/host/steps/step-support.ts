// Small pieces the host steps share: the actor of automatic host work, saving what the host
// already holds when a step fails half-way, clearing a host error once the work succeeded, and
// the partner facts (return address, institutional patron) taken from the directory.
import type { Database } from '../../db/database.ts';
import { findEntryBySymbol, type PostalAddress } from '../../directory/index.ts';
import type { Actor } from '../../requests/audit.ts';
import { getRequest, saveRequest } from '../../requests/request-store.ts';
import type { HostRecords, ResourceSharingRequest } from '../../requests/request-types.ts';
import { findState, getModel } from '../../statemodel/index.ts';

/** Who the audit trail names for work the module does in the host by itself. */
export const HOST_ACTOR: Actor = { type: 'system', id: 'host' };
/** The timer sweep that follows the host (patron loans, clean-up). */
export const HOST_SYNC_ACTOR: Actor = { type: 'system', id: 'host-sync' };

/** flagRequest writes host errors with this prefix. */
export const HOST_ERROR_PREFIX = 'Library system:';

export function recordsOf(request: ResourceSharingRequest, adapter: string): HostRecords {
  return { ...(request.hostRecords ?? {}), adapter };
}

/** Stores how far the host work got (so a retry reuses it), without changing the request's state. */
export async function saveHostProgress(db: Database, tenant: string, requestId: string, records: HostRecords, action: string): Promise<void> {
  const fresh = await getRequest(db, tenant, requestId);
  if (!fresh) return;
  await db.transaction((tx) =>
    saveRequest(tx, tenant, { ...fresh, hostRecords: records }, HOST_ACTOR, { action: `${action}:host`, message: 'library system work saved for a retry' }),
  );
}

/** needsAttention as the state and the attention reasons say, without a host error. */
export function attentionWithoutHostError(request: ResourceSharingRequest): boolean {
  const state = findState(getModel(request.stateModel), request.state);
  return (state?.needsAttention ?? false) || (request.attention ?? []).length > 0;
}

/** The patch that clears a host error left by an earlier failure of the same work. */
export function clearHostError(request: ResourceSharingRequest): Partial<ResourceSharingRequest> {
  if (!request.lastError?.startsWith(HOST_ERROR_PREFIX)) return {};
  return { lastError: undefined, needsAttention: attentionWithoutHostError(request) };
}

function formatAddress(a: PostalAddress): string {
  return [a.name, a.line1, a.line2, [a.postalCode, a.locality].filter(Boolean).join(' '), a.region, a.country]
    .filter((p) => p && p.trim())
    .join(', ');
}

/** Where a borrowed item goes back to, in words for circulation staff. */
export async function returnAddressOf(db: Database, tenant: string, lenderSymbol: string | undefined): Promise<string> {
  if (!lenderSymbol) return 'the lending library';
  const entry = await findEntryBySymbol(db, tenant, lenderSymbol);
  if (!entry) return lenderSymbol;
  const address = entry.returnAddress ?? entry.shippingAddress;
  const text = address ? formatAddress(address) : '';
  return text ? `${entry.name} (${lenderSymbol}), ${text}` : `${entry.name} (${lenderSymbol})`;
}

/** The patron record in our host that stands for the borrowing library, when its directory entry names one. */
export async function institutionalPatronOf(db: Database, tenant: string, requesterSymbol: string | undefined): Promise<string | undefined> {
  if (!requesterSymbol) return undefined;
  const entry = await findEntryBySymbol(db, tenant, requesterSymbol);
  return entry?.institutionalPatronBarcode || undefined;
}

export function isTerminal(request: ResourceSharingRequest): boolean {
  return findState(getModel(request.stateModel), request.state)?.terminal ?? false;
}
