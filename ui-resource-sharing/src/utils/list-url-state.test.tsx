import assert from 'node:assert/strict';
import {
  NO_LIST_FILTERS, hasListParams, isCalendarDate, listUrlParams, parseListUrl, withListParams,
  type ListSort, type ListUrlOptions, type ListUrlState,
} from './list-url-state.ts';

const DEFAULT_SORT: ListSort = { field: 'updatedDate', direction: 'descending' };
const OPTIONS: ListUrlOptions = {
  states: ['REQ_IDLE', 'REQ_SHIPPED'],
  sortFields: ['hrid', 'title', 'patronName', 'updatedDate'],
  defaultSort: DEFAULT_SORT,
};
const UNFILTERED: ListUrlState = { ...NO_LIST_FILTERS, sort: DEFAULT_SORT };

describe('ui-resource-sharing: list state in the URL', () => {
  it('reads search, every filter group and the sort', () => {
    const state = parseListUrl('?query=rose%20garden&filters=state.REQ_SHIPPED,state.REQ_IDLE,needsAttention.true,'
      + 'serviceType.copy,partner.ISIL:DE-12,createdDate.2026-03-01:2026-03-31,updatedDate.:2026-04-01&sort=-title', OPTIONS);
    assert.deepEqual(state, {
      search: 'rose garden',
      states: ['REQ_SHIPPED', 'REQ_IDLE'],
      needsAttention: true,
      serviceTypes: ['copy'],
      partners: ['ISIL:DE-12'],
      created: { from: '2026-03-01', to: '2026-03-31' },
      updated: { from: '', to: '2026-04-01' },
      sort: { field: 'title', direction: 'descending' },
    });
  });

  it('writes readable parameters, leaving out what is at its default', () => {
    const state: ListUrlState = {
      ...UNFILTERED, search: 'rose', states: ['REQ_SHIPPED'], serviceTypes: ['copy'], partners: ['ISIL:DE-12'],
      created: { from: '2026-03-01', to: '' },
    };
    assert.equal(listUrlParams(state, DEFAULT_SORT),
      'query=rose&filters=state.REQ_SHIPPED,serviceType.copy,partner.ISIL:DE-12,createdDate.2026-03-01:');
    assert.equal(listUrlParams({ ...UNFILTERED, sort: { field: 'title', direction: 'ascending' } }, DEFAULT_SORT), 'sort=title');
    assert.equal(listUrlParams(UNFILTERED, DEFAULT_SORT), '');
  });

  it('reads back what it wrote, including awkward search terms and partner symbols', () => {
    const state: ListUrlState = {
      ...UNFILTERED, search: 'say "hi" & 50% off, a+b #1', needsAttention: true, partners: ['X:a,b%2C'],
      updated: { from: '2026-01-01', to: '2026-01-02' }, sort: { field: 'hrid', direction: 'descending' },
    };
    const search = withListParams('?locale=de', listUrlParams(state, DEFAULT_SORT));
    assert.deepEqual(parseListUrl(search, OPTIONS), state);
    assert.ok(search.startsWith('?locale=de&query='));
  });

  it('ignores invalid values and keeps the valid ones', () => {
    const state = parseListUrl('?filters=state.RES_IDLE,state.REQ_NOPE,state.REQ_SHIPPED,state.REQ_SHIPPED,serviceType.fax,'
      + 'partner.<script>,partner.,needsAttention.yes,createdDate.2026-02-30:,createdDate.2026-03-05:2026-03-01,'
      + 'updatedDate.soon,updatedDate.2026-03-01:2026-03-02:2026-03-03,,.,nonsense,bogus.value,%ZZ&sort=-password', OPTIONS);
    assert.deepEqual(state, { ...UNFILTERED, states: ['REQ_SHIPPED'] });
    assert.deepEqual(parseListUrl('?query=%E0%A4%A&filters=%&sort=', OPTIONS).sort, DEFAULT_SORT);
    assert.deepEqual(parseListUrl('?query=%20%20&sort=--title', OPTIONS), UNFILTERED);
    assert.deepEqual(parseListUrl(`?query=${'x'.repeat(501)}`, OPTIONS), UNFILTERED);
  });

  it('checks dates against the calendar', () => {
    assert.ok(isCalendarDate('2024-02-29'));
    assert.ok(!isCalendarDate('2026-02-29'));
    assert.ok(!isCalendarDate('2026-13-01'));
    assert.ok(!isCalendarDate('2026-3-1'));
  });

  it('replaces only the list parameters of a query string', () => {
    assert.equal(withListParams('?locale=de&query=old&sort=title&x=a%20b', 'filters=state.REQ_IDLE'), '?locale=de&x=a%20b&filters=state.REQ_IDLE');
    assert.equal(withListParams('?query=old', ''), '');
    assert.equal(withListParams('', 'query=new'), '?query=new');
    assert.ok(hasListParams('?sort=nonsense'));
    assert.ok(!hasListParams('?locale=de'));
  });
});
