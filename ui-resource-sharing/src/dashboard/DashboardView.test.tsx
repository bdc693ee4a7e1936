import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Link, Select, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeBackend } from '../../test/fake-backend.ts';
import { graphqlExtras } from '../../test/fake-graphql.ts';
import { ChartBar } from '../../test/editor-interactors.ts';
import { Pane } from '../../test/interactors.ts';
import type { DashboardStatistics } from '../graphql/types.ts';

const STATS: DashboardStatistics = {
  since: null,
  borrowing: {
    open: 7,
    openByState: [{ state: 'REQ_SENT_TO_SUPPLIER', count: 5 }, { state: 'REQ_SHIPPED', count: 2 }],
    filled: 2, notFilled: 1, fillRate: 0.667, medianTurnaroundDays: 3, p90TurnaroundDays: 3.8, turnaroundSamples: 2,
  },
  lending: {
    open: 2, openByState: [{ state: 'RES_IDLE', count: 2 }], filled: 2, notFilled: 2, fillRate: 0.5,
    medianTurnaroundDays: 1.5, p90TurnaroundDays: 2, turnaroundSamples: 2,
  },
  partners: [
    { symbol: 'ISIL:DK-A', name: 'Library A', partner: true, openBorrowing: 5, openLending: 2, lentToUs: 2, borrowedFromUs: 0, balance: -2, unfilled: 2, fillRate: 0.5, medianTurnaroundDays: 3 },
    { symbol: 'ISIL:DK-B', name: 'Library B', partner: true, openBorrowing: 0, openLending: 0, lentToUs: 0, borrowedFromUs: 4, balance: 4, unfilled: 0, fillRate: null, medianTurnaroundDays: null },
    { symbol: 'ISIL:DK-IDLE', name: 'Idle Library', partner: true, openBorrowing: 0, openLending: 0, lentToUs: 0, borrowedFromUs: 0, balance: 0, unfilled: 0, fillRate: null, medianTurnaroundDays: null },
  ],
};

describe('ui-resource-sharing: dashboard', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;
  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  it('charts open requests by state, fill rate, turnaround and the balance per partner from the GraphQL API', async () => {
    const backend = new FakeBackend([]);
    graphqlExtras(backend).statistics = STATS;
    mounted = h.mountApp({ path: '/resource-sharing/borrowing', backend });
    await Link('Dashboard').click();
    await Pane('Resource sharing dashboard').exists();
    await ChartBar('REQ_SENT_TO_SUPPLIER').has({ label: 'Sent to supplier', value: 5, chart: 'rs-chart-open-borrowing' });
    await ChartBar('REQ_SHIPPED').has({ value: 2 });
    await ChartBar('RES_IDLE').has({ label: 'New', value: 2, chart: 'rs-chart-open-lending' });
    const ring = document.getElementById('rs-chart-fill-borrowing');
    assert.equal(ring?.getAttribute('aria-label'), 'Fill rate, Borrowing: 67%');
    await Pane('Resource sharing dashboard').has({ text: including('2 filled, 1 not filled') });
    const medians = Array.from(document.querySelectorAll('[data-test-turnaround-median] [data-test-kv-value]')).map((e) => e.textContent);
    assert.deepEqual(medians, ['3', '1.5']);
    await ChartBar({ chart: 'rs-chart-turnaround-partners' } as never).exists();
    // balance: B borrowed 4 from us (right), A lent us 2 (left); the idle partner has no bar
    await ChartBar('ISIL:DK-B').has({ chart: 'rs-chart-balance', value: 4 });
    const balanceBars = Array.from(document.querySelectorAll('#rs-chart-balance g[data-test-bar]')).map((g) => [g.getAttribute('data-label'), g.getAttribute('data-value')]);
    assert.deepEqual(balanceBars, [['Library A', '-2'], ['Library B', '4']]);
    assert.match(document.querySelector('#rs-chart-balance g[data-test-bar="ISIL:DK-A"] title')?.textContent ?? '', /we lent 0, we borrowed 2, balance -2/);

    const posts = backend.callsTo('/resource-sharing/graphql', 'POST');
    assert.ok(posts.length >= 1);
    assert.equal(posts[0].headers.get('X-Okapi-Tenant'), h.TENANT);
    assert.equal(posts[0].headers.get('X-Okapi-Token'), h.TOKEN);
    assert.deepEqual((posts[0].body as { variables: unknown }).variables, { since: null });
  });

  it('asks again for a shorter period', async () => {
    const backend = new FakeBackend([]);
    graphqlExtras(backend).statistics = STATS;
    mounted = h.mountApp({ path: '/resource-sharing/dashboard', backend });
    await ChartBar('RES_IDLE').exists();
    await Select('Period for fill rate and turnaround').choose('Last 30 days');
    const since = async () => {
      const posts = backend.callsTo('/resource-sharing/graphql', 'POST');
      return (posts[posts.length - 1].body as { variables: { since: string | null } }).variables.since;
    };
    await Pane('Resource sharing dashboard').has({ text: including('Sent to supplier') });
    for (let i = 0; i < 50 && (await since()) === null; i += 1) await new Promise((r) => setTimeout(r, 20));
    const days = (Date.now() - Date.parse((await since()) ?? '')) / 86_400_000;
    assert.ok(Math.abs(days - 30) < 0.01, `since is 30 days back, got ${days}`);
  });

  it('says which permission is missing when the statistics are not allowed', async () => {
    const backend = new FakeBackend([]);
    graphqlExtras(backend).statistics = STATS;
    graphqlExtras(backend).denied.add('statistics');
    mounted = h.mountApp({ path: '/resource-sharing/dashboard', backend });
    await Pane('Resource sharing dashboard').has({ text: including('The statistics could not be loaded') });
    await Pane('Resource sharing dashboard').has({ text: including('resource-sharing.statistics.get') });
    assert.equal(document.querySelectorAll('g[data-test-bar]').length, 0);
  });
});
