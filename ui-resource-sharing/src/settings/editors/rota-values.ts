import type { RotaProfile, RotaRule } from './config-types';

// The rota profile form's values (numbers as typed) and their conversion to and from the API.
// Fields the form does not edit (the ranking strategy, a newer module's) are kept from the stored profile.

export interface RuleValues {
  serviceType: '' | 'loan' | 'copy';
  format: string;
  patronGroup: string;
  neededWithinDays: string;
  priority: string;
}

export interface RotaValues {
  original?: RotaProfile;
  id?: string;
  _version?: number;
  name: string;
  description: string;
  ordered: boolean;
  /** broker mode `both`: the requests this profile picks go through the broker */
  useBroker: boolean;
  entries: Array<{ symbol: string; note: string }>;
  rules: RuleValues[];
}

export const EMPTY_RULE: RuleValues = { serviceType: '', format: '', patronGroup: '', neededWithinDays: '', priority: '' };
export const EMPTY_ROTA: RotaValues = { name: '', description: '', ordered: true, useBroker: false, entries: [], rules: [] };

export function toRotaValues(p: RotaProfile): RotaValues {
  return {
    original: p,
    id: p.id,
    _version: p._version,
    name: p.name,
    description: p.description ?? '',
    ordered: p.ordered,
    useBroker: p.useBroker === true,
    entries: p.entries.map((e) => ({ symbol: e.symbol, note: e.note ?? '' })),
    rules: (p.rules ?? []).map((r) => ({
      serviceType: r.serviceType ?? '',
      format: r.format ?? '',
      patronGroup: r.patronGroup ?? '',
      neededWithinDays: r.neededWithinDays === undefined ? '' : String(r.neededWithinDays),
      priority: r.priority === undefined ? '' : String(r.priority),
    })),
  };
}

export function toRotaProfile(v: RotaValues): RotaProfile {
  const rules = v.rules.map((r) => {
    const rule: RotaRule = {};
    if (r.serviceType) rule.serviceType = r.serviceType;
    if (r.format.trim()) rule.format = r.format.trim();
    if (r.patronGroup.trim()) rule.patronGroup = r.patronGroup.trim();
    if (r.neededWithinDays.trim()) rule.neededWithinDays = Number(r.neededWithinDays);
    if (r.priority.trim()) rule.priority = Number(r.priority);
    return rule;
  });
  const { metadata: _metadata, description: _description, useBroker: _useBroker, ...kept } = (v.original ?? {}) as RotaProfile & { metadata?: unknown };
  return {
    ...kept,
    ...(v.id ? { id: v.id } : {}),
    ...(v._version ? { _version: v._version } : {}),
    name: v.name.trim(),
    ...(v.description.trim() ? { description: v.description.trim() } : {}),
    ordered: v.ordered,
    ...(v.useBroker ? { useBroker: true } : {}),
    entries: v.entries.map((e) => ({ symbol: e.symbol, ...(e.note.trim() ? { note: e.note.trim() } : {}) })),
    rules,
  };
}

/** Checks before sending; keys as the backend names fields, values are translation keys. */
export function validateRota(v: RotaValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = 'validation.required';
  v.entries.forEach((e, i) => {
    if (!e.symbol) errors[`entries[${i}].symbol`] = 'validation.required';
    else if (v.entries.findIndex((x) => x.symbol === e.symbol) < i) errors[`entries[${i}].symbol`] = 'editor.rota.duplicate';
  });
  v.rules.forEach((r, i) => {
    if (r.neededWithinDays.trim() && !/^\d+$/.test(r.neededWithinDays.trim())) errors[`rules[${i}].neededWithinDays`] = 'validation.wholeNumber';
    if (r.priority.trim() && !/^-?\d+$/.test(r.priority.trim())) errors[`rules[${i}].priority`] = 'validation.wholeNumber';
  });
  return errors;
}

/** `list` with the item at `from` moved one place up (-1) or down (+1). */
export function moved<T>(list: T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (to < 0 || to >= list.length) return list;
  const out = [...list];
  [out[from], out[to]] = [out[to], out[from]];
  return out;
}
