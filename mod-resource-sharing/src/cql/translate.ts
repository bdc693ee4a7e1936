/**
 * Translation of a parsed CQL query into a parameterised PostgreSQL WHERE clause and
 * ORDER BY body. Field names only come from the caller's whitelist (CqlFieldMap);
 * every value from the query travels as a $n parameter.
 */
import type { CqlClause, CqlComparator, CqlQuery, CqlRelation, CqlRelationModifier, CqlSearchClause } from './ast.ts';
import { CqlFieldError, CqlSyntaxError } from './errors.ts';
import { parseCql } from './parser.ts';
import { decodeTerm, hasMask, likePattern, termText, termWords, type TermChar } from './term.ts';
import { isNumber, isUuid, parseBooleanTerm, parseDateTerm } from './typed-values.ts';

export type CqlFieldType = 'string' | 'uuid' | 'number' | 'date' | 'boolean';

export interface CqlField {
  /** SQL expression yielding the field's value in its type, e.g. "r.state" or "(r.jsonb->'citation'->>'title')". */
  sql: string;
  type: CqlFieldType;
  /** Default true. */
  sortable?: boolean;
  /** tsvector expression built with the 'simple' configuration, used for `=`/all/any/adj on strings. */
  fullText?: string;
  /**
   * Codes such as states and roles: `==`, `<>` and sorting compare exactly (no lower()), so a
   * plain btree index on the column serves them. Default false (case-insensitive, as RMB does).
   */
  caseSensitive?: boolean;
  /**
   * An expression equal to lower(sql) that an index can serve, e.g. a stored lower-cased column;
   * case-insensitive comparisons and sorting use it instead of wrapping `sql` in lower().
   */
  lowerSql?: string;
}

export interface CqlFieldMap {
  /** CQL index name (case-sensitive, e.g. "citation.title") to field. */
  fields: Record<string, CqlField>;
  /** Fields searched by a bare term (`harry`) or `cql.serverChoice`. */
  keywordFields?: string[];
  /** ORDER BY body used when the query has no sortby. */
  defaultSort?: string;
}

export interface SqlQuery {
  /** Boolean SQL expression, safe to AND with other conditions; "TRUE" for an empty query. */
  where: string;
  params: unknown[];
  /** ORDER BY body (without the keywords), or null. */
  orderBy: string | null;
}

const ALL_RECORDS = 'cql.allrecords';
const SERVER_CHOICE = 'cql.serverchoice';
const RANGE: ReadonlySet<CqlRelation> = new Set<CqlRelation>(['<', '<=', '>', '>=']);
const MAX_SHOWN_VALUE = 80;

