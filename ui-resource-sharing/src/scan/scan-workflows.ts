// What a scan at the desk does. Each workflow finds the request the scanned value belongs to
// (request id or item barcode), checks which of its actions the backend allows now, performs
// them, and describes the result for the confirmation (or why nothing happened).
import type { ActionParameterValues, RequestRole, ResourceSharingRequest } from '../types/request';
import { escapeCqlValue } from '../utils/cql';

export type ScanWorkflow = 'receive' | 'ship' | 'return';

export const SCAN_WORKFLOWS: ScanWorkflow[] = ['receive', 'ship', 'return'];

export interface ScanApi {
  find(query: string): Promise<ResourceSharingRequest[]>;
  actions(id: string): Promise<string[]>;
  perform(id: string, code: string, parameters?: ActionParameterValues): Promise<ResourceSharingRequest>;
  /** the messages of a failed call */
  describeError(error: unknown): Promise<string>;
}

/**
 * The result of one scan. `key` names the translation `scan.result.<key>`; `ok` says whether the
 * request moved on. `request` is the request afterwards (or as found, when nothing happened).
 */
export interface ScanOutcome {
  ok: boolean;
  key: 'received' | 'shipped' | 'returnedAndShipped' | 'returnShipped' | 'returnedToShelf' | 'returnedNotShipped'
    | 'awaitingItem' | 'notFound' | 'notNow' | 'noPullSlip' | 'failed';
  scanned: string;
  request?: ResourceSharingRequest;
  /** action codes performed, in order */
  performed: string[];
  /** what the server said, when a call failed */
  error?: string;
}

const byRecent = 'sortby updatedDate/sort.descending';

function lookupQuery(role: RequestRole | undefined, clause: string): string {
  return `${role ? `role=="${role}" and ` : ''}(${clause}) ${byRecent}`;
}

/** The newest request among `found` on which one of `wanted` is allowed now, with that action. */
async function withAction(api: ScanApi, found: ResourceSharingRequest[], wanted: string[]): Promise<{ request: ResourceSharingRequest; code: string } | undefined> {
  for (const request of found) {
    const allowed = await api.actions(request.id);
    const code = wanted.find((w) => allowed.includes(w));
    if (code) return { request, code };
  }
  return undefined;
}

async function performing(api: ScanApi, scanned: string, request: ResourceSharingRequest, steps: Array<{ code: string; parameters?: ActionParameterValues }>, done: ScanOutcome['key'], partial?: ScanOutcome['key']): Promise<ScanOutcome> {
  const performed: string[] = [];
  let current = request;
  for (const step of steps) {
    try {
      current = await api.perform(current.id, step.code, step.parameters);
      performed.push(step.code);
    } catch (error) {
      const key = performed.length > 0 && partial ? partial : 'failed';
      return { ok: false, key, scanned, request: current, performed, error: await api.describeError(error) };
    }
  }
  return { ok: true, key: done, scanned, request: current, performed };
}

/** Borrowing: the request id or the item barcode of an item that arrived → Mark received. */
export async function scanReceive(api: ScanApi, scanned: string): Promise<ScanOutcome> {
  const v = escapeCqlValue(scanned);
  const found = await api.find(lookupQuery('borrowing', `hrid=="${v}" or itemBarcode=="${v}"`));
  if (found.length === 0) return { ok: false, key: 'notFound', scanned, performed: [] };
  const hit = await withAction(api, found, ['markReceived']);
  if (!hit) return { ok: false, key: 'notNow', scanned, request: found[0], performed: [] };
  return performing(api, scanned, hit.request, [{ code: 'markReceived' }], 'received');
}

/**
 * Lending, first scan: the request id (from the pull slip). Answers `awaitingItem` with the
 * request when it can be shipped; the item barcode comes with `scanShipItem`.
 */
export async function scanShipRequest(api: ScanApi, scanned: string): Promise<ScanOutcome> {
  const v = escapeCqlValue(scanned);
  const found = await api.find(lookupQuery('lending', `hrid=="${v}"`));
  if (found.length === 0) return { ok: false, key: 'notFound', scanned, performed: [] };
  const hit = await withAction(api, found, ['markShipped']);
  if (hit) return { ok: true, key: 'awaitingItem', scanned, request: hit.request, performed: [] };
  const first = found[0];
  return { ok: false, key: first.state === 'RES_NEW_AWAIT_PULL_SLIP' ? 'noPullSlip' : 'notNow', scanned, request: first, performed: [] };
}

/** Lending, second scan: the item barcode → Mark shipped with it and the due date (ISO 8601, optional). */
export function scanShipItem(api: ScanApi, request: ResourceSharingRequest, itemBarcode: string, dueDate?: string): Promise<ScanOutcome> {
  const parameters: ActionParameterValues = { itemBarcode, ...(dueDate ? { dueDate } : {}) };
  return performing(api, itemBarcode, request, [{ code: 'markShipped', parameters }], 'shipped');
}

/**
 * The item barcode of a returned item. Borrowing (our patron brought it back): Patron returned,
 * then Ship return. Lending (it came home from the borrower): Mark returned.
 */
export async function scanReturn(api: ScanApi, scanned: string): Promise<ScanOutcome> {
  const v = escapeCqlValue(scanned);
  const found = await api.find(lookupQuery(undefined, `itemBarcode=="${v}"`));
  if (found.length === 0) return { ok: false, key: 'notFound', scanned, performed: [] };
  const borrowing = found.filter((r) => r.role === 'borrowing');
  const lending = found.filter((r) => r.role === 'lending');
  const fromPatron = await withAction(api, borrowing, ['patronReturned', 'shipReturn']);
  if (fromPatron?.code === 'patronReturned') {
    return performing(api, scanned, fromPatron.request, [{ code: 'patronReturned' }, { code: 'shipReturn' }], 'returnedAndShipped', 'returnedNotShipped');
  }
  if (fromPatron?.code === 'shipReturn') return performing(api, scanned, fromPatron.request, [{ code: 'shipReturn' }], 'returnShipped');
  const home = await withAction(api, lending, ['markReturned']);
  if (home) return performing(api, scanned, home.request, [{ code: 'markReturned' }], 'returnedToShelf');
  return { ok: false, key: 'notNow', scanned, request: found[0], performed: [] };
}

/** The default due date for shipping: today plus the loan period, as YYYY-MM-DD (local). */
export function defaultDueDate(loanPeriodDays: number | undefined, now = new Date()): string {
  if (loanPeriodDays === undefined) return '';
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + loanPeriodDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A YYYY-MM-DD due date as the end of that day in local time, ISO 8601 (what the action takes). */
export function dueDateParameter(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  return new Date(`${date}T23:59:59`).toISOString();
}
