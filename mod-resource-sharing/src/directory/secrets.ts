// Shared secrets and account ids agreed with partners (requestingAgencyAuthentication) are shown
// only to staff holding resource-sharing.directory.secrets.view; everyone else sees a mask. A
// client that sends the mask back (an edit form round trip) keeps the stored value.
import type { FolioError } from '../okapi/errors.ts';
import { SECRET_FIELDS, type DirectoryEntry, type DirectoryEntryInput } from './directory-types.ts';
import { fieldError } from './validation.ts';

export const SECRETS_VIEW_PERMISSION = 'resource-sharing.directory.secrets.view';

/** What a reader without the permission sees in place of a secret that is set. */
export const SECRET_MASK = '********';

/** `entry` with its secrets masked (a secret that is not set stays absent). */
export function maskSecrets<T extends DirectoryEntry | DirectoryEntryInput>(entry: T): T {
  const out = { ...entry } as Record<string, unknown>;
  for (const f of SECRET_FIELDS) if (typeof out[f] === 'string' && out[f] !== '') out[f] = SECRET_MASK;
  return out as T;
}

/** An update that echoes the mask keeps the stored secret; changes `input` in place. */
export function keepMaskedSecrets(input: DirectoryEntryInput, current: DirectoryEntry): void {
  for (const f of SECRET_FIELDS) {
    if (input[f] !== SECRET_MASK) continue;
    if (current[f] !== undefined) input[f] = current[f];
    else delete input[f];
  }
}

/** A new entry cannot take the mask as its secret: it stands for a value that does not exist. */
export function maskErrors(input: DirectoryEntryInput, field: (name: string) => string): FolioError[] {
  return SECRET_FIELDS.filter((f) => input[f] === SECRET_MASK).map((f) =>
    fieldError(field(f), SECRET_MASK, `${field(f)}: "${SECRET_MASK}" stands for a stored secret; give the value itself`, 'directory.maskedSecret'),
  );
}
