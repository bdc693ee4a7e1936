// Filling a simulated tenant: reference data, users, blocks and lendable items. Every record is
// checked against FOLIO's schema first, so a seed cannot hold what FOLIO would refuse.
import { randomUUID } from 'node:crypto';
import type { FolioSchemas, SchemaName } from './folio-schemas.ts';
import { insertHoldings, insertInstance, insertItem, metadataFor } from './inventory-rules.ts';
import { SimError } from './sim-error.ts';
import type { AutomatedPatronBlock, LoanPolicy, SimLocation, SimRecord, SimServicePoint, SimState, SimUser } from './sim-state.ts';

type Body = Record<string, unknown>;

export interface SeedData {
  users?: Body[];
  groups?: Body[];
  /** login names and passwords accepted by /authn/login */
  credentials?: { username: string; password: string }[];
  servicePoints?: Body[];
  locations?: Body[];
  instanceTypes?: Body[];
  materialTypes?: Body[];
  loanTypes?: Body[];
  holdingsSources?: Body[];
  statisticalCodes?: Body[];
  instances?: Body[];
  holdings?: Body[];
  items?: Body[];
  /** automated patron blocks by user id */
  patronBlocks?: Record<string, AutomatedPatronBlock[]>;
  loanPolicy?: Partial<LoanPolicy>;
}

function checked(schemas: FolioSchemas, name: SchemaName, body: Body): Body {
  const errors = schemas.check(name, body);
  if (errors.length) throw new Error(`seed ${name} ${JSON.stringify(body).slice(0, 120)}: ${errors.map((e) => e.message).join('; ')}`);
  return body;
}

function put<T extends SimRecord>(table: Map<string, T>, body: Body, now: Date): void {
  const id = typeof body.id === 'string' ? body.id : randomUUID();
  table.set(id, { ...body, id, metadata: metadataFor(now) } as unknown as T);
}

export function seedState(state: SimState, schemas: FolioSchemas, data: SeedData, now = new Date()): void {
  try {
    for (const b of data.groups ?? []) put(state.groups, checked(schemas, 'group', b), now);
    for (const b of data.servicePoints ?? []) put<SimServicePoint>(state.servicePoints, checked(schemas, 'servicePoint', b), now);
    for (const b of data.locations ?? []) put<SimLocation>(state.locations, checked(schemas, 'location', b), now);
    for (const b of data.instanceTypes ?? []) put(state.instanceTypes, checked(schemas, 'instanceType', b), now);
    for (const b of data.materialTypes ?? []) put(state.materialTypes, checked(schemas, 'materialType', b), now);
    for (const b of data.loanTypes ?? []) put(state.loanTypes, checked(schemas, 'loanType', b), now);
    for (const b of data.holdingsSources ?? []) put(state.holdingsSources, checked(schemas, 'holdingsSource', b), now);
    for (const b of data.statisticalCodes ?? []) put(state.statisticalCodes, checked(schemas, 'statisticalCode', b), now);
    for (const b of data.users ?? []) put<SimUser>(state.users, checked(schemas, 'user', b), now);
    for (const c of data.credentials ?? []) state.credentials.set(c.username, c.password);
    for (const b of data.instances ?? []) insertInstance(state, checked(schemas, 'instance', b), now);
    for (const b of data.holdings ?? []) insertHoldings(state, checked(schemas, 'holdings', b), now);
    for (const b of data.items ?? []) insertItem(state, checked(schemas, 'item', b), now);
    for (const [userId, list] of Object.entries(data.patronBlocks ?? {})) state.patronBlocks.set(userId, [...list]);
    if (data.loanPolicy) state.loanPolicy = { ...state.loanPolicy, ...data.loanPolicy };
  } catch (e) {
    if (e instanceof SimError) throw new Error(`seed: ${e.message}`);
    throw e;
  }
}
