import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { referenceFile } from '../../test/support/shared.ts';
import { startFolioSimulator, demoSeed, demoHostSettings, demoServicePoints, FolioSchemas, DEMO_CREDENTIALS, DEMO_ITEMS, DEMO_PATRONS, type FolioSimulator } from './index.ts';

const TENANT = 'simlib';

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

describe('FOLIO host simulator', () => {
  let sim: FolioSimulator;
  let token: string;

  /** `tok` null: send no token */
  async function call(method: string, path: string, body?: unknown, tenant = TENANT, tok: string | null = token): Promise<Answer> {
    const headers: Record<string, string> = { 'x-okapi-tenant': tenant };
    if (tok) headers['x-okapi-token'] = tok;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(sim.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // text/plain
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  function errors(a: Answer): { message: string; parameters?: { key: string }[] }[] {
    return (a.body as { errors: { message: string; parameters?: { key: string }[] }[] }).errors;
  }

  function itemRequest(type: string, itemBarcode: string, requesterBarcode: string, pickup: string, s = sim.state(TENANT)) {
    const item = [...s.items.values()].find((i) => i.barcode === itemBarcode)!;
    const holdings = s.holdings.get(item.holdingsRecordId)!;
    const user = [...s.users.values()].find((u) => u.barcode === requesterBarcode)!;
    return {
      requestType: type,
      requestLevel: 'Item',
      requestDate: new Date().toISOString(),
      requesterId: user.id,
      itemId: item.id,
      holdingsRecordId: holdings.id,
      instanceId: holdings.instanceId,
      fulfillmentPreference: 'Hold Shelf',
      pickupServicePointId: pickup,
    };
  }

  beforeEach(async () => {
    sim = await startFolioSimulator({ tenants: { [TENANT]: demoSeed(TENANT), other: demoSeed('other') } });
    const login = await call('POST', '/authn/login', DEMO_CREDENTIALS, TENANT, null);
    assert.equal(login.status, 201);
    token = login.headers.get('x-okapi-token') ?? '';
  });

  afterEach(async () => {
    await sim.close();
  });

  it('needs a login token, and a token of the right tenant', async () => {
    assert.equal((await call('GET', '/users', undefined, TENANT, null)).status, 401);
    assert.equal((await call('GET', '/users', undefined, 'other')).status, 401);
    assert.equal((await call('POST', '/authn/login', { username: 'rs-system', password: 'wrong' }, TENANT, null)).status, 422);
    assert.equal((await call('GET', '/users', undefined, 'nosuchtenant')).status, 400);
  });

  it('answers CQL queries on users', async () => {
    const res = await call('GET', `/users?query=${encodeURIComponent(`barcode=="${DEMO_PATRONS.active}"`)}`);
    assert.equal(res.status, 200);
    const body = res.body as { users: { personal: { lastName: string } }[]; totalRecords: number };
    assert.equal(body.totalRecords, 1);
    assert.equal(body.users[0].personal.lastName, 'Reader');
  });

  it('keeps tenants apart', async () => {
    const settings = demoHostSettings(TENANT);
    assert.notEqual(settings.illLocationId, demoHostSettings('other').illLocationId);
    const res = await call('POST', '/instance-storage/instances', { title: 'Only here', source: 'FOLIO', instanceTypeId: settings.instanceTypeId });
    assert.equal(res.status, 201);
    assert.equal(sim.state(TENANT).instances.has((res.body as { id: string }).id), true);
    assert.equal(sim.state('other').instances.has((res.body as { id: string }).id), false);
  });

  describe('schema validation', () => {
    before(function () {
      referenceFile(this, 'folio', 'users', 'usergroup.json');
    });

    it('says it validates bodies, and against which schemas', () => {
      assert.equal(sim.validatesBodies, true);
      assert.match(sim.validationNotice, /validated against FOLIO's JSON schemas in .*folio/);
    });

    it('refuses an unknown field with 422 naming it', async () => {
      const settings = demoHostSettings(TENANT);
      const res = await call('POST', '/instance-storage/instances', {
        title: 'Bad',
        source: 'FOLIO',
        instanceTypeId: settings.instanceTypeId,
        suppressEverywhere: true,
      });
      assert.equal(res.status, 422);
      assert.match(errors(res)[0].message, /suppressEverywhere/);
      assert.equal(errors(res)[0].parameters?.[0].key, 'suppressEverywhere');
      assert.equal(sim.state(TENANT).instances.size, 3, 'nothing stored');
    });

    it('refuses a nested unknown field and a missing required one', async () => {
      const settings = demoHostSettings(TENANT);
      const holdings = [...sim.state(TENANT).holdings.values()][0];
      const res = await call('POST', '/item-storage/items', {
        holdingsRecordId: holdings.id,
        materialTypeId: settings.materialTypeId,
        status: { name: 'Available', colour: 'green' },
      });
      assert.equal(res.status, 422);
      const messages = errors(res).map((e) => e.message);
      assert.ok(messages.some((m) => /status\.colour/.test(m)), messages.join(' | '));
      assert.ok(messages.some((m) => /permanentLoanTypeId must not be null/.test(m)), messages.join(' | '));
    });

    it('refuses a circulation request with a value outside the enum', async () => {
      const res = await call('POST', '/circulation/requests', {
        requestType: 'Borrow',
        requesterId: randomUUID(),
        requestDate: new Date().toISOString(),
        fulfillmentPreference: 'Hold Shelf',
      });
      assert.equal(res.status, 422);
      assert.match(errors(res)[0].message, /requestType/);
    });

    it('refuses a check-in without checkInDate', async () => {
      const res = await call('POST', '/circulation/check-in-by-barcode', { itemBarcode: DEMO_ITEMS.available, servicePointId: demoServicePoints(TENANT).circDesk });
      assert.equal(res.status, 422);
      assert.match(errors(res)[0].message, /checkInDate/);
    });
  });

  describe('inventory rules', () => {
    it('refuses a second item with the same barcode', async () => {
      const settings = demoHostSettings(TENANT);
      const holdings = [...sim.state(TENANT).holdings.values()][0];
      const res = await call('POST', '/item-storage/items', {
        holdingsRecordId: holdings.id,
        barcode: DEMO_ITEMS.available,
        materialTypeId: settings.materialTypeId,
        permanentLoanTypeId: settings.permanentLoanTypeId,
        status: { name: 'Available' },
      });
      assert.equal(res.status, 422);
      assert.match(errors(res)[0].message, /Barcode must be unique/);
    });

    it('refuses references to reference data that does not exist', async () => {
      const res = await call('POST', '/instance-storage/instances', { title: 'X', source: 'FOLIO', instanceTypeId: randomUUID() });
      assert.equal(res.status, 422);
      assert.match(errors(res)[0].message, /instance_type/);
    });

    it('will not delete holdings that still have items', async () => {
      const holdings = [...sim.state(TENANT).holdings.values()][0];
      const res = await call('DELETE', `/holdings-storage/holdings/${holdings.id}`);
      assert.equal(res.status, 400);
      assert.ok(sim.state(TENANT).holdings.has(holdings.id));
    });
  });

  describe('circulation rules', () => {
    it('refuses a Hold on an Available item but takes a Page, which pages it', async () => {
      const sp = demoServicePoints(TENANT);
      const hold = await call('POST', '/circulation/requests', itemRequest('Hold', DEMO_ITEMS.available, DEMO_PATRONS.active, sp.circDesk));
      assert.equal(hold.status, 422);
      assert.match(errors(hold)[0].message, /Hold requests are not allowed/);
      const page = await call('POST', '/circulation/requests', itemRequest('Page', DEMO_ITEMS.available, DEMO_PATRONS.active, sp.circDesk));
      assert.equal(page.status, 201);
      assert.equal((page.body as { status: string }).status, 'Open - Not yet filled');
      const item = [...sim.state(TENANT).items.values()].find((i) => i.barcode === DEMO_ITEMS.available);
      assert.equal(item?.status.name, 'Paged');
    });

    it('refuses a pickup at a service point that is not a pickup location, and a blocked requester', async () => {
      const sp = demoServicePoints(TENANT);
      const notPickup = await call('POST', '/circulation/requests', itemRequest('Page', DEMO_ITEMS.available, DEMO_PATRONS.active, sp.backOffice));
      assert.equal(notPickup.status, 422);
      assert.match(errors(notPickup)[0].message, /not a pickup location/);
      const blocked = await call('POST', '/circulation/requests', itemRequest('Page', DEMO_ITEMS.available, DEMO_PATRONS.blocked, sp.circDesk));
      assert.equal(blocked.status, 422);
    });

    it('check-in at the pickup point: hold shelf; check-out to someone else: refused; to the requester: filled', async () => {
      const sp = demoServicePoints(TENANT);
      const page = await call('POST', '/circulation/requests', itemRequest('Page', DEMO_ITEMS.available, DEMO_PATRONS.active, sp.circDesk));
      const requestId = (page.body as { id: string }).id;
      const checkIn = await call('POST', '/circulation/check-in-by-barcode', {
        itemBarcode: DEMO_ITEMS.available,
        servicePointId: sp.circDesk,
        checkInDate: new Date().toISOString(),
      });
      assert.equal(checkIn.status, 200);
      assert.equal((checkIn.body as { item: { status: { name: string } } }).item.status.name, 'Awaiting pickup');
      const request = sim.state(TENANT).requests.get(requestId)!;
      assert.equal(request.status, 'Open - Awaiting pickup');
      assert.ok(request.holdShelfExpirationDate);

      const wrongPatron = await call('POST', '/circulation/check-out-by-barcode', { itemBarcode: DEMO_ITEMS.available, userBarcode: DEMO_PATRONS.institution, servicePointId: sp.circDesk });
      assert.equal(wrongPatron.status, 422);
      assert.match(errors(wrongPatron)[0].message, /requested by another patron/);

      const out = await call('POST', '/circulation/check-out-by-barcode', { itemBarcode: DEMO_ITEMS.available, userBarcode: DEMO_PATRONS.active, servicePointId: sp.circDesk });
      assert.equal(out.status, 201);
      const loan = out.body as { dueDate: string; loanDate: string; status: { name: string } };
      assert.equal(loan.status.name, 'Open');
      assert.equal(Date.parse(loan.dueDate) - Date.parse(loan.loanDate), 14 * 86_400_000);
      assert.equal(sim.state(TENANT).requests.get(requestId)?.status, 'Closed - Filled');

      const again = await call('POST', '/circulation/check-out-by-barcode', { itemBarcode: DEMO_ITEMS.available, userBarcode: DEMO_PATRONS.active, servicePointId: sp.circDesk });
      assert.equal(again.status, 422);
    });

    it('check-in elsewhere puts the item in transit to the pickup point', async () => {
      const sp = demoServicePoints(TENANT);
      await call('POST', '/circulation/requests', itemRequest('Page', DEMO_ITEMS.second, DEMO_PATRONS.active, sp.branchDesk));
      const res = await call('POST', '/circulation/check-in-by-barcode', { itemBarcode: DEMO_ITEMS.second, servicePointId: sp.circDesk, checkInDate: new Date().toISOString() });
      const item = (res.body as { item: { status: { name: string }; inTransitDestinationServicePointId: string } }).item;
      assert.equal(item.status.name, 'In transit');
      assert.equal(item.inTransitDestinationServicePointId, sp.branchDesk);
    });

    it('check-in of a loaned item with another request waiting puts it on the hold shelf for that patron', async () => {
      const sp = demoServicePoints(TENANT);
      await call('POST', '/circulation/check-out-by-barcode', { itemBarcode: DEMO_ITEMS.second, userBarcode: DEMO_PATRONS.institution, servicePointId: sp.circDesk });
      const hold = await call('POST', '/circulation/requests', itemRequest('Hold', DEMO_ITEMS.second, DEMO_PATRONS.active, sp.circDesk));
      assert.equal(hold.status, 201, JSON.stringify(hold.body));
      const res = await call('POST', '/circulation/check-in-by-barcode', { itemBarcode: DEMO_ITEMS.second, servicePointId: sp.circDesk, checkInDate: new Date().toISOString() });
      const body = res.body as { loan: { status: { name: string } }; item: { status: { name: string } } };
      assert.equal(body.loan.status.name, 'Closed');
      assert.equal(body.item.status.name, 'Awaiting pickup');
    });

    it('changes due dates and renews; refuses a closed loan; will not delete an item on loan', async () => {
      const sp = demoServicePoints(TENANT);
      const out = await call('POST', '/circulation/check-out-by-barcode', { itemBarcode: DEMO_ITEMS.second, userBarcode: DEMO_PATRONS.institution, servicePointId: sp.circDesk });
      const loan = out.body as { id: string; itemId: string; userId: string };
      assert.equal((await call('POST', `/circulation/loans/${loan.id}/change-due-date`, { dueDate: '2030-03-01T12:00:00.000Z' })).status, 204);
      assert.equal(sim.state(TENANT).loans.get(loan.id)?.dueDate, '2030-03-01T12:00:00.000Z');
      const renewed = await call('POST', '/circulation/renew-by-id', { itemId: loan.itemId, userId: loan.userId });
      assert.equal(renewed.status, 200);
      assert.equal((renewed.body as { dueDate: string }).dueDate, '2030-03-15T12:00:00.000Z');

      const del = await call('DELETE', `/item-storage/items/${loan.itemId}`);
      assert.equal(del.status, 422);
      assert.match(errors(del)[0].message, /open loan/);

      await call('POST', '/circulation/check-in-by-barcode', { itemBarcode: DEMO_ITEMS.second, servicePointId: sp.circDesk, checkInDate: new Date().toISOString() });
      const late = await call('POST', `/circulation/loans/${loan.id}/change-due-date`, { dueDate: '2030-04-01T12:00:00.000Z' });
      assert.equal(late.status, 422);
    });
  });

  describe("without FOLIO's schemas (a clone on its own)", () => {
    it('starts, says once that bodies are not validated, and still applies its rules', async () => {
      const lines: string[] = [];
      const bare = await startFolioSimulator({
        schemas: new FolioSchemas(path.join(os.tmpdir(), `no-folio-schemas-${randomUUID()}`)),
        tenants: { [TENANT]: demoSeed(TENANT) },
        log: (line) => lines.push(line),
      });
      try {
        assert.equal(bare.validatesBodies, false);
        assert.equal(lines.length, 1, lines.join(' | '));
        assert.match(lines[0], /schemas not found in .*no-folio-schemas-.*bodies are not validated \(set SHARED_DIR/);
        assert.equal(bare.validationNotice, lines[0]);
        const login = await fetch(`${bare.url}/authn/login`, { method: 'POST', headers: { 'x-okapi-tenant': TENANT, 'content-type': 'application/json' }, body: JSON.stringify(DEMO_CREDENTIALS) });
        assert.equal(login.status, 201);
        const headers = { 'x-okapi-tenant': TENANT, 'x-okapi-token': login.headers.get('x-okapi-token') ?? '', 'content-type': 'application/json' };
        const settings = demoHostSettings(TENANT);
        // an unknown field passes (no schema to refuse it) ...
        const instance = await fetch(`${bare.url}/instance-storage/instances`, { method: 'POST', headers, body: JSON.stringify({ title: 'Loose', source: 'FOLIO', instanceTypeId: settings.instanceTypeId, suppressEverywhere: true }) });
        assert.equal(instance.status, 201);
        // ... but the simulator's own rules still hold: a Hold on an Available item is refused
        const hold = await fetch(`${bare.url}/circulation/requests`, {
          method: 'POST',
          headers,
          body: JSON.stringify(itemRequest('Hold', DEMO_ITEMS.available, DEMO_PATRONS.active, demoServicePoints(TENANT).circDesk, bare.state(TENANT))),
        });
        assert.equal(hold.status, 422);
        assert.match(await hold.text(), /Hold requests are not allowed/);
      } finally {
        await bare.close();
      }
    });
  });

  describe('failNext', () => {
    it('fails the next matching calls with the status given, then recovers', async () => {
      sim.failNext(TENANT, 'GET /users', 500, 2);
      assert.equal((await call('GET', '/users')).status, 500);
      assert.equal((await call('POST', '/authn/login', DEMO_CREDENTIALS, TENANT, null)).status, 201, 'other paths unaffected');
      assert.equal((await call('GET', '/users/x')).status, 500);
      assert.equal((await call('GET', '/users')).status, 200);
    });

    it('only for the tenant named, and answers 422 as FOLIO errors', async () => {
      sim.failNext(TENANT, /^GET \/service-points$/, 422);
      const res = await call('GET', '/service-points');
      assert.equal(res.status, 422);
      assert.ok(errors(res)[0].message);
      assert.equal((await call('GET', '/service-points')).status, 200);
    });

    it('hangs on timeout until the caller gives up', async () => {
      sim.failNext(TENANT, '/locations', 'timeout');
      const started = Date.now();
      await assert.rejects(
        fetch(`${sim.url}/locations`, { headers: { 'x-okapi-tenant': TENANT, 'x-okapi-token': token }, signal: AbortSignal.timeout(250) }),
      );
      assert.ok(Date.now() - started >= 200);
      assert.equal((await call('GET', '/locations')).status, 200);
    });
  });

  it('logs each call with its token and request id', async () => {
    await fetch(`${sim.url}/groups`, { headers: { 'x-okapi-tenant': TENANT, 'x-okapi-token': token, 'x-okapi-request-id': 'abc/123' } });
    const last = sim.state(TENANT).log.at(-1);
    assert.equal(last?.url, '/groups');
    assert.equal(last?.requestId, 'abc/123');
    assert.equal(last?.token, token);
  });
});
