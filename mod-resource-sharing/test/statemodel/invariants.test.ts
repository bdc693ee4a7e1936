import assert from 'node:assert/strict';
import {
  checkModel,
  getModel,
  listModels,
  modelFor,
  reachableStates,
  targetsOf,
  type ActionDef,
  type StateModel,
} from '../../src/statemodel/index.ts';

function clone(model: StateModel): StateModel {
  return JSON.parse(JSON.stringify(model)) as StateModel;
}

function action(model: StateModel, code: string): ActionDef {
  const a = model.actions.find((x) => x.code === code);
  assert.ok(a, `${model.id} has action ${code}`);
  return a;
}

describe('state models: registry', () => {
  it('has exactly the four models', () => {
    assert.deepEqual(
      listModels().map((m) => m.id).sort(),
      ['borrowing-copy', 'borrowing-returnable', 'lending-copy', 'lending-returnable'],
    );
  });

  it('picks the model by role and service type', () => {
    assert.equal(modelFor('borrowing', 'loan').id, 'borrowing-returnable');
    assert.equal(modelFor('lending', 'loan').id, 'lending-returnable');
    assert.equal(modelFor('borrowing', 'copy').id, 'borrowing-copy');
    assert.equal(modelFor('lending', 'copy').id, 'lending-copy');
  });

  it('getModel throws for an unknown id', () => {
    assert.equal(getModel('lending-copy').id, 'lending-copy');
    assert.throws(() => getModel('PatronRequest'), /Unknown state model "PatronRequest"/);
  });
});

for (const model of listModels()) {
  describe(`state model ${model.id}: invariants`, () => {
    const codes = model.states.map((s) => s.code);
    const stateSet = new Set(codes);

    it('is plain JSON (survives a round trip unchanged)', () => {
      assert.deepStrictEqual(JSON.parse(JSON.stringify(model)), model);
    });

    it('has unique state and action codes', () => {
      assert.equal(new Set(codes).size, codes.length);
      const actionCodes = model.actions.map((a) => a.code);
      assert.equal(new Set(actionCodes).size, actionCodes.length);
    });

    it('names only states that exist', () => {
      assert.ok(stateSet.has(model.initialState));
      for (const a of model.actions) {
        for (const s of a.fromStates) assert.ok(stateSet.has(s), `${a.code} from ${s}`);
        for (const s of targetsOf(a)) assert.ok(stateSet.has(s), `${a.code} to ${s}`);
      }
    });

    it('gives every non-terminal state a way out', () => {
      for (const s of model.states.filter((x) => !x.terminal)) {
        const exits = model.actions.filter(
          (a) => !a.stateless && a.fromStates.includes(s.code) && targetsOf(a).some((t) => t !== s.code),
        );
        assert.ok(exits.length > 0, `${s.code} has no way out`);
      }
    });

    it('reaches every state from the initial state', () => {
      const reachable = reachableStates(model);
      assert.deepEqual(codes.filter((c) => !reachable.has(c)), []);
    });

    it('allows only stateless actions in terminal states', () => {
      for (const s of model.states.filter((x) => x.terminal)) {
        const out = model.actions.filter((a) => a.fromStates.includes(s.code) && !a.stateless).map((a) => a.code);
        assert.deepEqual(out, [], `${s.code} has outgoing actions`);
        assert.equal(s.stage, 'completed');
      }
      assert.ok(model.states.some((s) => s.terminal), 'has terminal states');
    });

    it('lets staff message the partner and mark messages read in every non-terminal state, without changing state', () => {
      for (const code of ['sendMessage', 'markMessagesRead']) {
        const a = action(model, code);
        assert.equal(a.stateless, true);
        assert.deepEqual(a.outcomes, {});
        for (const s of model.states.filter((x) => !x.terminal)) assert.ok(a.fromStates.includes(s.code), `${code} in ${s.code}`);
      }
    });

    it('says which message triggers each protocol action', () => {
      for (const a of model.actions) assert.equal(Boolean(a.receives), a.who.includes('protocol'), a.code);
    });

    it('passes checkModel', () => {
      assert.deepEqual(checkModel(model), []);
    });
  });
}

