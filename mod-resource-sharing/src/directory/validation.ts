// JSON-schema validation of directory and rota bodies, with field names the way staff read them:
// `entries[2].symbol`, `shippingAddress.country`. Each failure becomes one FOLIO error whose
// first parameter is the field, so a 422 names what to fix. Used for single records and for
// every entry of an import, where the caller adds the entry's position as a prefix.
import ajvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import { shownValue, ValidationError, type FolioError } from '../okapi/errors.ts';

// CommonJS modules: the export is the function or class, which also carries itself as `default`.
const Ajv = ajvModule.default;
const addFormats = ajvFormats.default;

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false, removeAdditional: false });
addFormats(ajv);

/** `/entries/2/symbol` → `entries[2].symbol`; `prefix` goes in front (`entries[3]`). */
export function fieldPath(pointer: string, prefix = ''): string {
  let out = prefix;
  for (const part of pointer.split('/').filter(Boolean)) {
    const name = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(name) ? `[${name}]` : out ? `.${name}` : name;
  }
  return out;
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur = data;
  for (const p of pointer.split('/').filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** One FOLIO error for a field. */
export function fieldError(key: string, value: unknown, message: string, code = 'validation.invalidValue'): FolioError {
  return { message, code, parameters: [{ key, value: shownValue(value) }] };
}

function toFolioError(issue: ErrorObject, data: unknown, prefix: string): FolioError {
  const extra = (issue.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ??
    (issue.params as { additionalProperty?: string }).additionalProperty;
  const pointer = extra ? `${issue.instancePath}/${extra}` : issue.instancePath;
  const field = fieldPath(pointer, prefix) || prefix || '(body)';
  let message: string;
  switch (issue.keyword) {
    case 'required':
      message = `${field} is required`;
      break;
    case 'additionalProperties':
      message = `${field} is not a known field`;
      break;
    case 'enum':
      message = `${field} must be one of: ${((issue.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}`;
      break;
    case 'pattern':
      message = `${field} has an invalid format`;
      break;
    default:
      message = `${field} ${issue.message ?? 'is invalid'}`;
  }
  const value = extra && issue.keyword === 'additionalProperties' ? valueAt(data, pointer) : valueAt(data, issue.instancePath);
  return fieldError(field, value, message, `validation.${issue.keyword}`);
}

export interface Checker {
  /** The errors in `data`, field names prefixed with `prefix`; empty when valid. */
  errors(data: unknown, prefix?: string): FolioError[];
}

export function compileChecker(schema: object): Checker {
  const validate: ValidateFunction = ajv.compile(schema);
  return {
    errors(data, prefix = '') {
      if (validate(data)) return [];
      // `type` errors on a parent often repeat as `required` ones: keep the first per field
      const seen = new Set<string>();
      const out: FolioError[] = [];
      for (const issue of validate.errors ?? []) {
        const e = toFolioError(issue, data, prefix);
        const key = `${e.parameters?.[0]?.key}|${e.code}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push(e);
        }
      }
      return out;
    },
  };
}

/** Throws a 422 with `errors` when there are any. */
export function throwIfAny(errors: FolioError[]): void {
  if (errors.length) throw new ValidationError(errors);
}

/** Is `text` an absolute http or https URL with a host? */
export function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Runs `write`; a unique-index violation (a concurrent writer won) becomes a 422 naming `key`. */
export async function uniquely<T>(write: () => Promise<T>, key: string, value: unknown, message: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new ValidationError([fieldError(key, value, message, 'validation.unique')]);
    throw err;
  }
}
