/** Runs the generated SQL against a real PostgreSQL (PGlite) and checks which rows come back. */
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { CqlFieldError, CqlSyntaxError, cqlToSql } from '../../src/cql/index.ts';
import { requestFields } from './field-map.ts';

interface Row {
  key: string;
  title: string | null;
  author: string | null;
  state: string | null;
  created: string;
  copies: number;
  urgent: boolean | null;
}

const ROWS: Row[] = [
  { key: 'stone', title: "Harry Potter and the Philosopher's Stone", author: 'Rowling, J. K.', state: 'REQ_IDLE', created: '2024-01-15T10:00:00Z', copies: 1, urgent: true },
  { key: 'chamber', title: 'Harry Potter and the Chamber of Secrets', author: 'Rowling, J. K.', state: 'REQ_SHIPPED', created: '2024-01-31T23:00:00Z', copies: 2, urgent: false },
  { key: 'hobbit', title: 'The Hobbit', author: 'Tolkien, J. R. R.', state: 'REQ_IDLE', created: '2024-02-01T00:30:00Z', copies: 3, urgent: null },
  { key: 'pure', title: '100% Pure_Data\\Science', author: null, state: 'REQ_CANCELLED', created: '2023-12-31T12:00:00Z', copies: 5, urgent: false },
  { key: 'purex', title: '1000 PureXData', author: null, state: 'REQ_IDLE', created: '2023-11-01T12:00:00Z', copies: 4, urgent: false },
  { key: 'drop', title: "x'; DROP TABLE requests; --", author: "O'Brien", state: 'REQ_IDLE', created: '2024-03-01T00:00:00Z', copies: 1, urgent: false },
  { key: 'quote', title: 'a" or 1=1', author: 'Quinn', state: null, created: '2024-03-02T00:00:00Z', copies: 1, urgent: false },
  { key: 'pottery', title: 'Pottery for beginners', author: 'Smith', state: 'REQ_IDLE', created: '2024-03-03T00:00:00Z', copies: 7, urgent: true },
];

/** Deterministic UUIDs so that queries can name them. */
const idOf = (i: number): string => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;

