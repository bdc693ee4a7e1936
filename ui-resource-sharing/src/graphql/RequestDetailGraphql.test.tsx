import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeBackend } from '../../test/fake-backend.ts';
import { graphqlExtras } from '../../test/fake-graphql.ts';
import { SAMPLE_REQUESTS } from '../../test/fixtures.ts';
import { KeyValue, Pane } from '../../test/interactors.ts';

const SHIPPED = SAMPLE_REQUESTS[1];

describe('ui-resource-sharing: request detail through the GraphQL API', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;
  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  it('reads record, partner entry and timeline in one GraphQL query with the Okapi headers, not over REST', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    graphqlExtras(backend).directory = [{ id: 'd1', name: 'Royal Danish Library', symbols: ['ISIL:DK-820010'] }];
    backend.audit.set(SHIPPED.id, [
      { id: 'a1', requestId: SHIPPED.id, timestamp: '2026-03-02T09:00:00.000Z', actor: { type: 'partner', id: 'ISIL:DK-820010' }, action: 'shipped', fromState: 'REQ_SENT_TO_SUPPLIER', toState: 'REQ_SHIPPED', message: 'Loaned' },
    ]);
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${SHIPPED.id}`, backend });
    await KeyValue('Supplier').has({ value: 'Royal Danish Library' });
    await Pane('DIKU-1002').has({ text: including('ISIL:DK-820010') });
    await Pane('DIKU-1002').has({ text: including('Royal Danish Library') });
    await Pane('DIKU-1002').has({ text: including('Sent to supplier → Shipped by supplier') });
    const posts = backend.callsTo('/resource-sharing/graphql', 'POST');
    assert.ok(posts.length >= 1);
    const body = posts[0].body as { operationName: string; variables: { id: string } };
    assert.equal(body.operationName, 'RequestDetail');
    assert.deepEqual(body.variables, { id: SHIPPED.id });
    assert.equal(posts[0].headers.get('X-Okapi-Tenant'), h.TENANT);
    assert.equal(posts[0].headers.get('X-Okapi-Token'), h.TOKEN);
    assert.equal(backend.callsTo(`/resource-sharing/requests/${SHIPPED.id}`, 'GET').filter((c) => c.path === `/resource-sharing/requests/${SHIPPED.id}` || c.path.endsWith('/audit')).length, 0, 'no REST reads of the record or its audit');
  });

  it('shows the record when the timeline is not allowed, and says which permission is missing', async () => {
    const backend = new FakeBackend(SAMPLE_REQUESTS);
    graphqlExtras(backend).denied.add('audit');
    mounted = h.mountApp({ path: `/resource-sharing/borrowing/view/${SHIPPED.id}`, backend });
    await KeyValue('State').has({ value: 'Shipped by supplier' });
    await Pane('DIKU-1002').has({ text: including('resource-sharing.requests.audit.get') });
  });
});
