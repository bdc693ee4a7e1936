// Flow 14: we lend to a partner whose system speaks ISO 18626:2021 (a scripted peer as the
// borrower), end to end: its 2021 Request, our answers (WillSupply, Loaned with the due date,
// LoanCompleted), its 2021 ShippedReturn. Our answers use the version the request came in, even
// though our directory entry for the partner says 2017 (the documented default: peers expect to be
// answered in their own version). Every message the peer received validates against the 2021 XSD.
import assert from 'node:assert/strict';
import { type RequestMessage, type RequestingAgencyMessage } from '../../mod-resource-sharing/src/iso18626/index.ts';
import { validateAgainstXsd } from '../../mod-resource-sharing/test/iso18626/xsd.ts';
import { act, eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { addPeerToDirectory, startPeer, type ScriptedPeer } from '../support/iso-peer.ts';
import { agency, conversation } from './flow-support.ts';

describe('flow: lending to a 2021 partner (scripted peer as the borrower)', function () {
  this.timeout(30_000);
  let net: Network;
  let b: Library;
  let peer: ScriptedPeer;
  const requestId = `P21-${Date.now().toString(36)}`;

  before(async () => {
    net = await startNetwork([{ name: 'Beta' }]);
    b = net.libraries.Beta;
    peer = await startPeer({ name: 'Peer21', symbol: `ISIL:P21-${b.tenant.slice(-4)}`, version: '2021' });
    // Our directory says 2017 on purpose: the answer follows the request's version.
    await addPeerToDirectory(b, peer, { iso18626Version: '2017' });
  });
  after(async () => {
    await peer.close();
    await net.close();
  });

  const statuses = () => peer.ofKind('supplyingAgencyMessage').map((m) => m.statusInfo.status);

  it('a 2021 request is answered in 2021 through the whole loan', async () => {
    const request: RequestMessage = {
      kind: 'request',
      header: { supplyingAgencyId: agency(b.symbol), requestingAgencyId: agency(peer.symbol), timestamp: new Date(), requestingAgencyRequestId: requestId },
      bibliographicInfo: { title: 'The dispossessed', author: 'Le Guin, Ursula K.' },
      serviceInfo: { requestType: 'New', serviceType: 'Loan', note: 'For a reading group' },
    };
    const sent = await peer.send(b, request);
    assert.equal(sent.ok, true, sent.xml);
    assert.match(sent.xml, /ill:version="2021-2"/, 'the confirmation is in 2021');

    const lending = await lendingRequestFor(b, requestId);
    assert.equal(lending.partnerVersion, '2021');
    assert.equal(lending.needsAttention, true);
    assert.equal((await conversation(b, lending.id)).messages[0].note, 'For a reading group');

    await act(b, lending.id, 'willSupply', { note: 'Happy to' });
    await eventually(async () => (statuses().includes('WillSupply') ? true : undefined), 'the WillSupply at the peer');
    await act(b, lending.id, 'printPullSlip');
    await act(b, lending.id, 'markShipped', { itemBarcode: 'DISP-1', dueDate: '2031-09-01T00:00:00Z' });
    const loaned = await eventually(async () => peer.ofKind('supplyingAgencyMessage').find((m) => m.statusInfo.status === 'Loaned'), 'the Loaned at the peer');
    assert.equal(loaned.statusInfo.dueDate?.toISOString(), '2031-09-01T00:00:00.000Z');
    assert.equal(loaned.deliveryInfo?.itemId, 'DISP-1');
    assert.equal(loaned.header.requestingAgencyRequestId, requestId);

    const returned: RequestingAgencyMessage = {
      kind: 'requestingAgencyMessage',
      header: {
        supplyingAgencyId: agency(b.symbol),
        requestingAgencyId: agency(peer.symbol),
        timestamp: new Date(),
        requestingAgencyRequestId: requestId,
        supplyingAgencyRequestId: lending.hrid,
      },
      action: 'ShippedReturn',
      note: 'Sent back by post',
    };
    const back = await peer.send(b, returned);
    assert.equal(back.ok, true, back.xml);
    await inState(b, lending.id, 'RES_ITEM_RETURNED');
    await act(b, lending.id, 'markReturned');
    await eventually(async () => (statuses().includes('LoanCompleted') ? true : undefined), 'the LoanCompleted at the peer');
    assert.deepEqual(statuses(), ['WillSupply', 'Loaned', 'LoanCompleted']);
    for (const r of peer.received) assert.match(r.xml, /ill:version="2021-2"/, 'every answer in 2021');
    for (const m of peer.ofKind('supplyingAgencyMessage')) {
      assert.equal('multipleItemRequestId' in m.header, false, '2021 forbids multipleItemRequestId in a supplyingAgencyMessage header');
    }
  });

  it('every message the 2021 peer received validates against the 2021 schema', async function () {
    assert.ok(peer.received.length >= 3, 'the loan above ran');
    const docs = Object.fromEntries(peer.received.map((r, i) => [`${i}:${r.message?.kind}`, r.xml]));
    const result = await validateAgainstXsd(this, '2021', docs);
    assert.equal(result.valid, true, JSON.stringify(result.errorsByName));
  });
});
