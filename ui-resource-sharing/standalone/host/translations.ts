// the app's own files, where stripes-webpack's translations plugin reads them:
// <package>/translations/ui-<name without @folio/>/<language>.json
import appDe from '../../translations/ui-resource-sharing/de.json';
import appEn from '../../translations/ui-resource-sharing/en.json';
import { PLATFORM_TRANSLATIONS } from './platform-translations';

// What stripes-webpack's translations plugin and stripes-core's loadTranslations do, for this app:
// module files store keys without prefix; each key gets `<moduleName>.`; every language is
// layered over the module's en.json; locale `pt-BR` is looked up as `pt_BR`, then `pt`.

type Messages = Record<string, string>;

export const MODULE_NAME = 'ui-resource-sharing';

const APP_TRANSLATIONS: Record<string, Messages> = { en: appEn, de: appDe };

export const AVAILABLE_LOCALES = [
  { value: 'en-US', label: 'English' },
  { value: 'de-DE', label: 'Deutsch' },
];

export function prefixKeys(moduleName: string, messages: Messages): Messages {
  return Object.fromEntries(Object.entries(messages).map(([k, v]) => [`${moduleName}.${k}`, v]));
}

/** The translation file key for a locale: exact (with `_`), else the language, else undefined. */
export function translationKeyFor(locale: string, available: string[]): string | undefined {
  const underscored = locale.replace('-', '_');
  if (available.includes(underscored)) return underscored;
  const language = locale.split(/[-_]/)[0];
  return available.includes(language) ? language : undefined;
}

/** The flat message map for react-intl's IntlProvider. */
export function messagesFor(locale: string): Messages {
  const appKey = translationKeyFor(locale, Object.keys(APP_TRANSLATIONS));
  const libKey = translationKeyFor(locale, Object.keys(PLATFORM_TRANSLATIONS));
  return {
    ...PLATFORM_TRANSLATIONS.en,
    ...(libKey ? PLATFORM_TRANSLATIONS[libKey] : {}),
    ...prefixKeys(MODULE_NAME, APP_TRANSLATIONS.en),
    ...(appKey ? prefixKeys(MODULE_NAME, APP_TRANSLATIONS[appKey]) : {}),
  };
}
