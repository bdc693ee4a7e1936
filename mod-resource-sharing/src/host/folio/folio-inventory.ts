// Inventory work: temporary (suppressed) records for borrowed items, their removal, and finding
// an item to lend. Storage APIs of mod-inventory-storage; bodies follow FOLIO's schemas.
import { randomUUID } from 'node:crypto';
import { cqlString, OkapiError, type OkapiClient } from '../../okapi/okapi-client.ts';
import { HostError } from '../host-error.ts';
import type { HostItem, ItemQuery, TemporaryRecordIds, TemporaryRecordInput, TemporaryRecords } from '../host-lsp.ts';
import type { HostSettings, LendableRules } from '../host-settings.ts';
import { step, toHostError } from './folio-errors.ts';
import type { Collection, FolioHoldings, FolioInstance, FolioItem } from './folio-records.ts';

const INSTANCES = '/instance-storage/instances';
const HOLDINGS = '/holdings-storage/holdings';
const ITEMS = '/item-storage/items';

/** The text circulation staff see when they check the borrowed item in. */
export function checkInNote(input: TemporaryRecordInput): string {
  return `Interlibrary loan ${input.requestHrid}: borrowed from ${input.lenderSymbol}. Return to: ${input.returnTo}`;
}

export function instanceBody(input: TemporaryRecordInput, settings: HostSettings, id: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id,
    source: settings.instanceSource,
    title: input.title,
    instanceTypeId: settings.instanceTypeId,
    discoverySuppress: true,
    staffSuppress: settings.staffSuppress,
    administrativeNotes: [`Temporary record for interlibrary loan ${input.requestHrid} from ${input.lenderSymbol}`],
  };
  if (settings.statisticalCodeId) body.statisticalCodeIds = [settings.statisticalCodeId];
  if (input.author) {
    if (settings.contributorNameTypeId) {
      body.contributors = [{ name: input.author, contributorNameTypeId: settings.contributorNameTypeId, primary: true }];
    } else {
      (body.administrativeNotes as string[]).push(`Author: ${input.author}`);
    }
  }
  if (input.publisher || input.publicationDate) {
    const publication: Record<string, string> = {};
    if (input.publisher) publication.publisher = input.publisher;
    if (input.publicationDate) publication.dateOfPublication = input.publicationDate;
    body.publication = [publication];
  }
  if (input.edition) body.editions = [input.edition];
  return body;
}

export function holdingsBody(input: TemporaryRecordInput, settings: HostSettings, id: string, instanceId: string): Record<string, unknown> {
  return {
    id,
    instanceId,
    sourceId: settings.holdingsSourceId,
    permanentLocationId: settings.illLocationId,
    discoverySuppress: true,
    administrativeNotes: [`Interlibrary loan ${input.requestHrid} from ${input.lenderSymbol}`],
  };
}

export function itemBody(
  input: TemporaryRecordInput,
  settings: HostSettings,
  id: string,
  holdingsId: string,
  barcode: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id,
    holdingsRecordId: holdingsId,
    barcode,
    materialTypeId: settings.materialTypeId,
    permanentLoanTypeId: settings.permanentLoanTypeId,
    status: { name: 'Available' },
    discoverySuppress: true,
    circulationNotes: [{ id: randomUUID(), noteType: 'Check in', note: checkInNote(input), staffOnly: true }],
    administrativeNotes: [`Interlibrary loan ${input.requestHrid} from ${input.lenderSymbol}`],
  };
  if (settings.temporaryLoanTypeId) body.temporaryLoanTypeId = settings.temporaryLoanTypeId;
  if (settings.statisticalCodeId) body.statisticalCodeIds = [settings.statisticalCodeId];
  return body;
}

export function temporaryBarcode(input: TemporaryRecordInput): string {
  return input.itemBarcode?.trim() || `ILL-${input.requestHrid}`;
}

/** true when the record exists; false on 404. */
async function exists(client: OkapiClient, path: string, operation: string): Promise<boolean> {
  try {
    await client.get<unknown>(path);
    return true;
  } catch (e) {
    if (e instanceof OkapiError && e.status === 404) return false;
    throw toHostError(e, operation);
  }
}

/** DELETE that treats "already gone" (404) as done. */
async function deleteIfPresent(client: OkapiClient, path: string, operation: string): Promise<void> {
  try {
    await client.delete(path);
  } catch (e) {
    if (e instanceof OkapiError && e.status === 404) return;
    throw toHostError(e, operation);
  }
}

export async function createTemporaryRecords(
  client: OkapiClient,
  settings: HostSettings,
  input: TemporaryRecordInput,
): Promise<TemporaryRecords> {
  const op = 'createTemporaryRecords';
  if (!input.title?.trim()) throw new HostError('config', `${op}: a title is required`, { retryable: false, operation: op });
  const instanceId = input.ids?.instanceId ?? randomUUID();
  const holdingsId = input.ids?.holdingsId ?? randomUUID();
  const itemId = input.ids?.itemId ?? randomUUID();
  const itemBarcode = temporaryBarcode(input);
  const created: string[] = []; // paths to roll back, newest last
  const retrying = input.ids !== undefined;

  const ensure = async (what: string, collection: string, id: string, body: Record<string, unknown>): Promise<void> => {
    const operation = `${op}: ${what}`;
    if (retrying && (await exists(client, `${collection}/${id}`, operation))) return;
    await step(operation, () => client.post<unknown>(collection, body));
    created.push(`${collection}/${id}`);
  };

  try {
    await ensure('instance', INSTANCES, instanceId, instanceBody(input, settings, instanceId));
    await ensure('holdings', HOLDINGS, holdingsId, holdingsBody(input, settings, holdingsId, instanceId));
    await ensure('item', ITEMS, itemId, itemBody(input, settings, itemId, holdingsId, itemBarcode));
  } catch (e) {
    // Leave nothing half-done: remove what this call created, newest first (best effort).
    for (const path of created.reverse()) {
      await client.delete(path).catch(() => undefined);
    }
    throw toHostError(e, op);
  }
  return { instanceId, holdingsId, itemId, itemBarcode };
}

