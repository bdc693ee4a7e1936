import assert from 'node:assert/strict';
import { createNcipHost } from '../../mod-resource-sharing/src/host/ncip/index.ts';
import type { NcipSettings } from '../../mod-resource-sharing/src/host/ncip/index.ts';
import { schemaErrors } from '../../mod-resource-sharing/test/host/ncip-fixtures.ts';
import { startNcipSimulator, type NcipSimulator } from '../../simulators/ncip/ncip-simulator.ts';
import { act, eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { DAY_MS, getRequest, refusedByHost } from './host-support.ts';

const LEFT_HAND = { title: 'The left hand of darkness', author: 'Le Guin, Ursula K.', isbn: '9780441478125' };

function ncipSettings(sim: NcipSimulator, agency: string): NcipSettings {
  return { endpoint: sim.url, fromAgencyId: agency, toAgencyId: 'SIM-ILS', institutionalPatronId: 'ILL-PARTNERS', pickupLocation: 'MAIN' };
}

describe('flow: a loan between two libraries whose systems speak NCIP', function () {
  this.timeout(60_000);
  let simA: NcipSimulator; // the borrower's library system
  let simB: NcipSimulator; // the lender's
  let net: Network;
  let a: Library;
  let b: Library;

  before(async () => {
    simA = await startNcipSimulator({
      users: [
        { id: '1001', givenName: 'Alice', surname: 'Reader', privilege: 'Adult' },
        { id: '1003', givenName: 'Carol', surname: 'Overdue', blocks: ['Block Check Out'] },
      ],
    });
    simB = await startNcipSimulator({
      users: [{ id: 'ILL-PARTNERS', surname: 'Partner libraries', privilege: 'ILL Library' }],
      items: [{ barcode: 'B-100', bibId: LEFT_HAND.isbn, title: LEFT_HAND.title }],
    });
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
    for (const [lib, sim, agency] of [[a, simA, 'ALPHA'], [b, simB, 'BETA']] as const) {
      const res = await lib.api.put('/resource-sharing/settings', { hostAdapter: 'ncip', ncipHost: ncipSettings(sim, agency) });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
  });
  after(async () => {
    await net.close();
    await simA.close();
    await simB.close();
  });

  it('looks the patron up, pages and checks out at the lender, accepts the item for the patron, checks in and deletes it', async function () {
    const created = await a.api.post('/resource-sharing/requests', { citation: LEFT_HAND, patron: { barcode: '1001', pickupLocation: 'BRANCH' } });
    const borrowing = await inState(a, created.body.id, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(borrowing.patron.name, 'Alice Reader');

    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await eventually(async () => ((await getRequest(b, lending.id)).hostRecords?.itemBarcode === 'B-100' ? true : undefined), 'the page request');
    const page = simB.state().requests[0];
    assert.equal(page.userId, 'ILL-PARTNERS');
    assert.equal(page.itemBarcode, 'B-100');
    await act(b, lending.id, 'printPullSlip');

    // A Problem from the responder is a clear error on the request; the retry works.
    simB.failNext('CheckOutItem', 'User Blocked');
    assert.match(await refusedByHost(b, lending.id, 'markShipped'), /NCIP CheckOutItem refused: User Blocked/);
    const shipped = await act(b, lending.id, 'markShipped');
    assert.equal(shipped.itemBarcode, 'B-100');
    const lenderLoan = simB.state().loans.find((l) => l.itemBarcode === 'B-100')!;
    assert.equal(lenderLoan.userId, 'ILL-PARTNERS');
    const lenderDue = Date.parse(lenderLoan.dateDue);
    assert.ok(Math.abs(lenderDue - (Date.now() + 28 * DAY_MS)) < 60_000);
    assert.equal(Date.parse(shipped.dueDate), lenderDue);
    await inState(a, borrowing.id, 'REQ_SHIPPED');

    simA.failNext('AcceptItem', 500);
    assert.match(await refusedByHost(a, borrowing.id, 'markReceived'), /500/);
    const received = await act(a, borrowing.id, 'markReceived');
    assert.equal(received.needsAttention, false);
    assert.equal(Date.parse(received.patronDueDate), lenderDue - 3 * DAY_MS);
    const temp = simA.state().items.find((i) => i.barcode === 'B-100')!;
    assert.equal(temp.temporary, true);
    assert.equal(temp.status, 'Available For Pickup');
    assert.equal(Date.parse(temp.dateForReturn!), lenderDue - 3 * DAY_MS);
    const hold = simA.state().requests.find((r) => r.itemBarcode === 'B-100')!;
    assert.deepEqual([hold.userId, hold.pickupLocation, hold.status], ['1001', 'BRANCH', 'Open']);

    // The patron collects it at the desk: the loan gets the patron due date.
    const desk = createNcipHost(ncipSettings(simA, 'DESK'));
    const patronLoan = await desk.checkOutItem('B-100', '1001');
    assert.equal(Date.parse(patronLoan.dueDate!), lenderDue - 3 * DAY_MS);

    // A renewal: NCIP cannot move the patron's due date, so staff are told to do it.
    await act(a, borrowing.id, 'renew');
    await inState(b, lending.id, 'RES_AWAIT_RENEW_RESPONSE');
    const renewedDue = new Date(lenderDue + 14 * DAY_MS).toISOString();
    await act(b, lending.id, 'respondToRenew', { answer: 'yes', dueDate: renewedDue });
    const flagged = await eventually(async () => {
      const r = await getRequest(a, borrowing.id);
      return r.state === 'REQ_RECEIVED' && r.lastError ? r : undefined;
    }, 'the renewal to reach the borrower');
    assert.match(flagged.lastError, new RegExp(`set the patron's due date to ${new Date(Date.parse(renewedDue) - 3 * DAY_MS).toISOString().slice(0, 10)}`));

    await act(a, borrowing.id, 'patronReturned');
    assert.equal(simA.state().loans.length, 0, 'checked in');
    await act(a, borrowing.id, 'shipReturn');
    await inState(b, lending.id, 'RES_ITEM_RETURNED');
    await act(b, lending.id, 'markReturned');
    assert.equal(simB.state().loans.length, 0, 'the lender checked it in');

    await inState(a, borrowing.id, 'REQ_REQUEST_COMPLETE');
    const done = await eventually(async () => {
      const r = await getRequest(a, borrowing.id);
      return r.hostRecords.removed ? r : undefined;
    }, 'the temporary item to be deleted');
    assert.equal(done.needsAttention, false);
    assert.equal(simA.state().items.some((i) => i.barcode === 'B-100'), false);

    // Everything the module sent is valid NCIP 2.02.
    const sent = [...simA.state().received, ...simB.state().received].map((m, i) => ({ name: `${i}-${m.service}.xml`, xml: m.xml }));
    assert.deepEqual(
      [...new Set(sent.map((m) => m.name.split('-')[1].replace('.xml', '')))].sort(),
      ['AcceptItem', 'CheckInItem', 'CheckOutItem', 'DeleteItem', 'LookupUser', 'RequestItem'],
    );
    assert.deepEqual(await schemaErrors(this, sent), []);
  });

  it('a blocked patron lands in "Patron check failed" with the reason', async () => {
    const created = await a.api.post('/resource-sharing/requests', { citation: LEFT_HAND, patron: { barcode: '1003' } });
    const invalid = await inState(a, created.body.id, 'REQ_INVALID_PATRON');
    assert.match(invalid.lastError, /Patron 1003 \(.*\) is blocked/);
  });
});
