// Turns whatever a handler throws into FOLIO's error answers. Nothing reaches the caller as a
// stack trace or a database message, and no error body repeats a huge value: every value shown
// in `parameters` is cut to MAX_SHOWN_VALUE characters.
import type { FastifyError, FastifyInstance } from 'fastify';
import { registerInputGuard } from './input-guard.ts';
import { registerInvokePathGuard } from './invoke-path.ts';
import { shownValue } from './errors.ts';
import { CqlFieldError, CqlSyntaxError } from '../cql/index.ts';
import { HttpError, ValidationError, type FolioError } from './errors.ts';
import { DatabaseUnavailableError } from '../db/unavailable.ts';

/** The errors with every parameter value cut (see shownValue). */
function cut(errors: FolioError[]): FolioError[] {
  return errors.map((e) => ({
    ...e,
    message: e.message.length > 1000 ? `${e.message.slice(0, 1000)}...` : e.message,
    ...(e.parameters ? { parameters: e.parameters.map((p) => ({ key: shownValue(p.key), value: shownValue(p.value) })) } : {}),
  }));
}

/** PostgreSQL's "data exception" class: a value the database cannot hold (a safety net behind validation). */
function isDataException(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fieldName(issue: AjvIssue): string {
  const base = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const extra = (issue.params?.missingProperty ?? issue.params?.additionalProperty) as string | undefined;
  return [base, extra].filter(Boolean).join('.') || '(body)';
}

export function validationErrors(issues: AjvIssue[], data?: unknown): FolioError[] {
  return issues.map((issue) => {
    const field = fieldName(issue);
    let message: string;
    if (issue.keyword === 'required') message = `${field} is required`;
    else if (issue.keyword === 'additionalProperties') message = `${field} is not a known field`;
    else if (issue.keyword === 'enum') {
      message = `${field} must be one of: ${(issue.params?.allowedValues as unknown[] | undefined)?.join(', ')}`;
    } else if (issue.keyword === 'pattern' && field.endsWith('title')) message = `${field} must not be blank`;
    else message = `${field} ${issue.message ?? 'is invalid'}`;
    const value = lookup(data, (issue.instancePath ?? '').split('/').filter(Boolean));
    return { message, code: `validation.${issue.keyword ?? 'invalid'}`, parameters: [{ key: field, value: shownValue(value) }] };
  });
}

function lookup(data: unknown, path: string[]): unknown {
  let cur = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** The error handler, and the guards whose refusals are errors of the same shape. */
export function registerErrorHandler(app: FastifyInstance): void {
  registerInvokePathGuard(app);
  registerInputGuard(app);
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.validation) {
      const errors = cut(validationErrors(err.validation as AjvIssue[], req.body));
      return reply.code(422).type('application/json').send({ errors, total_records: errors.length });
    }
    if (err instanceof ValidationError) {
      const errors = cut(err.errors);
      return reply.code(err.status).type('application/json').send({ errors, total_records: errors.length });
    }
    if (err instanceof CqlSyntaxError) return reply.code(400).type('text/plain').send(err.message);
    if (err instanceof CqlFieldError) {
      const errors: FolioError[] = [{ message: err.message, code: 'cql.unsupportedField', parameters: [{ key: 'field', value: err.field }] }];
      return reply.code(422).type('application/json').send({ errors, total_records: 1 });
    }
    if (err instanceof DatabaseUnavailableError) {
      req.log.warn({ reason: err.errors[0]?.parameters?.[0]?.value }, 'database unavailable');
      return reply.code(503).header('retry-after', String(err.retryAfter)).type('application/json').send({ errors: err.errors, total_records: err.errors.length });
    }
    if (err instanceof HttpError) return reply.code(err.status).type('text/plain').send(err.message);
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).type('text/plain').send(err.message);
    }
    if (isDataException(err)) {
      req.log.warn({ err }, 'a value the database cannot hold reached it');
      const errors: FolioError[] = [{ message: 'A value in the request cannot be stored', code: 'validation.unstorable', parameters: [] }];
      return reply.code(422).type('application/json').send({ errors, total_records: 1 });
    }
    req.log.error({ err }, 'unhandled error');
    return reply
      .code(500)
      .type('text/plain')
      .send(`Internal server error${req.headers['x-okapi-request-id'] ? ` (request ${req.headers['x-okapi-request-id']})` : ''}`);
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).type('text/plain').send(`No such endpoint: ${req.method} ${req.url.split('?')[0]}`);
  });
}
