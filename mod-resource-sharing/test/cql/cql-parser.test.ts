import assert from 'node:assert/strict';
import {
  CqlSyntaxError,
  parseCql,
  type CqlClause,
  type CqlSearchClause,
} from '../../src/cql/index.ts';

/** Compact rendering of a clause tree: (left op right) and index rel term. */
function show(clause: CqlClause | null): string {
  if (clause === null) return '';
  if (clause.type === 'search') return `${clause.index ?? '*'} ${clause.relation} ${clause.term}`;
  return `(${show(clause.left)} ${clause.operator} ${show(clause.right)})`;
}

function syntaxError(text: string): CqlSyntaxError {
  try {
    parseCql(text);
  } catch (error) {
    assert.ok(error instanceof CqlSyntaxError, `expected CqlSyntaxError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected a syntax error for ${text}`);
}

describe('CQL parser', () => {
  it('parses every relation, symbolic and word', () => {
    for (const relation of ['==', '=', '<>', '<', '<=', '>', '>=']) {
      const { clause } = parseCql(`copies${relation}3`);
      assert.equal(show(clause), `copies ${relation} 3`);
    }
    for (const relation of ['all', 'ANY', 'adj']) {
      const { clause } = parseCql(`title ${relation} "a b"`);
      assert.equal(show(clause), `title ${relation.toLowerCase()} a b`);
    }
  });

  it('gives and/or/not equal precedence, left to right, case-insensitively', () => {
    assert.equal(show(parseCql('a=1 or b=2 AND c=3 Not d=4').clause), '(((a = 1 or b = 2) and c = 3) not d = 4)');
    assert.equal(show(parseCql('a=1 or (b=2 and c=3)').clause), '(a = 1 or (b = 2 and c = 3))');
  });

  it('reads quoted terms with their escapes kept and bare terms as keyword searches', () => {
    const clause = parseCql('title=="say \\"hi\\" \\* now*"').clause as CqlSearchClause;
    assert.equal(clause.term, 'say \\"hi\\" \\* now*');
    assert.equal(clause.termPosition, 7);
    const bare = parseCql('harry').clause as CqlSearchClause;
    assert.equal(bare.index, null);
    assert.equal(bare.relation, '=');
  });

  it('lets bare terms in parentheses inherit index and relation (FOLIO id==(a or b))', () => {
    assert.equal(show(parseCql('id==(a or b) and x=1').clause), '((id == a or id == b) and x = 1)');
  });

  it('reads a sortby with several keys and directions', () => {
    const query = parseCql('cql.allRecords=1 sortby title/sort.descending created copies/sort.ascending');
    assert.deepEqual(
      query.sortBy.map((k) => `${k.index}:${k.direction}`),
      ['title:desc', 'created:asc', 'copies:asc'],
    );
    assert.equal(parseCql('sortby title').clause, null);
    assert.equal(parseCql('   ').clause, null);
  });

  it('accepts relation modifiers it knows and rejects others', () => {
    const clause = parseCql('title==/ignoreCase/unmasked "a*"').clause as CqlSearchClause;
    assert.deepEqual(clause.modifiers, ['ignoreCase', 'unmasked']);
    assert.equal(syntaxError('title==/fuzzy x').position, 8);
  });

  describe('syntax errors report the position', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['(title==a and state==b', 22, /expected '\)'/],
      ['title==a)', 8, /unexpected '\)'/],
      ['title==', 7, /expected a search term/],
      ['title==a and', 12, /expected a search term/],
      ['title==a and or state==b', 13, /expected a search term but found 'or'/],
      ['title==a state==b', 9, /expected a boolean operator/],
      ['title=="unterminated', 7, /unterminated quoted string/],
      ['"title"==a', 0, /index name cannot be quoted/],
      ['title==a sortby', 15, /expected a sort field/],
      ['title==a sortby title/sort.asc', 22, /unsupported sort modifier 'sort.asc'/],
      ['title==a prox b==c', 9, /prox/],
      ['()', 1, /expected a search term but found '\)'/],
    ];
    for (const [text, position, message] of cases) {
      it(`${text} -> position ${position}`, () => {
        const error = syntaxError(text);
        assert.equal(error.position, position);
        assert.match(error.message, message);
        assert.match(error.message, new RegExp(`^CQL syntax error at position ${position}: `));
      });
    }
  });

  it('rejects over-long queries and deep nesting without overflowing the stack', () => {
    assert.equal(syntaxError(`title==${'a'.repeat(10_000)}`).position, 10_000);
    const deep = `${'('.repeat(51)}a${')'.repeat(51)}`;
    const error = syntaxError(deep);
    assert.equal(error.position, 50);
    assert.match(error.message, /nested deeper than 50/);
    assert.equal(show(parseCql(`${'('.repeat(50)}a${')'.repeat(50)}`).clause), '* = a');
    const pathological = '('.repeat(9_999);
    assert.equal(syntaxError(pathological).position, 50);
  });

  it('parses a long flat chain without recursion trouble', () => {
    const text = Array.from({ length: 1_500 }, (_, i) => `a${i}`).join(' or ').slice(0, 10_000);
    assert.ok(parseCql(text.replace(/ or [^ ]*$/, '')).clause);
  });
});
