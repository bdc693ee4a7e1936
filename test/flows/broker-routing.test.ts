// Broker mode "both": peer to peer by default; a rota profile with useBroker sends its requests to
// the broker; partners marked viaBroker are reached through one broker entry in the peer rota.
import assert from 'node:assert/strict';
import { startBroker, type RunningBroker } from '../broker/broker.ts';
import { eventually, inState, lendingRequestFor, startNetwork, type Network } from '../support/library-network.ts';
import { borrow, getRequest } from './flow-support.ts';

describe('flow: broker mode "both" — rota rules choose broker or peer', () => {
  let net: Network;
  let broker: RunningBroker;
  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta' }, { name: 'Gamma' }]);
    broker = await startBroker({
      symbol: 'ISIL:BROKER',
      mode: 'transparent',
      members: Object.values(net.libraries).map((l) => ({ symbol: l.symbol, name: `${l.name} library`, endpoint: l.endpoint, version: '2021' as const })),
    });
    const alpha = net.libraries.Alpha;
    const res = await alpha.api.put('/resource-sharing/settings', {
      broker: { routing: 'both', symbol: broker.symbol, endpoint: broker.url, mode: 'transparent', version: '2021' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
  after(async () => {
    await broker.close();
    await net.close();
  });

  it('without a rule or flag a request goes peer to peer, as before', async () => {
    const b = await borrow(net.libraries.Alpha, { title: 'Peer to peer still' });
    assert.equal(b.rota.length, 2);
    assert.ok(!b.rota.some((e: { symbol: string }) => e.symbol === 'ISIL:BROKER'));
    assert.equal(b.broker, undefined);
    await lendingRequestFor(net.libraries[b.supplierSymbol === net.libraries.Beta.symbol ? 'Beta' : 'Gamma'], b.hrid);
    assert.ok(!broker.log.some((m) => m.direction === 'in'), 'nothing reached the broker');
  });

  it('a rota profile with useBroker sends matching requests (copies) to the broker, which finds the supplier', async () => {
    const alpha = net.libraries.Alpha;
    const profile = await alpha.api.post('/resource-sharing/rotas', {
      name: 'Copies through the consortium',
      ordered: true,
      entries: [],
      rules: [{ serviceType: 'copy' }],
      useBroker: true,
    });
    assert.equal(profile.status, 201, JSON.stringify(profile.body));
    broker.setHolders(() => [net.libraries.Gamma.symbol]);
    const copy = await borrow(alpha, { serviceType: 'copy', title: 'Journal', citation: { articleTitle: 'Brokers', pages: '1-2' } });
    assert.deepEqual(
      copy.rota.map((e: { symbol: string }) => e.symbol),
      ['ISIL:BROKER'],
    );
    assert.match(copy.rota[0].reason, /rota profile "Copies through the consortium"/);
    const lending = await lendingRequestFor(net.libraries.Gamma, copy.hrid);
    assert.equal(lending.broker, undefined, 'Gamma works peer to peer: it does not know the broker, it simply answers the header requester');
    const seen = await eventually(async () => {
      const r = await getRequest(alpha, copy.id);
      return r.brokerSupplier ? r : undefined;
    }, 'the broker to name Gamma');
    assert.equal(seen.brokerSupplier.symbol, net.libraries.Gamma.symbol);
  });

  it('a partner marked viaBroker is replaced by one broker entry in the peer rota', async () => {
    const alpha = net.libraries.Alpha;
    const list = await alpha.api.get(`/resource-sharing/directory/entries?query=${encodeURIComponent('name="Gamma library"')}`);
    const gamma = list.body.entries[0];
    const put = await alpha.api.put(`/resource-sharing/directory/entries/${gamma.id}`, { ...gamma, viaBroker: true });
    assert.ok(put.status === 200 || put.status === 204, JSON.stringify(put.body));
    const loan = await borrow(alpha, { title: 'Some through the broker' });
    const symbols = loan.rota.map((e: { symbol: string }) => e.symbol);
    assert.deepEqual([...symbols].sort(), ['ISIL:BROKER', net.libraries.Beta.symbol].sort(), JSON.stringify(loan.rota));
    const entry = loan.rota.find((e: { symbol: string }) => e.symbol === 'ISIL:BROKER');
    assert.match(entry.reason, /reached through the broker ISIL:BROKER: Gamma library/);
    assert.deepEqual(
      loan.rota.map((e: { rank: number }) => e.rank),
      [1, 2],
    );
    await inState(alpha, loan.id, 'REQ_SENT_TO_SUPPLIER');
  });
});
