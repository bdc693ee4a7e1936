// /resource-sharing/settings: read all settings; change one or several at once.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { getSettings, putSetting } from './settings-store.ts';
import { defaultSettings, settingSchemas, type Settings } from './settings-types.ts';

const patchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: settingSchemas,
} as const;

export function registerSettingsRoutes(app: FastifyInstance, db: Database): void {
  app.get('/resource-sharing/settings', async (req) => getSettings(db, req.tenant));

  app.put<{ Body: Partial<Settings> }>(
    '/resource-sharing/settings',
    { schema: { body: patchSchema } },
    async (req) => {
      await db.transaction(async (tx) => {
        for (const key of Object.keys(req.body) as (keyof Settings)[]) {
          if (key in defaultSettings) await putSetting(tx, req.tenant, key, req.body[key] as never);
        }
      });
      return getSettings(db, req.tenant);
    },
  );
}
