// Rotas in broker mode, as staff see and edit them: the rota preview shows what a request would
// really get (the broker as the single entry, or the broker among peers, with the reason), and
// PUT /requests/{id}/rota keeps or puts the broker entry and refuses, naming the entry, what
// broker mode does not allow.
import assert from 'node:assert/strict';
import { startBroker, type RunningBroker } from '../broker/broker.ts';
import { eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { borrow, getRequest } from './flow-support.ts';

type Entry = { symbol: string; reason: string; broker?: boolean; brokerSuppliers?: unknown[]; skipped?: boolean; outcome?: string };

describe('flow: rotas in broker mode — the preview and staff edits', function () {
  this.timeout(120_000);
  let net: Network;
  let broker: RunningBroker;
  let alpha: Library;
  let beta: Library;
  let gamma: Library;
  let brokerSettings: Record<string, string>;

  const route = async (routing: 'peer' | 'broker' | 'both') => {
    const res = await alpha.api.put('/resource-sharing/settings', { broker: { ...brokerSettings, routing } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  };
  const preview = async (body: Record<string, unknown> = {}) => {
    const res = await alpha.api.post('/resource-sharing/rotas/preview', { citation: { title: 'Preview me' }, ...body });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { profile: { name: string } | null; entries: Entry[]; broker?: { symbol: string; routing: string; mode: string; used: boolean } };
  };
  const putRota = (id: string, body: Record<string, unknown>) => alpha.api.put(`/resource-sharing/requests/${id}/rota`, body);
  /**
   * PUT with the version just read, read again after a 409: the request may still change right
   * after it was sent (the broker's first answer), as it may under a staff member's eyes.
   */
  const putRotaFresh = async (id: string, body: Record<string, unknown>) => {
    for (let attempt = 0; ; attempt++) {
      const res = await putRota(id, { ...body, _version: (await getRequest(alpha, id))._version });
      if (res.status !== 409 || attempt === 3) return res;
    }
  };
  const symbols = (entries: Entry[]) => entries.filter((e) => !e.skipped).map((e) => e.symbol);

  before(async () => {
    net = await startNetwork([{ name: 'Alpha' }, { name: 'Beta' }, { name: 'Gamma' }]);
    ({ Alpha: alpha, Beta: beta, Gamma: gamma } = net.libraries);
    broker = await startBroker({
      symbol: 'ISIL:BROKER',
      mode: 'transparent',
      members: Object.values(net.libraries).map((l) => ({ symbol: l.symbol, name: `${l.name} library`, endpoint: l.endpoint, version: '2021' as const })),
    });
    brokerSettings = { symbol: broker.symbol, endpoint: broker.url, mode: 'transparent', version: '2021' };
  });
  after(async () => {
    await broker.close();
    await net.close();
  });

  it('the preview shows the broker whenever the request would go through it, with the reason', async () => {
    const peer = await preview();
    assert.equal(peer.broker, undefined, 'peer to peer: no broker in sight');
    assert.deepEqual(symbols(peer.entries).sort(), [beta.symbol, gamma.symbol].sort());

    await route('both');
    const both = await preview();
    assert.deepEqual(both.broker, { symbol: 'ISIL:BROKER', routing: 'both', mode: 'transparent', used: false });
    assert.deepEqual(symbols(both.entries).sort(), [beta.symbol, gamma.symbol].sort());

    // a partner reached through the broker: the broker takes its place in the preview
    const list = await alpha.api.get(`/resource-sharing/directory/entries?query=${encodeURIComponent('name="Gamma library"')}`);
    const put = await alpha.api.put(`/resource-sharing/directory/entries/${list.body.entries[0].id}`, { ...list.body.entries[0], viaBroker: true });
    assert.ok(put.status === 200 || put.status === 204, JSON.stringify(put.body));
    const via = await preview();
    assert.deepEqual(symbols(via.entries).sort(), ['ISIL:BROKER', beta.symbol].sort());
    const brokerEntry = via.entries.find((e) => e.symbol === 'ISIL:BROKER')!;
    assert.equal(brokerEntry.broker, true);
    assert.match(brokerEntry.reason, /reached through the broker ISIL:BROKER: Gamma library/);
    assert.equal(via.broker?.used, true);
    // ... and it is what a request then really gets
    const real = await borrow(alpha, { title: 'Preview me' });
    assert.deepEqual(symbols(real.rota).sort(), symbols(via.entries).sort());

    // a profile that sends copies to the broker: the preview of a copy (and of that profile) is the broker alone
    const profile = await alpha.api.post('/resource-sharing/rotas', { name: 'Copies via the consortium', ordered: true, entries: [], rules: [{ serviceType: 'copy' }], useBroker: true });
    assert.equal(profile.status, 201, JSON.stringify(profile.body));
    const copy = await preview({ serviceType: 'copy' });
    assert.deepEqual(symbols(copy.entries), ['ISIL:BROKER']);
    assert.match(copy.entries[0].reason, /rota profile "Copies via the consortium" sends these requests through the broker ISIL:BROKER/);
    assert.equal(copy.profile?.name, 'Copies via the consortium');
    assert.deepEqual(symbols((await preview({ profileId: profile.body.id })).entries), ['ISIL:BROKER']);

    await route('broker');
    const only = await preview();
    assert.deepEqual(symbols(only.entries), ['ISIL:BROKER']);
    assert.match(only.entries[0].reason, /this library borrows through the broker ISIL:BROKER, which finds the supplier/);
    assert.deepEqual(only.broker, { symbol: 'ISIL:BROKER', routing: 'broker', mode: 'transparent', used: true });
    const byRequest = await alpha.api.get(`/resource-sharing/rotas/preview?requestId=${real.id}`);
    assert.equal(byRequest.status, 200, JSON.stringify(byRequest.body));
    assert.deepEqual(symbols(byRequest.body.entries), ['ISIL:BROKER']);
  });

  it('staff keep or put the broker in a rota; what broker mode does not allow is a 422 naming the entry', async () => {
    await route('both');
    const loan = await borrow(alpha, { title: 'Edited rota' });
    const current = () => getRequest(alpha, loan.id);

    // put the broker as the next entry: a broker entry, placed by staff
    let res = await putRotaFresh(loan.id, { entries: ['isil:broker'] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const next = (res.body.rota as Entry[])[res.body.rotaIndex + 1];
    assert.equal(next.symbol, 'ISIL:BROKER');
    assert.equal(next.broker, true);
    assert.deepEqual(next.brokerSuppliers, []);
    assert.match(next.reason, /placed 2nd by staff/);
    // keep it, and put a direct partner after it
    res = await putRotaFresh(loan.id, { entries: ['ISIL:BROKER', ...(loan.supplierSymbol === beta.symbol ? [] : [beta.symbol])] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((res.body.rota as Entry[])[res.body.rotaIndex + 1].symbol, 'ISIL:BROKER');

    // a partner reached through the broker is listed as the broker
    const saved = await current();
    res = await putRota(loan.id, { entries: [gamma.symbol], _version: saved._version });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.deepEqual(
      { key: res.body.errors[0].parameters[0].key, code: res.body.errors[0].code },
      { key: 'entries[0]', code: 'rota.reachedThroughBroker' },
    );
    assert.match(res.body.errors[0].message, /reached through the broker .*list ISIL:BROKER instead/);

    // routing broker: the broker is the only entry staff may list
    await route('broker');
    res = await putRotaFresh(loan.id, { entries: ['ISIL:BROKER', beta.symbol] });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.deepEqual(
      { key: res.body.errors[0].parameters[0].key, code: res.body.errors[0].code },
      { key: 'entries[1]', code: 'rota.onlyThroughBroker' },
    );
    // peer to peer: the broker is no entry at all
    await route('peer');
    res = await putRotaFresh(loan.id, { entries: ['ISIL:BROKER'] });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.deepEqual(
      { key: res.body.errors[0].parameters[0].key, code: res.body.errors[0].code },
      { key: 'entries[0]', code: 'rota.brokerNotInUse' },
    );
    const after = await current();
    assert.equal(after._version, saved._version, 'no refused change was written');
    assert.deepEqual(after.rota, saved.rota);
  });

  it('at the end of its rota a brokered request goes back to the broker when staff put it there', async () => {
    await route('broker');
    broker.setHolders(() => []);
    const loan = await borrow(alpha, { title: 'Nobody had it', state: 'REQ_END_OF_ROTA' });
    assert.deepEqual(symbols(loan.rota), ['ISIL:BROKER']);

    // the consortium's catalogue now knows a holder: staff send the request to the broker again
    broker.setHolders(() => [beta.symbol]);
    const res = await putRota(loan.id, { entries: ['ISIL:BROKER'], _version: loan._version });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const again = await inState(alpha, loan.id, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(again.rota.length, 2);
    assert.deepEqual(
      again.rota.map((e: Entry) => [e.symbol, e.outcome]),
      [
        ['ISIL:BROKER', 'unfilled'],
        ['ISIL:BROKER', 'sent'],
      ],
    );
    assert.deepEqual(again.broker, { symbol: 'ISIL:BROKER', mode: 'transparent' });
    await lendingRequestFor(beta, loan.hrid);
    await eventually(async () => ((await getRequest(alpha, loan.id)).brokerSupplier?.symbol === beta.symbol ? true : undefined), 'the broker to name Beta');
  });
});
