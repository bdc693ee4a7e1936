import assert from 'node:assert/strict';
import {
  enableTenant,
  purgeTenant,
  startModule,
  tenantClient,
  uniqueTenant,
  type RunningModule,
} from '../../../test/support/module-harness.ts';
import { lendingCapacity } from '../../src/rota/index.ts';
import { filledBy, seedRequests, times, unfilledBy } from './seed-history.ts';

describe('partner statistics and lending capacity', () => {
  let mod: RunningModule;
  let tenant: string;
  let api: ReturnType<typeof tenantClient>;
  let openLendingIds: string[];

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('stats');
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant);
    for (const [code, symbols] of [
      ['A', [{ authority: 'ISIL', symbol: 'DK-A' }, { authority: 'OCLC', symbol: 'AAA' }]],
      ['B', [{ authority: 'ISIL', symbol: 'DK-B' }]],
      ['IDLE', [{ authority: 'ISIL', symbol: 'DK-IDLE' }]],
    ] as const) {
      await api.post('/resource-sharing/directory/entries', { name: `Library ${code}`, symbols, partner: true });
    }
    await seedRequests(mod.db, tenant, [
      ...times(3, { role: 'borrowing', state: 'REQ_SENT_TO_SUPPLIER', supplierSymbol: 'ISIL:DK-A' }),
      { role: 'borrowing', state: 'REQ_SHIPPED', supplierSymbol: 'OCLC:AAA', steps: [{ toState: 'REQ_SENT_TO_SUPPLIER', daysAgo: 5 }, { toState: 'REQ_SHIPPED', daysAgo: 1 }] },
      filledBy('ISIL:DK-A', 10, 2),
      unfilledBy('ISIL:DK-A', 'ISIL:DK-B'),
      unfilledBy('ISIL:DK-A', 'ISIL:DK-B'),
      { role: 'borrowing', state: 'REQ_CANCELLED', supplierSymbol: 'ISIL:DK-B' },
      ...times(2, { role: 'lending', state: 'RES_COMPLETE', requesterSymbol: 'isil:dk-b', steps: [{ toState: 'RES_ITEM_SHIPPED', daysAgo: 3 }] }),
      { role: 'lending', state: 'RES_UNFILLED', requesterSymbol: 'ISIL:DK-B' },
      { role: 'borrowing', state: 'REQ_EXPECTS_TO_SUPPLY', supplierSymbol: 'ISIL:XX-STRANGER' },
    ]);
    openLendingIds = await seedRequests(mod.db, tenant, times(3, { role: 'lending', state: 'RES_IDLE', requesterSymbol: 'ISIL:DK-B' }));
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  it('returns per partner open requests each way, fill rate, turnaround and what each side lent', async () => {
    const res = await api.get('/resource-sharing/statistics/partners');
    assert.equal(res.status, 200);
    const by = (symbol: string) => res.body.partners.find((p: { symbol: string }) => p.symbol === symbol);
    assert.deepEqual(
      { ...by('ISIL:DK-A'), entryId: undefined },
      {
        symbol: 'ISIL:DK-A',
        symbols: ['ISIL:DK-A', 'OCLC:AAA'],
        name: 'Library A',
        entryId: undefined,
        partner: true,
        openBorrowing: 4, // three sent, one shipped (under its OCLC symbol)
        openLending: 0,
        lentToUs: 2,
        borrowedFromUs: 0,
        unfilled: 2,
        fillRate: 0.5,
        medianTurnaroundDays: 3, // 4 days and 2 days
      },
    );
    const b = by('ISIL:DK-B');
    assert.equal(b.openBorrowing, 2, 'the two requests A could not fill are with B now');
    assert.equal(b.openLending, 3);
    assert.equal(b.borrowedFromUs, 2, 'an Unfilled answer is no loan');
    assert.equal(b.lentToUs, 0);
    assert.equal(b.fillRate, null);
    const idle = by('ISIL:DK-IDLE');
    assert.equal(idle.openBorrowing, 0);
    assert.equal(idle.medianTurnaroundDays, null);
    const stranger = by('ISIL:XX-STRANGER');
    assert.equal(stranger.name, null);
    assert.equal(stranger.partner, false);
    assert.equal(stranger.openBorrowing, 1);
  });

  it('reports lending capacity against the threshold, and says when new requests must be answered Unfilled', async () => {
    const none = await lendingCapacity(mod.db, tenant);
    assert.deepEqual(none, { open: 3, threshold: null, overloaded: false, reason: '3 open lending requests; no lending threshold is set' });

    await api.put('/resource-sharing/settings', { lendingThreshold: 3 });
    const full = await lendingCapacity(mod.db, tenant);
    assert.equal(full.overloaded, true);
    assert.equal(full.reason, '3 open lending requests, at or above the lending threshold of 3: new requests are answered Unfilled');
    const excluding = await lendingCapacity(mod.db, tenant, { excludeRequestId: openLendingIds[0] });
    assert.equal(excluding.open, 2);
    assert.equal(excluding.overloaded, false);
    assert.equal(excluding.reason, '2 open lending requests, below the lending threshold of 3');

    const http = await api.get('/resource-sharing/statistics/lending-capacity');
    assert.equal(http.status, 200);
    assert.equal(http.body.overloaded, true);
  });
});
