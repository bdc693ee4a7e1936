// Flow 13: the honest auto-responder. With `autoResponder` on, a lender answers a new request by
// itself only when its library system says what to answer: it looks the item up (FOLIO inventory
// through the FOLIO simulator, NCIP LookupItem against the NCIP simulator), answers WillSupply with
// the item's barcode and call number, Unfilled with the reason (NotHeld, NotOnShelf, OnLoan), or
// leaves the request to staff when it cannot know (no library system, a record NCIP cannot look
// up). Each decision is explained on the lending request.
import assert from 'node:assert/strict';
import { createNcipHost } from '../../mod-resource-sharing/src/host/ncip/index.ts';
import { startFolioSimulator, type FolioSimulator } from '../../simulators/folio/index.ts';
import { startNcipSimulator, type NcipSimulator } from '../../simulators/ncip/ncip-simulator.ts';
import { marcRecord } from '../sru-server/marcxml.ts';
import { startSruServer } from '../sru-server/sru-server.ts';
import { eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { getRequest, history, messageArrives } from './flow-support.ts';
import { seedWithBarcodes, useFolio } from './host-support.ts';

/** The lending request once the auto-responder has answered it (the request is visible, in its first state, a moment before). */
async function answered(lib: Library, id: string, state: string): Promise<Record<string, any>> {
  return eventually(async () => {
    const r = await getRequest(lib, id);
    return r.state === state && r.autoResponse ? r : undefined;
  }, `the auto-responder's answer in ${state}`);
}

async function ask(a: Library, citation: Record<string, unknown>, supplierSymbol: string): Promise<Record<string, any>> {
  const res = await a.api.post('/resource-sharing/requests', { citation, patron: { id: 'p-auto', name: 'Ada' }, supplierSymbol });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return inState(a, res.body.id, 'REQ_SENT_TO_SUPPLIER').catch(() => res.body);
}

describe('flow: the auto-responder looks the item up before it answers', function () {
  this.timeout(60_000);
  let net: Network;
  let a: Library; // borrower
  let manual: Library; // lender without a library system
  let folio: Library; // lender on FOLIO
  let ncip: Library; // lender on NCIP
  let folioSim: FolioSimulator;
  let ncipSim: NcipSimulator;

  before(async () => {
    const on = { autoResponder: true };
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Manual', settings: on }, { name: 'Folio', settings: on }, { name: 'Ncip', settings: on }]);
    ({ Alpha: a, Manual: manual, Folio: folio, Ncip: ncip } = net.libraries);
    folioSim = await startFolioSimulator();
    await useFolio(folio, folioSim, seedWithBarcodes(folio.tenant, ''));
    ncipSim = await startNcipSimulator({
      users: [{ id: 'ILL-PARTNERS', surname: 'Partner libraries', privilege: 'ILL Library' }],
      items: [
        { barcode: 'N-1', title: 'On the shelf', callNumber: 'QA76 .N1', bibId: 'rec-1' },
        { barcode: 'N-2', title: 'Out on loan', callNumber: 'QA76 .N2', bibId: 'rec-2' },
      ],
    });
    const res = await ncip.api.put('/resource-sharing/settings', {
      hostAdapter: 'ncip',
      ncipHost: { endpoint: ncipSim.url, fromAgencyId: 'NCIP-LIB', toAgencyId: 'SIM-ILS', institutionalPatronId: 'ILL-PARTNERS', pickupLocation: 'MAIN' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
  after(async () => {
    await net.close();
    await folioSim.close();
    await ncipSim.close();
  });

  it('without a library system it does not say yes: the request waits for staff, with the reason', async () => {
    const req = await ask(a, { title: 'A title nobody holds' }, manual.symbol);
    const lending = await lendingRequestFor(manual, req.hrid);
    const waiting = await answered(manual, lending.id, 'RES_IDLE');
    assert.equal(waiting.needsAttention, true, 'a new request needs staff');
    assert.equal(waiting.autoResponse?.decision, 'staff');
    assert.match(waiting.autoResponse.reason, /no library system is connected/);
    assert.ok((await history(manual, lending.id)).some((e) => e.action === 'autoResponder' && /left for staff/.test(e.message ?? '')));
    assert.equal((await inState(a, req.id, 'REQ_SENT_TO_SUPPLIER')).state, 'REQ_SENT_TO_SUPPLIER', 'the borrower heard nothing');
  });

  it('without a library system but with its own catalogue (SRU): a title it does not hold is answered NotHeld; one it holds waits for staff', async () => {
    const sru = await startSruServer({ records: [marcRecord({ id: 'm-1', title: 'Held here', isbn: '9780306406157' })] });
    try {
      const self = (await manual.api.get(`/resource-sharing/directory/entries?query=${encodeURIComponent('self==true')}`)).body.entries[0];
      const { metadata: _m, ...entry } = self;
      const put = await manual.api.put(`/resource-sharing/directory/entries/${self.id}`, { ...entry, sruEndpoint: sru.url });
      assert.equal(put.status, 204, JSON.stringify(put.body));

      const missing = await ask(a, { title: 'Not in this catalogue', isbn: '9780000000019' }, manual.symbol);
      const l1 = await lendingRequestFor(manual, missing.hrid);
      const no = await inState(manual, l1.id, 'RES_UNFILLED');
      assert.match(no.autoResponse.reason, /^not held: our catalogue has no record for ISBN 9780000000019/);
      assert.match((await messageArrives(a, missing.id, (m) => m.direction === 'in' && /Unfilled/.test(m.summary), 'the Unfilled')).summary, /reason NotHeld/);

      const held = await ask(a, { title: 'Held here', isbn: '9780306406157' }, manual.symbol);
      const l2 = await lendingRequestFor(manual, held.hrid);
      const left = await answered(manual, l2.id, 'RES_IDLE');
      assert.equal(left.autoResponse.decision, 'staff');
      assert.match(left.autoResponse.reason, /our catalogue has 1 record for ISBN 9780306406157; no library system is connected/);
    } finally {
      await sru.close();
    }
  });

  it('FOLIO: an available item is supplied at once, with its barcode and call number', async () => {
    const req = await ask(a, { title: 'The left hand of darkness', isbn: '9780441478125' }, folio.symbol);
    const lending = await lendingRequestFor(folio, req.hrid);
    const supplied = await inState(folio, lending.id, 'RES_NEW_AWAIT_PULL_SLIP');
    assert.equal(supplied.autoResponse.decision, 'willSupply');
    assert.equal(supplied.itemBarcode, 'LEND-0001');
    await inState(a, req.id, 'REQ_EXPECTS_TO_SUPPLY');
    const told = await messageArrives(a, req.id, (m) => m.direction === 'in' && /WillSupply/.test(m.summary), 'the WillSupply');
    assert.match(told.note ?? '', /^Accepted automatically: item LEND-0001, call number DEMO 1 is Available/);
  });

  it('FOLIO: a missing item is answered Unfilled NotOnShelf; a title the library does not hold NotHeld', async () => {
    const missing = await ask(a, { title: 'Moby Dick', isbn: '9780142437247' }, folio.symbol);
    const l1 = await lendingRequestFor(folio, missing.hrid);
    const unfilled = await inState(folio, l1.id, 'RES_UNFILLED');
    assert.match(unfilled.autoResponse.reason, /item LEND-0003, call number DEMO 3 is Missing/);
    const heard = await messageArrives(a, missing.id, (m) => m.direction === 'in' && /Unfilled/.test(m.summary), 'the Unfilled');
    assert.match(heard.summary, /reason NotOnShelf/);

    const nobody = await ask(a, { title: 'Nobody has this', isbn: '9780000000002' }, folio.symbol);
    const l2 = await lendingRequestFor(folio, nobody.hrid);
    await inState(folio, l2.id, 'RES_UNFILLED');
    const notHeld = await messageArrives(a, nobody.id, (m) => m.direction === 'in' && /Unfilled/.test(m.summary), 'the Unfilled');
    assert.match(notHeld.summary, /reason NotHeld/);
    await inState(a, nobody.id, 'REQ_END_OF_ROTA');
  });

  it('FOLIO: an available item of a material type the library does not lend to partners is answered NonCirculating', async () => {
    const current = (await folio.api.get('/resource-sharing/settings')).body;
    const other = '00000000-0000-4000-8000-000000000001';
    const put = await folio.api.put('/resource-sharing/settings', { folioHost: { ...current.folioHost, lendable: { materialTypeIds: [other] } } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    try {
      const req = await ask(a, { title: 'Middlemarch', isbn: '9780141439549' }, folio.symbol);
      const lending = await lendingRequestFor(folio, req.hrid);
      const unfilled = await inState(folio, lending.id, 'RES_UNFILLED');
      assert.match(unfilled.autoResponse.reason, /item LEND-0002, call number DEMO 2: its material type \(.*\) is not lent to partners/);
      const heard = await messageArrives(a, req.id, (m) => m.direction === 'in' && /Unfilled/.test(m.summary), 'the Unfilled');
      assert.match(heard.summary, /reason NonCirculating/);
    } finally {
      const back = await folio.api.put('/resource-sharing/settings', { folioHost: { ...current.folioHost } });
      assert.equal(back.status, 200, JSON.stringify(back.body));
    }
  });

  it('NCIP: LookupItem decides: on the shelf → WillSupply, on loan → Unfilled OnLoan, unknown → NotHeld, a bare ISBN → staff', async () => {
    // The borrower names the lender's record (its barcode) as supplierUniqueRecordId.
    const onShelf = await ask(a, { title: 'On the shelf', supplierUniqueRecordId: 'N-1' }, ncip.symbol);
    const l1 = await lendingRequestFor(ncip, onShelf.hrid);
    const yes = await inState(ncip, l1.id, 'RES_NEW_AWAIT_PULL_SLIP');
    assert.match(yes.autoResponse.reason, /item N-1, call number QA76 \.N1 is Available On Shelf/);
    assert.ok(ncipSim.state().received.some((r) => r.service === 'LookupItem'), 'the responder was asked');

    // Someone at the desk checked N-2 out (through the library system's own NCIP service).
    await createNcipHost({ endpoint: ncipSim.url, fromAgencyId: 'DESK', toAgencyId: 'SIM-ILS', institutionalPatronId: 'ILL-PARTNERS', pickupLocation: 'MAIN' }).checkOutToInstitution(
      'N-2',
      'ILL-PARTNERS',
      '2031-01-31T00:00:00Z',
    );
    const onLoan = await ask(a, { title: 'Out on loan', supplierUniqueRecordId: 'N-2' }, ncip.symbol);
    const l2 = await lendingRequestFor(ncip, onLoan.hrid);
    const no = await inState(ncip, l2.id, 'RES_UNFILLED');
    assert.match(no.autoResponse.reason, /item N-2, call number QA76 \.N2 is On Loan \(due 2031-01-31\)/);
    const heard = await messageArrives(a, onLoan.id, (m) => m.direction === 'in' && /Unfilled/.test(m.summary), 'the Unfilled');
    assert.match(heard.summary, /reason OnLoan/);

    const unknown = await ask(a, { title: 'Not here', supplierUniqueRecordId: 'N-404' }, ncip.symbol);
    const l3 = await lendingRequestFor(ncip, unknown.hrid);
    assert.equal((await inState(ncip, l3.id, 'RES_UNFILLED')).autoResponse.reason, 'not held: the library system has no item for record N-404');

    const isbnOnly = await ask(a, { title: 'Only an ISBN', isbn: '9781111111111' }, ncip.symbol);
    const l4 = await lendingRequestFor(ncip, isbnOnly.hrid);
    // a new lending request is RES_IDLE from its arrival: wait for the auto-responder's verdict, not the state
    const left = await eventually(async () => {
      const r = (await ncip.api.get(`/resource-sharing/requests/${l4.id}`)).body;
      return r.autoResponse ? r : undefined;
    }, 'the auto-responder to decide on the ISBN-only request');
    assert.equal(left.state, 'RES_IDLE');
    assert.equal(left.autoResponse.decision, 'staff');
    assert.match(left.autoResponse.reason, /cannot say whether a copy is available/);
  });
});
