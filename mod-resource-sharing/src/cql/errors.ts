/**
 * Errors raised while parsing or translating CQL.
 *
 * The HTTP layer maps CqlSyntaxError to 400 (the query text is malformed) and
 * CqlFieldError to 422 (the query is well-formed but names an unknown or unsortable
 * field, or gives a value the field's type cannot hold).
 */

export class CqlSyntaxError extends Error {
  /** 0-based character offset in the query text where the problem was found. */
  readonly position: number;
  /** The problem without the position prefix, e.g. "expected ')'". */
  readonly detail: string;

  constructor(position: number, detail: string) {
    super(`CQL syntax error at position ${position}: ${detail}`);
    this.name = 'CqlSyntaxError';
    this.position = position;
    this.detail = detail;
  }
}

export class CqlFieldError extends Error {
  /** The index (field) name as written in the query. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'CqlFieldError';
    this.field = field;
  }
}

/** HTTP status for a CQL error: 400 for syntax, 422 for field problems, null for anything else. */
export function cqlErrorStatus(error: unknown): 400 | 422 | null {
  if (error instanceof CqlSyntaxError) return 400;
  if (error instanceof CqlFieldError) return 422;
  return null;
}
