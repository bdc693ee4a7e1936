// Applies a state model: which actions are available, and what one action does. Pure: no I/O, no
// clock. The caller performs the effects (the outbox sends the messages) and stores the new state.

import { checkParameters } from './parameters.ts';
import { findState } from './registry.ts';
import type {
  ActionDef,
  Actor,
  ApplyContext,
  ApplyFailure,
  ApplyResult,
  Effect,
  OutgoingMessage,
  SendSpec,
  StateDef,
  StateModel,
} from './types.ts';

export { getModel, listModels, modelFor, findState, MODEL_IDS } from './registry.ts';

export function findAction(model: StateModel, code: string): ActionDef | undefined {
  return model.actions.find((a) => a.code === code);
}

/** The actions `who` may trigger in `stateCode`, in model order. */
export function availableActions(model: StateModel, stateCode: string, who: Actor): ActionDef[] {
  return model.actions.filter((a) => a.who.includes(who) && a.fromStates.includes(stateCode));
}

function fail(code: ApplyFailure['code'], message: string, extra: Partial<ApplyFailure> = {}): ApplyFailure {
  return { ok: false, code, message, ...extra };
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

function buildMessage(spec: SendSpec, to: StateDef, params: Record<string, unknown>): OutgoingMessage {
  const message: OutgoingMessage = { kind: spec.kind, fields: {} };
  if (spec.action) message.action = spec.action;
  if (spec.reasonForMessage) message.reasonForMessage = spec.reasonForMessage;
  const status = spec.status ?? (spec.kind === 'supplyingAgencyMessage' ? to.isoStatus : undefined);
  if (status) message.status = status;
  if (spec.answerYesNo) message.answerYesNo = spec.answerYesNo;
  if (spec.requestType) message.requestType = spec.requestType;
  if (spec.intent) message.intent = spec.intent;
  for (const [field, paramName] of Object.entries(spec.fields ?? {})) {
    if (isPresent(params[paramName])) message.fields[field] = params[paramName];
  }
  Object.assign(message.fields, spec.values ?? {});
  return message;
}

/** Picks the outcome: explicit argument, the outcome parameter's value, `ok`, or the only outcome. */
function chooseOutcome(action: ActionDef, params: Record<string, unknown>, outcome?: string): string | ApplyFailure {
  const names = Object.keys(action.outcomes);
  if (action.stateless) {
    if (outcome !== undefined && outcome !== 'ok') {
      return fail('unknownOutcome', `Action ${action.code} changes no state and has no outcome "${outcome}"`);
    }
    return 'ok';
  }
  let chosen = outcome;
  if (action.outcomeParameter) {
    const value = params[action.outcomeParameter];
    if (isPresent(value) && chosen !== undefined && value !== chosen) {
      return fail('invalidParameters', `Outcome "${chosen}" contradicts ${action.outcomeParameter}=${String(value)}`, {
        parameterErrors: [{ parameter: action.outcomeParameter, message: `does not match outcome ${chosen}` }],
      });
    }
    if (chosen === undefined && typeof value === 'string') chosen = value;
  }
  if (chosen === undefined) chosen = names.includes('ok') ? 'ok' : names.length === 1 ? names[0] : undefined;
  if (chosen === undefined || !names.includes(chosen)) {
    const what = chosen === undefined ? 'needs an outcome' : `has no outcome "${chosen}"`;
    return fail('unknownOutcome', `Action ${action.code} ${what}; outcomes: ${names.join(', ')}`);
  }
  return chosen;
}

/**
 * Applies `actionCode` to a request in `stateCode`.
 * @param outcome which result the caller observed (e.g. `invalidPatron`); defaults to the value of
 *        the action's outcome parameter, then `ok`, then the only outcome
 * @param context the state the request was in before this one, for outcomes that go back there
 */
export function applyAction(
  model: StateModel,
  stateCode: string,
  actionCode: string,
  who: Actor,
  params: Record<string, unknown>,
  outcome?: string,
  context: ApplyContext = {},
): ApplyResult {
  const from = findState(model, stateCode);
  if (!from) return fail('unknownState', `State ${stateCode} does not exist in model ${model.id}`);
  const action = findAction(model, actionCode);
  if (!action) return fail('unknownAction', `Action ${actionCode} does not exist in model ${model.id}`);
  if (!action.who.includes(who)) {
    return fail('notAllowedForActor', `Action ${actionCode} can be triggered by ${action.who.join(' or ')}, not by ${who}`);
  }
  if (!action.fromStates.includes(stateCode)) {
    return fail(
      'notAllowedInState',
      `Action ${actionCode} is not allowed in state ${stateCode}; it is allowed in: ${action.fromStates.join(', ')}`,
      { allowedInStates: [...action.fromStates] },
    );
  }

  const effectiveParams = { ...params };
  if (action.outcomeParameter && outcome !== undefined && !isPresent(params[action.outcomeParameter])) {
    effectiveParams[action.outcomeParameter] = outcome;
  }
  const chosen = chooseOutcome(action, effectiveParams, outcome);
  if (typeof chosen !== 'string') return chosen;

  const parameterErrors = checkParameters(action, effectiveParams, chosen);
  if (parameterErrors.length > 0) {
    return fail('invalidParameters', `Invalid parameters for ${actionCode}: ${parameterErrors.map((e) => `${e.parameter}: ${e.message}`).join('; ')}`, {
      parameterErrors,
    });
  }

  const outcomeDef = action.stateless ? undefined : action.outcomes[chosen];
  let to = outcomeDef ? outcomeDef.to : stateCode;
  if (outcomeDef?.returnTo && context.previousState !== undefined) {
    if (!outcomeDef.returnTo.includes(context.previousState)) {
      return fail('invalidParameters', `Cannot go back to ${context.previousState}; outcome ${chosen} goes back only to ${outcomeDef.returnTo.join(', ')}`, {
        parameterErrors: [{ parameter: 'previousState', message: `must be one of ${outcomeDef.returnTo.join(', ')}` }],
      });
    }
    to = context.previousState;
  }
  const toState = findState(model, to);
  if (!toState) return fail('unknownState', `Model ${model.id} leads to state ${to}, which does not exist`);

  const effects: Effect[] = [];
  const sends = outcomeDef && outcomeDef.sends !== undefined ? outcomeDef.sends : action.sends;
  if (sends) effects.push({ type: 'sendMessage', message: buildMessage(sends, toState, effectiveParams) });
  if (action.raisesAttention) effects.push({ type: 'raiseAttention', reason: action.raisesAttention });
  if (action.clearsAttention) effects.push({ type: 'clearAttention', reason: action.clearsAttention });
  if (action.createsSuccessorRequest) effects.push({ type: 'createSuccessorRequest' });

  return { ok: true, from: stateCode, to, action, outcome: chosen, effects };
}
