// The fake backend plus the settings the desk workflows read (the loan period for the ship scan).
import type { RequestAction, ResourceSharingRequest } from '../src/types/request.ts';
import { FakeBackend } from './fake-backend.ts';

export class WorkFake extends FakeBackend {
  lendingLoanPeriodDays: number | undefined = 21;

  constructor(requests: ResourceSharingRequest[]) {
    super(requests);
    const base = this.fetch;
    const settings = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (new URL(request.url).pathname === '/resource-sharing/settings' && request.method === 'GET') {
        this.calls.push({ method: 'GET', path: '/resource-sharing/settings', searchParams: new URLSearchParams(), headers: request.headers });
        return new Response(JSON.stringify({ lendingLoanPeriodDays: this.lendingLoanPeriodDays }), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      return base(request);
    };
    Object.defineProperty(this, 'fetch', { value: settings });
  }
}

export const action = (code: string): RequestAction => ({ code, displayName: code, parameters: [] });

let n = 40;
/** A request for the desk tests, with defaults filled in. */
export function deskRequest(fields: Partial<ResourceSharingRequest> & Pick<ResourceSharingRequest, 'role' | 'state' | 'hrid'>): ResourceSharingRequest {
  n += 1;
  return {
    id: `22222222-2222-4222-8222-0000000000${n}`,
    stateModel: fields.role === 'borrowing' ? 'requester' : 'responder',
    needsAttention: false,
    serviceType: 'loan',
    citation: { title: `Title of ${fields.hrid}` },
    _version: 1,
    metadata: { createdDate: `2026-03-${String(n - 30).padStart(2, '0')}T09:00:00.000Z`, updatedDate: `2026-03-${String(n - 30).padStart(2, '0')}T10:00:00.000Z` },
    ...fields,
  };
}
