// The GraphQL read API for UI tests: the module's real schema (mod-resource-sharing/src/graphql/
// schema.ts), so a query the server would refuse fails here too, resolved over a FakeBackend's
// requests, audit trails and messages plus the directory entries and statistics set below.
import { GraphQLError, buildSchema, graphql, type GraphQLSchema } from 'graphql';
import { typeDefs } from '../../mod-resource-sharing/src/graphql/schema.ts';
import type { ResourceSharingRequest } from '../src/types/request.ts';
import type { DashboardStatistics } from '../src/graphql/types.ts';
import type { FakeBackend, RecordedCall } from './fake-backend.ts';

export const GRAPHQL_PATH = '/resource-sharing/graphql';

export interface FakeDirectoryEntry {
  id: string;
  name: string;
  symbols: string[];
  partner?: boolean;
}

interface Extras {
  directory: FakeDirectoryEntry[];
  statistics?: DashboardStatistics;
  /** permission groups the caller lacks: their fields answer an error naming the permission */
  denied: Set<'audit' | 'messages' | 'directory' | 'statistics'>;
}

const PERMS = {
  audit: 'resource-sharing.requests.audit.get',
  messages: 'resource-sharing.requests.messages.get',
  directory: 'resource-sharing.directory.item.get',
  statistics: 'resource-sharing.statistics.get',
} as const;

const extras = new WeakMap<FakeBackend, Extras>();

export function graphqlExtras(backend: FakeBackend): Extras {
  let e = extras.get(backend);
  if (!e) extras.set(backend, (e = { directory: [], denied: new Set() }));
  return e;
}

let schema: GraphQLSchema | undefined;

function check(x: Extras, group: keyof typeof PERMS): void {
  if (x.denied.has(group)) {
    throw new GraphQLError(`Access denied: the permission ${PERMS[group]} is required for this field`, { extensions: { code: 'FORBIDDEN', permission: PERMS[group] } });
  }
}

function requestView(backend: FakeBackend, x: Extras, r: ResourceSharingRequest) {
  const partnerSymbol = (r.role === 'borrowing' ? r.supplierSymbol : r.requesterSymbol) ?? null;
  const entryFor = (symbol: string | null) => (symbol ? x.directory.find((d) => d.symbols.some((s) => s.toUpperCase() === symbol.toUpperCase())) ?? null : null);
  const entryView = (e: FakeDirectoryEntry | null) => (e ? { ...e, self: false, partner: e.partner ?? true, iso18626Version: '2017', contacts: [], countries: [] } : null);
  return {
    ...r,
    partnerSymbol,
    attention: r.attention ?? [],
    unreadMessages: r.unreadMessages ?? 0,
    storedCopy: r.patronSide?.storedCopy ?? null,
    rota: (r.rota ?? []).map((e, i) => ({
      ...e, skipped: e.skipped === true, current: i === r.rotaIndex && !e.skipped, broker: e.broker === true, brokerSuppliers: e.brokerSuppliers ?? [],
    })),
    partner: () => {
      check(x, 'directory');
      return entryView(entryFor(partnerSymbol));
    },
    audit: () => {
      check(x, 'audit');
      // the module answers action '' when an audit row has none, as its REST API does
      return (backend.audit.get(r.id) ?? []).map((a) => ({ ...a, action: a.action ?? '' }));
    },
    messages: () => {
      check(x, 'messages');
      return backend.messages.get(r.id) ?? [];
    },
  };
}

/** Answers one POST (or GET) to the GraphQL endpoint. */
export async function answerGraphql(backend: FakeBackend, call: RecordedCall): Promise<Response> {
  schema ??= buildSchema(typeDefs);
  const x = graphqlExtras(backend);
  const body = (call.method === 'GET'
    ? { query: call.searchParams.get('query') ?? '', variables: JSON.parse(call.searchParams.get('variables') ?? '{}') }
    : call.body) as { query: string; variables?: Record<string, unknown>; operationName?: string };
  const rootValue = {
    request: ({ id }: { id: string }) => {
      const r = backend.requests.find((q) => q.id === id);
      return r ? requestView(backend, x, r) : null;
    },
    statistics: () => {
      check(x, 'statistics');
      return x.statistics ?? null;
    },
  };
  const result = await graphql({ schema, source: body.query, variableValues: body.variables, operationName: body.operationName, rootValue });
  const status = result.errors && !result.data ? 400 : 200;
  return new Response(JSON.stringify(result), { status, headers: { 'Content-Type': 'application/json' } });
}
