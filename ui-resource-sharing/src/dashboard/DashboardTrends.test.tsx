import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Link, Select } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeBackend } from '../../test/fake-backend.ts';
import { graphqlExtras } from '../../test/fake-graphql.ts';
import { Pane } from '../../test/interactors.ts';

const TRENDS = {
  byWeek: [
    { week: '2026-11-23', placed: 4, filled: 1, unfilled: 0 },
    { week: '2026-11-30', placed: 2, filled: 3, unfilled: 1 },
  ],
  byPartner: [{ symbol: 'ISIL:DK-A', name: 'Library A', placed: 5, filled: 3, unfilled: 1 }, { symbol: 'ISIL:DK-B', name: null, placed: 1, filled: 1, unfilled: 0 }],
  turnaround: [{ fromDays: 0, toDays: 1, count: 2 }, { fromDays: 1, toDays: 2, count: 0 }, { fromDays: 28, toDays: null, count: 1 }],
  workload: [{ state: 'REQ_SENT_TO_SUPPLIER', count: 5 }],
};

/** the cells of a trend's data table, row by row */
function table(id: string): string[][] {
  const t = document.querySelector(`[data-test-trend-table="${id}"]`);
  assert.ok(t, `no table ${id}`);
  return Array.from(t.querySelectorAll('tr')).map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent ?? ''));
}

describe('ui-resource-sharing: dashboard trends', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;
  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  function backendWithTrends() {
    const backend = new FakeBackend([]);
    graphqlExtras(backend).statistics = undefined;
    const asked: string[] = [];
    const base = backend.fetch;
    Object.defineProperty(backend, 'fetch', {
      value: async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = input instanceof Request ? input : new Request(input, init);
        const url = new URL(request.url);
        if (url.pathname !== '/resource-sharing/statistics/trends') return base(request);
        asked.push(url.search);
        return new Response(JSON.stringify(TRENDS), { status: 200, headers: { 'Content-Type': 'application/json' } });
      },
    });
    return { backend, asked };
  }

  it('charts placed/filled/unfilled per week and partner, turnaround and workload, each with a titled chart and a data table', async () => {
    const { backend, asked } = backendWithTrends();
    mounted = h.mountApp({ path: '/resource-sharing/borrowing', backend });
    await Link('Dashboard').click();
    await Pane('Resource sharing dashboard').exists();
    await Select('Period', { id: 'rs-trends-weeks' } as never).exists();
    for (let i = 0; i < 50 && !document.querySelector('[data-test-trend-table="rs-trend-weeks"]'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(asked, ['?role=borrowing&weeks=12']);
    assert.deepEqual(table('rs-trend-weeks'), [
      ['Week, partner or state', 'Placed', 'Filled', 'Unfilled'],
      ['Nov 23', '4', '1', '0'],
      ['Nov 30', '2', '3', '1'],
    ]);
    assert.deepEqual(table('rs-trend-partners').slice(1), [['Library A', '5', '3', '1'], ['ISIL:DK-B', '1', '1', '0']]);
    assert.deepEqual(table('rs-trend-turnaround').slice(1), [['0–1 days', '2'], ['1–2 days', '0'], ['28 days or more', '1']]);
    assert.deepEqual(table('rs-trend-workload').slice(1), [['Sent to supplier', '5']]);
    const chart = document.querySelector('#rs-trend-weeks [role="img"]');
    assert.equal(chart?.getAttribute('aria-label'), 'Borrowing: placed, filled and unfilled per week');
    assert.ok(chart?.querySelector('svg'), 'the chart is drawn');
    assert.equal(document.getElementById('rs-trend-weeks')?.getAttribute('aria-labelledby'), 'rs-trend-weeks-title');
  });

  it('asks again for another role and period', async () => {
    const { backend, asked } = backendWithTrends();
    mounted = h.mountApp({ path: '/resource-sharing/dashboard', backend });
    for (let i = 0; i < 50 && asked.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await Select({ id: 'rs-trends-role' } as never).choose('Lending');
    await Select({ id: 'rs-trends-weeks' } as never).choose('Last 52 weeks');
    for (let i = 0; i < 50 && asked.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(asked, ['?role=borrowing&weeks=12', '?role=lending&weeks=12', '?role=lending&weeks=52']);
  });
});
