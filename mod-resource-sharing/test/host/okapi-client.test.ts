import assert from 'node:assert/strict';
import { OkapiClient, OkapiError, cqlString, describeErrorBody } from '../../src/okapi/okapi-client.ts';
import { startFolioSimulator, demoSeed, DEMO_CREDENTIALS, type FolioSimulator } from '../../../simulators/folio/index.ts';

const TENANT = 'clientlib';

function stubFetch(answer: (url: string, init: RequestInit) => Response): { fetch: typeof fetch; calls: { url: string; init: RequestInit }[] } {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {} });
    return answer(url, init ?? {});
  }) as typeof fetch;
  return { fetch: fn, calls };
}

describe('OkapiClient', () => {
  describe('against the FOLIO simulator', () => {
    let sim: FolioSimulator;
    beforeEach(async () => {
      sim = await startFolioSimulator({ tenants: { [TENANT]: demoSeed(TENANT) } });
    });
    afterEach(async () => {
      await sim.close();
    });

    it('logs in as the system user and passes tenant, token and request id on every call', async () => {
      const client = new OkapiClient({ url: sim.url, tenant: TENANT, login: { ...DEMO_CREDENTIALS }, requestId: '123456/resource-sharing' });
      const groups = await client.get<{ usergroups: unknown[] }>('/groups');
      assert.equal(groups.usergroups.length, 3);
      const log = sim.state(TENANT).log;
      assert.equal(log[0].url, '/authn/login');
      const last = log.at(-1)!;
      assert.equal(last.url, '/groups');
      assert.equal(last.token, client.currentToken);
      assert.equal(last.requestId, '123456/resource-sharing');
    });

    it('logs in again once when the token is no longer accepted', async () => {
      const client = new OkapiClient({ url: sim.url, tenant: TENANT, login: { ...DEMO_CREDENTIALS } });
      await client.get('/groups');
      const first = client.currentToken;
      sim.state(TENANT).tokens.clear();
      await client.get('/groups');
      assert.notEqual(client.currentToken, first);
    });

    it('without credentials a refused token is an OkapiError 401', async () => {
      const client = new OkapiClient({ url: sim.url, tenant: TENANT, token: 'stale' });
      await assert.rejects(client.get('/groups'), (e: unknown) => e instanceof OkapiError && e.status === 401 && e.kind === 'http');
    });

    it('gives up after the timeout with a retryable error', async () => {
      const client = new OkapiClient({ url: sim.url, tenant: TENANT, login: { ...DEMO_CREDENTIALS }, timeoutMs: 200 });
      await client.login();
      sim.failNext(TENANT, '/groups', 'timeout');
      await assert.rejects(client.get('/groups'), (e: unknown) => e instanceof OkapiError && e.kind === 'timeout' && e.retryable && e.status === 0);
    });
  });

  it('joins paths to an X-Okapi-Url that ends in a path, and encodes the query', async () => {
    const stub = stubFetch(() => new Response('{"users":[],"totalRecords":0}', { status: 200, headers: { 'content-type': 'application/json' } }));
    const client = new OkapiClient({ url: 'https://folio.example.org/okapi/', tenant: 't1', token: 'tok', fetch: stub.fetch });
    await client.get('/users', { query: 'barcode=="a b"', limit: 1 });
    assert.equal(stub.calls[0].url, 'https://folio.example.org/okapi/users?query=barcode%3D%3D%22a+b%22&limit=1');
    const headers = stub.calls[0].init.headers as Record<string, string>;
    assert.equal(headers['x-okapi-tenant'], 't1');
    assert.equal(headers['x-okapi-token'], 'tok');
  });

  it('builds a client from the incoming request context', async () => {
    const stub = stubFetch(() => new Response(null, { status: 204 }));
    const client = OkapiClient.fromContext({ okapiUrl: 'http://okapi:9130', tenant: 'diku', token: 'jwt', requestId: 'r1' }, { fetch: stub.fetch });
    await client.delete('/item-storage/items/1');
    const headers = stub.calls[0].init.headers as Record<string, string>;
    assert.equal(stub.calls[0].url, 'http://okapi:9130/item-storage/items/1');
    assert.equal(headers['x-okapi-request-id'], 'r1');
    assert.throws(() => OkapiClient.fromContext({ tenant: 'diku' }), /X-Okapi-Url/);
  });

  it('reads FOLIO error bodies: errors[] JSON and text/plain', async () => {
    const stub = stubFetch((url) =>
      url.endsWith('/a')
        ? new Response('{"errors":[{"message":"Item is already checked out"},{"message":"second"}]}', { status: 422, headers: { 'content-type': 'application/json' } })
        : new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } }),
    );
    const client = new OkapiClient({ url: 'http://h', tenant: 't', fetch: stub.fetch });
    await assert.rejects(client.post('/a', {}), (e: unknown) => {
      assert.ok(e instanceof OkapiError);
      assert.equal(e.status, 422);
      assert.equal(e.message, 'Item is already checked out; second');
      assert.equal(e.errors.length, 2);
      assert.equal(e.retryable, false);
      return true;
    });
    await assert.rejects(client.get('/b'), (e: unknown) => e instanceof OkapiError && e.status === 404 && e.message === 'Not found');
    assert.equal(describeErrorBody('', null).message, '');
  });

  it('escapes CQL string values', () => {
    assert.equal(cqlString('a"b*c\\'), '"a\\"b\\*c\\\\"');
  });
});
