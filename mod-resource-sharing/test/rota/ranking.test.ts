import assert from 'node:assert/strict';
import {
  enableTenant,
  purgeTenant,
  startModule,
  tenantClient,
  uniqueTenant,
  type RunningModule,
} from '../../../test/support/module-harness.ts';
import { marcRecord } from '../../../test/sru-server/marcxml.ts';
import { startSruServer, type SruServer } from '../../../test/sru-server/sru-server.ts';
import { buildRota, type RotaEntry } from '../../src/rota/index.ts';
import { filledBy, seedRequests, times, unfilledBy } from './seed-history.ts';

const ISBN = '9780156001311';
const rose = { title: 'The Name of the Rose', isbn: ISBN };

describe('rota ranking', () => {
  let mod: RunningModule;
  let tenant: string;
  let api: ReturnType<typeof tenantClient>;
  let hasIt: SruServer;
  let lacksIt: SruServer;

  const partner = (code: string, extra: Record<string, unknown> = {}) =>
    api.post('/resource-sharing/directory/entries', {
      name: `Library ${code}`,
      symbols: [{ authority: 'ISIL', symbol: `DK-${code}` }],
      partner: true,
      iso18626Endpoint: `http://127.0.0.1:9/${code}`,
      ...extra,
    });

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('rank');
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant);
    hasIt = await startSruServer({ records: [marcRecord({ id: '1', title: 'The name of the rose', isbn: ISBN })] });
    lacksIt = await startSruServer({ records: [marcRecord({ id: '2', title: 'Something else', isbn: '9780000000002' })] });

    assert.equal((await partner('OWN', { self: true })).status, 201);
    await api.put('/resource-sharing/settings', { ownSymbols: ['ISIL:DK-OWN'], overloadThreshold: 10 });
    await partner('OVER', { sruEndpoint: hasIt.url });
    await partner('FAST', { sruEndpoint: hasIt.url });
    await partner('BAL');
    await partner('QUIET', { loanToBorrowRatio: 1.5 });
    await partner('NOPE', { sruEndpoint: lacksIt.url });
    await partner('NONP', { partner: false });
    await partner('COPYONLY', { lendingPolicy: { returnables: false, copies: true } });

    await seedRequests(mod.db, tenant, [
      // 12 of our requests are with OVER right now
      ...times(12, { role: 'borrowing', state: 'REQ_SENT_TO_SUPPLIER', supplierSymbol: 'ISIL:DK-OVER' }),
      // FAST filled 3 in 2, 3 and 5 days and answered one Unfilled
      filledBy('ISIL:DK-FAST', 30, 2),
      filledBy('ISIL:DK-FAST', 20, 3),
      filledBy('ISIL:DK-FAST', 10, 5),
      unfilledBy('ISIL:DK-FAST'),
      // we lent BAL four items, it lent us none
      ...times(4, { role: 'lending', state: 'RES_COMPLETE', requesterSymbol: 'ISIL:DK-BAL', steps: [{ toState: 'RES_ITEM_SHIPPED', daysAgo: 40 }] }),
    ]);
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await Promise.all([hasIt.close(), lacksIt.close(), mod.close()]);
  });

  const bySymbol = (entries: RotaEntry[], code: string) => {
    const found = entries.find((e) => e.symbol === `ISIL:DK-${code}`);
    assert.ok(found, `ISIL:DK-${code} is in the rota`);
    return found;
  };

  it('ranks partners by the weighted strategies, explains each rank with the numbers, and skips a non-owner', async () => {
    const rota = await buildRota(mod.db, tenant, { serviceType: 'loan', citation: rose });
    assert.equal(rota.profile, null);
    assert.deepEqual(
      rota.entries.map((e) => [e.symbol, e.rank, e.skipped ?? false]),
      [
        ['ISIL:DK-BAL', 1, false],
        ['ISIL:DK-QUIET', 2, false],
        ['ISIL:DK-FAST', 3, false],
        ['ISIL:DK-OVER', 4, false],
        ['ISIL:DK-NOPE', 5, true],
      ],
      'own entry, the non-partner and the copies-only partner are not candidates for a loan',
    );

    const over = bySymbol(rota.entries, 'OVER');
    assert.equal(over.factors.openRequests, 12);
    assert.equal(over.factors.overloaded, true);
    assert.equal(over.score, -2.2);
    assert.equal(
      over.reason.replace(/; predicted: .*$/, ''),
      `ranked 4th (score -2.2): 12 open requests with this partner, above the threshold of 10; no fill history; lent us 0, borrowed 0 from us; its catalogue has 1 record for ISBN ${ISBN}`,
    );
    assert.match(over.reason, /; predicted: no history with this lender, so like all lenders it fills \d+ % of loans, usually here in \d+ days? \(90 %: \d+\)$/);

    const fast = bySymbol(rota.entries, 'FAST');
    assert.equal(fast.factors.fillRate, 0.75);
    assert.equal(fast.factors.medianTurnaroundDays, 3);
    assert.equal(fast.factors.lentToUs, 3);
    assert.match(fast.reason, /^ranked 3rd \(score 0\.107\): 0 open requests with this partner \(threshold 10\); fills 75% in 3 days; lent us 3, borrowed 0 from us/);

    const bal = bySymbol(rota.entries, 'BAL');
    assert.equal(bal.factors.borrowedFromUs, 4);
    assert.equal(bal.factors.balance, -4);
    assert.match(bal.reason, /lent us 0, borrowed 4 from us; holdings not checked: no SRU endpoint in the directory/);
    assert.equal(bal.factors.owns, 'unknown');

    assert.match(bySymbol(rota.entries, 'QUIET').reason, /loan-to-borrow ratio 1\.5/);

    const nope = bySymbol(rota.entries, 'NOPE');
    assert.equal(nope.skipped, true);
    assert.equal(nope.factors.owns, false);
    assert.equal(nope.reason, `skipped: its catalogue has no record for ISBN ${ISBN}`);
  });

  it('puts preferred symbols first and last symbols last, whatever their score', async () => {
    await api.put('/resource-sharing/settings', { preferredSymbols: ['ISIL:DK-OVER'], lastSymbols: ['ISIL:DK-BAL'] });
    try {
      const rota = await buildRota(mod.db, tenant, { serviceType: 'loan', citation: rose });
      assert.deepEqual(
        rota.entries.filter((e) => !e.skipped).map((e) => e.symbol),
        ['ISIL:DK-OVER', 'ISIL:DK-QUIET', 'ISIL:DK-FAST', 'ISIL:DK-BAL'],
      );
      assert.match(rota.entries[0].reason, /^ranked 1st \(score -2\.2\): preferred supplier; 12 open requests/);
      assert.match(rota.entries[3].reason, /ranked last by setting/);
    } finally {
      await api.put('/resource-sharing/settings', { preferredSymbols: [], lastSymbols: [] });
    }
  });

  it('keeps an ordered profile in its order, but still skips non-owners and non-partners with the reason', async () => {
    const profile = await api.post('/resource-sharing/rotas', {
      name: 'Fixed order',
      ordered: true,
      entries: ['OVER', 'NOPE', 'QUIET', 'NONP', 'OWN', 'FAST'].map((c) => ({ symbol: `ISIL:DK-${c}` })),
      rules: [{ format: 'manuscript', priority: 1 }],
    });
    assert.equal(profile.status, 201);
    const rota = await buildRota(mod.db, tenant, { serviceType: 'loan', citation: { ...rose, format: 'Manuscript' } });
    assert.deepEqual(rota.profile, { id: profile.body.id, name: 'Fixed order', ordered: true, strategy: 'score' });
    assert.deepEqual(
      rota.entries.map((e) => [e.symbol, e.skipped ?? false]),
      [
        ['ISIL:DK-OVER', false],
        ['ISIL:DK-QUIET', false],
        ['ISIL:DK-FAST', false],
        ['ISIL:DK-NOPE', true],
        ['ISIL:DK-NONP', true],
      ],
      'our own symbol is left out',
    );
    assert.match(rota.entries[0].reason, /^1st in the profile's order \(score -2\.2\): 12 open requests/);
    assert.equal(rota.entries[4].reason, 'skipped: not a partner (no partner agreement in our directory)');
  });

  it('previews the ranked rota of a stored request and of a citation over HTTP', async () => {
    const request = await api.post('/resource-sharing/requests', { serviceType: 'loan', citation: rose });
    assert.equal(request.status, 201);
    const preview = await api.get(`/resource-sharing/rotas/preview?requestId=${request.body.id}`);
    assert.equal(preview.status, 200);
    assert.equal(preview.body.profile, null);
    assert.equal(preview.body.entries[0].symbol, 'ISIL:DK-BAL');
    assert.match(preview.body.entries[3].reason, /12 open requests with this partner, above the threshold of 10/);

    const copy = await api.post('/resource-sharing/rotas/preview', { serviceType: 'copy', citation: { title: 'An article', issn: '1234-5678' } });
    assert.equal(copy.status, 200);
    assert.ok(copy.body.entries.some((e: RotaEntry) => e.symbol === 'ISIL:DK-COPYONLY'), 'the copies-only partner supplies copies');

    const bad = await api.post('/resource-sharing/rotas/preview', { citation: { author: 'no title' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].parameters[0].key, 'citation.title');
    assert.equal((await api.get('/resource-sharing/rotas/preview?requestId=nope')).status, 400);
  });
});
