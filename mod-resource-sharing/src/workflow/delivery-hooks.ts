// What the workflow does with the outbox's delivery outcomes, inside the transaction that records
// each outcome:
// - our request (New or Retry) to the current supplier failed for good (refused: an ERROR
//   confirmation or a 4xx; or unreachable past the library's short budget for new requests): the
//   request moves on to the next supplier, its rota entry says why, and anything else still queued
//   for that supplier is withdrawn; if staff had already asked to cancel, it is cancelled;
// - any other message failed for good: the request is flagged (deliveryFailed) with the error;
// - a message keeps failing temporarily past the library's threshold: the request is flagged once
//   (deliveryDelayed) with the error and the next try; the flag goes when the message gets through.
import type { Database, Sql } from '../db/database.ts';
import { duration, setOutboxHooks, withdrawPending, type AfterCommit, type OutboxMessage, type RetryPolicy } from '../outbox/index.ts';
import { getRequest } from '../requests/request-store.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';
import { getSettings } from '../settings/settings-store.ts';
import { advance } from './advance.ts';
import { isRequestMessage } from './outgoing.ts';
import { performActionInTx } from './perform-action.ts';
import { sameSymbol } from './symbols.ts';

const OUTBOX_ACTOR = { type: 'system', id: 'outbox' } as const;

/** The retry window of one message, from the tenant's settings. */
export async function retryPolicyOf(sql: Sql, tenant: string, row: OutboxMessage): Promise<RetryPolicy> {
  const s = await getSettings(sql, tenant);
  // A new request has a short budget: a supplier that cannot be reached in minutes is passed over
  // (the next one in the rota may supply today). Everything else waits out maintenance windows.
  if (isRequestMessage(row.body)) return { giveUpAfterMs: s.requestDeliveryMinutes * 60_000 };
  return { giveUpAfterMs: s.deliveryRetryHours * 3_600_000, flagAfterMs: s.deliveryAttentionMinutes * 60_000 };
}

function isCurrentSupplier(req: ResourceSharingRequest, partner: string): boolean {
  return req.role === 'borrowing' && sameSymbol(req.supplierSymbol, partner);
}

async function requestNotDelivered(
  tx: Sql,
  tenant: string,
  req: ResourceSharingRequest,
  row: OutboxMessage,
  problem: string,
): Promise<AfterCommit | undefined> {
  await withdrawPending(tx, tenant, {
    requestId: req.id,
    partnerSymbol: row.partnerSymbol,
    reason: `our request to ${row.partnerSymbol} was not delivered (${problem.slice(0, 200)})`,
  });
  const cancelled = req.state === 'REQ_CANCEL_PENDING';
  await performActionInTx(tx, {
    tenant,
    requestId: req.id,
    action: 'requestNotDelivered',
    who: 'system',
    outcome: cancelled ? 'cancelled' : 'ok',
    params: { problem: problem.slice(0, 1000) },
    actor: OUTBOX_ACTOR,
    patch: { lastError: `${row.partnerSymbol} ${problem}`.slice(0, 1000) },
    lockedRequest: req,
  });
  if (cancelled) return undefined;
  // After the commit: on to the next supplier in the rota (or the end of the rota).
  return async (db: Database) => {
    await advance(db, tenant, req.id);
  };
}

export function installOutboxHooks(): void {
  setOutboxHooks({
    retryPolicy: retryPolicyOf,

    async onFailed(tx, tenant, row, failure) {
      if (!row.requestId) return;
      const req = await getRequest(tx, tenant, row.requestId, { forUpdate: true });
      if (!req) return;
      const error = failure.errorType ? `${failure.errorType}: ${failure.errorValue ?? failure.message}` : failure.message;
      if (
        isRequestMessage(row.body) &&
        isCurrentSupplier(req, row.partnerSymbol) &&
        (req.state === 'REQ_SENT_TO_SUPPLIER' || req.state === 'REQ_CANCEL_PENDING')
      ) {
        const problem = failure.reason === 'rejected' ? `refused our request: ${error}` : `not reachable: ${error}`;
        return requestNotDelivered(tx, tenant, req, row, problem);
      }
      if (isRequestMessage(row.body) && req.role === 'borrowing' && !isCurrentSupplier(req, row.partnerSymbol)) {
        // The request has moved on from this supplier already (staff skipped it while our request
        // was on its way): nothing to flag; what still waits for it (a Cancel) has nothing to cancel.
        await withdrawPending(tx, tenant, { requestId: req.id, partnerSymbol: row.partnerSymbol, reason: `our request to ${row.partnerSymbol} was not delivered` });
        return;
      }
      await performActionInTx(tx, {
        tenant,
        requestId: row.requestId,
        action: 'deliveryFailed',
        who: 'system',
        params: { error: `Message to ${row.partnerSymbol} not delivered: ${error}`.slice(0, 1000) },
        actor: OUTBOX_ACTOR,
        patch: { lastError: `Message to ${row.partnerSymbol} not delivered: ${error}` },
        lockedRequest: req,
      });
    },

    async onRetrying(tx, tenant, row, retry) {
      if (!retry.overdue || !row.requestId) return;
      const req = await getRequest(tx, tenant, row.requestId, { forUpdate: true });
      if (!req || req.attention?.includes('deliveryDelayed')) return;
      const waited = duration(retry.waitedMs);
      const error = `Message to ${row.partnerSymbol} not delivered for ${waited} (${retry.message}); next try ${retry.nextAttemptAt}, trying until ${retry.giveUpAt}`;
      await performActionInTx(tx, {
        tenant,
        requestId: row.requestId,
        action: 'deliveryDelayed',
        who: 'system',
        params: { error: error.slice(0, 1000) },
        actor: OUTBOX_ACTOR,
        patch: { lastError: error },
        lockedRequest: req,
      });
    },

    // Only a message that failed before can have flagged its request.
    onDeliveredApplies: (row) => row.attempts > 1 && !!row.requestId,

    async onDelivered(tx, tenant, row) {
      if (row.attempts <= 1 || !row.requestId) return;
      const req = await getRequest(tx, tenant, row.requestId, { forUpdate: true });
      if (!req?.attention?.includes('deliveryDelayed')) return;
      await performActionInTx(tx, {
        tenant,
        requestId: row.requestId,
        action: 'deliveryResumed',
        who: 'system',
        actor: OUTBOX_ACTOR,
        lockedRequest: req,
      });
    },
  });
}
