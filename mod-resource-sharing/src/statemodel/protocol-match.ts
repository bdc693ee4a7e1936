// Finds the protocol action an incoming ISO 18626 message triggers in a given state. The mapping
// lives in each action's `receives`; when several match, the most specific one (most criteria) wins.

import type { ActionDef, IncomingMessage, ReceiveSpec, StateModel } from './types.ts';

export function specificity(spec: ReceiveSpec): number {
  return (
    (spec.actions ? 1 : 0) +
    (spec.reasonsForMessage ? 1 : 0) +
    (spec.statuses ? 1 : 0) +
    (spec.hasLoanCondition !== undefined ? 1 : 0) +
    (spec.intent !== undefined ? 1 : 0)
  );
}

export function receiveMatches(spec: ReceiveSpec, msg: IncomingMessage): boolean {
  if (spec.kind !== msg.kind) return false;
  if (spec.actions && (!msg.action || !spec.actions.includes(msg.action))) return false;
  if (spec.reasonsForMessage && (!msg.reasonForMessage || !spec.reasonsForMessage.includes(msg.reasonForMessage))) return false;
  if (spec.statuses && (!msg.status || !spec.statuses.includes(msg.status))) return false;
  if (spec.hasLoanCondition !== undefined && spec.hasLoanCondition !== Boolean(msg.hasLoanCondition)) return false;
  if (spec.intent !== undefined && spec.intent !== msg.intent) return false;
  return true;
}

/** The protocol action for `msg` in `stateCode`, or undefined when the model has none (the caller records the message). */
export function findProtocolAction(model: StateModel, stateCode: string, msg: IncomingMessage): ActionDef | undefined {
  let best: ActionDef | undefined;
  for (const action of model.actions) {
    if (!action.receives || !action.who.includes('protocol') || !action.fromStates.includes(stateCode)) continue;
    if (!receiveMatches(action.receives, msg)) continue;
    if (!best || specificity(action.receives) > specificity(best.receives as ReceiveSpec)) best = action;
  }
  return best;
}
