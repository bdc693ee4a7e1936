// The patron request settings with their defaults filled in, and the token secret kept out of
// answers (a masked value sent back keeps the stored secret).
import { defaultSettings, type PatronRequestSettings, type Settings } from '../settings/settings-types.ts';
import { MASKED_SECRET } from './patron-token.ts';

export function patronSettings(settings: Settings): PatronRequestSettings {
  return { ...defaultSettings.patronRequests, ...settings.patronRequests };
}

export function maskPatronSecret<T extends Partial<Settings>>(settings: T): T {
  if (!settings.patronRequests?.tokenSecret) return settings;
  return { ...settings, patronRequests: { ...settings.patronRequests, tokenSecret: MASKED_SECRET } };
}

export function keepMaskedPatronSecret<T extends Partial<Settings>>(body: T, stored: Settings): T {
  if (body.patronRequests?.tokenSecret !== MASKED_SECRET) return body;
  return { ...body, patronRequests: { ...body.patronRequests, tokenSecret: stored.patronRequests?.tokenSecret ?? null } };
}