describe('CQL on PostgreSQL (PGlite)', function () {
  this.timeout(60_000);
  let db: PGlite;

  before(async () => {
    db = new PGlite();
    await db.exec(`
      SET TIME ZONE 'UTC';
      CREATE TABLE requests (
        id uuid PRIMARY KEY, jsonb jsonb NOT NULL, state text, created timestamptz,
        copies numeric, urgent boolean);`);
    for (const [i, row] of ROWS.entries()) {
      await db.query(
        'INSERT INTO requests (id, jsonb, state, created, copies, urgent) VALUES ($1, $2, $3, $4, $5, $6)',
        [idOf(i), JSON.stringify({ key: row.key, citation: { title: row.title, author: row.author } }), row.state, row.created, row.copies, row.urgent],
      );
    }
  });

  after(async () => {
    await db?.close();
  });

  /** Keys of the rows the query selects, in result order. */
  async function keys(text: string): Promise<string[]> {
    const { where, params, orderBy } = cqlToSql(text, requestFields);
    const result = await db.query<{ key: string }>(
      `SELECT r.jsonb->>'key' AS key FROM requests r WHERE ${where} ORDER BY ${orderBy ?? 'r.id'}, r.id`,
      params,
    );
    return result.rows.map((row) => row.key);
  }

  const sorted = (list: string[]): string[] => [...list].sort();

  const cases: Array<[string, string[]]> = [
    ['title=harry', ['chamber', 'stone']],
    ['title=pot*', ['chamber', 'pottery', 'stone']],
    ['title="stone potter"', ['stone']],
    ['title adj "potter and the chamber"', ['chamber']],
    ['title adj "chamber potter"', []],
    ['title any "hobbit chamber"', ['chamber', 'hobbit']],
    ['title=="THE HOBBIT"', ['hobbit']],
    ['title=="harry potter*"', ['chamber', 'stone']],
    ['title=="100%*"', ['pure']],
    ['title=="*pure_data*"', ['pure']],
    ['title=="*data\\\\science"', ['pure']],
    ['author=rowling not state==REQ_SHIPPED', ['stone']],
    ['author="o\'brien"', ['drop']],
    ['cql.allRecords=1 not author=""', ['pure', 'purex']],
    ['cql.allRecords=1 not author==smith', ['chamber', 'drop', 'hobbit', 'pure', 'purex', 'quote', 'stone']],
    ['state<>REQ_IDLE', ['chamber', 'pure', 'quote']],
    ['state==REQ_IDLE and (copies>3 or urgent==true)', ['pottery', 'purex', 'stone']],
    ['state==REQ_IDLE and copies>3 or urgent==true', ['pottery', 'purex', 'stone']],
    ['urgent==true or state==REQ_IDLE and copies>3', ['pottery', 'purex']],
    ['created==2024-01-31', ['chamber']],
    ['created>2024-01-31 and created<"2024-03-01T00:00:01Z"', ['drop', 'hobbit']],
    ['created<=2023-12-31', ['pure', 'purex']],
    [`id==${idOf(2)}`, ['hobbit']],
    [`id==(${idOf(0)} or ${idOf(6)})`, ['quote', 'stone']],
    ['id==00000000-0000-4000-8000-00000000000*', ['chamber', 'drop', 'hobbit', 'pottery', 'pure', 'purex', 'quote', 'stone']],
    ['hobbit', ['hobbit']],
    [idOf(4), ['purex']],
    ['title=="x\'; DROP TABLE requests; --"', ['drop']],
    ['title=="a\\" or 1=1"', ['quote']],
    ['title="a & !b | c:*"', []],
    ['title="!!!"', []],
    ['title="1=1"', ['quote']],
  ];

  for (const [text, expected] of cases) {
    it(`${text} -> ${expected.join(', ') || 'nothing'}`, async () => {
      assert.deepEqual(sorted(await keys(text)), sorted(expected));
    });
  }

  it('sorts by several keys and directions', async () => {
    assert.deepEqual(await keys('state==REQ_IDLE sortby copies/sort.descending title'), [
      'pottery', 'purex', 'hobbit', 'stone', 'drop',
    ]);
    assert.deepEqual(await keys('copies==1 sortby title'), ['quote', 'stone', 'drop']);
    // default sort (created DESC) when the query has none
    assert.deepEqual(await keys('urgent==true'), ['pottery', 'stone']);
  });

  it('composes with the caller\'s own parameters through firstParam', async () => {
    const { where, params } = cqlToSql('title=harry', requestFields, 2);
    const result = await db.query<{ key: string }>(
      `SELECT r.jsonb->>'key' AS key FROM requests r WHERE r.state = $1 AND ${where}`,
      ['REQ_SHIPPED', ...params],
    );
    assert.deepEqual(result.rows.map((r) => r.key), ['chamber']);
  });

  it('keeps the table after every injection attempt, and rejected queries never reach SQL', async () => {
    for (const text of ['title);drop table requests;--==x', 'title==x) or (1=1', 'copies>"1; DROP TABLE requests"', 'id=="\'; DROP TABLE requests; --"']) {
      assert.throws(() => cqlToSql(text, requestFields), (e: unknown) => e instanceof CqlSyntaxError || e instanceof CqlFieldError);
    }
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM requests');
    assert.equal(count.rows[0].n, ROWS.length);
  });

  it('runs a maximal alternating boolean chain without a database error', async () => {
    const parts = ['title=harry'];
    for (let i = 0; parts.join(' ').length < 9_900; i++) parts.push(i % 2 ? 'and copies>0' : 'or copies>9');
    const text = parts.join(' ');
    assert.ok(text.length <= 10_000);
    assert.deepEqual(sorted(await keys(text)), ['chamber', 'stone']);
  });
});
