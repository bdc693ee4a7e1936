// Staff work on a request: the actions valid now, performing one, the conversation with the
// partner; the state models; and the timer sweep that moves stalled requests on.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { userActor } from '../requests/request-routes.ts';
import { getRequest, mustGetRequest } from '../requests/request-store.ts';
import { availableActions, getModel, listModels } from '../statemodel/index.ts';
import { advance, advanceStalled } from './advance.ts';
import { listConversation } from './conversation.ts';
import { undeliveredMessages } from '../outbox/index.ts';
import { runAction } from './run-action.ts';
import { runExclusive } from './timer-lock.ts';
import { uuidParam } from '../okapi/ids.ts';


function requestId(raw: string): string {
  return uuidParam('request id', raw);
}

const actionBodySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    parameters: { type: 'object' },
    outcome: { type: 'string' },
    _version: { type: 'integer', minimum: 1 },
  },
} as const;

export function registerWorkflowRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Params: { id: string } }>('/resource-sharing/requests/:id/actions', async (req) => {
    const request = await mustGetRequest(db, req.tenant, requestId(req.params.id));
    const model = getModel(request.stateModel);
    const actions = availableActions(model, request.state, 'staff').map((a) => ({
      code: a.code,
      displayName: a.displayName,
      description: a.description,
      parameters: a.parameters,
      ...(Object.keys(a.outcomes).length > 1 ? { outcomes: Object.keys(a.outcomes) } : {}),
      ...(a.outcomeParameter ? { outcomeParameter: a.outcomeParameter } : {}),
    }));
    return { state: request.state, actions, totalRecords: actions.length };
  });

  app.post<{ Params: { id: string; action: string }; Body: { parameters?: Record<string, unknown>; outcome?: string; _version?: number } | undefined }>(
    '/resource-sharing/requests/:id/actions/:action',
    { schema: { body: actionBodySchema }, config: { body: 'optional' } },
    async (req) => {
      const id = requestId(req.params.id);
      const body = req.body ?? {};
      const done = await runAction(db, {
        tenant: req.tenant,
        requestId: id,
        action: req.params.action,
        who: 'staff',
        params: body.parameters ?? {},
        outcome: body.outcome,
        actor: userActor(req),
        expectedVersion: body._version,
      });
      const after = await advance(db, req.tenant, id, done.latest ? { known: done.latest } : {});
      // A re-request's new request starts right away, like one created by staff.
      if (done.result.effects.some((e) => e.type === 'createSuccessorRequest') && done.request.successorId) {
        await advance(db, req.tenant, done.request.successorId);
      }
      // the request as the last step committed it (read again only when that is not known)
      return after ?? getRequest(db, req.tenant, id);
    },
  );

  app.get<{ Params: { id: string } }>('/resource-sharing/requests/:id/messages', async (req) => {
    const id = requestId(req.params.id);
    await mustGetRequest(db, req.tenant, id);
    const messages = await listConversation(db, req.tenant, id);
    // Messages to the partner that failed at least once and are waiting for their next try.
    const waiting = (await undeliveredMessages(db, req.tenant, id))
      .filter((m) => m.attempts > 0 && m.lastError)
      .map((m) => ({ partnerSymbol: m.partnerSymbol, since: m.createdDate, attempts: m.attempts, lastError: m.lastError, nextAttemptAt: m.nextAttemptAt }));
    return { messages, totalRecords: messages.length, unread: messages.filter((m) => !m.read).length, waiting };
  });

  app.get('/resource-sharing/state-models', async () => {
    const stateModels = listModels();
    return { stateModels, totalRecords: stateModels.length };
  });

  // Once across instances, like the other timers: a second call meanwhile does nothing.
  app.post('/resource-sharing/timers/workflow', async (req) => {
    const run = await runExclusive(db, req.tenant, 'workflow', () => advanceStalled(db, req.tenant));
    return run.ran ? { ran: true, advanced: run.result } : { ran: false, advanced: 0 };
  });
}
