// The outbox over HTTP: the `_timer` sweep Okapi calls per tenant, the operators' list, and
// re-queueing a failed message.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { BadRequestError, NotFoundError, ValidationError } from '../okapi/errors.ts';
import { readPaging } from '../okapi/paging.ts';
import { drainOutbox } from './deliver.ts';
import { kickOutbox } from './kick.ts';
import { outboxSettings } from './outbox-config.ts';
import { listOutboxMessages, pruneDelivered, requeueFailed, unreachablePartners } from './outbox-store.ts';
import { OUTBOX_STATUSES, type OutboxStatus } from './outbox-types.ts';
import { uuidParam } from '../okapi/ids.ts';



export function registerOutboxRoutes(app: FastifyInstance, db: Database): void {
  app.post('/resource-sharing/timers/outbox', async (req) => {
    const { delivered, retried, failed } = await drainOutbox(db, req.tenant, { log: req.log });
    const pruned = await pruneDelivered(db, req.tenant, outboxSettings().deliveredRetentionDays);
    return { delivered, retried, failed, pruned };
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/resource-sharing/outbox', async (req) => {
    const { status, requestId } = req.query;
    if (status !== undefined && !OUTBOX_STATUSES.includes(status as OutboxStatus)) {
      throw new BadRequestError(`status must be one of ${OUTBOX_STATUSES.join(', ')}`);
    }
    return listOutboxMessages(
      db,
      req.tenant,
      { status: status as OutboxStatus | undefined, requestId: requestId ? uuidParam('requestId', requestId) : undefined },
      readPaging(req.query),
    );
  });

  // Partners we have not been able to reach for a while (default: the flag threshold, 1 h): since
  // when, the last error, the next try, how many messages wait. For the directory and request views.
  app.get<{ Querystring: { minutes?: string } }>('/resource-sharing/outbox/partners', async (req) => {
    const raw = req.query.minutes;
    const minutes = raw === undefined ? outboxSettings().flagAfterMs / 60_000 : Number(raw);
    if (!Number.isFinite(minutes) || minutes < 0) throw new BadRequestError('minutes must be a number ≥ 0');
    const found = await unreachablePartners(db, req.tenant, new Date(Date.now() - minutes * 60_000));
    const partners = [...found].map(([symbol, p]) => ({ symbol, unreachableSince: p.since, lastError: p.lastError, nextAttemptAt: p.nextAttemptAt, waiting: p.waiting }));
    return { partners, totalRecords: partners.length };
  });

  app.post<{ Params: { id: string } }>('/resource-sharing/outbox/:id/retry', async (req) => {
    const id = uuidParam('outbox message id', req.params.id);
    const { requeued, message } = await requeueFailed(db, req.tenant, id);
    if (!message) throw new NotFoundError(`Outbox message ${id} not found`);
    if (!requeued) {
      throw ValidationError.field('status', message.status, `Only a failed message can be retried; this one is ${message.status}`, 'outbox.notFailed');
    }
    void kickOutbox(db, req.tenant, req.log);
    return message;
  });
}
