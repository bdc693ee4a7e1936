// POST and GET /resource-sharing/graphql: the read API for nested views (a request with its rota,
// audit trail, messages and partner; request lists; dashboard statistics), served by mercurius.
// Read-only: the schema has no mutations, so one is refused by validation. Queries deeper than
// MAX_DEPTH or costlier than MAX_COST (see complexity.ts) are refused before anything runs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import mercurius from 'mercurius';
import type { Database } from '../db/database.ts';
import { okapiContext } from '../okapi/context.ts';
import { HttpError } from '../okapi/errors.ts';
import { complexityLimit, readOnly } from './complexity.ts';
import { graphqlContext, loaders, resolvers, type GraphqlContext } from './resolvers.ts';
import { typeDefs } from './schema.ts';

export const GRAPHQL_PATH = '/resource-sharing/graphql';
export const MAX_DEPTH = 5;
export const MAX_COST = 5000;

export function registerGraphqlRoutes(app: FastifyInstance, db: Database): void {
  app.register(mercurius, {
    schema: typeDefs,
    resolvers: resolvers as never,
    loaders: loaders as never,
    path: GRAPHQL_PATH,
    graphiql: false,
    ide: false,
    jit: 0,
    // validation rules that read the variables (the cost of `limit: $n`) rule out the parse cache
    cache: false,
    queryDepth: MAX_DEPTH,
    validationRules: ({ variables }: { variables?: Record<string, unknown> }) => [readOnly, complexityLimit(MAX_COST, variables ?? {})],
    context: (req: FastifyRequest): GraphqlContext => graphqlContext(db, req.tenant, okapiContext(req)),
    // The platform's own errors (no tenant, tenant not enabled) keep FOLIO's plain-text answers.
    errorHandler: (error: Error, req: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof HttpError) return reply.code(error.status).type('text/plain').send(error.message);
      const wrapped = error instanceof GraphQLError ? error : new GraphQLError(error.message, { originalError: error });
      const { statusCode, response } = mercurius.defaultErrorFormatter({ errors: [wrapped] }, { reply, app } as never);
      return reply.code(statusCode).send(response);
    },
  } as never);
}
