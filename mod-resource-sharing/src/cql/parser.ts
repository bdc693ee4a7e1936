/**
 * Recursive-descent parser for the CQL subset FOLIO clients send.
 *
 *   query        ::= [ clauses ] [ 'sortby' sortKey+ ]
 *   clauses      ::= clause ( boolean clause )*          -- and/or/not, equal precedence, left-assoc
 *   clause       ::= '(' clauses ')'
 *                  | index relation modifier* term
 *                  | index relation modifier* '(' clauses ')'   -- bare terms inside inherit index+relation
 *                  | term                                       -- keyword search (or inherited index)
 *   relation     ::= '==' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'all' | 'any' | 'adj'
 *   modifier     ::= '/' name
 *   sortKey      ::= index ( '/' ('sort.ascending' | 'sort.descending' | 'ascending' | 'descending') )*
 */
import type {
  CqlBooleanOperator,
  CqlClause,
  CqlQuery,
  CqlRelation,
  CqlRelationModifier,
  CqlSortKey,
  CqlWordRelation,
} from './ast.ts';
import { CqlSyntaxError } from './errors.ts';
import { tokenize, type CqlToken } from './tokenizer.ts';

export const MAX_QUERY_LENGTH = 10_000;
export const MAX_NESTING_DEPTH = 50;

const WORD_RELATIONS: readonly CqlWordRelation[] = ['all', 'any', 'adj'];
const BOOLEANS: readonly CqlBooleanOperator[] = ['and', 'or', 'not'];
const RELATION_MODIFIERS: Record<string, CqlRelationModifier> = {
  ignorecase: 'ignoreCase',
  masked: 'masked',
  unmasked: 'unmasked',
  number: 'number',
  string: 'string',
};
const SORT_MODIFIERS: Record<string, 'asc' | 'desc'> = {
  'sort.ascending': 'asc',
  'sort.descending': 'desc',
  ascending: 'asc',
  descending: 'desc',
};

interface Context {
  index: string;
  relation: CqlRelation;
  modifiers: CqlRelationModifier[];
}

function keyword(token: CqlToken): string | null {
  return token.kind === 'word' ? token.raw.toLowerCase() : null;
}

function describe(token: CqlToken): string {
  switch (token.kind) {
    case 'end': return 'end of query';
    case 'lparen': return "'('";
    case 'rparen': return "')'";
    case 'slash': return "'/'";
    case 'comparator': return `'${token.value}'`;
    case 'word': return `'${token.raw}'`;
    case 'string': return 'a quoted string';
  }
}

class Parser {
  private readonly tokens: CqlToken[];
  private pos = 0;
  private depth = 0;

  constructor(tokens: CqlToken[]) {
    this.tokens = tokens;
  }

  private peek(offset = 0): CqlToken {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): CqlToken {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }

  /** Is the token at `offset` the start of a relation (comparator or all/any/adj)? */
  private isRelationAt(offset: number): boolean {
    const token = this.peek(offset);
    if (token.kind === 'comparator') return true;
    const word = keyword(token);
    return word !== null && (WORD_RELATIONS as readonly string[]).includes(word);
  }

  parseQuery(): CqlQuery {
    let clause: CqlClause | null = null;
    const first = this.peek();
    const startsWithSort = keyword(first) === 'sortby' && !this.isRelationAt(1);
    if (first.kind !== 'end' && !startsWithSort) {
      clause = this.parseClauses(null);
    }
    let sortBy: CqlSortKey[] = [];
    const after = this.peek();
    if (keyword(after) === 'sortby') {
      this.next();
      sortBy = this.parseSortKeys();
    }
    const end = this.peek();
    if (end.kind !== 'end') {
      if (end.kind === 'rparen') throw new CqlSyntaxError(end.position, "unexpected ')' without matching '('");
      if (sortBy.length > 0) throw new CqlSyntaxError(end.position, `expected a sort field but found ${describe(end)}`);
      throw new CqlSyntaxError(end.position, `expected a boolean operator (and, or, not) but found ${describe(end)}`);
    }
    return { type: 'query', clause, sortBy };
  }

  private parseClauses(context: Context | null): CqlClause {
    let left = this.parseClause(context);
    for (;;) {
      const token = this.peek();
      const word = keyword(token);
      if (word === null) break;
      if (word === 'prox') throw new CqlSyntaxError(token.position, "the 'prox' operator is not supported");
      if (!(BOOLEANS as readonly string[]).includes(word)) break;
      this.next();
      if (this.peek().kind === 'slash') {
        throw new CqlSyntaxError(this.peek().position, 'boolean modifiers are not supported');
      }
      const right = this.parseClause(context);
      left = { type: 'boolean', operator: word as CqlBooleanOperator, left, right, position: token.position };
    }
    return left;
  }

