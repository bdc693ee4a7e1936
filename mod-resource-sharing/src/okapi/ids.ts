// Record ids are UUIDs. A malformed one in a path or query parameter is the caller's mistake:
// a 400 in plain text, before any database work.
import { BadRequestError } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

/** `raw` when it is a UUID; otherwise a 400 naming what was expected (e.g. "request id"). */
export function uuidParam(what: string, raw: string | undefined): string {
  if (!raw || !UUID.test(raw)) throw new BadRequestError(`Invalid ${what}, not a UUID: ${JSON.stringify((raw ?? '').slice(0, 64))}`);
  return raw;
}
