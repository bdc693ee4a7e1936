/** Syntax tree of a parsed CQL query. Positions are 0-based character offsets. */

export type CqlComparator = '==' | '=' | '<>' | '<' | '<=' | '>' | '>=';
export type CqlWordRelation = 'all' | 'any' | 'adj';
export type CqlRelation = CqlComparator | CqlWordRelation;

/** Relation modifiers accepted after a relation, e.g. `title==/ignoreCase "x"`. */
export type CqlRelationModifier = 'ignoreCase' | 'masked' | 'unmasked' | 'number' | 'string';

export type CqlBooleanOperator = 'and' | 'or' | 'not';

/** `index relation term`; `index` is null for a bare term (server's keyword fields). */
export interface CqlSearchClause {
  type: 'search';
  index: string | null;
  relation: CqlRelation;
  modifiers: CqlRelationModifier[];
  /**
   * The term as written, without surrounding quotes but with its backslash escapes kept
   * (`\"`, `\*`, `\?`, `\\` ...), so that escaped and unescaped `*` can still be told apart.
   */
  term: string;
  position: number;
  termPosition: number;
}

/** Binary boolean; CQL gives all three the same precedence, left-associative. `not` is AND NOT. */
export interface CqlBooleanClause {
  type: 'boolean';
  operator: CqlBooleanOperator;
  left: CqlClause;
  right: CqlClause;
  position: number;
}

export type CqlClause = CqlSearchClause | CqlBooleanClause;

export interface CqlSortKey {
  index: string;
  direction: 'asc' | 'desc';
  position: number;
}

/** Root: the (optional) search clause and the (possibly empty) sortby list. */
export interface CqlQuery {
  type: 'query';
  /** null for an empty query (or one with only a sortby). */
  clause: CqlClause | null;
  sortBy: CqlSortKey[];
}

export type CqlNode = CqlQuery | CqlClause;
