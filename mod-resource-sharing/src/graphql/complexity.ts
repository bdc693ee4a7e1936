// A cost limit for GraphQL queries, on top of the depth limit: every field costs 1, and what is
// selected below a list counts once per expected element: `limit` where the field takes one (the
// value sent, else its default) for the list under a field that takes one (requests(limit) ->
// RequestPage.requests), LIST_ESTIMATE for other lists of objects.
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

export const LIST_ESTIMATE = 10;

function numberOf(node: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const v = variables[node.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

export function queryCost(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  variables: Record<string, unknown>,
  seenFragments: Set<string> = new Set(),
  pendingLimit?: number,
): number {
  let cost = 0;
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      const on = sel.typeCondition ? context.getSchema().getType(sel.typeCondition.name.value) ?? parent : parent;
      cost += queryCost(context, sel.selectionSet, on, variables, seenFragments, pendingLimit);
    } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const name = sel.name.value;
      const fragment = context.getFragment(name);
      if (!fragment || seenFragments.has(name)) continue; // unknown or cyclic: other rules report it
      const on = context.getSchema().getType(fragment.typeCondition.name.value) ?? parent;
      cost += queryCost(context, fragment.selectionSet, on, variables, new Set([...seenFragments, name]), pendingLimit);
    } else {
      cost += fieldCost(context, sel, parent, variables, seenFragments, pendingLimit);
    }
  }
  return cost;
}

function fieldCost(
  context: ValidationContext,
  field: FieldNode,
  parent: GraphQLNamedType,
  variables: Record<string, unknown>,
  seenFragments: Set<string>,
  pendingLimit: number | undefined,
): number {
  if (field.name.value.startsWith('__') || !isObjectType(parent)) return 0;
  const def = parent.getFields()[field.name.value];
  if (!def || !field.selectionSet) return 1;
  const limitArg = def.args.find((a) => a.name === 'limit');
  let limit: number | undefined;
  if (limitArg) {
    const sent = numberOf(field.arguments?.find((a) => a.name.value === 'limit')?.value, variables);
    limit = Math.max(1, sent ?? (typeof limitArg.defaultValue === 'number' ? limitArg.defaultValue : LIST_ESTIMATE));
  }
  const isList = isListType(getNullableType(def.type));
  // a list counts once per element: the limit given on it or just above it, else the estimate
  const times = isList ? (limit ?? pendingLimit ?? LIST_ESTIMATE) : 1;
  const passDown = isList ? undefined : limit;
  return 1 + times * queryCost(context, field.selectionSet, getNamedType(def.type), variables, seenFragments, passDown);
}

/** A validation rule rejecting operations that cost more than `max`. */
export function complexityLimit(max: number, variables: Record<string, unknown> = {}): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(node) {
      const root = node.operation === 'query' ? context.getSchema().getQueryType() : null;
      if (!root) return;
      const cost = queryCost(context, node.selectionSet, root, variables);
      if (cost > max) {
        context.reportError(
          new GraphQLError(`Query is too complex: cost ${cost} is above the limit of ${max}; ask for fewer records or fields`, {
            nodes: [node],
            extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit: max },
          }),
        );
      }
    },
  });
}

/** A validation rule refusing mutations and subscriptions: this API only reads. */
export const readOnly: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(node) {
    if (node.operation !== 'query') {
      context.reportError(
        new GraphQLError(`This API is read-only: ${node.operation}s are not accepted; use the REST API to change data`, {
          nodes: [node],
          extensions: { code: 'READ_ONLY' },
        }),
      );
    }
  },
});