  private parseParenthesised(context: Context | null): CqlClause {
    const open = this.next();
    this.depth++;
    if (this.depth > MAX_NESTING_DEPTH) {
      throw new CqlSyntaxError(open.position, `parentheses nested deeper than ${MAX_NESTING_DEPTH}`);
    }
    const inner = this.parseClauses(context);
    const close = this.peek();
    if (close.kind !== 'rparen') throw new CqlSyntaxError(close.position, "expected ')'");
    this.next();
    this.depth--;
    return inner;
  }

  private parseClause(context: Context | null): CqlClause {
    const token = this.peek();
    if (token.kind === 'lparen') return this.parseParenthesised(context);
    if (token.kind === 'word' && this.isRelationAt(1)) return this.parseIndexedClause(token);
    if (token.kind === 'string' && this.isRelationAt(1)) {
      throw new CqlSyntaxError(token.position, 'an index name cannot be quoted');
    }
    if (token.kind === 'word' || token.kind === 'string') {
      const word = keyword(token);
      if (word !== null && (word === 'sortby' || word === 'prox' || (BOOLEANS as readonly string[]).includes(word))) {
        throw new CqlSyntaxError(token.position, `expected a search term but found '${token.raw}'`);
      }
      this.next();
      return {
        type: 'search',
        index: context ? context.index : null,
        relation: context ? context.relation : '=',
        modifiers: context ? context.modifiers : [],
        term: token.raw,
        position: token.position,
        termPosition: token.position,
      };
    }
    throw new CqlSyntaxError(token.position, `expected a search term but found ${describe(token)}`);
  }

  private parseIndexedClause(indexToken: CqlToken & { kind: 'word' }): CqlClause {
    this.next();
    const relationToken = this.next();
    const relation: CqlRelation =
      relationToken.kind === 'comparator' ? relationToken.value : (keyword(relationToken) as CqlWordRelation);
    const modifiers: CqlRelationModifier[] = [];
    while (this.peek().kind === 'slash') {
      this.next();
      const name = this.peek();
      if (name.kind !== 'word') throw new CqlSyntaxError(name.position, 'expected a relation modifier name');
      const modifier = RELATION_MODIFIERS[name.raw.toLowerCase()];
      if (!modifier) throw new CqlSyntaxError(name.position, `unsupported relation modifier '${name.raw}'`);
      modifiers.push(modifier);
      this.next();
    }
    const termToken = this.peek();
    if (termToken.kind === 'lparen') {
      return this.parseParenthesised({ index: indexToken.raw, relation, modifiers });
    }
    if (termToken.kind !== 'word' && termToken.kind !== 'string') {
      throw new CqlSyntaxError(termToken.position, `expected a search term but found ${describe(termToken)}`);
    }
    this.next();
    return {
      type: 'search',
      index: indexToken.raw,
      relation,
      modifiers,
      term: termToken.raw,
      position: indexToken.position,
      termPosition: termToken.position,
    };
  }

  private parseSortKeys(): CqlSortKey[] {
    const keys: CqlSortKey[] = [];
    while (this.peek().kind === 'word') {
      const token = this.next() as CqlToken & { kind: 'word' };
      let direction: 'asc' | 'desc' = 'asc';
      while (this.peek().kind === 'slash') {
        this.next();
        const name = this.peek();
        if (name.kind !== 'word') throw new CqlSyntaxError(name.position, 'expected a sort modifier');
        const dir = SORT_MODIFIERS[name.raw.toLowerCase()];
        if (!dir) {
          throw new CqlSyntaxError(
            name.position,
            `unsupported sort modifier '${name.raw}' (use sort.ascending or sort.descending)`,
          );
        }
        direction = dir;
        this.next();
      }
      keys.push({ index: token.raw, direction, position: token.position });
    }
    if (keys.length === 0) {
      const token = this.peek();
      throw new CqlSyntaxError(token.position, `expected a sort field but found ${describe(token)}`);
    }
    return keys;
  }
}

/** Parses CQL text into a syntax tree. Throws CqlSyntaxError with the offending position. */
export function parseCql(text: string): CqlQuery {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new CqlSyntaxError(MAX_QUERY_LENGTH, `query longer than ${MAX_QUERY_LENGTH} characters`);
  }
  return new Parser(tokenize(text)).parseQuery();
}
