// An in-memory patron API (mod-resource-sharing's /resource-sharing/patron/...) and the demo
// sign-in, answering the patron page's fetch calls with the real paths, bodies and error shapes.
import type { OpenUrlResult, PatronRequestView, PickupLocation } from '../src/patron/patron-api.ts';

export interface PatronCall {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body?: unknown;
}

export const PATRON_TOKEN = 'patron-token-1001';

export class PatronFake {
  readonly calls: PatronCall[] = [];
  requests: PatronRequestView[];
  pickupLocations: PickupLocation[] = [{ code: 'CIRC', name: 'Circulation desk' }, { code: 'BRANCH', name: 'Branch desk' }];
  openUrlResult: OpenUrlResult | undefined;
  /** answer the next POST /requests with this 422 body */
  rejectNextRequest: Array<{ message: string; code: string; parameters: Array<{ key: string; value: string }> }> | undefined;
  /** copies the library stores, by request id; `once` ones answer 410 after the first download, as the module does */
  copies = new Map<string, { content: Uint8Array<ArrayBuffer>; contentType: string; filename: string; once?: boolean; served?: number }>();
  private counter = 0;

  constructor(requests: PatronRequestView[] = []) {
    this.requests = requests.map((r) => structuredClone(r));
  }

  callsTo(path: string, method?: string): PatronCall[] {
    return this.calls.filter((c) => c.path === path && (!method || c.method === method));
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const call: PatronCall = { method: request.method, path: url.pathname, search: url.search, headers: request.headers, body: text ? JSON.parse(text) : undefined };
    this.calls.push(call);
    if (request.headers.get('X-Okapi-Tenant') !== 'northfield') return plain(400, 'Missing or unknown X-Okapi-Tenant');
    return this.route(call);
  };

  private route(call: PatronCall): Response {
    if (call.path === '/demo/patron-sign-in' && call.method === 'POST') {
      const { barcode, pin } = call.body as { barcode: string; pin: string };
      return barcode === '1001' && pin === '1234'
        ? json(201, { token: PATRON_TOKEN, name: 'Ada Lovelace' })
        : json(401, { errors: [{ message: 'Wrong card number or PIN', code: 'patron.signIn' }] });
    }
    if (call.path === '/resource-sharing/patron/openurl') {
      return this.openUrlResult ? json(200, this.openUrlResult) : json(200, { citation: {}, serviceType: 'loan', version: '0.1' });
    }
    if (call.path === '/resource-sharing/patron/pickup-locations') {
      return json(200, { pickupLocations: this.pickupLocations, totalRecords: this.pickupLocations.length });
    }
    if (call.headers.get('Authorization') !== `Bearer ${PATRON_TOKEN}`) return plain(401, 'Sign in first');
    if (call.path === '/resource-sharing/patron/requests' && call.method === 'GET') {
      return json(200, { requests: this.requests, totalRecords: this.requests.length });
    }
    if (call.path === '/resource-sharing/patron/requests' && call.method === 'POST') {
      if (this.rejectNextRequest) {
        const errors = this.rejectNextRequest;
        this.rejectNextRequest = undefined;
        return json(422, { errors, total_records: errors.length });
      }
      const body = call.body as { citation: { title: string; author?: string }; serviceType: 'loan' | 'copy'; pickupLocation?: string };
      // like the module: the patron's open request for the same title is shown instead of a new one
      const same = this.requests.find((r) => r.title.trim().toLowerCase() === body.citation.title.trim().toLowerCase() && r.serviceType === body.serviceType);
      if (same) return json(200, { ...same, duplicate: true });
      this.counter += 1;
      const created: PatronRequestView = {
        id: `00000000-0000-4000-8000-00000000010${this.counter}`,
        hrid: `NORTH-${100 + this.counter}`,
        title: body.citation.title,
        author: body.citation.author,
        serviceType: body.serviceType,
        status: 'requested',
        stateName: 'New',
        pickupLocation: body.pickupLocation,
        canRenew: false,
        createdDate: new Date().toISOString(),
      };
      this.requests.unshift(created);
      return json(201, created);
    }
    const copy = /^\/resource-sharing\/patron\/requests\/([^/]+)\/copy$/.exec(call.path);
    if (copy && call.method === 'GET') {
      const r = this.requests.find((x) => x.id === copy[1]);
      const file = this.copies.get(copy[1]);
      if (!r || !file) return plain(404, 'No copy is stored for this request');
      if (file.once && (file.served ?? 0) > 0) {
        return json(410, { errors: [{ message: 'This copy is no longer available: it could be fetched once, or its days are over. Ask the library for it again.', code: 'patron.copyGone', parameters: [{ key: 'request', value: r.hrid }] }] });
      }
      file.served = (file.served ?? 0) + 1;
      const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_');
      return new Response(file.content, {
        status: 200,
        headers: { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`, 'Cache-Control': 'private, no-store' },
      });
    }
    const renew = /^\/resource-sharing\/patron\/requests\/([^/]+)\/renew$/.exec(call.path);
    if (renew && call.method === 'POST') {
      const r = this.requests.find((x) => x.id === renew[1]);
      if (!r) return plain(404, 'No such request');
      if (!r.canRenew) return json(422, { errors: [{ message: 'Action renew is not valid now', code: 'invalidAction' }] });
      r.canRenew = false;
      r.stateName = 'Renewal requested';
      return json(200, r);
    }
    return plain(404, `No route for ${call.method} ${call.path}`);
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function plain(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain' } });
}
