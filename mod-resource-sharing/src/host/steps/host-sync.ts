// The host timer's sweep (POST /resource-sharing/timers/host): follows what happens in the
// library system without the module being asked. When the patron's loan of a borrowed item
// appears, its due date becomes the lender's minus the delivery offset; when the patron has
// returned it (the loan closed), the request moves to awaiting return shipping; and temporary
// records of finished requests that could not be removed before are removed now.
import type { Database } from '../../db/database.ts';
import { schemaOf } from '../../db/tenant-schema.ts';
import { ConflictError } from '../../okapi/errors.ts';
import { getRequest, saveRequest } from '../../requests/request-store.ts';
import type { ResourceSharingRequest } from '../../requests/request-types.ts';
import { flagRequest, runAction } from '../../workflow/run-action.ts';
import { hostForTenant, type TenantHostInfo } from '../host-for-tenant.ts';
import { followPatronLoan, ITEM_WITH_US_STATES, removeTemporaryRecords } from './borrowing-steps.ts';
import { clearHostError, HOST_ERROR_PREFIX, HOST_SYNC_ACTOR, isTerminal } from './step-support.ts';

export interface HostSyncResult {
  /** the adapter is manual: nothing to follow */
  skipped?: string;
  /** requests looked at */
  checked: number;
  /** patron due dates set */
  dueDatesSet: number;
  /** patron returns noticed (request moved to awaiting return shipping) */
  returned: number;
  /** requests whose temporary records were removed */
  removed: number;
  failed: number;
  errors?: { requestId: string; message: string }[];
}

async function save(db: Database, tenant: string, request: ResourceSharingRequest, patch: Partial<ResourceSharingRequest>, message: string): Promise<void> {
  const fresh = await getRequest(db, tenant, request.id);
  if (!fresh || fresh._version !== request._version) return; // changed meanwhile: next sweep
  await db.transaction((tx) => saveRequest(tx, tenant, { ...fresh, ...patch }, HOST_SYNC_ACTOR, { action: 'hostSync', message }));
}

async function syncOne(db: Database, tenant: string, info: TenantHostInfo, request: ResourceSharingRequest, result: HostSyncResult): Promise<void> {
  if (isTerminal(request)) {
    const patch = await removeTemporaryRecords(info, request);
    if (patch) {
      await save(db, tenant, request, patch, 'temporary records removed from the library system');
      result.removed++;
    }
    return;
  }
  if (!ITEM_WITH_US_STATES.includes(request.state)) return;
  const seen = await followPatronLoan(info, request);
  if (seen === 'returned') {
    await runAction(db, {
      tenant,
      requestId: request.id,
      action: 'patronReturned',
      who: 'system',
      actor: HOST_SYNC_ACTOR,
      expectedVersion: request._version,
    });
    result.returned++;
    return;
  }
  if (seen && Object.keys(seen).length) {
    if (seen.patronDueDate) result.dueDatesSet++;
    await save(db, tenant, request, { ...seen, ...clearHostError(request) }, seen.patronDueDate ? `patron due date ${seen.patronDueDate}` : 'patron loan seen');
  }
}

/** One pass over the tenant's borrowing requests that have records in the host. */
export async function syncHost(db: Database, tenant: string, limit = 100): Promise<HostSyncResult> {
  const result: HostSyncResult = { checked: 0, dueDatesSet: 0, returned: 0, removed: 0, failed: 0 };
  const info = await hostForTenant(db, tenant);
  if (info.host.kind === 'manual') return { ...result, skipped: 'hostAdapter is manual' };
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM ${schemaOf(tenant)}.requests
     WHERE role = 'borrowing' AND jsonb->'hostRecords'->>'itemId' IS NOT NULL
       AND coalesce(jsonb->'hostRecords'->>'removed', 'false') <> 'true'
     ORDER BY updated_date LIMIT $1`,
    [limit],
  );
  for (const { id } of rows) {
    const request = await getRequest(db, tenant, id);
    if (!request) continue;
    result.checked++;
    try {
      await syncOne(db, tenant, info, request, result);
    } catch (e) {
      if (e instanceof ConflictError) continue; // changed meanwhile: looked at again next time
      result.failed++;
      const message = e instanceof Error ? e.message : String(e);
      (result.errors ??= []).push({ requestId: id, message });
      const reason = `${HOST_ERROR_PREFIX} ${message}`;
      if (request.lastError !== reason) await flagRequest(db, tenant, id, 'hostSync', reason);
    }
  }
  return result;
}