function shown(text: string): string {
  return text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE)}...` : text;
}

/** True when the whole expression is one parenthesised group, e.g. "(a->>'b')". */
function isParenthesised(sql: string): boolean {
  if (!sql.startsWith('(') || !sql.endsWith(')')) return false;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quoted) {
      if (c === "'") quoted = false;
    } else if (c === "'") {
      quoted = true;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0 && i < sql.length - 1) return false;
    }
  }
  return depth === 0;
}

/** Wraps an SQL expression in parentheses unless it is a column name or already one group. */
function operand(sql: string): string {
  return /^[A-Za-z_][\w.]*$/.test(sql) || isParenthesised(sql) ? sql : `(${sql})`;
}

function lookupField(map: CqlFieldMap, name: string): CqlField | undefined {
  return Object.prototype.hasOwnProperty.call(map.fields, name) ? map.fields[name] : undefined;
}

interface Term {
  name: string;
  field: CqlField;
  relation: CqlRelation;
  chars: TermChar[];
  position: number;
}

class Translator {
  readonly params: unknown[] = [];

  constructor(
    private readonly map: CqlFieldMap,
    private readonly firstParam: number,
  ) {}

  private param(value: string | boolean, cast: string): string {
    this.params.push(value);
    return `$${this.firstParam + this.params.length - 1}::${cast}`;
  }

  clause(node: CqlClause): string {
    if (node.type === 'search') return this.search(node);
    // Flatten a left-deep chain of one operator: a AND b AND c, not ((a AND b) AND c).
    const operator = node.operator;
    const rights: CqlClause[] = [];
    let leftmost: CqlClause = node;
    while (leftmost.type === 'boolean' && leftmost.operator === operator) {
      rights.push(leftmost.right);
      leftmost = leftmost.left;
    }
    rights.reverse();
    let sql = `(${this.clause(leftmost)})`;
    for (const right of rights) {
      const inner = this.clause(right);
      if (operator === 'and') sql += ` AND (${inner})`;
      else if (operator === 'or') sql += ` OR (${inner})`;
      // NULL-safe: a row whose field is NULL does not match the right side, so it stays.
      else sql += ` AND NOT COALESCE((${inner}), FALSE)`;
    }
    return sql;
  }

  private search(node: CqlSearchClause): string {
    const index = node.index;
    if (index !== null && index.toLowerCase() === ALL_RECORDS) return 'TRUE';
    if (index === null || index.toLowerCase() === SERVER_CHOICE) return this.keyword(node);
    const field = lookupField(this.map, index);
    if (!field) throw new CqlFieldError(index, `Unknown search field '${index}'`);
    return this.field(index, field, node);
  }

  private keyword(node: CqlSearchClause): string {
    const names = this.map.keywordFields ?? [];
    if (names.length === 0) {
      throw new CqlFieldError('cql.serverChoice', 'This list has no default search fields: name a field, e.g. title="..."');
    }
    const parts: string[] = [];
    for (const name of names) {
      const field = lookupField(this.map, name);
      if (!field) throw new Error(`CQL field map: keyword field '${name}' is not in fields`);
      const mark = this.params.length;
      try {
        parts.push(this.field(name, field, node));
      } catch (error) {
        // A term that is no valid value for a typed keyword field (a word for a uuid) skips that field.
        if (!(error instanceof CqlFieldError)) throw error;
        this.params.length = mark;
      }
    }
    if (parts.length === 0) return 'FALSE';
    if (parts.length === 1) return parts[0];
    return `(${parts.map((p) => `(${p})`).join(' OR ')})`;
  }

  private field(name: string, field: CqlField, node: CqlSearchClause): string {
    const masked = !node.modifiers.includes('unmasked' as CqlRelationModifier);
    const term: Term = {
      name,
      field,
      relation: node.relation,
      chars: decodeTerm(node.term, masked),
      position: node.termPosition,
    };
    if (term.chars.length === 0) return this.emptyTerm(term);
    switch (field.type) {
      case 'string': return this.stringTerm(term);
      case 'uuid': return this.uuidTerm(term);
      case 'number': return this.typedTerm(term, 'numeric', 'a number', isNumber);
      case 'boolean': return this.booleanTerm(term);
      case 'date': return this.dateTerm(term);
    }
  }

  /** `field=""`: the field is defined; `field<>""` on typed fields: undefined; strings compare with ''. */
  private emptyTerm(term: Term): string {
    const expr = operand(term.field.sql);
    const { relation } = term;
    if (term.field.type === 'string' && relation !== '=' && relation !== 'all' && relation !== 'any' && relation !== 'adj') {
      return this.stringTerm(term);
    }
    if (RANGE.has(relation)) throw this.badValue(term, 'a value');
    return relation === '<>' ? `${expr} IS NULL` : `${expr} IS NOT NULL`;
  }

  private stringTerm(term: Term): string {
    const expr = operand(term.field.sql);
    const masks = hasMask(term.chars);
    const fold = (sql: string) =>
      term.field.caseSensitive ? sql : sql === expr && term.field.lowerSql ? term.field.lowerSql : `lower(${sql})`;
    switch (term.relation) {
      case '==':
        return masks
          ? `${fold(expr)} LIKE ${fold(this.param(likePattern(term.chars), 'text'))}`
          : `${fold(expr)} = ${fold(this.param(termText(term.chars), 'text'))}`;
      case '<>':
        return masks
          ? `(${expr} IS NULL OR ${fold(expr)} NOT LIKE ${fold(this.param(likePattern(term.chars), 'text'))})`
          : `${fold(expr)} IS DISTINCT FROM ${fold(this.param(termText(term.chars), 'text'))}`;
      case '=':
      case 'all':
      case 'any':
      case 'adj':
        return this.wordMatch(term, term.relation);
      default:
        if (masks) {
          throw new CqlSyntaxError(term.position, `truncation ('*', '?') cannot be used with '${term.relation}'`);
        }
        return `${expr} ${term.relation} ${this.param(termText(term.chars), 'text')}`;
    }
  }

  private wordMatch(term: Term, relation: '=' | 'all' | 'any' | 'adj'): string {
    const expr = operand(term.field.sql);
    const words = termWords(term.chars);
    if (words.length === 0) {
      const literal = term.chars.filter((c) => c.mask === null).map((c) => c.ch).join('');
      if (literal === '') return `${expr} IS NOT NULL`;
      return `strpos(lower(${expr}), lower(${this.param(literal, 'text')})) > 0`;
    }
    if (term.field.fullText) {
      const joiner = relation === 'any' ? ' | ' : relation === 'adj' ? ' <-> ' : ' & ';
      const tsquery = words.map((w) => (w.prefix ? `${w.text}:*` : w.text)).join(joiner);
      return `${operand(term.field.fullText)} @@ to_tsquery('simple', ${this.param(tsquery, 'text')})`;
    }
    if (relation === 'adj') {
      const pattern = `%${words.map((w) => w.text).join('%')}%`;
      return `lower(${expr}) LIKE lower(${this.param(pattern, 'text')})`;
    }
    const parts = words.map((w) => `lower(${expr}) LIKE lower(${this.param(`%${w.text}%`, 'text')})`);
    if (parts.length === 1) return parts[0];
    return `(${parts.join(relation === 'any' ? ' OR ' : ' AND ')})`;
  }

  private badValue(term: Term, expected: string): CqlFieldError {
    const value = termText(term.chars);
    return new CqlFieldError(term.name, `Invalid value '${shown(value)}' for field '${term.name}': expected ${expected}`);
  }

  private noTruncation(term: Term): void {
    if (hasMask(term.chars)) {
      throw new CqlFieldError(term.name, `Truncation ('*', '?') cannot be used with field '${term.name}'`);
    }
  }

  /** `any` on a typed field: a whitespace-separated list of values, any of which may match. */
  private anyOf(term: Term, one: (value: string) => string): string {
    const values = termText(term.chars).split(/\s+/u).filter((v) => v !== '');
    const parts = values.map(one);
    return parts.length === 1 ? parts[0] : `(${parts.map((p) => `(${p})`).join(' OR ')})`;
  }

  private compare(expr: string, relation: CqlRelation, value: string): string {
    if (relation === '<>') return `${expr} IS DISTINCT FROM ${value}`;
    if (RANGE.has(relation)) return `${expr} ${relation} ${value}`;
    return `${expr} = ${value}`;
  }

  private uuidTerm(term: Term): string {
    const expr = operand(term.field.sql);
    if (hasMask(term.chars)) {
      if (RANGE.has(term.relation)) this.noTruncation(term);
      if (!term.chars.every((c) => c.mask !== null || /^[0-9a-fA-F-]$/.test(c.ch))) {
        throw this.badValue(term, 'a UUID (truncation with * allowed)');
      }
      const pattern = this.param(likePattern(term.chars).toLowerCase(), 'text');
      return term.relation === '<>'
        ? `(${expr} IS NULL OR ${expr}::text NOT LIKE ${pattern})`
        : `${expr}::text LIKE ${pattern}`;
    }
    return this.typedTerm(term, 'uuid', 'a UUID', isUuid);
  }

  private typedTerm(term: Term, cast: string, expected: string, valid: (text: string) => boolean): string {
    this.noTruncation(term);
    const expr = operand(term.field.sql);
    const check = (value: string): string => {
      if (!valid(value)) throw this.badValue({ ...term, chars: decodeTerm(value, false) }, expected);
      return value;
    };
    if (term.relation === 'any') {
      return this.anyOf(term, (value) => `${expr} = ${this.param(check(value), cast)}`);
    }
    return this.compare(expr, term.relation, this.param(check(termText(term.chars).trim()), cast));
  }

  private booleanTerm(term: Term): string {
    this.noTruncation(term);
    if (RANGE.has(term.relation)) {
      throw new CqlFieldError(term.name, `Relation '${term.relation}' cannot be used with the true/false field '${term.name}'`);
    }
    const value = parseBooleanTerm(termText(term.chars).trim());
    if (value === null) throw this.badValue(term, 'true or false');
    // A JS boolean: drivers that type parameters from the statement (PGlite) refuse the string 'true'.
    return this.compare(operand(term.field.sql), term.relation, this.param(value === 'true', 'boolean'));
  }

  private dateTerm(term: Term): string {
    this.noTruncation(term);
    const expr = operand(term.field.sql);
    const one = (text: string, relation: CqlRelation): string => {
      const date = parseDateTerm(text);
      if (!date) {
        throw this.badValue({ ...term, chars: decodeTerm(text, false) }, 'a date (YYYY-MM-DD) or date-time (ISO 8601)');
      }
      if (date.nextDay === null) return this.compare(expr, relation, this.param(date.value, 'timestamptz'));
      // A date without time stands for the whole day (in the session's time zone).
      const cmp = relation as CqlComparator;
      if (cmp === '<') return `${expr} < ${this.param(date.value, 'timestamptz')}`;
      if (cmp === '>=') return `${expr} >= ${this.param(date.value, 'timestamptz')}`;
      if (cmp === '<=') return `${expr} < ${this.param(date.nextDay, 'timestamptz')}`;
      if (cmp === '>') return `${expr} >= ${this.param(date.nextDay, 'timestamptz')}`;
      const from = this.param(date.value, 'timestamptz');
      const to = this.param(date.nextDay, 'timestamptz');
      const within = `${expr} >= ${from} AND ${expr} < ${to}`;
      return cmp === '<>' ? `(${expr} IS NULL OR NOT (${within}))` : `(${within})`;
    };
    if (term.relation === 'any') return this.anyOf(term, (value) => one(value, '='));
    return one(termText(term.chars).trim(), term.relation);
  }

  orderBy(query: CqlQuery): string | null {
    if (query.sortBy.length === 0) return this.map.defaultSort ?? null;
    return query.sortBy
      .map((key) => {
        const field = lookupField(this.map, key.index);
        if (!field) throw new CqlFieldError(key.index, `Unknown sort field '${key.index}'`);
        if (field.sortable === false) throw new CqlFieldError(key.index, `Field '${key.index}' cannot be sorted`);
        const expr =
          field.type === 'string' && !field.caseSensitive ? (field.lowerSql ?? `lower(${operand(field.sql)})`) : operand(field.sql);
        return key.direction === 'asc' ? `${expr} ASC NULLS LAST` : `${expr} DESC NULLS FIRST`;
      })
      .join(', ');
  }
}

/** Translates an already parsed query. */
export function cqlQueryToSql(query: CqlQuery, map: CqlFieldMap, firstParam = 1): SqlQuery {
  const translator = new Translator(map, firstParam);
  let where = 'TRUE';
  if (query.clause) {
    const sql = translator.clause(query.clause);
    where = query.clause.type === 'boolean' ? `(${sql})` : sql;
  }
  const orderBy = translator.orderBy(query);
  return { where, params: translator.params, orderBy };
}

/**
 * Parses CQL text and translates it. Throws CqlSyntaxError (HTTP 400) or CqlFieldError (HTTP 422).
 * Placeholders start at $firstParam so the result can follow the caller's own parameters.
 */
export function cqlToSql(text: string, map: CqlFieldMap, firstParam = 1): SqlQuery {
  return cqlQueryToSql(parseCql(text), map, firstParam);
}
