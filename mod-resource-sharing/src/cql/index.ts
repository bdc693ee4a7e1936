/** CQL (Contextual Query Language) subset: parser and translation to parameterised PostgreSQL. */
export type {
  CqlBooleanClause,
  CqlBooleanOperator,
  CqlClause,
  CqlComparator,
  CqlNode,
  CqlQuery,
  CqlRelation,
  CqlRelationModifier,
  CqlSearchClause,
  CqlSortKey,
  CqlWordRelation,
} from './ast.ts';
export { CqlFieldError, CqlSyntaxError, cqlErrorStatus } from './errors.ts';
export { MAX_NESTING_DEPTH, MAX_QUERY_LENGTH, parseCql } from './parser.ts';
export { cqlQueryToSql, cqlToSql, type CqlField, type CqlFieldMap, type CqlFieldType, type SqlQuery } from './translate.ts';
