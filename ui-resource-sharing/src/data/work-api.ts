// Calls behind the desk workflows (scans, pull slips): find requests by a scanned value, the
// actions valid now, perform one and get the updated request back, the loan period setting.
import type { ActionCollection, ActionParameterValues, RequestCollection, ResourceSharingRequest } from '../types/request';
import type { OkapiKy } from './api';

const BASE = 'resource-sharing/requests';

export async function findRequests(ky: OkapiKy, query: string, limit = 20): Promise<ResourceSharingRequest[]> {
  const page = await ky.get(BASE, { searchParams: { query, offset: 0, limit } }).json<RequestCollection>();
  return page.requests;
}

export async function actionCodes(ky: OkapiKy, id: string): Promise<string[]> {
  const list = await ky.get(`${BASE}/${encodeURIComponent(id)}/actions`).json<ActionCollection>();
  return list.actions.map((a) => a.code);
}

/** Performs the action; answers the request as it is afterwards. */
export function performRequestAction(ky: OkapiKy, id: string, code: string, parameters: ActionParameterValues = {}): Promise<ResourceSharingRequest> {
  return ky.post(`${BASE}/${encodeURIComponent(id)}/actions/${encodeURIComponent(code)}`, { json: { parameters } }).json<ResourceSharingRequest>();
}

/** The loan period granted to borrowers (settings `lendingLoanPeriodDays`), when this user may read the settings. */
export async function lendingLoanPeriodDays(ky: OkapiKy): Promise<number | undefined> {
  try {
    const settings = await ky.get('resource-sharing/settings').json<{ lendingLoanPeriodDays?: number }>();
    return typeof settings.lendingLoanPeriodDays === 'number' ? settings.lendingLoanPeriodDays : undefined;
  } catch {
    return undefined;
  }
}
