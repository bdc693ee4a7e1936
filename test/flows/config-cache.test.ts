// Each instance keeps a tenant's settings and directory entries in memory (db/tenant-cache.ts).
// What staff and operators would notice if that went wrong: a partner taken out of the directory
// still accepted, a setting changed and not applied. Changes through the API apply to the very
// next message; changes made behind the module's back (psql) and through another instance apply
// as soon as PostgreSQL's notification arrives.
import assert from 'node:assert/strict';
import { readConfig } from '../../mod-resource-sharing/src/config.ts';
import { openDatabase } from '../../mod-resource-sharing/src/db/open.ts';
import { schemaOf } from '../../mod-resource-sharing/src/db/tenant-schema.ts';
import { startModule, type RunningModule } from '../support/module-harness.ts';
import { eventually, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { agency } from './flow-support.ts';
import { emitMessage } from '../../mod-resource-sharing/src/iso18626/index.ts';

let seq = 0;

/** A new loan request from `from` to `to`'s endpoint (or `endpoint`); answers the confirmation's status. */
async function request(from: Library, to: Library, endpoint = to.endpoint): Promise<'OK' | 'ERROR'> {
  const xml = emitMessage(
    {
      kind: 'request',
      header: {
        supplyingAgencyId: agency(to.symbol),
        requestingAgencyId: agency(from.symbol),
        timestamp: new Date(),
        requestingAgencyRequestId: `CACHE-${Date.now().toString(36)}-${++seq}`,
      },
      bibliographicInfo: { title: 'Cached or not' },
      serviceInfo: { requestType: 'New', serviceType: 'Loan' },
    },
    '2017',
  );
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: xml });
  const body = await res.text();
  const status = /<ill:messageStatus>(OK|ERROR)<\/ill:messageStatus>/.exec(body)?.[1];
  assert.ok(status, `${res.status}: ${body}`);
  return status as 'OK' | 'ERROR';
}

async function entryFor(lib: Library, symbol: string): Promise<Record<string, any>> {
  const code = symbol.split(':')[1];
  const res = await lib.api.get(`/resource-sharing/directory/entries?query=${encodeURIComponent(`symbols="${symbol}"`)}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const entry = res.body.entries.find((e: { symbols: { symbol: string }[] }) => e.symbols.some((s) => s.symbol === code));
  assert.ok(entry, `no entry for ${symbol}: ${JSON.stringify(res.body)}`);
  return entry;
}

async function setPartner(lib: Library, symbol: string, partner: boolean): Promise<void> {
  const { metadata: _m, ...entry } = await entryFor(lib, symbol);
  const res = await lib.api.put(`/resource-sharing/directory/entries/${entry.id}`, { ...entry, partner });
  assert.equal(res.status, 204, JSON.stringify(res.body));
}

describe('settings and directory entries cached per instance', function () {
  this.timeout(120_000);
  let net: Network;
  let a: Library;
  let b: Library;

  before(async () => {
    net = await startNetwork([{ name: 'Cachea' }, { name: 'Cacheb' }]);
    ({ Cachea: a, Cacheb: b } = net.libraries);
  });
  after(async () => net.close());

  it('a partner taken out of the directory through the API is refused at its very next message, and accepted again once put back', async () => {
    assert.equal(await request(a, b), 'OK');
    assert.equal(await request(a, b), 'OK', 'asked twice, so that the partner is in the cache before it changes');
    await setPartner(b, a.symbol, false);
    assert.equal(await request(a, b), 'ERROR');
    await setPartner(b, a.symbol, true);
    assert.equal(await request(a, b), 'OK');
  });

  it('a setting saved through the API applies to the very next message (own symbols: a request no longer addressed to us)', async () => {
    assert.equal(await request(a, b), 'OK');
    const moved = await b.api.put('/resource-sharing/settings', { ownSymbols: ['ISIL:ELSEWHERE'] });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.equal(await request(a, b), 'ERROR', 'the request names a symbol that is no longer ours');
    const back = await b.api.put('/resource-sharing/settings', { ownSymbols: [b.symbol] });
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.equal(await request(a, b), 'OK');
  });

  it('an operator changing the directory with SQL behind the module is heard: the partner is refused within seconds', async () => {
    assert.equal(await request(a, b), 'OK');
    const code = a.symbol.split(':')[1];
    const s = schemaOf(b.tenant);
    const write = (partner: boolean) =>
      net.mod.db.query(
        `UPDATE ${s}.directory_entries SET partner = $1, jsonb = jsonb_set(jsonb, '{partner}', to_jsonb($1::boolean))
          WHERE id IN (SELECT entry_id FROM ${s}.directory_symbols WHERE symbol_key = $2)`,
        [partner, `ISIL:${code}`.toUpperCase()],
      );
    const { rowCount } = await write(false);
    assert.equal(rowCount, 1);
    await eventually(async () => ((await request(a, b)) === 'ERROR' ? true : undefined), 'the SQL change to be heard', 5_000);
    await write(true);
    await eventually(async () => ((await request(a, b)) === 'OK' ? true : undefined), 'the SQL change back to be heard', 5_000);
  });

  describe('two instances on one PostgreSQL database', () => {
    let second: RunningModule | undefined;
    before(function () {
      if (net.mod.db.kind !== 'postgres') this.skip();
    });
    after(async () => {
      if (second) {
        await second.close();
        await second.db.close();
      }
    });

    it('a partner removed through one instance is refused by the other as soon as PostgreSQL’s notification arrives, though that one had it cached', async () => {
      second = await startModule({ db: await openDatabase(readConfig(process.env).db) });
      const viaSecond = b.endpoint.replace(net.mod.url, second.url);
      assert.equal(await request(a, b, viaSecond), 'OK');
      assert.equal(await request(a, b, viaSecond), 'OK');
      await setPartner(b, a.symbol, false);
      await eventually(async () => ((await request(a, b, viaSecond)) === 'ERROR' ? true : undefined), 'the other instance to hear the change', 5_000);
      await setPartner(b, a.symbol, true);
      await eventually(async () => ((await request(a, b, viaSecond)) === 'OK' ? true : undefined), 'the change back', 5_000);
    });
  });
});
