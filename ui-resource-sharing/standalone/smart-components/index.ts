// Stand-in for `@folio/stripes/smart-components`: only the exports the app uses, with the real names.
export { CheckboxFilter } from './checkbox-filter';
export { Settings, type SettingsProps } from './settings';