describe('state models: the actions staff and the system need', () => {
  const has = (id: string, codes: string[]) => {
    const model = getModel(id);
    for (const code of codes) action(model, code);
  };

  it('borrowing loan', () => {
    has('borrowing-returnable', [
      'validate', 'overridePatronCheck', 'sendToNextSupplier', 'chooseSupplier', 'cancel', 'cancelWithSupplier',
      'agreeConditions', 'rejectConditions', 'markReceived', 'patronReturned', 'shipReturn', 'renew', 'markComplete',
      'rerequest', 'closeManually', 'detectOverdue', 'neededBeforeExpired', 'endOfRota', 'deliveryFailed',
    ]);
  });

  it('lending loan', () => {
    has('lending-returnable', [
      'willSupply', 'cannotSupply', 'conditionalSupply', 'printPullSlip', 'markShipped', 'respondToCancel',
      'respondToRenew', 'markReturned', 'recall', 'closeManually', 'detectOverdue', 'autoUnfillStale', 'deliveryFailed',
    ]);
  });

  it('copies: lending delivers a URL, borrowing records delivery and completes', () => {
    const lend = action(getModel('lending-copy'), 'deliverCopy');
    assert.equal(lend.parameters.find((p) => p.name === 'documentUrl')?.required, true);
    assert.equal(lend.outcomes.ok.to, 'RES_COMPLETE');
    assert.equal(getModel('lending-copy').states.find((s) => s.code === 'RES_COMPLETE')?.isoStatus, 'CopyCompleted');
    const borrow = getModel('borrowing-copy');
    assert.equal(action(borrow, 'supplierCopyCompleted').outcomes.ok.to, 'REQ_DOCUMENT_DELIVERED');
    assert.equal(action(borrow, 'markComplete').outcomes.ok.to, 'REQ_REQUEST_COMPLETE');
  });

  it('cannot supply offers the ISO reasonUnfilled values', () => {
    const reason = action(getModel('lending-returnable'), 'cannotSupply').parameters.find((p) => p.name === 'reason');
    assert.equal(reason?.type, 'enum');
    assert.ok(reason?.values?.includes('NotHeld'));
  });
});

describe('checkModel finds broken models', () => {
  const base = () => clone(getModel('borrowing-returnable'));

  it('a state referenced but never defined (the mod-rs fault)', () => {
    const m = base();
    action(m, 'markReceived').outcomes.ok.to = 'REQ_AWAITING_LOCAL_ITEM';
    assert.ok(checkModel(m).some((p) => p.includes('REQ_AWAITING_LOCAL_ITEM') && p.includes('does not exist')));
  });

  it('a dead end', () => {
    const m = base();
    for (const a of m.actions) a.fromStates = a.fromStates.filter((s) => s !== 'REQ_SHIPPED_TO_SUPPLIER' || a.stateless);
    assert.ok(checkModel(m).includes('state REQ_SHIPPED_TO_SUPPLIER is not terminal but no action leads out of it'));
  });

  it('an unreachable state', () => {
    const m = base();
    m.states.push({ ...m.states[0], code: 'REQ_ORPHAN' });
    assert.ok(checkModel(m).includes('state REQ_ORPHAN cannot be reached from REQ_IDLE'));
  });

  it('a terminal state with a way out', () => {
    const m = base();
    action(m, 'cancel').fromStates.push('REQ_REQUEST_COMPLETE');
    assert.ok(checkModel(m).includes('terminal state REQ_REQUEST_COMPLETE has outgoing action cancel'));
  });

  it('a duplicated code', () => {
    const m = base();
    m.actions.push({ ...action(m, 'renew') });
    assert.ok(checkModel(m).includes('action renew is defined twice'));
  });

  it('one incoming message that could trigger two actions', () => {
    const m = base();
    const copy = { ...action(m, 'supplierLoaned'), code: 'supplierLoanedAgain' };
    m.actions.push(copy);
    assert.ok(checkModel(m).some((p) => p.includes('could trigger both supplierLoaned and supplierLoanedAgain')));
  });
});
