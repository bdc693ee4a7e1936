// Inventory storage as mod-inventory-storage behaves for the records the ILL flow touches:
// server-filled ids, HRIDs and metadata, foreign keys to reference data, unique barcodes, and
// deletes refused while something still points at the record.
import { randomUUID } from 'node:crypto';
import { SimError } from './sim-error.ts';
import { openLoanFor, requestQueue, type SimHoldings, type SimItem, type SimRecord, type SimState } from './sim-state.ts';

export function metadataFor(now: Date): { createdDate: string; updatedDate: string } {
  const t = now.toISOString();
  return { createdDate: t, updatedDate: t };
}

function requireUniqueId(table: Map<string, unknown>, id: string, tableName: string): void {
  if (table.has(id)) throw SimError.unprocessable(`id value already exists in table ${tableName}: ${id}`, 'id', id);
}

function foreignKey(table: Map<string, unknown>, value: unknown, field: string, from: string, to: string): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || !table.has(value)) {
    throw SimError.unprocessable(`Cannot set ${from}.${field.toLowerCase()} = ${String(value)} because it does not exist in ${to}.id.`, field, String(value));
  }
}

function nextHrid(state: SimState, kind: 'instance' | 'holdings' | 'item'): string {
  state.counters[kind] += 1;
  const prefix = kind === 'instance' ? 'in' : kind === 'holdings' ? 'ho' : 'it';
  return `${prefix}${String(state.counters[kind]).padStart(11, '0')}`;
}

export function insertInstance(state: SimState, body: Record<string, unknown>, now: Date): SimRecord {
  const id = typeof body.id === 'string' ? body.id : randomUUID();
  requireUniqueId(state.instances, id, 'instance');
  foreignKey(state.instanceTypes, body.instanceTypeId, 'instanceTypeId', 'instance', 'instance_type');
  for (const code of (body.statisticalCodeIds as string[] | undefined) ?? []) {
    foreignKey(state.statisticalCodes, code, 'statisticalCodeIds', 'instance', 'statistical_code');
  }
  const hrid = typeof body.hrid === 'string' ? body.hrid : nextHrid(state, 'instance');
  if ([...state.instances.values()].some((i) => i.hrid === hrid)) throw SimError.unprocessable(`HRID value already exists in table instance: ${hrid}`, 'hrid', hrid);
  const record: SimRecord = { ...body, id, hrid, _version: 1, metadata: metadataFor(now) };
  state.instances.set(id, record);
  return record;
}

export function insertHoldings(state: SimState, body: Record<string, unknown>, now: Date): SimHoldings {
  const id = typeof body.id === 'string' ? body.id : randomUUID();
  requireUniqueId(state.holdings, id, 'holdings_record');
  foreignKey(state.instances, body.instanceId, 'instanceId', 'holdings_record', 'instance');
  foreignKey(state.locations, body.permanentLocationId, 'permanentLocationId', 'holdings_record', 'location');
  foreignKey(state.locations, body.temporaryLocationId, 'temporaryLocationId', 'holdings_record', 'location');
  foreignKey(state.holdingsSources, body.sourceId, 'sourceId', 'holdings_record', 'holdings_records_source');
  const hrid = typeof body.hrid === 'string' ? body.hrid : nextHrid(state, 'holdings');
  const record = {
    ...body,
    id,
    hrid,
    _version: 1,
    effectiveLocationId: (body.temporaryLocationId as string | undefined) ?? (body.permanentLocationId as string),
    metadata: metadataFor(now),
  } as unknown as SimHoldings;
  state.holdings.set(id, record);
  return record;
}

export function insertItem(state: SimState, body: Record<string, unknown>, now: Date): SimItem {
  const id = typeof body.id === 'string' ? body.id : randomUUID();
  requireUniqueId(state.items, id, 'item');
  foreignKey(state.holdings, body.holdingsRecordId, 'holdingsRecordId', 'item', 'holdings_record');
  foreignKey(state.materialTypes, body.materialTypeId, 'materialTypeId', 'item', 'material_type');
  foreignKey(state.loanTypes, body.permanentLoanTypeId, 'permanentLoanTypeId', 'item', 'loan_type');
  foreignKey(state.loanTypes, body.temporaryLoanTypeId, 'temporaryLoanTypeId', 'item', 'loan_type');
  foreignKey(state.locations, body.permanentLocationId, 'permanentLocationId', 'item', 'location');
  foreignKey(state.locations, body.temporaryLocationId, 'temporaryLocationId', 'item', 'location');
  for (const code of (body.statisticalCodeIds as string[] | undefined) ?? []) {
    foreignKey(state.statisticalCodes, code, 'statisticalCodeIds', 'item', 'statistical_code');
  }
  const barcode = body.barcode as string | undefined;
  if (barcode !== undefined && [...state.items.values()].some((i) => i.barcode === barcode)) {
    throw SimError.unprocessable(`Barcode must be unique, ${barcode} is already assigned to another item`, 'barcode', barcode);
  }
  const hrid = typeof body.hrid === 'string' ? body.hrid : nextHrid(state, 'item');
  const holdings = state.holdings.get(body.holdingsRecordId as string) as SimHoldings;
  const status = body.status as { name: string; date?: string };
  const record = {
    ...body,
    id,
    hrid,
    _version: 1,
    status: { name: status.name, date: status.date ?? now.toISOString() },
    effectiveLocationId:
      (body.temporaryLocationId as string | undefined) ?? (body.permanentLocationId as string | undefined) ?? holdings.effectiveLocationId ?? holdings.permanentLocationId,
    metadata: metadataFor(now),
  } as unknown as SimItem;
  state.items.set(id, record);
  return record;
}

/** PUT: replace a record, keeping server-filled fields the client did not send. */
export function replaceRecord<T extends SimRecord>(table: Map<string, T>, id: string, body: Record<string, unknown>, now: Date): T {
  const current = table.get(id);
  if (!current) throw SimError.notFound();
  const created = (current.metadata as { createdDate?: string } | undefined)?.createdDate ?? now.toISOString();
  const next = { ...body, id, _version: ((current._version as number | undefined) ?? 1) + 1, metadata: { createdDate: created, updatedDate: now.toISOString() } } as unknown as T;
  if (current.hrid !== undefined && next.hrid === undefined) (next as SimRecord).hrid = current.hrid;
  table.set(id, next);
  return next;
}

export function deleteItem(state: SimState, id: string): void {
  const item = state.items.get(id);
  if (!item) throw SimError.notFound();
  if (openLoanFor(state, id)) throw SimError.unprocessable(`Cannot delete item ${id}: it has an open loan`, 'id', id);
  if (requestQueue(state, id).length > 0) throw SimError.unprocessable(`Cannot delete item ${id}: it has an open request`, 'id', id);
  state.items.delete(id);
}

export function deleteHoldings(state: SimState, id: string): void {
  if (!state.holdings.has(id)) throw SimError.notFound();
  if ([...state.items.values()].some((i) => i.holdingsRecordId === id)) {
    throw SimError.badRequest(`Cannot delete holdings_record.id = ${id} because id is still referenced from table item.`);
  }
  state.holdings.delete(id);
}

export function deleteInstance(state: SimState, id: string): void {
  if (!state.instances.has(id)) throw SimError.notFound();
  if ([...state.holdings.values()].some((h) => h.instanceId === id)) {
    throw SimError.badRequest(`Cannot delete instance.id = ${id} because id is still referenced from table holdings_record.`);
  }
  state.instances.delete(id);
}