export async function removeTemporaryRecords(client: OkapiClient, ids: TemporaryRecordIds): Promise<void> {
  const op = 'removeTemporaryRecords';
  await deleteIfPresent(client, `${ITEMS}/${ids.itemId}`, `${op}: item`);
  await deleteIfPresent(client, `${HOLDINGS}/${ids.holdingsId}`, `${op}: holdings`);
  await deleteIfPresent(client, `${INSTANCES}/${ids.instanceId}`, `${op}: instance`);
}

export async function getItem(client: OkapiClient, itemId: string, operation: string): Promise<FolioItem> {
  return step(operation, () => client.get<FolioItem>(`${ITEMS}/${encodeURIComponent(itemId)}`));
}

export async function getHoldings(client: OkapiClient, holdingsId: string, operation: string): Promise<FolioHoldings> {
  return step(operation, () => client.get<FolioHoldings>(`${HOLDINGS}/${encodeURIComponent(holdingsId)}`));
}

async function itemsWhere(client: OkapiClient, query: string, operation: string, limit = 50): Promise<FolioItem[]> {
  const res = await step(operation, () => client.get<Collection<'items', FolioItem>>(ITEMS, { query, limit }));
  return res.items ?? [];
}

async function instancesWhere(client: OkapiClient, query: string, operation: string): Promise<FolioInstance[]> {
  const res = await step(operation, () => client.get<Collection<'instances', FolioInstance>>(INSTANCES, { query, limit: 10 }));
  return res.instances ?? [];
}

/** Why we do not lend `item` to partners under `rules`, or undefined when we do. */
export function notLendable(item: FolioItem, holdings: FolioHoldings | undefined, rules: LendableRules | undefined): string | undefined {
  if (!rules) return undefined;
  const listed = (ids: string[] | undefined, id: string | undefined) => !ids?.length || (id !== undefined && ids.includes(id));
  if (!listed(rules.materialTypeIds, item.materialTypeId)) return `its material type (${item.materialTypeId ?? 'none'}) is not lent to partners`;
  const loanType = item.temporaryLoanTypeId ?? item.permanentLoanTypeId;
  if (!listed(rules.loanTypeIds, loanType)) return `its loan type (${loanType ?? 'none'}) is not lent to partners`;
  const location = item.effectiveLocationId ?? item.permanentLocationId ?? holdings?.permanentLocationId;
  if (!listed(rules.locationIds, location)) return `its location (${location ?? 'none'}) does not lend to partners`;
  return undefined;
}

/** Items of instances, available ones first. */
async function itemsOfInstances(client: OkapiClient, instances: FolioInstance[], operation: string): Promise<FolioItem[]> {
  const items: FolioItem[] = [];
  for (const instance of instances) {
    const holdings = await step(operation, () =>
      client.get<Collection<'holdingsRecords', FolioHoldings>>(HOLDINGS, { query: `instanceId==${cqlString(instance.id)}`, limit: 100 }),
    );
    for (const h of holdings.holdingsRecords ?? []) {
      items.push(...(await itemsWhere(client, `holdingsRecordId==${cqlString(h.id)}`, operation)));
    }
  }
  return items.sort((a, b) => Number(b.status.name === 'Available') - Number(a.status.name === 'Available'));
}

/**
 * The item a partner asks for: by barcode or HRID that item; by instance HRID or identifier the
 * best of the instance's items: available and lendable (see `lendable`) first, then available.
 */
export async function lookupItem(client: OkapiClient, q: ItemQuery, lendable?: LendableRules): Promise<HostItem | null> {
  const op = 'lookupItem';
  let item: FolioItem | undefined;
  const best = (items: FolioItem[]) => items.find((i) => i.status.name === 'Available' && !notLendable(i, undefined, lendable)) ?? items[0];
  if (q.barcode) {
    item = (await itemsWhere(client, `barcode==${cqlString(q.barcode)}`, op, 1))[0];
  } else if (q.hrid) {
    item = (await itemsWhere(client, `hrid==${cqlString(q.hrid)}`, op, 1))[0];
    if (!item) {
      const instances = await instancesWhere(client, `hrid==${cqlString(q.hrid)}`, op);
      item = best(await itemsOfInstances(client, instances, op));
    }
  } else if (q.identifier) {
    const instances = await instancesWhere(client, `identifiers =/@value ${cqlString(q.identifier)}`, op);
    item = best(await itemsOfInstances(client, instances, op));
  } else {
    throw new HostError('config', `${op}: give a barcode, an HRID or an identifier`, { retryable: false, operation: op });
  }
  if (!item) return null;
  const found = item;
  const holdings = await getHoldings(client, found.holdingsRecordId, op);
  const instance = await step(op, () => client.get<FolioInstance>(`${INSTANCES}/${encodeURIComponent(holdings.instanceId)}`));
  return {
    id: found.id,
    barcode: found.barcode ?? null,
    hrid: found.hrid ?? null,
    status: found.status.name,
    available: found.status.name === 'Available',
    title: instance.title ?? null,
    instanceId: holdings.instanceId,
    holdingsId: holdings.id,
    callNumber: found.itemLevelCallNumber ?? holdings.callNumber ?? null,
    locationId: found.effectiveLocationId ?? found.permanentLocationId ?? holdings.permanentLocationId ?? null,
    ...(notLendable(found, holdings, lendable) ? { notLendable: notLendable(found, holdings, lendable) } : {}),
  };
}
