// Saving requests in the statement that carries its transaction's COMMIT (QueryOptions.commit):
// a save that finds the record changed (stale version) or a create that finds its id taken must
// take the whole transaction back with it, as it does when the COMMIT goes separately.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConflictError, ValidationError } from '../../src/okapi/errors.ts';
import { getRequest, insertRequest, saveRequest, type NewRequest } from '../../src/requests/request-store.ts';
import { listAudit, type Actor } from '../../src/requests/audit.ts';
import { parseRequestChange, REQUEST_CHANNEL } from '../../src/live/request-events.ts';
import { enableTenant, purgeTenant, startModule, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';
import { eventually } from '../../../test/support/library-network.ts';

describe('request store: the last statement commits', () => {
  let mod: RunningModule;
  const tenant = uniqueTenant('store');
  const staff: Actor = { type: 'user', id: randomUUID() };
  const draft = (title: string): NewRequest => ({
    role: 'borrowing',
    state: 'REQ_IDLE',
    stateModel: 'borrowing-returnable',
    needsAttention: false,
    serviceType: 'loan',
    citation: { title },
  });

  before(async () => {
    mod = await startModule();
    await enableTenant(mod.url, tenant);
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  it('commits a create and a save that carry the COMMIT', async () => {
    const created = await mod.db.transaction((tx) => insertRequest(tx, tenant, draft('Created and committed'), staff, undefined, {}, undefined, { commit: true }));
    assert.match(created.hrid, /-\d+$/);
    const saved = await mod.db.transaction((tx) =>
      saveRequest(tx, tenant, { ...created, needsAttention: true }, staff, { action: 'flag' }, { commit: true }),
    );
    assert.equal(saved._version, 2);
    const stored = await getRequest(mod.db, tenant, created.id);
    assert.equal(stored?._version, 2);
    assert.equal(stored?.needsAttention, true);
    assert.deepEqual((await listAudit(mod.db, tenant, created.id)).map((a) => a.action), ['create', 'flag']);
  });

  it('a stale save that carries the COMMIT is a 409 and takes back what the transaction wrote before it', async () => {
    const a = await mod.db.transaction((tx) => insertRequest(tx, tenant, draft('A'), staff));
    const b = await mod.db.transaction((tx) => insertRequest(tx, tenant, draft('B'), staff));
    await mod.db.transaction((tx) => saveRequest(tx, tenant, { ...b, needsAttention: true }, staff, { action: 'meanwhile' }));
    await assert.rejects(
      mod.db.transaction(async (tx) => {
        await saveRequest(tx, tenant, { ...a, needsAttention: true }, staff, { action: 'first write' });
        await saveRequest(tx, tenant, { ...b, needsAttention: false }, staff, { action: 'stale' }, { commit: true });
      }),
      (err: unknown) => err instanceof ConflictError && /out of date/.test(err.message),
    );
    assert.equal((await getRequest(mod.db, tenant, a.id))?._version, 1, 'the first write was taken back');
    assert.deepEqual((await listAudit(mod.db, tenant, a.id)).map((e) => e.action), ['create']);
    assert.equal((await getRequest(mod.db, tenant, b.id))?._version, 2);
  });

  it('a create whose id is taken, carrying the COMMIT, is a 422 and takes back what the transaction wrote before it', async () => {
    const a = await mod.db.transaction((tx) => insertRequest(tx, tenant, draft('A again'), staff));
    await assert.rejects(
      mod.db.transaction(async (tx) => {
        await saveRequest(tx, tenant, { ...a, needsAttention: true }, staff, { action: 'first write' });
        await insertRequest(tx, tenant, { ...draft('Same id'), id: a.id }, staff, undefined, {}, undefined, { commit: true });
      }),
      (err: unknown) => err instanceof ValidationError && /already exists/.test(err.message),
    );
    assert.equal((await getRequest(mod.db, tenant, a.id))?._version, 1, 'the first write was taken back');
  });

  it('announces a change to the live screens once it has committed, never one that rolled back', async () => {
    const seen: string[] = [];
    const unlisten = await mod.db.listen!(REQUEST_CHANNEL, (payload) => {
      const change = parseRequestChange(payload);
      if (change?.tenant === tenant) seen.push(`${change.hrid}:${change.version}:${change.needsAttention}`);
    });
    try {
      const a = await mod.db.transaction((tx) => insertRequest(tx, tenant, draft('Announced'), staff));
      await assert.rejects(
        mod.db.transaction(async (tx) => {
          await saveRequest(tx, tenant, { ...a, needsAttention: true }, staff, { action: 'rolled back' });
          throw new Error('changed my mind');
        }),
        /changed my mind/,
      );
      await mod.db.transaction((tx) => saveRequest(tx, tenant, { ...a, serviceType: 'copy' }, staff, { action: 'kept' }, { commit: true }));
      await eventually(async () => (seen.length >= 2 ? true : undefined), 'two announcements');
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(seen, [`${a.hrid}:1:false`, `${a.hrid}:2:false`]);
    } finally {
      await unlisten();
    }
  });
});
