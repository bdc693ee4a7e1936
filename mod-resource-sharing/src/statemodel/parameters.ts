// Checks action parameters against the types the action declares.

import type { ActionDef, ParameterDef, ParameterError } from './types.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 date-time; also accepts "+0000" offsets, which real peers send
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$/;

function isCalendarDate(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

function typeProblem(p: ParameterDef, value: unknown): string | undefined {
  switch (p.type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'must be text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'enum':
      return typeof value === 'string' && (p.values ?? []).includes(value)
        ? undefined
        : `must be one of: ${(p.values ?? []).join(', ')}`;
    case 'date': {
      const m = typeof value === 'string' ? DATE.exec(value) : null;
      return m && isCalendarDate(m[1], m[2], m[3]) ? undefined : 'must be a date (YYYY-MM-DD)';
    }
    case 'datetime': {
      const m = typeof value === 'string' ? DATETIME.exec(value) : null;
      const valid = m !== null && isCalendarDate(m[1], m[2], m[3]) && Number(m[4]) < 24 && Number(m[5]) < 60;
      return valid ? undefined : 'must be a date and time with a time zone (e.g. 2025-03-01T12:00:00Z)';
    }
  }
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Problems with `params` for `action`. `outcome` (when known) makes parameters with `requiredFor`
 * required. Empty values of optional parameters count as absent.
 */
export function checkParameters(action: ActionDef, params: Record<string, unknown>, outcome?: string): ParameterError[] {
  const errors: ParameterError[] = [];
  const declared = new Map(action.parameters.map((p) => [p.name, p]));
  for (const name of Object.keys(params)) {
    if (!declared.has(name)) errors.push({ parameter: name, message: `unknown parameter for action ${action.code}` });
  }
  for (const p of action.parameters) {
    const value = params[p.name];
    const required = p.required || (outcome !== undefined && (p.requiredFor ?? []).includes(outcome));
    if (isMissing(value)) {
      if (required) {
        const when = p.required ? '' : ` when the outcome is ${outcome}`;
        errors.push({ parameter: p.name, message: `${p.displayName} is required${when}` });
      }
      continue;
    }
    const problem = typeProblem(p, value);
    if (problem) errors.push({ parameter: p.name, message: `${p.displayName} ${problem}` });
  }
  return errors;
}
