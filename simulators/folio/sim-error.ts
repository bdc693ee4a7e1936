// How the simulator refuses a call, in FOLIO's shapes: 422 with errors[], text/plain otherwise.
import type { FolioErrorEntry } from './folio-schemas.ts';

export class SimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FolioErrorEntry[],
  ) {
    super(message);
  }

  /** 422 with one FOLIO error; `key`/`value` name the offending field. */
  static unprocessable(message: string, key?: string, value?: string): SimError {
    const entry: FolioErrorEntry = { message };
    if (key !== undefined) entry.parameters = [{ key, value: value ?? '' }];
    return new SimError(422, message, [entry]);
  }

  static invalid(errors: FolioErrorEntry[]): SimError {
    return new SimError(422, errors.map((e) => e.message).join('; '), errors);
  }

  static notFound(what = 'Not found'): SimError {
    return new SimError(404, what);
  }

  static badRequest(message: string): SimError {
    return new SimError(400, message);
  }
}
