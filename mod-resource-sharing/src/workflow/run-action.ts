// An action together with its host step: `before` (outside the transaction), the action itself,
// then `after`. Staff routes and the automatic steps go through here.
import type { Database } from '../db/database.ts';
import { ConflictError, HttpError, ValidationError } from '../okapi/errors.ts';
import { getRequest, mustGetRequest, saveRequest } from '../requests/request-store.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';
import { hostStepFor } from './host-steps.ts';
import { performAction, type ActionDone, type ActionInput } from './perform-action.ts';

/** Flags a request for staff with the reason, without changing its state. */
export async function flagRequest(db: Database, tenant: string, requestId: string, action: string, reason: string): Promise<void> {
  const fresh = await getRequest(db, tenant, requestId);
  if (!fresh) return;
  await db.transaction((tx) =>
    saveRequest(tx, tenant, { ...fresh, lastError: reason, needsAttention: true }, { type: 'system', id: 'host' }, {
      action: 'hostError',
      message: `${action}: ${reason}`,
    }),
  );
}

function hostMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Runs the `after` host step of an action that has already committed (also for partner messages).
 * Answers the request as it then stands when that is known (`updated`, or what the step saved),
 * undefined when the step flagged it.
 */
export async function runAfterStep(db: Database, input: ActionInput, updated: ResourceSharingRequest): Promise<ResourceSharingRequest | undefined> {
  const step = hostStepFor(input.action);
  if (!step?.after) return updated;
  try {
    const patch = await step.after({ db, tenant: input.tenant, request: updated, input, updated });
    if (!patch || !Object.keys(patch).length) return updated;
    // The action has committed; a change that got in between must not undo the patch: re-read and save again.
    for (let attempt = 1; ; attempt++) {
      const fresh = await mustGetRequest(db, input.tenant, input.requestId);
      try {
        return await db.transaction((tx) =>
          saveRequest(
            tx,
            input.tenant,
            { ...fresh, ...patch },
            { type: 'system', id: 'host' },
            { action: `${input.action}:host`, message: 'library system updated' },
            { commit: true },
          ),
        );
      } catch (err) {
        if (!(err instanceof ConflictError) || attempt >= RACE_RETRIES) throw err;
      }
    }
  } catch (err) {
    if (err instanceof HttpError && !(err instanceof ValidationError)) throw err;
    await flagRequest(db, input.tenant, input.requestId, input.action, `Library system: ${hostMessage(err)}`);
    return undefined;
  }
}

/** An action run with its host steps; `latest`: the request as it stands after them, when known. */
export type ActionRun = ActionDone & { latest?: ResourceSharingRequest };

export async function runAction(db: Database, input: ActionInput): Promise<ActionRun> {
  const step = hostStepFor(input.action);
  if (!step) {
    const done = await performAction(db, input);
    return { ...done, latest: done.request };
  }
  const request = await mustGetRequest(db, input.tenant, input.requestId);
  let prepared: Awaited<ReturnType<NonNullable<typeof step.before>>> = {};
  if (step.before) {
    try {
      prepared = (await step.before({ db, tenant: input.tenant, request, input })) ?? {};
    } catch (err) {
      if (err instanceof HttpError) throw err;
      const reason = `Library system: ${hostMessage(err)}`;
      await flagRequest(db, input.tenant, input.requestId, input.action, reason);
      throw new ValidationError({
        message: `${input.action} was not done: ${reason}`,
        code: 'host.error',
        parameters: [{ key: 'action', value: input.action }],
      });
    }
  }
  // The host step was prepared for the request as it was read. A caller that sent a `_version`
  // gets 409 when it is stale; a caller that sent none (staff without a version, the patron API)
  // only needs the request to be in the same state: a change meanwhile that left the state alone
  // (a note, a partner's message) is taken in its stride; a change of state is a 422.
  let version = request._version;
  let done: ActionDone | undefined;
  for (let attempt = 1; !done; attempt++) {
    try {
      done = await performAction(db, {
        ...input,
        params: { ...input.params, ...prepared?.params },
        outcome: prepared?.outcome ?? input.outcome,
        // a successful host step clears the last host error, unless the step itself reports one
        patch: { ...input.patch, ...(step.before ? { lastError: undefined } : {}), ...prepared?.patch },
        expectedVersion: input.expectedVersion ?? version,
      });
    } catch (err) {
      if (!(err instanceof ConflictError) || input.expectedVersion !== undefined || attempt >= RACE_RETRIES) throw err;
      const fresh = await mustGetRequest(db, input.tenant, input.requestId);
      if (fresh.state !== request.state) {
        throw new ValidationError({
          message: `Request ${fresh.hrid} moved on to ${fresh.state} while ${input.action} was being prepared; look at it again`,
          code: 'action.requestChanged',
          parameters: [
            { key: 'action', value: input.action },
            { key: 'state', value: fresh.state },
          ],
        });
      }
      version = fresh._version;
    }
  }
  const latest = await runAfterStep(db, input, done.request);
  return { ...done, ...(latest ? { latest } : {}) };
}

/** How often an action sent without `_version` is tried again when another change got in first. */
const RACE_RETRIES = 3;
