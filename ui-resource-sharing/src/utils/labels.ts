import type { IntlShape } from 'react-intl';
import type { RequestAction } from '../types/request';

export const T = 'ui-resource-sharing';

/** A translated label when the key exists, otherwise the given fallback (codes from the backend). */
function translatedOr(intl: IntlShape, key: string, fallback: string): string {
  const id = `${T}.${key}`;
  return Object.prototype.hasOwnProperty.call(intl.messages, id) ? intl.formatMessage({ id }) : fallback;
}

export function stateLabel(intl: IntlShape, code: string): string {
  return translatedOr(intl, `state.${code}`, code);
}

export function actionLabel(intl: IntlShape, action: Pick<RequestAction, 'code' | 'displayName'>): string {
  return translatedOr(intl, `action.${action.code}`, action.displayName || action.code);
}

export function actionCodeLabel(intl: IntlShape, code: string): string {
  return translatedOr(intl, `action.${code}`, code);
}

export function parameterLabel(intl: IntlShape, name: string, displayName?: string): string {
  return translatedOr(intl, `actionParameter.${name}`, displayName || name);
}

export function parameterValueLabel(intl: IntlShape, value: string): string {
  return translatedOr(intl, `actionParameterValue.${value}`, value);
}

/** Why a request needs attention (backend codes such as unreadMessage, deliveryFailed). */
export function attentionLabel(intl: IntlShape, code: string): string {
  return translatedOr(intl, `attention.${code}`, code);
}
