import assert from 'node:assert/strict';
import { CqlFieldError, CqlSyntaxError, cqlErrorStatus, cqlToSql, type SqlQuery } from '../../src/cql/index.ts';
import { AUTHOR_SQL, TITLE_SQL, TITLE_TSV, requestFields } from './field-map.ts';

const sql = (text: string, first?: number): SqlQuery => cqlToSql(text, requestFields, first);

function fieldError(text: string): CqlFieldError {
  try {
    sql(text);
  } catch (error) {
    assert.ok(error instanceof CqlFieldError, `expected CqlFieldError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected a field error for ${text}`);
}

const UUID = '5b1b4a5c-2a51-4d5a-9c3f-3f6f3a1e2b10';

describe('CQL to SQL', () => {
  describe('string relations', () => {
    it('== is a case-insensitive exact match', () => {
      assert.deepEqual(sql('state==REQ_IDLE'), {
        where: 'lower(r.state) = lower($1::text)',
        params: ['REQ_IDLE'],
        orderBy: 'r.created DESC',
      });
    });

    it('== on a case-sensitive code field compares exactly, so a plain index on the column serves it', () => {
      const map = { ...requestFields, fields: { ...requestFields.fields, state: { sql: 'r.state', type: 'string' as const, caseSensitive: true } } };
      assert.deepEqual(cqlToSql('state==REQ_IDLE sortby state', map), {
        where: 'r.state = $1::text',
        params: ['REQ_IDLE'],
        orderBy: 'r.state ASC NULLS LAST',
      });
      assert.equal(cqlToSql('state<>REQ_*', map).where, '(r.state IS NULL OR r.state NOT LIKE $1::text)');
    });

    it('== with a trailing * is a LIKE prefix match with the user\'s %, _ and \\ escaped', () => {
      assert.deepEqual(sql('title=="100%_a\\\\b*"').params, ['100\\%\\_a\\\\b%']);
      assert.equal(sql('title=="Harry Pot*"').where, `lower(${TITLE_SQL}) LIKE lower($1::text)`);
      assert.deepEqual(sql('title=="Harry Pot*"').params, ['Harry Pot%']);
    });

    it('an escaped \\* is a literal star, not truncation', () => {
      const result = sql('title=="five \\*"');
      assert.equal(result.where, `lower(${TITLE_SQL}) = lower($1::text)`);
      assert.deepEqual(result.params, ['five *']);
    });

    it('= matches every word through the full-text vector, the last one as prefix when truncated', () => {
      const result = sql('title="Harry Pot*"');
      assert.equal(result.where, `(${TITLE_TSV}) @@ to_tsquery('simple', $1::text)`);
      assert.deepEqual(result.params, ['Harry & Pot:*']);
      assert.deepEqual(sql('title any "harry hobbit"').params, ['harry | hobbit']);
      assert.deepEqual(sql('title adj "harry potter"').params, ['harry <-> potter']);
      assert.deepEqual(sql('title all "harry potter"').params, ['harry & potter']);
    });

    it('= without a full-text vector falls back to a LIKE per word', () => {
      const result = sql('author="rowling j"');
      assert.equal(
        result.where,
        `(lower(${AUTHOR_SQL}) LIKE lower($1::text) AND lower(${AUTHOR_SQL}) LIKE lower($2::text))`,
      );
      assert.deepEqual(result.params, ['%rowling%', '%j%']);
      assert.match(sql('author any "a b"').where, / OR /);
      assert.deepEqual(sql('author adj "a b"').params, ['%a%b%']);
    });

    it('<> is IS DISTINCT FROM (rows without the field match) and ranges compare text', () => {
      assert.equal(sql('state<>REQ_IDLE').where, 'lower(r.state) IS DISTINCT FROM lower($1::text)');
      assert.equal(sql('state<>REQ*').where, '(r.state IS NULL OR lower(r.state) NOT LIKE lower($1::text))');
      for (const op of ['<', '<=', '>', '>=']) {
        assert.equal(sql(`state${op}M`).where, `r.state ${op} $1::text`);
      }
    });

    it('field="" means the field is defined; field=="" matches the empty value', () => {
      assert.deepEqual(sql('author=""'), { where: `${AUTHOR_SQL} IS NOT NULL`, params: [], orderBy: 'r.created DESC' });
      assert.deepEqual(sql('author==""').params, ['']);
    });
  });

  describe('typed fields', () => {
    it('uuid compares with a cast after validation; truncation uses the text form', () => {
      assert.deepEqual(sql(`id==${UUID}`).params, [UUID]);
      assert.equal(sql(`id==${UUID}`).where, 'r.id = $1::uuid');
      assert.equal(sql(`id=${UUID}`).where, 'r.id = $1::uuid');
      assert.equal(sql(`id<>${UUID}`).where, 'r.id IS DISTINCT FROM $1::uuid');
      assert.deepEqual(sql('id==5B1B*'), { where: 'r.id::text LIKE $1::text', params: ['5b1b%'], orderBy: 'r.created DESC' });
      assert.equal(sql(`id any "${UUID} ${UUID}"`).where, '((r.id = $1::uuid) OR (r.id = $2::uuid))');
    });

    it('numbers and booleans are cast, ranges included', () => {
      assert.equal(sql('copies>=2').where, 'r.copies >= $1::numeric');
      assert.deepEqual(sql('copies==-1.5e3').params, ['-1.5e3']);
      assert.equal(sql('urgent==TRUE').where, 'r.urgent = $1::boolean');
      assert.deepEqual(sql('urgent==TRUE').params, [true]);
    });

    it('a date without time means the whole day', () => {
      assert.deepEqual(sql('created==2024-02-28'), {
        where: '(r.created >= $1::timestamptz AND r.created < $2::timestamptz)',
        params: ['2024-02-28', '2024-02-29'],
        orderBy: 'r.created DESC',
      });
      assert.deepEqual(sql('created<=2024-02-29').params, ['2024-03-01']);
      assert.equal(sql('created<=2024-02-29').where, 'r.created < $1::timestamptz');
      assert.equal(sql('created>2023-12-31').where, 'r.created >= $1::timestamptz');
      assert.deepEqual(sql('created>2023-12-31').params, ['2024-01-01']);
      assert.equal(sql('created>"2024-01-01T10:00:00Z"').where, 'r.created > $1::timestamptz');
    });

    const badValues: Array<[string, string]> = [
      ['id==harry', 'id'],
      ['id==5b1b4a5c-2a51-4d5a-9c3f-3f6f3a1e2b1', 'id'],
      ["id==x'*", 'id'],
      ['copies==many', 'copies'],
      ['copies==1*', 'copies'],
      ['copies>"1; drop"', 'copies'],
      ['urgent==yes', 'urgent'],
      ['urgent<true', 'urgent'],
      ['created==2024-02-30', 'created'],
      ['created>"yesterday"', 'created'],
      ['created==2024-01-01T25:00', 'created'],
    ];
    for (const [text, field] of badValues) {
      it(`rejects ${text} as a field error naming ${field}`, () => {
        const error = fieldError(text);
        assert.equal(error.field, field);
        assert.match(error.message, new RegExp(field));
      });
    }
  });

  describe('booleans, precedence and parentheses', () => {
    it('emits AND/OR/AND NOT with parentheses, left to right', () => {
      const result = sql('state==A or state==B and urgent==true not copies>1');
      assert.equal(
        result.where,
        '((((lower(r.state) = lower($1::text)) OR (lower(r.state) = lower($2::text))) AND (r.urgent = $3::boolean))' +
          ' AND NOT COALESCE((r.copies > $4::numeric), FALSE))',
      );
      assert.deepEqual(result.params, ['A', 'B', true, '1']);
    });

    it('keeps explicit parentheses', () => {
      assert.equal(
        sql('state==A or (state==B and urgent==true)').where,
        '((lower(r.state) = lower($1::text)) OR ((lower(r.state) = lower($2::text)) AND (r.urgent = $3::boolean)))',
      );
    });

    it('numbers placeholders from firstParam', () => {
      const result = sql('state==A and copies>1', 3);
      assert.equal(result.where, '((lower(r.state) = lower($3::text)) AND (r.copies > $4::numeric))');
    });

    it('cql.allRecords=1 is TRUE, an empty query is TRUE, a bare term searches the keyword fields', () => {
      assert.equal(sql('cql.allRecords=1').where, 'TRUE');
      assert.equal(sql('').where, 'TRUE');
      assert.equal(sql('  \n ').where, 'TRUE');
      const bare = sql('harry');
      assert.equal(
        bare.where,
        `(((${TITLE_TSV}) @@ to_tsquery('simple', $1::text)) OR (lower(${AUTHOR_SQL}) LIKE lower($2::text)))`,
      );
      assert.deepEqual(bare.params, ['harry', '%harry%']);
      // a UUID also searches the uuid keyword field
      assert.deepEqual(sql(UUID).params.at(-1), UUID);
    });
  });

  describe('sortby', () => {
    it('orders by several keys with directions; strings sort case-insensitively', () => {
      assert.equal(
        sql('cql.allRecords=1 sortby title/sort.descending copies created/sort.ascending').orderBy,
        `lower(${TITLE_SQL}) DESC NULLS FIRST, r.copies ASC NULLS LAST, r.created ASC NULLS LAST`,
      );
    });

    it('rejects unknown and unsortable sort fields by name', () => {
      assert.equal(fieldError('cql.allRecords=1 sortby nosuch').field, 'nosuch');
      const error = fieldError('cql.allRecords=1 sortby note');
      assert.equal(error.field, 'note');
      assert.match(error.message, /cannot be sorted/);
    });

    it('falls back to the default sort, or null without one', () => {
      assert.equal(sql('state==A').orderBy, 'r.created DESC');
      assert.equal(cqlToSql('state==A', { fields: requestFields.fields }).orderBy, null);
    });
  });

  describe('injection attempts stay inside parameters or are rejected', () => {
    it('a quote-and-DROP term is one parameter', () => {
      const result = sql('title=="x\'; DROP TABLE requests; --"');
      assert.equal(result.where, `lower(${TITLE_SQL}) = lower($1::text)`);
      assert.deepEqual(result.params, ["x'; DROP TABLE requests; --"]);
    });

    it('an escaped quote cannot end the term', () => {
      const result = sql('title=="a\\" or 1=1"');
      assert.deepEqual(result.params, ['a" or 1=1']);
      assert.doesNotMatch(result.where, /1=1/);
    });

    it('a field name carrying SQL is a syntax or field error, never SQL', () => {
      assert.throws(() => sql('title);drop==x'), CqlSyntaxError);
      assert.equal(fieldError('title;drop==x').field, 'title;drop');
      assert.equal(fieldError('constructor==x').field, 'constructor');
      assert.equal(fieldError('__proto__==x').field, '__proto__');
    });

    it('tsquery operators in a term are reduced to words', () => {
      const result = sql("title=\"a & !b | c:* <-> 'd'\"");
      assert.deepEqual(result.params, ['a & b & c & d']);
    });

    it('no query value ever appears in the SQL text', () => {
      const marker = 'zq9marker';
      for (const text of [
        `title==${marker}`, `title=${marker}*`, `author="${marker} x"`, `state<>${marker}`, `state<${marker}`,
        `${marker}`, `title==(${marker} or b)`,
      ]) {
        const result = sql(text);
        assert.ok(!result.where.includes(marker), `${text} -> ${result.where}`);
        assert.ok(JSON.stringify(result.params).includes(marker));
      }
    });
  });

  it('maps syntax errors to HTTP 400 and field errors to 422', () => {
    const status = (text: string): number | null => {
      try { sql(text); } catch (e) { return cqlErrorStatus(e); }
      return null;
    };
    assert.equal(status('title==(a'), 400);
    assert.equal(status('nosuch==a'), 422);
    assert.equal(status('copies==x'), 422);
    assert.equal(cqlErrorStatus(new Error('other')), null);
  });

  it('reports truncation on a range relation as a syntax error at the term', () => {
    const error = (() => {
      try { sql('state<"M*"'); } catch (e) { return e; }
      return null;
    })();
    assert.ok(error instanceof CqlSyntaxError);
    assert.equal(error.position, 6);
  });
});
