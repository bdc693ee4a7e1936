import type { IntlShape } from 'react-intl';
import type { ApiError, ApiErrorDetail } from './errors';
import { T, actionCodeLabel, parameterLabel, parameterValueLabel, stateLabel } from './labels';

// The module answers errors with an English `message` and a `code` with `parameters`
// (`action.notAllowedInState` {action, state, allowedInStates}). The app words the code in the
// user's language (`error.<code>`), turning state and action codes into their labels; a code it
// does not know keeps the module's English message.

function parameterValue(intl: IntlShape, key: string, value: string): string {
  if (key === 'state' || key === 'toState' || key === 'fromState') return stateLabel(intl, value);
  if (key === 'action') return actionCodeLabel(intl, value);
  if (key === 'allowedInStates') {
    return intl.formatList(value.split(',').filter(Boolean).map((s) => stateLabel(intl, s)), { type: 'disjunction' });
  }
  return parameterValueLabel(intl, value);
}

export function wordError(intl: IntlShape, error: ApiErrorDetail): string {
  const id = error.code ? `${T}.error.${error.code}` : '';
  const params = error.parameters ?? [];
  if (id && Object.prototype.hasOwnProperty.call(intl.messages, id)) {
    const values: Record<string, string> = {};
    for (const p of params) values[p.key] = parameterValue(intl, p.key, p.value ?? '');
    // a parameter error names the field: `field` is its label, `value` what was given
    if (params[0] && !('field' in values)) {
      values.field = parameterLabel(intl, params[0].key);
      values.value = params[0].value ?? '';
    }
    return intl.formatMessage({ id }, values);
  }
  return error.message ?? error.code ?? '';
}

/** Every message of a failed call, worded in the user's language where the module gave a code. */
export function wordApiError(intl: IntlShape, error: ApiError): string[] {
  if (error.errors && error.errors.length > 0) return error.errors.map((e) => wordError(intl, e)).filter(Boolean);
  return error.messages;
}
