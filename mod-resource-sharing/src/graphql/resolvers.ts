// Resolvers of the GraphQL read API. Each permission group is checked where its fields resolve;
// directory entries and partner statistics are read once per GraphQL request and shared by every
// field that needs them; audit trails and conversations are batched by mercurius loaders.
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { Database } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { CqlFieldError, CqlSyntaxError } from '../cql/index.ts';
import { allEntries } from '../directory/directory-store.ts';
import { renderSymbol, symbolKey } from '../directory/symbols.ts';
import type { DirectoryEntry } from '../directory/directory-types.ts';
import type { OkapiContext } from '../okapi/context.ts';
import { patronVisibleTo } from '../requests/patron-visibility.ts';
import { getRequest, listRequests } from '../requests/request-store.ts';
import type { ResourceSharingRequest, RotaEntryRecord } from '../requests/request-types.ts';
import { partnerStatistics, type PartnerStatistics } from '../rota/partner-statistics.ts';
import { auditOf, messagesOf } from './batch-reads.ts';
import { roleStatistics } from './dashboard-statistics.ts';
import { requireGroup } from './permissions.ts';
import { isUuid } from '../okapi/ids.ts';

export const MAX_LIST_LIMIT = 100;


export interface GraphqlContext {
  db: Database;
  tenant: string;
  okapi: OkapiContext;
  /** every directory entry by symbol key, read at most once per GraphQL request */
  directory(): Promise<Map<string, DirectoryEntry>>;
  /** partner statistics by entry id (or symbol key outside the directory), read at most once */
  partnerStatistics(): Promise<PartnerStatistics[]>;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
}

export function graphqlContext(db: Database, tenant: string, okapi: OkapiContext): GraphqlContext {
  return {
    db,
    tenant,
    okapi,
    directory: once(async () => {
      const map = new Map<string, DirectoryEntry>();
      for (const e of await allEntries(db, tenant)) for (const s of e.symbols) map.set(symbolKey(s), e);
      return map;
    }),
    partnerStatistics: once(() => partnerStatistics(db, tenant)),
  };
}

function badInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extra } });
}

const dateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)),
  parseValue: (v) => {
    const d = new Date(String(v));
    if (Number.isNaN(d.getTime())) throw badInput(`Not a date-time: ${String(v)}`);
    return d;
  },
  parseLiteral: (node: ValueNode) => {
    const d = node.kind === Kind.STRING ? new Date(node.value) : new Date(NaN);
    if (Number.isNaN(d.getTime())) throw badInput('DateTime must be an ISO 8601 string');
    return d;
  },
});

const json = new GraphQLScalarType({ name: 'JSON', serialize: (v) => v });

const partnerSymbolOf = (r: ResourceSharingRequest) => (r.role === 'borrowing' ? r.supplierSymbol : r.requesterSymbol) ?? null;

function withBalance(p: PartnerStatistics) {
  return { ...p, balance: p.borrowedFromUs - p.lentToUs };
}

type RotaView = RotaEntryRecord & { current: boolean };
type EntryView = DirectoryEntry;

