// The patron API of mod-resource-sharing (`/resource-sharing/patron/...`), called without a staff
// session: the tenant in X-Okapi-Tenant, the patron in a bearer token their discovery layer (or,
// in the demo, the demo sign-in) issued. Plain fetch: the patron page runs outside Stripes.
import type { Citation, ServiceType } from '../types/request';
import { filenameOf } from '../utils/save-file';

export interface PatronConnection {
  /** Okapi or the module itself, without trailing slash */
  okapiUrl: string;
  tenant: string;
  /** HS256 JWT signed with the library's patron token secret */
  token?: string;
}

/** Status codes the backend gives patrons; the UI translates `patronStatus.<code>`. */
export type PatronStatus =
  | 'requested' | 'libraryReview' | 'lookingForLender' | 'onItsWay' | 'received' | 'readyForPickup' | 'onLoan'
  | 'renewalRequested' | 'recalled' | 'overdue' | 'returned' | 'notAvailable' | 'cancelling' | 'cancelled'
  | 'copyReady' | 'completed' | 'replaced' | 'closed';

export interface PatronRequestView {
  id: string;
  hrid: string;
  title: string;
  author?: string;
  serviceType: ServiceType;
  status: PatronStatus | string;
  stateName?: string;
  pickupLocation?: string;
  /** the pickup location's name in the library's settings */
  pickupLocationName?: string;
  /** ready for pickup: collect by then */
  pickupUntil?: string;
  neededBefore?: string;
  /** the patron's due date (the lender's less the library's delivery offset) */
  dueDate?: string;
  /** a delivered copy, while its link is open to the patron */
  documentUrl?: string;
  documentExpires?: string;
  /** the copy's link was open once and has expired */
  documentExpired?: boolean;
  /** the library stores the copy: `documentUrl` is the patron API's own route, opened with the patron's token (`openCopy`) */
  copyStored?: boolean;
  copyFilename?: string;
  canRenew: boolean;
  createdDate?: string;
  /** placing it found the patron's open request for the same title: this is that request */
  duplicate?: boolean;
}

export interface PickupLocation {
  code: string;
  name: string;
}

export interface OpenUrlResult {
  citation: Partial<Citation>;
  serviceType: ServiceType;
  version: '0.1' | '1.0';
  source?: string;
}

export interface NewPatronRequest {
  citation: Citation;
  serviceType: ServiceType;
  pickupLocation?: string;
  neededBefore?: string;
  notes?: string;
}

/** One problem the backend reported: its field key (e.g. `citation.title`), code and English text. */
export interface ApiProblem {
  field?: string;
  code?: string;
  message: string;
}

export class PatronApiError extends Error {
  constructor(readonly status: number, readonly problems: ApiProblem[]) {
    super(problems.map((p) => p.message).join('; ') || `HTTP ${status}`);
  }
}

interface FolioErrorBody {
  errors?: Array<{ message?: string; code?: string; parameters?: Array<{ key?: string; value?: string }> }>;
}

async function problemsOf(response: Response): Promise<ApiProblem[]> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as FolioErrorBody;
    if (Array.isArray(body.errors)) {
      return body.errors.map((e) => ({ field: e.parameters?.[0]?.key, code: e.code, message: e.message ?? e.code ?? '' }));
    }
  } catch {
    // text/plain
  }
  return [{ message: text.trim() || `HTTP ${response.status}` }];
}

export interface PatronApi {
  openUrl(queryString: string): Promise<OpenUrlResult>;
  pickupLocations(): Promise<PickupLocation[]>;
  myRequests(): Promise<PatronRequestView[]>;
  placeRequest(request: NewPatronRequest): Promise<PatronRequestView>;
  renew(id: string): Promise<PatronRequestView>;
  /** the copy the library stores for this request (410 when it was fetched once already, or its days are over) */
  openCopy(id: string): Promise<{ blob: Blob; filename?: string }>;
}

export function patronApi(conn: PatronConnection, fetchImpl: typeof fetch = (...args) => fetch(...args)): PatronApi {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetchImpl(`${conn.okapiUrl}/resource-sharing/patron/${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        'X-Okapi-Tenant': conn.tenant,
        ...(conn.token ? { Authorization: `Bearer ${conn.token}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new PatronApiError(response.status, await problemsOf(response));
    return (await response.json()) as T;
  }
  async function download(path: string): Promise<{ blob: Blob; filename?: string }> {
    const response = await fetchImpl(`${conn.okapiUrl}/resource-sharing/patron/${path}`, {
      headers: { Accept: '*/*', 'X-Okapi-Tenant': conn.tenant, ...(conn.token ? { Authorization: `Bearer ${conn.token}` } : {}) },
    });
    if (!response.ok) throw new PatronApiError(response.status, await problemsOf(response));
    return { blob: await response.blob(), filename: filenameOf(response.headers.get('Content-Disposition')) };
  }
  return {
    openUrl: (queryString) => call<OpenUrlResult>('GET', `openurl${queryString.startsWith('?') || !queryString ? queryString : `?${queryString}`}`),
    pickupLocations: async () => (await call<{ pickupLocations: PickupLocation[] }>('GET', 'pickup-locations')).pickupLocations,
    myRequests: async () => (await call<{ requests: PatronRequestView[] }>('GET', 'requests')).requests,
    placeRequest: (request) => call<PatronRequestView>('POST', 'requests', request),
    renew: (id) => call<PatronRequestView>('POST', `requests/${encodeURIComponent(id)}/renew`),
    openCopy: (id) => download(`requests/${encodeURIComponent(id)}/copy`),
  };
}

export interface PatronSignInResult {
  token: string;
  name?: string;
}

/**
 * DEMO ONLY sign-in: `POST {signInUrl}` with the tenant and the patron's barcode and PIN answers a
 * patron token. In production the discovery layer signs the token and hands it to this page.
 */
export async function signInPatron(signInUrl: string, tenant: string, barcode: string, pin: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): Promise<PatronSignInResult> {
  const response = await fetchImpl(signInUrl, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-Okapi-Tenant': tenant },
    body: JSON.stringify({ barcode, pin }),
  });
  if (!response.ok) throw new PatronApiError(response.status, await problemsOf(response));
  return (await response.json()) as PatronSignInResult;
}
