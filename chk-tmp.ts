import { listModels } from './mod-resource-sharing/src/statemodel/registry.ts';
import { checkModel } from './mod-resource-sharing/src/statemodel/check-model.ts';
for (const m of listModels()) { console.log(m.id, m.states.length, m.actions.length); for (const p of checkModel(m)) console.log('  ', p); }
