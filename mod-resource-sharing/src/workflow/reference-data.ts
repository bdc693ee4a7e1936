// The state models as tenant reference data: written to the tenant's state_models table when
// the module is enabled with loadReference, so an operator can read what the tenant runs.
import { schemaOf } from '../db/tenant-schema.ts';
import type { TenantHook } from '../okapi/tenant-api.ts';
import { listModels } from '../statemodel/index.ts';

export const stateModelReferenceData: TenantHook = {
  name: 'state models',
  since: [0, 2, 0],
  async run(tx, tenant) {
    for (const model of listModels()) {
      await tx.query(
        `INSERT INTO ${schemaOf(tenant)}.state_models (id, version, jsonb) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, jsonb = EXCLUDED.jsonb`,
        [model.id, model.version, JSON.stringify(model)],
      );
    }
  },
};
