// State models as data and the engine that applies them.

export * from './types.ts';
export * from './iso-codes.ts';
export { getModel, listModels, modelFor, findState, MODEL_IDS } from './registry.ts';
export { availableActions, applyAction, findAction } from './engine.ts';
export { findProtocolAction, receiveMatches } from './protocol-match.ts';
export { checkModel, reachableStates, targetsOf } from './check-model.ts';
export { checkParameters } from './parameters.ts';
export { renderStateModelDocs } from './render-docs.ts';
export { borrowingReturnable } from './models/borrowing-returnable.ts';
export { lendingReturnable } from './models/lending-returnable.ts';
export { borrowingCopy } from './models/borrowing-copy.ts';
export { lendingCopy } from './models/lending-copy.ts';