export const resolvers = {
  DateTime: dateTime,
  JSON: json,
  Query: {
    async request(_: unknown, { id }: { id: string }, ctx: GraphqlContext) {
      requireGroup(ctx.okapi, 'request');
      if (!isUuid(id)) throw badInput(`Invalid request id, not a UUID: ${id.slice(0, 64)}`);
      return getRequest(ctx.db, ctx.tenant, id);
    },
    async requestByHrid(_: unknown, { hrid }: { hrid: string }, ctx: GraphqlContext) {
      requireGroup(ctx.okapi, 'request');
      const { rows } = await ctx.db.query<{ id: string }>(`SELECT id FROM ${schemaOf(ctx.tenant)}.requests WHERE hrid = $1`, [hrid]);
      return rows[0] ? getRequest(ctx.db, ctx.tenant, rows[0].id) : null;
    },
    async requests(_: unknown, args: { query?: string | null; offset: number; limit: number }, ctx: GraphqlContext) {
      requireGroup(ctx.okapi, 'requests');
      if (args.limit < 0 || args.limit > MAX_LIST_LIMIT) throw badInput(`limit must be between 0 and ${MAX_LIST_LIMIT}`, { argument: 'limit' });
      if (args.offset < 0) throw badInput('offset must not be negative', { argument: 'offset' });
      try {
        return await listRequests(ctx.db, ctx.tenant, args.query ?? undefined, { offset: args.offset, limit: args.limit, totalRecords: 'auto' });
      } catch (e) {
        if (e instanceof CqlSyntaxError) throw badInput(`Invalid CQL query: ${e.message}`, { argument: 'query' });
        if (e instanceof CqlFieldError) throw badInput(e.message, { argument: 'query', field: e.field });
        throw e;
      }
    },
    async statistics(_: unknown, { since }: { since?: Date | null }, ctx: GraphqlContext) {
      requireGroup(ctx.okapi, 'statistics');
      const from = since ?? null;
      const [borrowing, lending, partners] = await Promise.all([
        roleStatistics(ctx.db, ctx.tenant, 'borrowing', from),
        roleStatistics(ctx.db, ctx.tenant, 'lending', from),
        ctx.partnerStatistics(),
      ]);
      return { since: from, borrowing, lending, partners: partners.map(withBalance) };
    },
    async directoryEntry(_: unknown, { symbol }: { symbol: string }, ctx: GraphqlContext) {
      requireGroup(ctx.okapi, 'directory');
      return (await ctx.directory()).get(symbolKey(symbol)) ?? null;
    },
  },
  Request: {
    partnerSymbol: (r: ResourceSharingRequest) => partnerSymbolOf(r),
    attention: (r: ResourceSharingRequest) => r.attention ?? [],
    unreadMessages: (r: ResourceSharingRequest) => r.unreadMessages ?? 0,
    storedCopy: (r: ResourceSharingRequest) => r.patronSide?.storedCopy ?? null,
    patron: (r: ResourceSharingRequest, _: unknown, ctx: GraphqlContext) => patronVisibleTo(ctx.okapi, r.patron) ?? null,
    rota: (r: ResourceSharingRequest): RotaView[] =>
      (r.rota ?? []).map((e, i) => ({ ...e, current: i === r.rotaIndex && !e.skipped })),
    async partner(r: ResourceSharingRequest, _: unknown, ctx: GraphqlContext) {
      requireGroup(ctx.okapi, 'directory');
      const symbol = partnerSymbolOf(r);
      return symbol ? ((await ctx.directory()).get(symbolKey(symbol)) ?? null) : null;
    },
  },
  RotaEntry: {
    skipped: (e: RotaView) => e.skipped === true,
    broker: (e: RotaView) => e.broker === true,
    brokerSuppliers: (e: RotaView) => (Array.isArray(e.brokerSuppliers) ? e.brokerSuppliers : []),
    name: (e: RotaView) => (typeof e.name === 'string' ? e.name : null),
    async partner(e: RotaView, _: unknown, ctx: GraphqlContext) {
      requireGroup(ctx.okapi, 'directory');
      return (await ctx.directory()).get(symbolKey(e.symbol)) ?? null;
    },
  },
  DirectoryEntry: {
    symbols: (e: EntryView) => e.symbols.map(renderSymbol),
    contacts: (e: EntryView) => e.contacts ?? [],
    countries: (e: EntryView) => e.countries ?? [],
    async statistics(e: EntryView, _: unknown, ctx: GraphqlContext) {
      requireGroup(ctx.okapi, 'statistics');
      const found = (await ctx.partnerStatistics()).find((p) => p.entryId === e.id);
      return found ? withBalance(found) : null;
    },
  },
  LendingPolicy: {
    formats: (p: { formats?: string[] }) => p.formats ?? [],
  },
};

interface LoaderQuery {
  obj: ResourceSharingRequest;
}

/** Batched per GraphQL request by mercurius: every request's audit trail / messages in one query. */
export const loaders = {
  Request: {
    async audit(queries: LoaderQuery[], ctx: GraphqlContext) {
      requireGroup(ctx.okapi, 'audit');
      return auditOf(ctx.db, ctx.tenant, queries.map((q) => q.obj.id));
    },
    async messages(queries: LoaderQuery[], ctx: GraphqlContext) {
      requireGroup(ctx.okapi, 'messages');
      return messagesOf(ctx.db, ctx.tenant, queries.map((q) => q.obj.id));
    },
  },
};
