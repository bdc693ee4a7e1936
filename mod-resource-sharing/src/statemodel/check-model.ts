// Structural checks for a state model. A model is data that may later be edited as tenant reference
// data, so these checks run in the tests for the built-in models and should run before loading any
// other. Each problem is one readable sentence; an empty list means the model is sound.

import { ISO_STATUSES } from './iso-codes.ts';
import { specificity } from './protocol-match.ts';
import type { ActionDef, ReceiveSpec, StateModel } from './types.ts';

/** Whether one incoming message could match both specs. */
function overlap(a: ReceiveSpec, b: ReceiveSpec): boolean {
  const lists = (x?: readonly string[], y?: readonly string[]) => !x || !y || x.some((v) => y.includes(v));
  return (
    a.kind === b.kind &&
    lists(a.actions, b.actions) &&
    lists(a.reasonsForMessage, b.reasonsForMessage) &&
    lists(a.statuses, b.statuses) &&
    (a.hasLoanCondition === undefined || b.hasLoanCondition === undefined || a.hasLoanCondition === b.hasLoanCondition) &&
    (a.intent === undefined || b.intent === undefined || a.intent === b.intent)
  );
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** States the action can lead to (outcome targets and the states outcomes may go back to). */
export function targetsOf(action: ActionDef): string[] {
  return Object.values(action.outcomes).flatMap((o) => [o.to, ...(o.returnTo ?? [])]);
}

export function reachableStates(model: StateModel): Set<string> {
  const seen = new Set<string>([model.initialState]);
  const queue = [model.initialState];
  while (queue.length > 0) {
    const state = queue.shift() as string;
    for (const action of model.actions) {
      if (!action.fromStates.includes(state)) continue;
      for (const target of targetsOf(action)) {
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
  }
  return seen;
}

function checkAction(model: StateModel, action: ActionDef, stateCodes: Set<string>, problems: string[]): void {
  const where = `action ${action.code}`;
  if (!action.displayName || !action.description) problems.push(`${where} needs a display name and a description`);
  if (action.who.length === 0) problems.push(`${where} names nobody who may trigger it`);
  if (action.fromStates.length === 0) problems.push(`${where} is allowed in no state`);
  for (const s of action.fromStates) if (!stateCodes.has(s)) problems.push(`${where} is allowed in state ${s}, which does not exist`);
  for (const [name, outcome] of Object.entries(action.outcomes)) {
    if (!stateCodes.has(outcome.to)) problems.push(`${where} outcome ${name} leads to state ${outcome.to}, which does not exist`);
    for (const s of outcome.returnTo ?? []) {
      if (!stateCodes.has(s)) problems.push(`${where} outcome ${name} may go back to state ${s}, which does not exist`);
    }
  }
  const outcomeNames = Object.keys(action.outcomes);
  if (action.stateless && outcomeNames.length > 0) problems.push(`${where} is stateless but has outcomes`);
  if (!action.stateless && outcomeNames.length === 0) problems.push(`${where} has no outcomes`);

  const paramNames = action.parameters.map((p) => p.name);
  for (const d of duplicates(paramNames)) problems.push(`${where} declares parameter ${d} twice`);
  for (const p of action.parameters) {
    if (p.type === 'enum' && (!p.values || p.values.length === 0)) problems.push(`${where} parameter ${p.name} is an enum without values`);
    for (const o of p.requiredFor ?? []) {
      if (!outcomeNames.includes(o)) problems.push(`${where} parameter ${p.name} is required for unknown outcome ${o}`);
    }
  }
  if (action.outcomeParameter) {
    const p = action.parameters.find((x) => x.name === action.outcomeParameter);
    if (!p || p.type !== 'enum') {
      problems.push(`${where} takes its outcome from ${action.outcomeParameter}, which is not an enum parameter`);
    } else if ([...(p.values ?? [])].sort().join() !== [...outcomeNames].sort().join()) {
      problems.push(`${where} outcome parameter values (${(p.values ?? []).join(', ')}) differ from its outcomes (${outcomeNames.join(', ')})`);
    }
  }
  const sendSpecs = [action.sends, ...Object.values(action.outcomes).map((o) => o.sends)];
  for (const spec of sendSpecs) {
    if (!spec) continue;
    for (const [field, paramName] of Object.entries(spec.fields ?? {})) {
      if (!paramNames.includes(paramName)) problems.push(`${where} fills message field ${field} from undeclared parameter ${paramName}`);
    }
    if (spec.status && !(ISO_STATUSES as readonly string[]).includes(spec.status)) problems.push(`${where} sends unknown ISO status ${spec.status}`);
    if (spec.kind === 'requestingAgencyMessage' && !spec.action) problems.push(`${where} sends a requestingAgencyMessage without an action`);
  }
  const byProtocol = action.who.includes('protocol');
  if (byProtocol && !action.receives) problems.push(`${where} is triggered by the protocol but says no message triggers it`);
  if (!byProtocol && action.receives) problems.push(`${where} names a message that triggers it but the protocol may not trigger it`);
}

export function checkModel(model: StateModel): string[] {
  const problems: string[] = [];
  const stateCodes = new Set(model.states.map((s) => s.code));
  for (const d of duplicates(model.states.map((s) => s.code))) problems.push(`state ${d} is defined twice`);
  for (const d of duplicates(model.actions.map((a) => a.code))) problems.push(`action ${d} is defined twice`);
  if (!stateCodes.has(model.initialState)) problems.push(`initial state ${model.initialState} does not exist`);
  for (const s of model.states) {
    if (!s.displayName || !s.description) problems.push(`state ${s.code} needs a display name and a description`);
    if (s.terminal && s.stage !== 'completed') problems.push(`terminal state ${s.code} is not in stage completed`);
    if (s.isoStatus && !(ISO_STATUSES as readonly string[]).includes(s.isoStatus)) problems.push(`state ${s.code} names unknown ISO status ${s.isoStatus}`);
  }
  for (const action of model.actions) checkAction(model, action, stateCodes, problems);

  for (const s of model.states) {
    const out = model.actions.filter((a) => !a.stateless && a.fromStates.includes(s.code));
    if (s.terminal) {
      for (const a of out) problems.push(`terminal state ${s.code} has outgoing action ${a.code}`);
    } else if (!out.some((a) => targetsOf(a).some((t) => t !== s.code))) {
      problems.push(`state ${s.code} is not terminal but no action leads out of it`);
    }
  }
  const reachable = reachableStates(model);
  for (const s of model.states) if (!reachable.has(s.code)) problems.push(`state ${s.code} cannot be reached from ${model.initialState}`);

  // an incoming message must select one action: no two equally specific matches in one state
  const protocolActions = model.actions.filter((a) => a.receives);
  for (const s of model.states) {
    const here = protocolActions.filter((a) => a.fromStates.includes(s.code));
    for (let i = 0; i < here.length; i++) {
      for (let j = i + 1; j < here.length; j++) {
        const a = here[i].receives as ReceiveSpec;
        const b = here[j].receives as ReceiveSpec;
        if (overlap(a, b) && specificity(a) === specificity(b)) {
          problems.push(`in state ${s.code} one message could trigger both ${here[i].code} and ${here[j].code}`);
        }
      }
    }
  }
  return problems;
}
