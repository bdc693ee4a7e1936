// The four built-in models and how a request finds its model.

import type { ModelServiceType, Role, StateDef, StateModel } from './types.ts';
import { borrowingReturnable } from './models/borrowing-returnable.ts';
import { borrowingCopy } from './models/borrowing-copy.ts';
import { lendingReturnable } from './models/lending-returnable.ts';
import { lendingCopy } from './models/lending-copy.ts';

const MODELS: readonly StateModel[] = [borrowingReturnable, lendingReturnable, borrowingCopy, lendingCopy];

export const MODEL_IDS = MODELS.map((m) => m.id);

export function listModels(): StateModel[] {
  return [...MODELS];
}

/** @throws Error for an unknown model id */
export function getModel(id: string): StateModel {
  const model = MODELS.find((m) => m.id === id);
  if (!model) throw new Error(`Unknown state model "${id}"; known: ${MODEL_IDS.join(', ')}`);
  return model;
}

export function modelFor(role: Role, serviceType: ModelServiceType): StateModel {
  const model = MODELS.find((m) => m.role === role && m.serviceType === serviceType);
  if (!model) throw new Error(`No state model for ${role} ${serviceType}`);
  return model;
}

export function findState(model: StateModel, code: string): StateDef | undefined {
  return model.states.find((s) => s.code === code);
}
