// Text PostgreSQL cannot store, refused at the door. A JSON body, a query parameter or a path
// parameter holding U+0000 (PostgreSQL text and jsonb cannot hold it) or a lone UTF-16 surrogate
// (`"\ud800"`: not a character; jsonb refuses its escape) would otherwise reach the database and
// roll back into a 500; a body nested deeper than any of our schemas would make validation and
// error reporting recurse without end. Each gets a FOLIO errors[] answer naming the field:
// 422 for the body, 400 for the URL.
import type { FastifyInstance } from 'fastify';
import { ValidationError, type FolioError } from './errors.ts';

/** No body of this module nests deeper than a dozen levels; 64 leaves room for any client. */
export const MAX_JSON_DEPTH = 64;

// A NUL, or a high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function unstorableText(text: string): string | undefined {
  const m = UNSTORABLE.exec(text);
  if (!m) return undefined;
  return m[0] === '\u0000' ? 'contains a NUL character (U+0000)' : 'contains a lone UTF-16 surrogate (not a character)';
}

function problem(key: string, message: string, code: string): FolioError {
  const field = (key || '(body)').slice(0, 200);
  return { message: `${field} ${message}`, code, parameters: [{ key: field, value: '' }] };
}

/**
 * The first problem in a parsed JSON value: unstorable text in a key or a string, or nesting
 * deeper than `maxDepth`. Iterative, so no input can overflow the stack.
 */
export function jsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): FolioError | undefined {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const why = unstorableText(v);
      if (why) return problem(path, why, 'validation.unstorableText');
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth) return problem(path, `is nested deeper than ${maxDepth} levels`, 'validation.tooDeep');
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
      const key = path ? `${path}.${k}` : k;
      const why = unstorableText(k);
      if (why) return problem(key, `(the field name) ${why}`, 'validation.unstorableText');
      stack.push({ v: item, path: key, depth: depth + 1 });
    }
  }
  return undefined;
}

function urlProblem(values: unknown): void {
  if (!values || typeof values !== 'object') return;
  for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
    for (const text of Array.isArray(v) ? v : [v]) {
      const why = typeof text === 'string' ? unstorableText(text) : undefined;
      if (why) throw new ValidationError(problem(k, why, 'validation.unstorableText'), 400);
    }
  }
}

/** Checks every request's query, path parameters and JSON body before validation and handlers. */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    urlProblem(req.query);
    urlProblem(req.params);
    const body = req.body;
    if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) {
      const p = jsonProblem(body);
      if (p) throw new ValidationError(p);
    }
  });
}
