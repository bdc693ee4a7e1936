// Property-based tests of the CQL translator (fast-check): any text gives either a parameterised
// query or a CqlSyntaxError / CqlFieldError (400 / 422 at the API), never another exception; a
// query built from the grammar translates, its values only ever travel as parameters, and no
// parameter holds a character PostgreSQL cannot take.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CqlFieldError, CqlSyntaxError, cqlToSql, type SqlQuery } from '../../src/cql/index.ts';
import { requestFields } from './field-map.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 500);

function translate(text: string): SqlQuery | CqlSyntaxError | CqlFieldError {
  try {
    return cqlToSql(text, requestFields);
  } catch (err) {
    assert.ok(err instanceof CqlSyntaxError || err instanceof CqlFieldError, `${text} threw ${String(err)}`);
    return err;
  }
}

/** The well-formed answer: placeholders $1..$n for exactly n parameters, no NUL in any of them. */
function wellFormed(q: SqlQuery): void {
  assert.equal(typeof q.where, 'string');
  assert.ok(q.orderBy === null || typeof q.orderBy === 'string');
  const used = [...q.where.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
  assert.equal(Math.max(0, ...used), q.params.length, `${q.where} with ${q.params.length} parameters`);
  for (const p of q.params) if (typeof p === 'string') assert.ok(!p.includes('\u0000'), 'a parameter holds NUL');
}

const cqlChar = fc.constantFrom('t', 'i', 'l', 'e', '=', '==', '<>', '<', '>', '(', ')', '"', '\\', '*', '?', '^', '/', ' ', 'and', 'or', 'not', 'prox', 'sortby', '\u0000', '\uD800', '%', "'", ';', '--');

describe('CQL: properties (fast-check)', () => {
  it('any text translates or is refused as a syntax or field error, never anything else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(cqlChar, { maxLength: 40 }).map((a) => a.join(''))), (text) => {
        const out = translate(text);
        if (!(out instanceof Error)) wellFormed(out);
      }),
      { numRuns: RUNS },
    );
  });

  it('a query from the grammar translates, with every value passed as a parameter', () => {
    const index = fc.constantFrom('title', 'author', 'state', 'note');
    const relation = fc.constantFrom('=', '==', '<>', 'all', 'any', 'adj');
    const term = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '9', ' ', "'", ';', '-', 'é', '\u202e', '%', '_'), minLength: 1, maxLength: 12 });
    const clause = fc.tuple(index, relation, term).map(([i, r, t]) => ({ text: `${i} ${r} "${t.replace(/["\\]/g, '')}"`, value: t }));
    const query = fc
      .array(fc.tuple(clause, fc.constantFrom('and', 'or', 'not')), { minLength: 1, maxLength: 6 })
      .chain((parts) =>
        fc.tuple(fc.constant(parts), fc.boolean(), fc.constantFrom('', ' sortby title', ' sortby created/sort.descending')),
      );
    fc.assert(
      fc.property(query, ([parts, parenthesise, sort]) => {
        let text = parts[0][0].text;
        for (const [c, op] of parts.slice(1)) text = parenthesise ? `(${text}) ${op} ${c.text}` : `${text} ${op} ${c.text}`;
        text += sort;
        const out = translate(text);
        assert.ok(!(out instanceof Error), `${text}: ${String(out)}`);
        wellFormed(out);
        // values travel only as parameters: a value with a quote or a semicolon never reaches the SQL text
        for (const [c] of parts) {
          if (/[';]/.test(c.value) && c.value.trim().length >= 4) assert.ok(!out.where.includes(c.value.trim()), `${c.value} in ${out.where}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('deep nesting and control characters are syntax errors, not a stack overflow or a database error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000 }), fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\uDC00'), (depth, ch) => {
        assert.ok(translate(`${'('.repeat(depth)}title=a${')'.repeat(depth)}`) !== undefined);
        assert.ok(translate(`title=a${ch}b`) instanceof CqlSyntaxError);
      }),
      { numRuns: 50 },
    );
  });
});
