// The per-instance cache of settings and directory lookups (db/tenant-cache.ts): it keeps what it
// loaded while it can hear changes, forgets a tenant on a change, and does not grow with the
// symbols a hostile sender makes up.
import assert from 'node:assert/strict';
import { pgliteDatabase, type Database } from '../../src/db/database.ts';
import { cached, forgetTenant, listenForConfigChanges } from '../../src/db/tenant-cache.ts';
import { eventually } from '../../../test/support/library-network.ts';

describe('tenant cache', () => {
  let db: Database;
  let stop: () => Promise<void>;
  let loads = 0;
  const load = (key: string) => async () => {
    loads++;
    return { key };
  };

  before(async () => {
    db = await pgliteDatabase('memory://');
    stop = listenForConfigChanges(db, () => undefined);
    // caching starts once the LISTEN is in place
    await eventually(async () => {
      const before = loads;
      await cached(db, 'probe', 'k', load('k'));
      await cached(db, 'probe', 'k', load('k'));
      return loads === before + 1 ? true : undefined;
    }, 'the cache to start keeping values');
  });
  after(async () => {
    await stop();
    await db.close();
  });

  it('answers a kept value without loading it again, frozen, until the tenant is forgotten', async () => {
    const first = await cached(db, 'alpha', 'settings', load('settings'));
    const before = loads;
    assert.equal(await cached(db, 'alpha', 'settings', load('settings')), first);
    assert.equal(loads, before);
    assert.throws(() => ((first as { key: string }).key = 'changed'), TypeError);
    forgetTenant(db, 'alpha');
    await cached(db, 'alpha', 'settings', load('settings'));
    assert.equal(loads, before + 1);
  });

  it('starts a tenant over instead of growing past its limit (symbols a sender makes up)', async () => {
    for (let i = 0; i < 1_000; i++) await cached(db, 'beta', `entry:ISIL:MADE-UP-${i}`, load(`${i}`));
    const before = loads;
    await cached(db, 'beta', 'entry:ISIL:MADE-UP-0', load('0'));
    assert.equal(loads, before, 'within the limit the first lookup is still kept');
    await cached(db, 'beta', 'entry:ISIL:ONE-MORE', load('one more'));
    await cached(db, 'beta', 'entry:ISIL:MADE-UP-0', load('0'));
    assert.equal(loads, before + 2, 'past the limit the tenant started over');
  });
});
