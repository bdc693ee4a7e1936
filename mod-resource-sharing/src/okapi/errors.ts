// FOLIO's error conventions: 422 with an `errors[]` body for validation, text/plain for 400 and
// 404, 409 for an optimistic-locking conflict. Handlers throw these; the error handler answers.

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

export class ValidationError extends HttpError {
  readonly errors: FolioError[];
  constructor(errors: FolioError[] | FolioError) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(422, list.map((e) => e.message).join('; '));
    this.errors = list;
  }

  static field(key: string, value: unknown, message: string, code = 'validation.invalidValue'): ValidationError {
    return new ValidationError({
      message,
      code,
      parameters: [{ key, value: value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value) }],
    });
  }
}
