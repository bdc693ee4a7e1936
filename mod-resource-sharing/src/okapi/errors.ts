// FOLIO's error conventions: 422 with an `errors[]` body for validation, text/plain for 400 and
// 404, 409 for an optimistic-locking conflict. Handlers throw these; the error handler answers.

/** The longest value an error body repeats; longer ones end in `...`. */
export const MAX_SHOWN_VALUE = 200;

/** `value` as an error body shows it: text as is, anything else as JSON, cut to MAX_SHOWN_VALUE. */
export function shownValue(value: unknown): string {
  let s: string;
  if (value === undefined) return '';
  if (typeof value === 'string') s = value;
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = Array.isArray(value) ? '[...]' : typeof value === 'object' ? '{...}' : String(value);
    }
  }
  return s.length > MAX_SHOWN_VALUE ? `${s.slice(0, MAX_SHOWN_VALUE)}...` : s;
}

export interface ErrorParameter {
  key: string;
  value: string;
}

export interface FolioError {
  message: string;
  code?: string;
  type?: string;
  parameters?: ErrorParameter[];
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string) {
    super(400, message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, message);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string) {
    super(409, message);
  }
}

/** 422 with FOLIO's errors[] body (or 400 with the same body, for a malformed URL). */
export class ValidationError extends HttpError {
  readonly errors: FolioError[];
  constructor(errors: FolioError[] | FolioError, status: 400 | 422 = 422) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(status, list.map((e) => e.message).join('; '));
    this.errors = list;
  }

  static field(key: string, value: unknown, message: string, code = 'validation.invalidValue'): ValidationError {
    return new ValidationError({
      message,
      code,
      parameters: [{ key, value: shownValue(value) }],
    });
  }
}
