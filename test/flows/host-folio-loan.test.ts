import assert from 'node:assert/strict';
import { DEMO_PATRONS, demoId, demoServicePoints, startFolioSimulator, type FolioSimulator } from '../../simulators/folio/index.ts';
import { act, eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { DAY_MS, deskClient, getRequest, refusedByHost, runHostTimer, seedWithBarcodes, useFolio } from './host-support.ts';

const LEFT_HAND = { title: 'The left hand of darkness', author: 'Le Guin, Ursula K.', isbn: '9780441478125' };
const MIDDLEMARCH = { title: 'Middlemarch', author: 'Eliot, George', isbn: '9780141439549' };

describe('flow: a loan between two libraries, each backed by FOLIO', function () {
  this.timeout(60_000);
  let sim: FolioSimulator;
  let net: Network;
  let a: Library; // borrows
  let b: Library; // lends

  before(async () => {
    sim = await startFolioSimulator({ hangMs: 3000 });
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta', version: '2021' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
    // Beta's barcodes differ from Alpha's, except that Alpha happens to use Beta's Middlemarch barcode.
    await useFolio(a, sim, seedWithBarcodes(a.tenant, '', { 'LEND-0003': 'B-LEND-0002' }));
    await useFolio(b, sim, seedWithBarcodes(b.tenant, 'B-'));
  });
  after(async () => {
    await net.close();
    await sim.close();
  });

  const borrowerSp = () => demoServicePoints(a.tenant);
  const patronId = () => demoId(a.tenant, `user:${DEMO_PATRONS.active}`);
  const institutionId = () => demoId(b.tenant, `user:${DEMO_PATRONS.institution}`);

  it('checks the patron, pages, checks out to the borrowing library, holds for the patron, follows the due date and removes the temporary records', async () => {
    const created = await a.api.post('/resource-sharing/requests', {
      citation: LEFT_HAND,
      patron: { barcode: DEMO_PATRONS.active, pickupLocation: 'BRANCH' },
    });
    assert.equal(created.status, 201);
    const borrowing = await inState(a, created.body.id, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(borrowing.hostRecords.patronId, patronId(), 'the patron was found in FOLIO');
    assert.equal(borrowing.patron.name, 'Alice Reader');

    // Lender: will supply pages the item for the borrowing library's institutional patron.
    const lending = await lendingRequestFor(b, borrowing.hrid);
    const supplying = await act(b, lending.id, 'willSupply');
    const lenderItem = [...sim.state(b.tenant).items.values()].find((i) => i.barcode === 'B-LEND-0001')!;
    const page = [...sim.state(b.tenant).requests.values()].find((r) => r.itemId === lenderItem.id)!;
    assert.equal(page.requestType, 'Page');
    assert.equal(page.requesterId, institutionId());
    assert.equal(lenderItem.status.name, 'Paged');
    assert.equal(supplying.state, 'RES_NEW_AWAIT_PULL_SLIP');
    await eventually(async () => ((await getRequest(b, lending.id)).hostRecords?.pageRequestId === page.id ? true : undefined), 'page request stored');

    await act(b, lending.id, 'printPullSlip');
    const shipped = await act(b, lending.id, 'markShipped'); // barcode and due date come from FOLIO
    assert.equal(shipped.itemBarcode, 'B-LEND-0001');
    const lenderLoan = [...sim.state(b.tenant).loans.values()].find((l) => l.itemId === lenderItem.id)!;
    assert.equal(lenderLoan.userId, institutionId(), 'checked out to the borrowing library');
    assert.equal(lenderLoan.status.name, 'Open');
    const lenderDue = Date.parse(lenderLoan.dueDate);
    assert.ok(Math.abs(lenderDue - (Date.now() + 28 * DAY_MS)) < 60_000, 'due in the lending loan period (28 days)');
    assert.equal(Date.parse(shipped.dueDate), lenderDue);
    const inTransit = await inState(a, borrowing.id, 'REQ_SHIPPED');
    assert.equal(Date.parse(inTransit.dueDate), lenderDue, 'the borrower is told the loan due date');

    // Borrower receives: suppressed records, Page for the patron at the branch desk, on the hold shelf.
    const received = await act(a, borrowing.id, 'markReceived');
    const ids = received.hostRecords;
    const s = sim.state(a.tenant);
    const instance = s.instances.get(ids.instanceId)!;
    const holdings = s.holdings.get(ids.holdingsId)!;
    const item = s.items.get(ids.itemId)!;
    assert.equal(instance.discoverySuppress, true);
    assert.equal(instance.title, LEFT_HAND.title);
    assert.equal(holdings.discoverySuppress, true);
    assert.equal(holdings.instanceId, ids.instanceId);
    assert.equal(item.discoverySuppress, true);
    assert.equal(item.barcode, 'B-LEND-0001', "the lender's barcode");
    assert.match(JSON.stringify(item.circulationNotes), /Return to: Beta library/);
    assert.equal(item.status.name, 'Awaiting pickup');
    const hold = s.requests.get(ids.holdRequestId)!;
    assert.equal(hold.requesterId, patronId());
    assert.equal(hold.pickupServicePointId, borrowerSp().branchDesk);
    assert.equal(hold.status, 'Open - Awaiting pickup');
    assert.equal(hold.fulfillmentPreference, 'Hold Shelf');

    // The patron collects it at the desk; the host timer sets the due date: lender's minus 3 days.
    const desk = deskClient(sim, a);
    await desk.post('/circulation/check-out-by-barcode', { itemBarcode: 'B-LEND-0001', userBarcode: DEMO_PATRONS.active, servicePointId: borrowerSp().branchDesk });
    const swept = await runHostTimer(a);
    assert.equal(swept.dueDatesSet, 1);
    const patronLoan = () => [...s.loans.values()].find((l) => l.itemId === ids.itemId)!;
    assert.equal(Date.parse(patronLoan().dueDate), lenderDue - 3 * DAY_MS);
    assert.equal(Date.parse((await getRequest(a, borrowing.id)).patronDueDate), lenderDue - 3 * DAY_MS);

    // A renewal granted by the lender moves both loans.
    await act(a, borrowing.id, 'renew', { note: 'Patron needs it longer' });
    await inState(b, lending.id, 'RES_AWAIT_RENEW_RESPONSE');
    const renewedDue = new Date(lenderDue + 21 * DAY_MS).toISOString();
    await act(b, lending.id, 'respondToRenew', { answer: 'yes', dueDate: renewedDue });
    assert.equal(Date.parse(lenderLoan.dueDate), Date.parse(renewedDue), "the lender's loan to the borrowing library is renewed");
    await inState(a, borrowing.id, 'REQ_RECEIVED');
    await eventually(
      async () => (Date.parse(patronLoan().dueDate) === Date.parse(renewedDue) - 3 * DAY_MS ? true : undefined),
      'the patron due date to follow the renewal',
    );

    // The patron returns it at the desk; the host timer notices and the request moves on.
    await desk.post('/circulation/check-in-by-barcode', { itemBarcode: 'B-LEND-0001', servicePointId: borrowerSp().circDesk, checkInDate: new Date().toISOString() });
    const noticed = await runHostTimer(a);
    assert.equal(noticed.returned, 1);
    await inState(a, borrowing.id, 'REQ_AWAITING_RETURN_SHIPPING');

    await act(a, borrowing.id, 'shipReturn');
    await inState(b, lending.id, 'RES_ITEM_RETURNED');
    await act(b, lending.id, 'markReturned');
    assert.equal(lenderLoan.status.name, 'Closed', 'the lender checked the item in');
    assert.equal(lenderItem.status.name, 'Available');

    await inState(a, borrowing.id, 'REQ_REQUEST_COMPLETE');
    const done = await eventually(async () => {
      const r = await getRequest(a, borrowing.id);
      return r.hostRecords.removed ? r : undefined;
    }, 'temporary records removed');
    assert.equal(done.needsAttention, false);
    assert.equal(s.items.has(ids.itemId), false);
    assert.equal(s.holdings.has(ids.holdingsId), false);
    assert.equal(s.instances.has(ids.instanceId), false);
  });

  it('a host failure at each step leaves the request flagged with the reason; retrying completes the loan', async () => {
    sim.failNext(a.tenant, 'GET /users', 500);
    const created = await a.api.post('/resource-sharing/requests', {
      citation: MIDDLEMARCH,
      patron: { barcode: DEMO_PATRONS.active, pickupLocation: 'Reading room' },
    });
    assert.equal(created.status, 201);
    const id = created.body.id;
    const stuck = await eventually(async () => {
      const r = await getRequest(a, id);
      return r.lastError ? r : undefined;
    }, 'the patron check to fail');
    assert.equal(stuck.state, 'REQ_IDLE');
    assert.equal(stuck.needsAttention, true);
    assert.match(stuck.lastError, /Library system: .*500/);
    await act(a, id, 'validate');
    const borrowing = await inState(a, id, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(borrowing.lastError, undefined);

    // Lender: paging fails at will supply, succeeds with the pull slip.
    const lending = await lendingRequestFor(b, borrowing.hrid);
    sim.failNext(b.tenant, 'POST /circulation/requests', 500);
    await act(b, lending.id, 'willSupply');
    const unpaged = await eventually(async () => {
      const r = await getRequest(b, lending.id);
      return r.lastError ? r : undefined;
    }, 'paging to fail');
    assert.equal(unpaged.state, 'RES_NEW_AWAIT_PULL_SLIP');
    assert.match(unpaged.lastError, /pageItem.*500/);
    await act(b, lending.id, 'printPullSlip');
    const paged = await getRequest(b, lending.id);
    assert.ok(paged.hostRecords.pageRequestId);
    assert.equal(paged.lastError, undefined);
    assert.equal(paged.needsAttention, false);

    // Check-out to the borrowing library fails, then works.
    sim.failNext(b.tenant, 'POST /circulation/check-out-by-barcode', 500);
    assert.match(await refusedByHost(b, lending.id, 'markShipped'), /checkOutToInstitution/);
    const notShipped = await getRequest(b, lending.id);
    assert.equal(notShipped.state, 'RES_AWAIT_PICKING');
    assert.equal(notShipped.needsAttention, true);
    await act(b, lending.id, 'markShipped');
    await inState(a, id, 'REQ_SHIPPED');

    // Receipt: unknown pickup location, then the item record fails (nothing left behind), then the
    // lender's barcode is taken, then the check-in times out; each retry picks up where it stopped.
    const s = sim.state(a.tenant);
    const instancesBefore = s.instances.size;
    assert.match(await refusedByHost(a, id, 'markReceived'), /"Reading room" is not a FOLIO service point/);
    const current = await getRequest(a, id);
    const fixed = await a.api.put(`/resource-sharing/requests/${id}`, { ...current, patron: { ...current.patron, pickupLocation: 'CIRC' } });
    assert.ok(fixed.status === 200 || fixed.status === 204, JSON.stringify(fixed.body));

    sim.failNext(a.tenant, 'POST /item-storage/items', 500);
    assert.match(await refusedByHost(a, id, 'markReceived'), /createTemporaryRecords.*500/);
    assert.equal(s.instances.size, instancesBefore, 'the instance and holdings made before the failure are gone');

    assert.match(await refusedByHost(a, id, 'markReceived'), /B-LEND-0002 is taken: receiving again uses the barcode ILL-/);

    sim.failNext(a.tenant, 'POST /circulation/check-in-by-barcode', 'timeout');
    assert.match(await refusedByHost(a, id, 'markReceived'), /checkIn.*no answer/);
    const halfway = await getRequest(a, id);
    assert.equal(halfway.state, 'REQ_SHIPPED');
    assert.equal(halfway.needsAttention, true);
    assert.ok(halfway.hostRecords.itemId && halfway.hostRecords.holdRequestId, 'what FOLIO already holds is kept for the retry');

    const received = await act(a, id, 'markReceived');
    assert.equal(received.state, 'REQ_RECEIVED');
    assert.equal(received.needsAttention, false);
    assert.equal(s.instances.size, instancesBefore + 1, 'one temporary instance, reused across retries');
    const item = s.items.get(received.hostRecords.itemId)!;
    assert.equal(item.barcode, `ILL-${received.hrid}`);
    assert.equal(item.status.name, 'Awaiting pickup');
    assert.equal(s.requests.get(received.hostRecords.holdRequestId)!.pickupServicePointId, demoServicePoints(a.tenant).circDesk);

    // Patron due date: FOLIO fails once, the next sweep sets it.
    const desk = deskClient(sim, a);
    await desk.post('/circulation/check-out-by-barcode', { itemBarcode: item.barcode, userBarcode: DEMO_PATRONS.active, servicePointId: demoServicePoints(a.tenant).circDesk });
    sim.failNext(a.tenant, /change-due-date/, 500);
    assert.equal((await runHostTimer(a)).failed, 1);
    assert.match((await getRequest(a, id)).lastError, /changeDueDate.*500/);
    assert.equal((await runHostTimer(a)).dueDatesSet, 1);
    const synced = await getRequest(a, id);
    assert.equal(synced.lastError, undefined);
    assert.equal(synced.needsAttention, false);
    assert.equal(Date.parse(synced.patronDueDate), Date.parse(synced.dueDate) - 3 * DAY_MS);

    // Staff check the return in through the module: FOLIO fails once.
    sim.failNext(a.tenant, 'POST /circulation/check-in-by-barcode', 500);
    assert.match(await refusedByHost(a, id, 'patronReturned'), /checkIn.*500/);
    await act(a, id, 'patronReturned');
    assert.equal([...s.loans.values()].find((l) => l.itemId === item.id)!.status.name, 'Closed');
    await act(a, id, 'shipReturn');

    // The lender's check-in fails once; the borrower's clean-up fails once and the timer finishes it.
    await inState(b, lending.id, 'RES_ITEM_RETURNED');
    sim.failNext(b.tenant, 'POST /circulation/check-in-by-barcode', 500);
    assert.match(await refusedByHost(b, lending.id, 'markReturned'), /checkIn.*500/);
    sim.failNext(a.tenant, 'DELETE /item-storage/items', 500);
    await act(b, lending.id, 'markReturned');
    await inState(a, id, 'REQ_REQUEST_COMPLETE');
    const leftOver = await eventually(async () => {
      const r = await getRequest(a, id);
      return r.lastError ? r : undefined;
    }, 'the clean-up to fail');
    assert.match(leftOver.lastError, /removeTemporaryRecords.*500/);
    assert.equal(leftOver.needsAttention, true);
    assert.ok(s.items.has(item.id));
    assert.equal((await runHostTimer(a)).removed, 1);
    const clean = await getRequest(a, id);
    assert.equal(clean.hostRecords.removed, true);
    assert.equal(clean.needsAttention, false);
    assert.equal(s.items.has(item.id), false);
    assert.equal(s.instances.size, instancesBefore);
    await inState(b, lending.id, 'RES_COMPLETE');
  });

  it('a blocked, expired or unknown patron lands in "Patron check failed" with the reason', async () => {
    const cases: [string, RegExp][] = [
      [DEMO_PATRONS.blocked, /Patron 1003 \(Carol Overdue\) is blocked: Maximum number of overdue items has been reached/],
      [DEMO_PATRONS.expired, /Patron 1002 \(Bob Lapsed\) expired on 2020-06-30/],
      ['9999', /Patron 9999 is not known to the library system/],
    ];
    for (const [barcode, reason] of cases) {
      const created = await a.api.post('/resource-sharing/requests', { citation: LEFT_HAND, patron: { barcode } });
      const invalid = await inState(a, created.body.id, 'REQ_INVALID_PATRON');
      assert.equal(invalid.needsAttention, true);
      assert.match(invalid.lastError, reason);
      const audit = (await a.api.get(`/resource-sharing/requests/${created.body.id}/audit`)).body.auditRecords;
      assert.ok(audit.some((r: { message?: string }) => reason.test(r.message ?? '')), 'the reason is in the history');
    }
  });
});
