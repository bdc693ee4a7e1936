// When the outbox gives up on a message (the partner refused it, or retries ran out), the
// request it belongs to is flagged for staff with the error, through the state model's
// deliveryFailed action, in the same transaction that records the failure.
import { setOutboxHooks } from '../outbox/index.ts';
import { getRequest } from '../requests/request-store.ts';
import { performActionInTx } from './perform-action.ts';

export function installOutboxHooks(): void {
  setOutboxHooks({
    async onFailed(tx, tenant, row, failure) {
      if (!row.requestId || !(await getRequest(tx, tenant, row.requestId))) return;
      const error = failure.errorType ? `${failure.errorType}: ${failure.errorValue ?? failure.message}` : failure.message;
      await performActionInTx(tx, {
        tenant,
        requestId: row.requestId,
        action: 'deliveryFailed',
        who: 'system',
        params: { error: `Message to ${row.partnerSymbol} not delivered: ${error}`.slice(0, 1000) },
        actor: { type: 'system', id: 'outbox' },
        patch: { lastError: `Message to ${row.partnerSymbol} not delivered: ${error}` },
      });
    },
  });
}
