// /resource-sharing/settings: read all settings; change one or several at once.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { keepMaskedSecrets, maskHostSecrets } from '../host/host-config.ts';
import { keepMaskedPatronSecret, maskPatronSecret } from '../patron/patron-settings.ts';
import { checkNoticeTemplates, keepMaskedNoticePassword, maskNoticePassword } from '../notices/notice-settings.ts';
import { getSettings, putSetting } from './settings-store.ts';
import { defaultSettings, settingSchemas, type Settings } from './settings-types.ts';

const patchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: settingSchemas,
} as const;

export function registerSettingsRoutes(app: FastifyInstance, db: Database): void {
  app.get('/resource-sharing/settings', async (req) => maskNoticePassword(maskPatronSecret(maskHostSecrets(await getSettings(db, req.tenant)))));

  app.put<{ Body: Partial<Settings> }>(
    '/resource-sharing/settings',
    { schema: { body: patchSchema } },
    async (req) => {
      await db.transaction(async (tx) => {
        // Secrets come back masked from GET; a masked value keeps what is stored.
        const stored = await getSettings(tx, req.tenant);
        const body = keepMaskedNoticePassword(keepMaskedPatronSecret(keepMaskedSecrets(req.body, stored), stored), stored);
        checkNoticeTemplates(body);
        for (const key of Object.keys(body) as (keyof Settings)[]) {
          if (key in defaultSettings) await putSetting(tx, req.tenant, key, body[key] as never);
        }
      });
      return maskNoticePassword(maskPatronSecret(maskHostSecrets(await getSettings(db, req.tenant))));
    },
  );
}
