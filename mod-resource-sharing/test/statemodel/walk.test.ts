// Every request ends well: walks every state of every model and checks that each non-terminal state
// has a way out that does not depend on the partner: a staff action that moves it (other than
// "close manually", the last resort every state has), or a system action a timer or the workflow
// sweep takes by itself. A state that only a partner's message can move is a request stuck for
// ever when the partner goes silent. The test fails listing those states.
import assert from 'node:assert/strict';
import { listModels, type StateModel } from '../../src/statemodel/index.ts';
import { AUTOMATIC_BORROWING_STATES } from '../../src/workflow/advance.ts';
import { TIMER_ACTIONS } from '../../src/workflow/timers.ts';

const timerActions = new Set(Object.values(TIMER_ACTIONS).flat());

/** How a request in `state` can move without the partner, or [] when it cannot. */
function waysOut(model: StateModel, state: string): string[] {
  const out: string[] = [];
  for (const a of model.actions) {
    if (!a.fromStates.includes(state) || a.stateless || a.code === 'closeManually') continue;
    if (a.who.includes('staff')) out.push(`staff:${a.code}`);
    if (a.who.includes('system') && timerActions.has(a.code)) out.push(`timer:${a.code}`);
  }
  // The workflow timer (advanceStalled) moves borrowing requests left in an automatic state.
  if (model.role === 'borrowing' && AUTOMATIC_BORROWING_STATES.includes(state)) out.push('timer:workflow');
  return out;
}

describe('state models: every path ends well', () => {
  it('every non-terminal state of every model offers staff a move (besides closing) or a timer that moves it', () => {
    const stuck: string[] = [];
    for (const model of listModels()) {
      for (const s of model.states) {
        if (!s.terminal && waysOut(model, s.code).length === 0) stuck.push(`${model.id}:${s.code}`);
      }
    }
    assert.deepEqual(stuck, [], `states only a partner can move: ${stuck.join(', ')}`);
  });

  it('every non-terminal state can still be closed manually, and terminal states cannot', () => {
    for (const model of listModels()) {
      const close = model.actions.find((a) => a.code === 'closeManually');
      assert.ok(close, `${model.id} has closeManually`);
      for (const s of model.states) assert.equal(close.fromStates.includes(s.code), !s.terminal, `${model.id}:${s.code}`);
    }
  });

  it('the walk sees what it should: a state the partner alone moves is reported', () => {
    const model = listModels().find((m) => m.id === 'borrowing-returnable')!;
    const trimmed: StateModel = { ...model, actions: model.actions.filter((a) => a.code !== 'markComplete') };
    assert.deepEqual(waysOut(trimmed, 'REQ_SHIPPED_TO_SUPPLIER'), []);
    assert.deepEqual(waysOut(model, 'REQ_SHIPPED_TO_SUPPLIER'), ['staff:markComplete']);
  });
});
