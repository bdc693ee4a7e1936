import type { ActionParameter, ActionParameterValues } from '../types/request';

export type FieldValues = Record<string, string | boolean>;

export function initialValues(parameters: ActionParameter[]): FieldValues {
  return Object.fromEntries(parameters.map((p) => [p.name, p.type === 'boolean' ? false : '']));
}

/** Names of required parameters left empty. */
export function missingRequired(parameters: ActionParameter[], values: FieldValues): string[] {
  return parameters.filter((p) => p.required && p.type !== 'boolean' && String(values[p.name] ?? '').trim() === '').map((p) => p.name);
}

/** number inputs give text; datetime-local gives local time without zone: send ISO 8601 UTC */
function convert(type: string, value: string): string | number {
  if (type === 'number' || type === 'integer') return Number(value);
  if (type === 'datetime') {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : d.toISOString();
  }
  return value;
}

/** The body's `parameters`: empty optional fields left out, numbers as numbers. */
export function toParameterValues(parameters: ActionParameter[], values: FieldValues): ActionParameterValues {
  const out: ActionParameterValues = {};
  for (const p of parameters) {
    const v = values[p.name];
    if (typeof v === 'boolean') {
      out[p.name] = v;
    } else if (v !== undefined && v.trim() !== '') {
      out[p.name] = convert(p.type, v.trim());
    }
  }
  return out;
}
