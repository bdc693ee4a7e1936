import type { TenantSettings } from './config-types';

// The tenant settings pages as data: which setting each field edits (dotted paths into objects,
// as the API's 422 errors name them), and how its text becomes a value.

export type FieldKind = 'integer' | 'optionalInteger' | 'number' | 'text' | 'optionalText' | 'boolean' | 'secret';

export interface SettingField {
  /** `deliveryOffsetDays`, `rankingWeights.overload`, `folioHost.okapiUrl` */
  path: string;
  kind: FieldKind;
  required?: boolean;
  /** shown only when this returns true for the current values */
  when?: (values: Record<string, string>) => boolean;
}

export const WORKFLOW_FIELDS: SettingField[] = [
  { path: 'requestIdPrefix', kind: 'optionalText' },
  { path: 'deliveryOffsetDays', kind: 'integer', required: true },
  { path: 'lendingLoanPeriodDays', kind: 'integer', required: true },
  { path: 'lendingThreshold', kind: 'optionalInteger' },
  { path: 'staleLendingDays', kind: 'optionalInteger' },
  { path: 'autoResponder', kind: 'boolean' },
];

export const RANKING_FIELDS: SettingField[] = [
  { path: 'overloadThreshold', kind: 'integer', required: true },
  { path: 'rankingWeights.overload', kind: 'number', required: true },
  { path: 'rankingWeights.balance', kind: 'number', required: true },
  { path: 'rankingWeights.performance', kind: 'number', required: true },
  { path: 'rankingWeights.loanToBorrowRatio', kind: 'number', required: true },
];

const isFolio = (v: Record<string, string>) => v.hostAdapter === 'folio';
const isNcip = (v: Record<string, string>) => v.hostAdapter === 'ncip';
const folio = (name: string, kind: FieldKind = 'text', required = true): SettingField => ({ path: `folioHost.${name}`, kind, required, when: isFolio });
const ncip = (name: string, kind: FieldKind = 'text', required = true): SettingField => ({ path: `ncipHost.${name}`, kind, required, when: isNcip });

export const HOST_FIELDS: SettingField[] = [
  { path: 'hostAdapter', kind: 'text', required: true },
  folio('okapiUrl'),
  folio('instanceTypeId'),
  folio('instanceSource'),
  folio('illLocationId'),
  folio('holdingsSourceId'),
  folio('materialTypeId'),
  folio('permanentLoanTypeId'),
  folio('pickupServicePointId'),
  folio('defaultServicePointId'),
  folio('institutionalPatronBarcode'),
  folio('systemUser.username', 'optionalText', false),
  folio('systemUser.password', 'secret', false),
  ncip('endpoint'),
  ncip('fromAgencyId'),
  ncip('toAgencyId'),
  ncip('institutionalPatronId'),
  ncip('pickupLocation'),
  ncip('fromAgencyAuthentication', 'secret', false),
];

function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** The settings as text per field path. */
export function settingsValues(settings: TenantSettings, fields: SettingField[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = get(settings, f.path);
    out[f.path] = v === null || v === undefined ? '' : String(v);
  }
  return out;
}

export function settingsErrors(values: Record<string, string>, fields: SettingField[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of fields) {
    if (f.when && !f.when(values)) continue;
    const v = values[f.path].trim();
    if (!v) {
      if (f.required && f.kind !== 'boolean') errors[f.path] = 'validation.required';
      continue;
    }
    if ((f.kind === 'integer' || f.kind === 'optionalInteger') && !/^-?\d+$/.test(v)) errors[f.path] = 'validation.wholeNumber';
    if (f.kind === 'number' && Number.isNaN(Number(v))) errors[f.path] = 'validation.number';
  }
  return errors;
}

function value(f: SettingField, text: string): unknown {
  const v = text.trim();
  switch (f.kind) {
    case 'boolean': return v === 'true';
    case 'integer':
    case 'number': return Number(v);
    case 'optionalInteger': return v ? Number(v) : null;
    case 'optionalText': return v || null;
    default: return v;
  }
}

/**
 * The PUT body for the page: every top-level setting it edits, objects merged over what is stored
 * (fields the page does not show are kept). Objects of fields hidden by `when` are left out.
 */
export function settingsPatch(stored: TenantSettings, values: Record<string, string>, fields: SettingField[]): Partial<TenantSettings> {
  const patch: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.when && !f.when(values)) continue;
    const [top, ...rest] = f.path.split('.');
    const v = value(f, values[f.path]);
    if (rest.length === 0) {
      patch[top] = v;
      continue;
    }
    const base = (patch[top] ?? structuredClone(stored[top] ?? {})) as Record<string, unknown>;
    let cur = base;
    for (const k of rest.slice(0, -1)) cur = (cur[k] ??= {}) as Record<string, unknown>;
    const leaf = rest[rest.length - 1];
    if (v === null || v === '') delete cur[leaf];
    else cur[leaf] = v;
    patch[top] = base;
  }
  // an optional object left empty (a system user without a name) is left out
  for (const top of Object.keys(patch)) {
    const obj = patch[top];
    if (obj && typeof obj === 'object') {
      for (const [k, v] of Object.entries(obj)) if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) delete (obj as Record<string, unknown>)[k];
    }
  }
  return patch as Partial<TenantSettings>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a form sends back for a setting it edits whole: the stored value, changed only where the
 * form's value (`after`) differs from what the form made of the stored value (`before`). Keys the
 * form does not know (a newer module's) and fields the user left alone stay exactly as read.
 */
export function keepUnchanged(stored: unknown, before: unknown, after: unknown): unknown {
  if (JSON.stringify(before) === JSON.stringify(after)) return stored;
  if (isPlainObject(stored) && isPlainObject(before) && isPlainObject(after)) {
    const out: Record<string, unknown> = { ...stored };
    for (const k of Array.from(new Set(Object.keys(before).concat(Object.keys(after))))) {
      const v = keepUnchanged(stored[k], before[k], after[k]);
      if (v === undefined) delete out[k];
      else out[k] = v;
    }
    return out;
  }
  return after;
}
