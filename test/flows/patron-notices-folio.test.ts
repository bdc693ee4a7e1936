// A FOLIO-backed library sends its patron notices through FOLIO's `email` interface (mod-email's
// POST /email, simulated): the patron's address comes from the FOLIO user; "ready for pickup"
// names the pickup service point; Renew appears only once the patron has checked the item out.
import assert from 'node:assert/strict';
import { DEMO_PATRONS, demoServicePoints, startFolioSimulator, type FolioSimulator } from '../../simulators/folio/index.ts';
import { signPatronToken } from '../../mod-resource-sharing/src/patron/patron-token.ts';
import { act, eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { tenantClient } from '../support/module-harness.ts';
import { DAY_MS, deskClient, getRequest, runHostTimer, seedWithBarcodes, useFolio } from './host-support.ts';

const SECRET = 'folio-notice-secret-0123456789';

describe('flow: patron notices through FOLIO email', function () {
  this.timeout(60_000);
  let sim: FolioSimulator;
  let net: Network;
  let a: Library;
  let b: Library;

  before(async () => {
    sim = await startFolioSimulator();
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta', version: '2021' }]);
    ({ Alpha: a, Beta: b } = net.libraries);
    await useFolio(a, sim, seedWithBarcodes(a.tenant, ''));
    await useFolio(b, sim, seedWithBarcodes(b.tenant, 'B-'));
    const set = await a.api.put('/resource-sharing/settings', {
      patronRequests: { enabled: true, tokenSecret: SECRET, pickupLocations: [{ code: 'BRANCH', name: 'Branch library desk' }] },
      patronNotices: { enabled: true, locale: 'de', from: 'fernleihe@alpha.example.org', libraryName: 'Bibliothek Alpha' },
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
  });
  after(async () => {
    await net.close();
    await sim.close();
  });

  const mails = () => sim.state(a.tenant).emails;
  const mailAbout = (words: string) =>
    eventually(async () => mails().find((m) => m.header.includes(words)), `a FOLIO email about "${words}"`);

  it('mails the FOLIO user in the library language and offers Renew only once the patron has the item', async () => {
    const token = await signPatronToken(SECRET, { barcode: DEMO_PATRONS.active, name: 'Alice Reader' });
    const patron = tenantClient(net.mod.url, a.tenant, { authorization: `Bearer ${token}` });
    const placed = await patron.post('/resource-sharing/patron/requests', { citation: { title: 'Middlemarch', author: 'Eliot, George', isbn: '9780141439549' }, pickupLocation: 'BRANCH' });
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    const borrowing = await inState(a, placed.body.id, 'REQ_SENT_TO_SUPPLIER');
    const address = `alice@${a.tenant}.example.org`;
    assert.equal(borrowing.patron.email, address, 'the address comes from the FOLIO user');

    const received = await mailAbout('Wir haben Ihre Bestellung „Middlemarch“ erhalten');
    assert.equal(received.to, address);
    assert.equal(received.from, 'fernleihe@alpha.example.org');
    assert.equal(received.outputFormat, 'text/plain');
    assert.match(received.body, /Guten Tag Alice Reader,[\s\S]*Bibliothek Alpha/);

    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await act(b, lending.id, 'printPullSlip');
    const shipped = await act(b, lending.id, 'markShipped');
    await inState(a, borrowing.id, 'REQ_SHIPPED');
    await act(a, borrowing.id, 'markReceived');
    const ready = await mailAbout('„Middlemarch“ liegt für Sie bereit');
    assert.match(ready.body, /Branch library desk/);
    const patronDue = Date.parse(shipped.dueDate) - 3 * DAY_MS;
    const dueText = new Intl.DateTimeFormat('de', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(patronDue));
    assert.ok(ready.body.includes(`Die Leihfrist endet am ${dueText}`), ready.body);

    const mine = async () => (await patron.get('/resource-sharing/patron/requests')).body.requests[0];
    const waiting = await mine();
    assert.equal(waiting.status, 'readyForPickup');
    assert.equal(waiting.canRenew, false, 'not offered while the item waits on the hold shelf');
    assert.equal(Date.parse(waiting.dueDate), patronDue);

    const item = (await getRequest(a, borrowing.id)).hostRecords.itemBarcode;
    await deskClient(sim, a).post('/circulation/check-out-by-barcode', {
      itemBarcode: item, userBarcode: DEMO_PATRONS.active, servicePointId: demoServicePoints(a.tenant).branchDesk,
    });
    await runHostTimer(a);
    const lent = await mine();
    assert.equal(lent.status, 'onLoan');
    assert.equal(lent.canRenew, true);
  });
});
