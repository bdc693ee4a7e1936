import assert from 'node:assert/strict';
import { OkapiClient } from '../../src/okapi/okapi-client.ts';
import { createFolioHost } from '../../src/host/folio/folio-host.ts';
import { HostError, patronDueDate, type HostLsp, type HostSettings } from '../../src/host/host-lsp.ts';
import {
  startFolioSimulator,
  demoSeed,
  demoHostSettings,
  demoServicePoints,
  DEMO_CREDENTIALS,
  DEMO_ITEMS,
  DEMO_PATRONS,
  type FolioSimulator,
} from '../../../simulators/folio/index.ts';

const TENANT = 'borrowlib';

async function rejectsWith(p: Promise<unknown>, check: (e: HostError) => void): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof HostError, `expected HostError, got ${String(e)}`);
    check(e);
    return true;
  });
}

describe('FOLIO host adapter against the FOLIO simulator', () => {
  let sim: FolioSimulator;
  let client: OkapiClient;
  let settings: HostSettings;
  let host: HostLsp;

  beforeEach(async () => {
    sim = await startFolioSimulator({ tenants: { [TENANT]: demoSeed(TENANT) } });
    client = new OkapiClient({ url: sim.url, tenant: TENANT, login: { ...DEMO_CREDENTIALS }, requestId: 'test-req-1', timeoutMs: 2000 });
    settings = demoHostSettings(TENANT);
    host = createFolioHost(client, settings);
  });

  afterEach(async () => {
    await sim.close();
  });

  describe('patron lookup', () => {
    it('finds an active patron with no blocks', async () => {
      const p = await host.lookupPatron(DEMO_PATRONS.active);
      assert.ok(p);
      assert.equal(p.name, 'Alice Reader');
      assert.equal(p.barcode, DEMO_PATRONS.active);
      assert.equal(p.active, true);
      assert.equal(p.expired, false);
      assert.equal(p.blocked, false);
      assert.deepEqual(p.blockReasons, []);
      assert.ok(p.patronGroup);
      // by id as well as by barcode
      const byId = await host.lookupPatron(p.id);
      assert.equal(byId?.barcode, DEMO_PATRONS.active);
    });

    it('reports an expired patron', async () => {
      const p = await host.lookupPatron(DEMO_PATRONS.expired);
      assert.equal(p?.expired, true);
      assert.equal(p?.blocked, false);
    });

    it('reports an inactive patron', async () => {
      const p = await host.lookupPatron(DEMO_PATRONS.inactive);
      assert.equal(p?.active, false);
    });

    it('reports a blocked patron with the block message', async () => {
      const p = await host.lookupPatron(DEMO_PATRONS.blocked);
      assert.equal(p?.blocked, true);
      assert.deepEqual(p?.blockReasons, ['Maximum number of overdue items has been reached']);
    });

    it('answers null for an unknown patron', async () => {
      assert.equal(await host.lookupPatron('no-such-barcode'), null);
    });
  });

  it('borrowing: temporary records, hold shelf, patron loan with due date, return, removal', async () => {
    const sp = demoServicePoints(TENANT);
    const state = sim.state(TENANT);
    const patron = await host.lookupPatron(DEMO_PATRONS.active);
    assert.ok(patron);

    const recs = await host.createTemporaryRecords({
      title: 'The dispossessed',
      author: 'Le Guin, Ursula K.',
      publisher: 'Harper',
      publicationDate: '1974',
      itemBarcode: 'LENDER-778',
      requestHrid: 'RS-1042',
      returnTo: 'Lender University Library, ILL office',
      lenderSymbol: 'ISIL:DK-820010',
    });
    assert.equal(recs.itemBarcode, 'LENDER-778');
    const instance = state.instances.get(recs.instanceId);
    const holdings = state.holdings.get(recs.holdingsId);
    const item = state.items.get(recs.itemId);
    assert.equal(instance?.discoverySuppress, true);
    assert.equal(instance?.staffSuppress, false);
    assert.deepEqual(instance?.statisticalCodeIds, [settings.statisticalCodeId]);
    assert.equal(holdings?.permanentLocationId, settings.illLocationId);
    assert.equal(holdings?.discoverySuppress, true);
    assert.equal(item?.status.name, 'Available');
    assert.equal(item?.discoverySuppress, true);
    const notes = item?.circulationNotes as { noteType: string; note: string }[];
    assert.equal(notes[0].noteType, 'Check in');
    assert.match(notes[0].note, /Lender University Library, ILL office/);

    const request = await host.placeHoldShelfRequest(recs.itemId, patron.id, sp.branchDesk);
    assert.equal(request.status, 'Open - Not yet filled');
    assert.equal(request.pickupServicePointId, sp.branchDesk);
    assert.equal(state.items.get(recs.itemId)?.status.name, 'Paged');

    const onShelf = await host.checkIn(recs.itemBarcode, sp.branchDesk);
    assert.equal(onShelf.itemStatus, 'Awaiting pickup');
    assert.equal((await host.getRequest(request.id))?.status, 'Open - Awaiting pickup');

    // the patron collects the book at the desk: FOLIO staff check it out
    await client.post('/circulation/check-out-by-barcode', {
      itemBarcode: recs.itemBarcode,
      userBarcode: DEMO_PATRONS.active,
      servicePointId: sp.branchDesk,
    });
    assert.equal((await host.getRequest(request.id))?.status, 'Closed - Filled');
    const loan = await host.findOpenLoan(recs.itemId);
    assert.ok(loan);
    assert.equal(loan.userId, patron.id);

    const lenderDue = new Date(Date.now() + 21 * 86_400_000).toISOString();
    const due = patronDueDate(lenderDue, settings.deliveryOffsetDays);
    await host.changeDueDate(loan.id, due);
    assert.equal((await host.findOpenLoan(recs.itemId))?.dueDate, due);

    const renewed = await host.renewLoan(recs.itemId, patron.id);
    assert.ok(Date.parse(renewed.dueDate ?? '') > Date.parse(due), 'renewal moves the due date later');
    assert.equal(renewed.renewalCount, 1);

    const returned = await host.checkIn(recs.itemBarcode, sp.circDesk);
    assert.equal(returned.closedLoanId, loan.id);
    assert.equal(returned.itemStatus, 'Available');
    assert.equal(await host.findOpenLoan(recs.itemId), null);

    await host.removeTemporaryRecords(recs);
    assert.equal(state.items.has(recs.itemId), false);
    assert.equal(state.holdings.has(recs.holdingsId), false);
    assert.equal(state.instances.has(recs.instanceId), false);
    // removing again is harmless (a retry after a lost answer)
    await host.removeTemporaryRecords(recs);
  });

  it('a temporary item checked in away from the pickup desk goes in transit there', async () => {
    const sp = demoServicePoints(TENANT);
    const patron = await host.lookupPatron(DEMO_PATRONS.active);
    const recs = await host.createTemporaryRecords({ title: 'Kindred', requestHrid: 'RS-7', returnTo: 'Partner', lenderSymbol: 'ISIL:X' });
    assert.equal(recs.itemBarcode, 'ILL-RS-7');
    await host.placeHoldShelfRequest(recs.itemId, patron!.id, sp.branchDesk);
    const result = await host.checkIn(recs.itemBarcode, sp.circDesk);
    assert.equal(result.itemStatus, 'In transit');
    assert.equal(result.inTransitDestinationServicePointId, sp.branchDesk);
  });

  it('refuses to remove temporary records while the patron still has the item', async () => {
    const patron = await host.lookupPatron(DEMO_PATRONS.active);
    const recs = await host.createTemporaryRecords({ title: 'Beloved', requestHrid: 'RS-8', returnTo: 'Partner', lenderSymbol: 'ISIL:X' });
    await host.placeHoldShelfRequest(recs.itemId, patron!.id);
    await host.checkIn(recs.itemBarcode);
    await client.post('/circulation/check-out-by-barcode', { itemBarcode: recs.itemBarcode, userBarcode: DEMO_PATRONS.active, servicePointId: settings.defaultServicePointId });
    await rejectsWith(host.removeTemporaryRecords(recs), (e) => {
      assert.equal(e.code, 'rejected');
      assert.equal(e.retryable, false);
      assert.match(e.message, /open loan/);
    });
    assert.ok(sim.state(TENANT).items.has(recs.itemId));
  });

  it('a duplicate item barcode fails cleanly and leaves no half-made records', async () => {
    const state = sim.state(TENANT);
    const before = { instances: state.instances.size, holdings: state.holdings.size };
    await rejectsWith(
      host.createTemporaryRecords({ title: 'Dup', itemBarcode: DEMO_ITEMS.available, requestHrid: 'RS-9', returnTo: 'x', lenderSymbol: 'ISIL:X' }),
      (e) => {
        assert.equal(e.code, 'duplicate_barcode');
        assert.equal(e.retryable, false);
        assert.equal(e.status, 422);
        assert.match(e.message, /LEND-0001/);
      },
    );
    assert.equal(state.instances.size, before.instances);
    assert.equal(state.holdings.size, before.holdings);
  });

  it('retrying creation with the same ids reuses the records already made', async () => {
    const state = sim.state(TENANT);
    const input = { title: 'Retry me', requestHrid: 'RS-10', returnTo: 'x', lenderSymbol: 'ISIL:X' };
    const first = await host.createTemporaryRecords(input);
    const again = await host.createTemporaryRecords({ ...input, ids: first });
    assert.deepEqual(again, first);
    assert.equal([...state.items.values()].filter((i) => i.barcode === 'ILL-RS-10').length, 1);
  });

  it('lending: find the item, page it, check it out to the borrowing library, check it in', async () => {
    const state = sim.state(TENANT);
    const byIsbn = await host.lookupItem({ identifier: '9780441478125' });
    assert.ok(byIsbn);
    assert.equal(byIsbn.barcode, DEMO_ITEMS.available);
    assert.equal(byIsbn.title, 'The left hand of darkness');
    assert.equal(byIsbn.available, true);
    assert.equal((await host.lookupItem({ hrid: 'in-demo-2' }))?.barcode, DEMO_ITEMS.second);
    assert.equal((await host.lookupItem({ barcode: DEMO_ITEMS.missing }))?.available, false);
    assert.equal(await host.lookupItem({ barcode: 'nope' }), null);

    const page = await host.pageItem(byIsbn.id);
    assert.equal(page.requestType, 'Page');
    assert.equal(state.items.get(byIsbn.id)?.status.name, 'Paged');

    const loan = await host.checkOutToInstitution(DEMO_ITEMS.available);
    const institution = [...state.users.values()].find((u) => u.barcode === DEMO_PATRONS.institution);
    assert.equal(loan.userId, institution?.id);
    const expected = Date.now() + 28 * 86_400_000;
    assert.ok(Math.abs(Date.parse(loan.dueDate ?? '') - expected) < 60_000, 'due date from the lending loan period');
    assert.equal(state.loans.get(loan.id)?.dueDate, loan.dueDate);
    assert.equal(state.requests.get(page.id)?.status, 'Closed - Filled');

    const back = await host.checkIn(DEMO_ITEMS.available);
    assert.equal(back.itemStatus, 'Available');
    assert.equal(back.closedLoanId, loan.id);
  });

  it('lending: an explicit due date wins over the loan period', async () => {
    const item = await host.lookupItem({ barcode: DEMO_ITEMS.second });
    await host.pageItem(item!.id);
    const due = '2031-01-15T23:59:59.000Z';
    const loan = await host.checkOutToInstitution(DEMO_ITEMS.second, DEMO_PATRONS.institution, due);
    assert.equal(loan.dueDate, due);
    assert.equal(sim.state(TENANT).loans.get(loan.id)?.dueDate, due);
  });

  it('lending: a missing item cannot be paged (not retryable)', async () => {
    const item = await host.lookupItem({ barcode: DEMO_ITEMS.missing });
    await rejectsWith(host.pageItem(item!.id), (e) => {
      assert.equal(e.code, 'rejected');
      assert.equal(e.retryable, false);
      assert.match(e.message, /Page requests are not allowed/);
    });
  });

  it('cancelling a page request puts the item back on the shelf', async () => {
    const item = await host.lookupItem({ barcode: DEMO_ITEMS.second });
    const page = await host.pageItem(item!.id);
    await host.cancelRequest(page.id, 'Borrower cancelled');
    assert.equal((await host.getRequest(page.id))?.status, 'Closed - Cancelled');
    assert.equal(sim.state(TENANT).items.get(item!.id)?.status.name, 'Available');
  });

  it('placing the same hold-shelf request again (a retry after a lost answer) returns the one already placed', async () => {
    const patron = await host.lookupPatron(DEMO_PATRONS.active);
    const recs = await host.createTemporaryRecords({ title: 'Once', requestHrid: 'RS-12', returnTo: 'x', lenderSymbol: 'ISIL:X' });
    const first = await host.placeHoldShelfRequest(recs.itemId, patron!.id);
    const again = await host.placeHoldShelfRequest(recs.itemId, patron!.id);
    assert.equal(again.id, first.id);
    assert.equal([...sim.state(TENANT).requests.values()].filter((r) => r.itemId === recs.itemId).length, 1);
  });

  it('lending check-out whose due-date step failed completes on retry, on the same loan', async () => {
    const item = await host.lookupItem({ barcode: DEMO_ITEMS.second });
    await host.pageItem(item!.id);
    sim.failNext(TENANT, 'POST /circulation/loans', 500);
    await rejectsWith(host.checkOutToInstitution(DEMO_ITEMS.second), (e) => {
      assert.equal(e.retryable, true);
      assert.match(e.operation ?? '', /due date/);
    });
    const loan = await host.checkOutToInstitution(DEMO_ITEMS.second);
    const state = sim.state(TENANT);
    assert.equal([...state.loans.values()].length, 1);
    assert.equal(state.loans.get(loan.id)?.dueDate, loan.dueDate);
    assert.ok(Math.abs(Date.parse(loan.dueDate ?? '') - (Date.now() + 28 * 86_400_000)) < 60_000);
  });

  describe('failures', () => {
    it('a 500 becomes a retryable HostError', async () => {
      sim.failNext(TENANT, 'POST /instance-storage/instances', 500);
      await rejectsWith(host.createTemporaryRecords({ title: 'X', requestHrid: 'RS-11', returnTo: 'x', lenderSymbol: 'ISIL:X' }), (e) => {
        assert.equal(e.code, 'server_error');
        assert.equal(e.status, 500);
        assert.equal(e.retryable, true);
        assert.match(e.operation ?? '', /instance/);
      });
      // the host recovered: the same call now works
      const recs = await host.createTemporaryRecords({ title: 'X', requestHrid: 'RS-11', returnTo: 'x', lenderSymbol: 'ISIL:X' });
      assert.ok(sim.state(TENANT).items.has(recs.itemId));
    });

    it('a timeout becomes a retryable HostError', async () => {
      const quick = createFolioHost(new OkapiClient({ url: sim.url, tenant: TENANT, login: { ...DEMO_CREDENTIALS }, timeoutMs: 300 }), settings);
      sim.failNext(TENANT, '/users', 'timeout');
      await rejectsWith(quick.lookupPatron(DEMO_PATRONS.active), (e) => {
        assert.equal(e.code, 'timeout');
        assert.equal(e.retryable, true);
        assert.equal(e.status, undefined);
      });
    });

    it('a 422 is not retryable and carries FOLIO\'s message', async () => {
      sim.failNext(TENANT, '/circulation/check-in-by-barcode', 422);
      await rejectsWith(host.checkIn(DEMO_ITEMS.available), (e) => {
        assert.equal(e.code, 'rejected');
        assert.equal(e.retryable, false);
        assert.equal(e.status, 422);
        assert.match(e.message, /Simulated failure/);
      });
    });

    it('a host that cannot be reached is retryable', async () => {
      const dead = createFolioHost(new OkapiClient({ url: 'http://127.0.0.1:1', tenant: TENANT, token: 'x', timeoutMs: 1000 }), settings);
      await rejectsWith(dead.lookupPatron('1001'), (e) => {
        assert.equal(e.code, 'unreachable');
        assert.equal(e.retryable, true);
      });
    });
  });
});
