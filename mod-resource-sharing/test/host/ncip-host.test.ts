import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { HostError } from '../../src/host/host-error.ts';
import { createNcipHost, type NcipHostLsp } from '../../src/host/ncip/ncip-host.ts';
import type { NcipSettings } from '../../src/host/ncip/ncip-settings.ts';
import { schemaErrors } from './ncip-fixtures.ts';
import { startNcipSimulator, type NcipSimulator } from '../../../simulators/ncip/ncip-simulator.ts';

const NOW = new Date('2026-02-01T10:00:00Z');

function settingsFor(sim: NcipSimulator, extra: Partial<NcipSettings> = {}): NcipSettings {
  return {
    endpoint: sim.url,
    fromAgencyId: 'DK-820010',
    toAgencyId: 'SIM-ILS',
    fromAgencyAuthentication: 'letmein',
    institutionalPatronId: 'INST-DEFAULT',
    pickupLocation: 'MAIN-DESK',
    timeoutMs: 2000,
    lendingLoanPeriodDays: 30,
    ...extra,
  };
}

async function hostError(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof HostError, `expected a HostError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
}

describe('NCIP host adapter against the NCIP simulator', () => {
  let sim: NcipSimulator;
  let host: NcipHostLsp;

  beforeEach(async () => {
    sim = await startNcipSimulator({
      agencyAuthentication: 'letmein',
      now: () => NOW,
      users: [
        { id: 'P100', givenName: 'Frodo', surname: 'Baggins', email: 'frodo@example.org', privilege: 'Adult', expires: '2027-01-01T00:00:00Z' },
        { id: 'P200', givenName: 'Gollum', blocks: ['Block Request Item'] },
        { id: 'P300', surname: 'Took', expires: '2025-06-30T00:00:00Z' },
        { id: 'INST-DEFAULT', surname: 'Interlibrary loan', privilege: 'ILL Library' },
        { id: 'INST-DK-190101', surname: 'Partner library', privilege: 'ILL Library' },
      ],
      items: [
        { barcode: 'BC-1', title: 'Silmarillion', bibId: 'b111' },
        { barcode: 'BC-2', title: 'Unfinished Tales', bibId: 'b222' },
      ],
    });
    host = createNcipHost(settingsFor(sim), { now: () => NOW });
  });

  const sent: { name: string; xml: string }[] = [];
  afterEach(async () => {
    for (const r of sim.state().received) sent.push({ name: `${sent.length}-${r.service}.xml`, xml: r.xml });
    await sim.close();
  });

  describe('patron lookup', () => {
    it('finds an active patron with name, email and privilege', async () => {
      const p = await host.lookupPatron('P100');
      assert.deepEqual(p, {
        id: 'P100', barcode: 'P100', name: 'Frodo Baggins', email: 'frodo@example.org', active: true, expired: false,
        expirationDate: '2027-01-01T00:00:00.000Z', blocked: false, blockReasons: [], patronGroup: 'Adult',
      });
      const { xml, ...last } = sim.state().received.at(-1)!;
      assert.deepEqual(last, { service: 'LookupUser', fromAgencyId: 'DK-820010', toAgencyId: 'SIM-ILS' });
      assert.match(xml, /<FromAgencyAuthentication>letmein<\/FromAgencyAuthentication>/);
    });

    it('reports blocks (BlockOrTrap) and expiry (UserPrivilege ValidToDate)', async () => {
      const blocked = await host.lookupPatron('P200');
      assert.equal(blocked?.blocked, true);
      assert.deepEqual(blocked?.blockReasons, ['Block Request Item']);
      const expired = await host.lookupPatron('P300');
      assert.equal(expired?.expired, true);
      assert.equal(expired?.active, false);
    });

    it('answers null for a patron the library does not know', async () => {
      assert.equal(await host.lookupPatron('NOBODY'), null);
    });
  });

  describe('borrowing flow', () => {
    it('accept item with a hold, check out to the patron, check in, delete the temporary item', async () => {
      const { records, hold } = await host.acceptItem({
        title: 'The Hobbit', author: 'Tolkien, J.R.R.', itemBarcode: 'LND-555', requestHrid: 'BOR-1', returnTo: 'Lender library',
        lenderSymbol: 'ISIL:DK-190101', patronId: 'P100', dateForReturn: '2026-03-01T00:00:00Z',
      });
      assert.equal(records.itemBarcode, 'LND-555');
      let s = sim.state();
      assert.deepEqual(s.items.find((i) => i.barcode === 'LND-555'), {
        barcode: 'LND-555', title: 'The Hobbit', author: 'Tolkien, J.R.R.', callNumber: 'BOR-1', temporary: true,
        status: 'Available For Pickup', dateForReturn: '2026-03-01T00:00:00Z',
      });
      assert.deepEqual(s.requests.find((r) => r.id === 'BOR-1'), {
        id: 'BOR-1', requestType: 'Hold', scope: 'Item', userId: 'P100', itemBarcode: 'LND-555', pickupLocation: 'MAIN-DESK', status: 'Open', createdBy: 'AcceptItem',
      });
      assert.equal(hold.requesterId, 'P100');

      const loan = await host.checkOutItem('LND-555', 'P100');
      assert.equal(loan.dueDate, '2026-03-01T00:00:00.000Z'); // the DateForReturn sent with AcceptItem
      s = sim.state();
      assert.equal(s.items.find((i) => i.barcode === 'LND-555')?.status, 'On Loan');
      assert.equal(s.requests.find((r) => r.id === 'BOR-1')?.status, 'Filled');

      const checkIn = await host.checkIn('LND-555');
      assert.equal(checkIn.itemStatus, 'Available On Shelf');
      assert.equal(checkIn.closedLoanId, loan.id);
      assert.equal(sim.state().loans.length, 0);

      await host.removeTemporaryRecords({ instanceId: records.instanceId, holdingsId: records.holdingsId, itemId: records.itemId });
      assert.equal(sim.state().items.some((i) => i.barcode === 'LND-555'), false);
      assert.deepEqual(sim.state().received.map((r) => r.service), ['AcceptItem', 'CheckOutItem', 'CheckInItem', 'DeleteItem']);
      // deleting again is fine: the records are already gone
      await host.removeTemporaryRecords({ instanceId: 'LND-555', holdingsId: 'LND-555', itemId: 'LND-555' });
    });

    it('through the generic port: createTemporaryRecords then placeHoldShelfRequest', async () => {
      const records = await host.createTemporaryRecords({ title: 'Beren and Lúthien', requestHrid: 'BOR-2', returnTo: 'x', lenderSymbol: 'ISIL:X' });
      assert.equal(records.itemBarcode, 'BOR-2'); // no lender barcode: the request id becomes the barcode
      assert.equal(sim.state().items.find((i) => i.barcode === 'BOR-2')?.status, 'In Process');
      const hold = await host.placeHoldShelfRequest(records.itemId, 'P100', 'BRANCH-2');
      const open = sim.state().requests.filter((r) => r.status === 'Open');
      assert.deepEqual(open.map((r) => [r.requestType, r.userId, r.itemBarcode, r.pickupLocation]), [['Hold', 'P100', 'BOR-2', 'BRANCH-2']]);
      await host.cancelRequest(hold.id);
      assert.equal(sim.state().requests[0].status, 'Cancelled');
    });

    it('a duplicate barcode comes back as a HostError naming the NCIP problem', async () => {
      const input = { title: 'T', itemBarcode: 'LND-9', requestHrid: 'BOR-3', returnTo: 'x', lenderSymbol: 'ISIL:X', patronId: 'P100' };
      await host.acceptItem(input);
      const e = await hostError(host.acceptItem({ ...input, requestHrid: 'BOR-4' }));
      assert.equal(e.code, 'duplicate_barcode');
      assert.equal(e.retryable, false);
      assert.equal(e.operation, 'AcceptItem');
      assert.match(e.message, /Duplicate Item: An item with this barcode already exists \(ItemIdentifierValue = LND-9\)/);
    });

    it('refuses to check out to a blocked patron, saying why', async () => {
      await host.acceptItem({ title: 'T', itemBarcode: 'LND-7', requestHrid: 'BOR-5', returnTo: 'x', lenderSymbol: 'ISIL:X', patronId: 'P100' });
      const e = await hostError(host.checkOutItem('LND-7', 'P200'));
      assert.equal(e.code, 'rejected');
      assert.match(e.message, /User Blocked/);
    });
  });

  describe('lending flow', () => {
    it('page the item for the borrowing library, check it out to the institution, check it in', async () => {
      const item = await host.lookupItem({ barcode: 'BC-1' });
      assert.equal(item?.id, 'BC-1');
      const page = await host.pageItem(item!.id, { patronBarcode: 'INST-DK-190101' });
      assert.equal(page.requestType, 'Page');
      assert.equal(page.itemId, 'BC-1');
      assert.deepEqual(sim.state().requests.map((r) => [r.requestType, r.userId, r.itemBarcode, r.pickupLocation, r.status]), [
        ['Page', 'INST-DK-190101', 'BC-1', 'MAIN-DESK', 'Open'],
      ]);

      const loan = await host.checkOutToInstitution('BC-1', 'INST-DK-190101');
      assert.equal(loan.userId, 'INST-DK-190101');
      assert.equal(loan.dueDate, '2026-03-03T10:00:00.000Z'); // now + lendingLoanPeriodDays (30)
      assert.equal(sim.state().requests[0].status, 'Filled');

      const back = await host.checkIn('BC-1');
      assert.equal(back.itemStatus, 'Available On Shelf');
      assert.equal(sim.state().loans.length, 0);
    });

    it('looks an item up with NCIP LookupItem: status, title, call number; an unknown barcode is null, not a guess', async () => {
      const item = await host.lookupItem({ barcode: 'BC-1' });
      assert.deepEqual(
        { status: item?.status, available: item?.available, title: item?.title, instanceId: item?.instanceId, unverified: item?.unverified },
        { status: 'Available On Shelf', available: true, title: 'Silmarillion', instanceId: 'b111', unverified: undefined },
      );
      assert.equal(await host.lookupItem({ barcode: 'NO-SUCH' }), null);
      assert.deepEqual(sim.state().received.map((r) => r.service), ['LookupItem', 'LookupItem']);
      await host.checkOutToInstitution('BC-1', 'INST-DK-190101', '2026-05-01T00:00:00Z');
      const out = await host.lookupItem({ barcode: 'BC-1' });
      assert.equal(out?.available, false);
      assert.equal(out?.status, 'On Loan');
      assert.equal(out?.dueDate, '2026-05-01T00:00:00.000Z');
      // A record (ISBN, OCLC number) cannot be looked up with LookupItem: the answer says it is a guess.
      assert.equal((await host.lookupItem({ identifier: 'b222' }))?.unverified, true);
    });

    it('finds the open loan of an item with LookupItem (due date and borrower), none when it is on the shelf', async () => {
      assert.equal(await host.findOpenLoan('BC-2'), null);
      await host.checkOutToInstitution('BC-2', 'INST-DK-190101', '2026-06-01T00:00:00Z');
      const loan = await host.findOpenLoan('BC-2');
      assert.equal(loan?.itemId, 'BC-2');
      assert.equal(loan?.userId, 'INST-DK-190101');
      assert.equal(loan?.dueDate, '2026-06-01T00:00:00.000Z');
      assert.equal(loan?.status, 'Open');
      assert.equal(await host.findOpenLoan('NO-SUCH'), null);
    });

    it('pages by catalogue record and checks out to the default institutional patron', async () => {
      const item = await host.lookupItem({ identifier: 'b222' });
      const page = await host.pageItem(item!.id);
      assert.equal(page.itemId, 'BC-2');
      assert.equal(page.requesterId, 'INST-DEFAULT');
      const loan = await host.checkOutToInstitution('BC-2', undefined, '2026-04-01T00:00:00Z');
      assert.equal(loan.userId, 'INST-DEFAULT');
      assert.equal(loan.dueDate, '2026-04-01T00:00:00.000Z');
    });

    it('cancels the page when the borrower cancels (CancelRequestItem)', async () => {
      const page = await host.pageItem('BC-1');
      await host.cancelRequest(page.id);
      assert.equal(sim.state().requests[0].status, 'Cancelled');
      await host.cancelRequest(page.id); // already cancelled: nothing to do
      assert.deepEqual(sim.state().received.map((r) => r.service), ['RequestItem', 'CancelRequestItem', 'CancelRequestItem']);
    });

    it('an unknown item surfaces as not_found naming "Unknown Item"', async () => {
      const e = await hostError(host.pageItem('NO-SUCH'));
      assert.equal(e.code, 'not_found');
      assert.match(e.message, /^NCIP RequestItem refused: Unknown Item \(ItemIdentifierValue = NO-SUCH\)$/);
    });
  });

  describe('failures', () => {
    it('an injected HTTP 500 is retryable, and the retry succeeds', async () => {
      sim.failNext('CheckOutItem', 500);
      const e = await hostError(host.checkOutToInstitution('BC-1'));
      assert.equal(e.code, 'server_error');
      assert.equal(e.retryable, true);
      assert.equal(e.status, 500);
      assert.equal(sim.state().loans.length, 0);
      const loan = await host.checkOutToInstitution('BC-1');
      assert.equal(loan.itemId, 'BC-1');
    });

    it('an injected Problem names its type', async () => {
      sim.failNext('LookupUser', 'Temporary Processing Failure');
      const e = await hostError(host.lookupPatron('P100'));
      assert.match(e.message, /Temporary Processing Failure/);
      assert.equal(e.retryable, true);
      assert.equal((await host.lookupPatron('P100'))?.id, 'P100');
    });

    it('wrong agency authentication is refused by the responder and reported', async () => {
      const wrong = createNcipHost(settingsFor(sim, { fromAgencyAuthentication: 'nope' }));
      const e = await hostError(wrong.checkIn('BC-1'));
      assert.match(e.message, /Unauthorized Agency/);
      assert.equal(e.retryable, false);
    });

    it('a responder that does not answer in time gives a retryable timeout', async () => {
      const silent: Server = createServer(() => {});
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
      const port = (silent.address() as { port: number }).port;
      try {
        const slow = createNcipHost(settingsFor(sim, { endpoint: `http://127.0.0.1:${port}/ncip`, timeoutMs: 200 }));
        const e = await hostError(slow.checkIn('BC-1'));
        assert.equal(e.code, 'timeout');
        assert.equal(e.retryable, true);
      } finally {
        silent.close();
      }
    });

    it('an unreachable responder is retryable', async () => {
      const gone = await startNcipSimulator();
      const url = gone.url;
      await gone.close();
      const e = await hostError(createNcipHost(settingsFor(sim, { endpoint: url })).checkIn('BC-1'));
      assert.equal(e.code, 'unreachable');
      assert.equal(e.retryable, true);
    });

    it('refuses unusable settings at creation', () => {
      assert.throws(() => createNcipHost({ ...settingsFor(sim), endpoint: 'ftp://x', pickupLocation: '' }), /endpoint must be an http\(s\) URL; pickupLocation is required/);
    });
  });

  describe('on the wire', () => {
    it('every message the adapter sent above validates against ncip_v2_02.xsd', async function () {
      const services = new Set(sent.map((d) => d.name.replace(/^\d+-|\.xml$/g, '')));
      assert.deepEqual([...services].sort(), ['AcceptItem', 'CancelRequestItem', 'CheckInItem', 'CheckOutItem', 'DeleteItem', 'LookupItem', 'LookupUser', 'RequestItem']);
      assert.deepEqual(await schemaErrors(this, sent), []);
    });
  });
});
