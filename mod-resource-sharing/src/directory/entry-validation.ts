// Checks a directory entry body beyond its JSON schema: URLs that must be http(s), symbols that
// appear twice in one entry. Uniqueness across the directory is the store's job.
import type { FolioError } from '../okapi/errors.ts';
import { directoryEntrySchema } from './directory-schema.ts';
import type { DirectoryEntryInput } from './directory-types.ts';
import { symbolKey } from './symbols.ts';
import { compileChecker, fieldError, isHttpUrl } from './validation.ts';

const checker = compileChecker(directoryEntrySchema);

/** The errors in one entry body; `prefix` (e.g. `entries[3]`) goes in front of every field name. */
export function entryErrors(body: unknown, prefix = ''): FolioError[] {
  const errors = checker.errors(body, prefix);
  if (errors.length) return errors;
  const entry = body as DirectoryEntryInput;
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  for (const field of ['iso18626Endpoint', 'sruEndpoint'] as const) {
    const url = entry[field];
    if (url !== undefined && !isHttpUrl(url)) {
      errors.push(fieldError(at(field), url, `${at(field)} must be an http or https URL`, 'validation.url'));
    }
  }
  if (entry.authentication === 'required' && !entry.sharedSecret) {
    errors.push(
      fieldError(at('authentication'), entry.authentication, `${at('authentication')}: required authentication needs the agreed sharedSecret`, 'directory.secretMissing'),
    );
  }
  const seen = new Set<string>();
  for (const s of entry.symbols) {
    const key = symbolKey(s);
    if (seen.has(key)) {
      errors.push(fieldError(at('symbols'), key, `${at('symbols')} lists ${key} twice`, 'directory.duplicateSymbol'));
    }
    seen.add(key);
  }
  return errors;
}

/** The entry as stored: authorities in capitals, blank optional fields dropped. */
export function normaliseEntry(body: DirectoryEntryInput): DirectoryEntryInput {
  const copy: DirectoryEntryInput = { ...body, symbols: body.symbols.map((s) => ({ authority: s.authority.toUpperCase(), symbol: s.symbol })) };
  delete (copy as { authenticationFailures?: unknown }).authenticationFailures;
  delete copy._version;
  delete (copy as { metadata?: unknown }).metadata;
  delete (copy as { reachability?: unknown }).reachability;
  delete copy.id;
  return copy;
}
