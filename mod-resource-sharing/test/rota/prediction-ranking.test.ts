// A rota profile that ranks by the predictions, through the HTTP API: the order, the words, the
// request's own rota (REST and GraphQL), and the library's reliability table.
import assert from 'node:assert/strict';
import {
  enableTenant,
  purgeTenant,
  startModule,
  tenantClient,
  uniqueTenant,
  type RunningModule,
} from '../../../test/support/module-harness.ts';
import type { RotaEntry } from '../../src/rota/index.ts';
import { filledBy, seedRequests, unfilledBy } from './seed-history.ts';

const citation = { title: 'Moby Dick', isbn: '9780142437247' };
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('ranking by predictions (mostLikelyFastest)', () => {
  let mod: RunningModule;
  let tenant: string;
  let api: ReturnType<typeof tenantClient>;
  let profileId: string;

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
    tenant = uniqueTenant('pred');
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant);
    assert.equal((await partner('HOME', { self: true })).status, 201);
    await api.put('/resource-sharing/settings', { ownSymbols: ['ISIL:DK-HOME'] });
    for (const code of ['QUICK', 'SURE', 'NEWBIE']) assert.equal((await partner(code)).status, 201);
    await seedRequests(mod.db, tenant, [
      // QUICK: 8 of 10 filled, in 2 days each
      ...Array.from({ length: 8 }, (_, i) => filledBy('ISIL:DK-QUICK', 60 - i * 5, 2)),
      unfilledBy('ISIL:DK-QUICK'),
      unfilledBy('ISIL:DK-QUICK'),
      // SURE: 10 of 10 filled, in 9 days each
      ...Array.from({ length: 10 }, (_, i) => filledBy('ISIL:DK-SURE', 100 - i * 5, 9)),
    ]);
    const profile = await api.post('/resource-sharing/rotas', {
      name: 'Fastest',
      ordered: false,
      strategy: 'mostLikelyFastest',
      entries: [{ symbol: 'ISIL:DK-SURE' }, { symbol: 'ISIL:DK-NEWBIE' }, { symbol: 'ISIL:DK-QUICK' }],
      rules: [{ serviceType: 'loan' }],
    });
    assert.equal(profile.status, 201);
    assert.equal(profile.body.strategy, 'mostLikelyFastest');
    profileId = profile.body.id;
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  const symbols = (entries: RotaEntry[]) => entries.map((e) => e.symbol.replace('ISIL:DK-', ''));

  it('without a needed-before date asks the lender with the most fills per day of waiting first, and says why', async () => {
    const res = await api.post('/resource-sharing/rotas/preview', { serviceType: 'loan', citation });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.profile, { id: profileId, name: 'Fastest', ordered: false, strategy: 'mostLikelyFastest' });
    const [first, ...rest] = res.body.entries as RotaEntry[];
    assert.equal(first.symbol, 'ISIL:DK-QUICK');
    assert.match(first.reason, /^ranked 1st as most likely to fill fastest \(fills \d+ % and keeps a request [\d.]+ days on average\): /);
    assert.match(first.reason, /; predicted: fills (7\d|8\d) % of loans, usually here in 2 days \(90 %: \d+\), from 10 requests in the last year$/);
    const p = first.prediction!;
    assert.ok(p.fillProbability > 0.6 && p.fillProbability < 0.9, `8 of 10, shrunk: ${p.fillProbability}`);
    assert.equal(p.medianDays, 2);
    assert.equal(p.basis, 'serviceType');
    const newbie = rest.find((e) => e.symbol === 'ISIL:DK-NEWBIE')!;
    assert.match(newbie.reason, /predicted: no history with this lender, so like all lenders it fills \d+ % of loans/);
    assert.equal(newbie.prediction!.basis, 'pooled');
    const sure = rest.find((e) => e.symbol === 'ISIL:DK-SURE')!;
    assert.ok(sure.prediction!.fillProbability > p.fillProbability && sure.prediction!.fillProbability < 1, 'all filled is still not 100 %');
    assert.equal(sure.prediction!.medianDays, 9);
  });

  it('with a needed-before date 9 days away asks the sure lender first: after an Unfilled from the quick one it could not make it', async () => {
    const soon = await api.post('/resource-sharing/rotas/preview', { serviceType: 'loan', citation, patron: { neededBefore: inDays(9) } });
    assert.equal(soon.status, 200);
    assert.deepEqual(symbols(soon.body.entries).slice(0, 2), ['SURE', 'QUICK']);
    assert.match(soon.body.entries[0].reason, /^ranked 1st as most likely to fill fastest \(\d+ % chance it delivers within the 9 days the patron can wait\)/);
    assert.match(soon.body.entries[1].reason, /^ranked 2nd as most likely to fill fastest \(\d+ % chance it delivers within the 8 days the patron can wait; 9\d % that one of the first 2 has\)/);
    // with 3 days to go the slow lender cannot make it at all
    const urgent = await api.post('/resource-sharing/rotas/preview', { serviceType: 'loan', citation, patron: { neededBefore: inDays(3) } });
    assert.equal(symbols(urgent.body.entries)[0], 'QUICK');
  });

  it('the rules ranking of the same lenders keeps its score but shows the predictions too', async () => {
    const res = await api.post('/resource-sharing/rotas', {
      name: 'Rules',
      ordered: false,
      entries: [{ symbol: 'ISIL:DK-SURE' }, { symbol: 'ISIL:DK-QUICK' }],
    });
    assert.equal(res.status, 201);
    const preview = await api.post('/resource-sharing/rotas/preview', { serviceType: 'loan', citation, profileId: res.body.id });
    assert.equal(preview.body.profile.strategy, 'score');
    for (const e of preview.body.entries as RotaEntry[]) {
      assert.match(e.reason, /^ranked \d(st|nd) \(score -?[\d.]+\): .*; predicted: fills \d+ % of loans/);
    }
  });

  it('an ordered profile cannot rank by predictions (422 naming strategy)', async () => {
    const res = await api.post('/resource-sharing/rotas', {
      name: 'Fixed but fast',
      ordered: true,
      strategy: 'mostLikelyFastest',
      entries: [{ symbol: 'ISIL:DK-SURE' }],
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].parameters[0].key, 'strategy');
    const bad = await api.post('/resource-sharing/rotas', { name: 'Odd', ordered: false, strategy: 'fastest', entries: [] });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].parameters[0].key, 'strategy');
  });

  it('a new request keeps the predictions on its rota, in REST and in GraphQL', async () => {
    const created = await api.post('/resource-sharing/requests', { serviceType: 'loan', citation });
    assert.equal(created.status, 201);
    let request = created.body;
    for (let i = 0; i < 50 && !request.rota; i++) {
      await new Promise((r) => setTimeout(r, 100));
      request = (await api.get(`/resource-sharing/requests/${created.body.id}`)).body;
    }
    assert.ok(request.rota, 'the workflow built the rota');
    assert.equal(request.rota[0].symbol, 'ISIL:DK-QUICK');
    assert.match(request.rota[0].reason, /predicted: fills \d+ % of loans, usually here in 2 days/);
    assert.equal(request.rota[0].prediction.medianDays, 2);
    const gql = await api.post('/resource-sharing/graphql', {
      query: 'query($id: ID!) { request(id: $id) { rota { symbol prediction { fillProbability medianDays p90Days requestsLastYear basis reason } } } }',
      variables: { id: request.id },
    });
    assert.equal(gql.status, 200, JSON.stringify(gql.body));
    const rota = gql.body.data.request.rota;
    assert.equal(rota[0].prediction.medianDays, 2);
    assert.equal(rota[0].prediction.requestsLastYear, 10);
    assert.equal(rota[0].prediction.basis, 'serviceType');
  });

  it('shows the library\'s reliability table and today\'s predictions per lender', async () => {
    const res = await api.get('/resource-sharing/statistics/predictions');
    assert.equal(res.status, 200);
    assert.equal(res.body.months, 12);
    assert.equal(res.body.minimumAttempts, 50);
    assert.equal(res.body.enough, false, `${res.body.attempts} attempts are too few to judge`);
    assert.equal(res.body.bins.length, 10);
    assert.ok(res.body.attempts > 0, 'later attempts were predicted from earlier ones');
    const quick = res.body.lenders.find((l: { symbol: string }) => l.symbol === 'ISIL:DK-QUICK');
    assert.equal(quick.name, 'Library QUICK');
    assert.equal(quick.loan.medianDays, 2);
    assert.equal(quick.copy.basis, 'lender');
    assert.ok(!res.body.lenders.some((l: { symbol: string }) => l.symbol === 'ISIL:DK-NEWBIE'), 'no history, no line');
    const bad = await api.get('/resource-sharing/statistics/predictions?months=0');
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].parameters[0].key, 'months');
  });
});
