import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database.ts';
import { schemaOf } from '../../src/db/tenant-schema.ts';
import { claimDue, setOutboxInstance } from '../../src/outbox/claim.ts';
import {
  configureOutbox,
  deliverPending,
  drainOutbox,
  enqueue,
  getOutboxMessage,
  kickOutbox,
  setOutboxHooks,
  type DeliveryFailure,
  type OutboxMessage,
} from '../../src/outbox/index.ts';
import {
  enableTenant,
  purgeTenant,
  startModule,
  tenantClient,
  uniqueTenant,
  type RunningModule,
} from '../../../test/support/module-harness.ts';
import { deadUrl, notification, startFakePartner, type FakePartner } from './fake-partner.ts';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const quietLog = { error: () => undefined, warn: () => undefined };
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe('outbox delivery', () => {
  let mod: RunningModule;
  let db: Database;
  let tenant: string;
  let partner: FakePartner;

  before(async () => {
    mod = await startModule();
    db = mod.db;
    tenant = uniqueTenant('obx');
    await enableTenant(mod.url, tenant);
    partner = await startFakePartner();
  });
  after(async () => {
    await partner.close();
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });
  beforeEach(() => {
    partner.received.length = 0;
    partner.answer = () => ({ type: 'ok' });
  });
  afterEach(async () => {
    setOutboxHooks({});
    configureOutbox();
    await db.query(`DELETE FROM ${schemaOf(tenant)}.outbox`);
  });

  /** Enqueues messages in one committed transaction, as the workflow does with its state change. */
  async function send(...msgs: { label: string; requestId?: string; url?: string }[]): Promise<string[]> {
    return db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const m of msgs) {
        ids.push(
          await enqueue(tx, tenant, {
            requestId: m.requestId,
            partnerSymbol: 'ISIL:DK-820010',
            url: m.url ?? partner.url,
            kind: 'iso18626',
            body: notification(m.label),
          }),
        );
      }
      return ids;
    });
  }
  const get = async (id: string): Promise<OutboxMessage> => (await getOutboxMessage(db, tenant, id))!;

  it('delivers a message, stores the confirmation and runs onDelivered in the recording transaction', async () => {
    const requestId = randomUUID();
    const seen: { row: OutboxMessage; status: number; inTx: number }[] = [];
    setOutboxHooks({
      onDelivered: async (tx, t, row, response) => {
        // the hook sees the row as delivered inside the same transaction
        const { rows } = await tx.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${schemaOf(t)}.outbox WHERE id = $1 AND status = 'delivered'`,
          [row.id],
        );
        seen.push({ row, status: response.status, inTx: Number(rows[0].n) });
      },
    });
    const [id] = await send({ label: 'hello', requestId });
    const counts = await deliverPending(db, tenant, { log: quietLog });
    assert.deepEqual(counts, { delivered: 1, retried: 0, failed: 0 });
    assert.deepEqual(partner.notes(), ['hello']);
    assert.equal(partner.received[0].contentType, 'application/xml');
    const row = await get(id);
    assert.equal(row.status, 'delivered');
    assert.equal(row.attempts, 1);
    assert.equal(row.requestId, requestId);
    assert.ok(row.deliveredDate);
    assert.match(row.response ?? '', /<ill:messageStatus>OK<\/ill:messageStatus>/);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].row.id, id);
    assert.equal(seen[0].status, 200);
    assert.equal(seen[0].inTx, 1);
    // nothing is sent twice
    assert.deepEqual(await deliverPending(db, tenant, { now: at(new Date(), 2 * HOUR), log: quietLog }), {
      delivered: 0,
      retried: 0,
      failed: 0,
    });
    assert.equal(partner.received.length, 1);
  });

  it('an ERROR confirmation fails the message at once, without retry, and onFailed gets the error', async () => {
    const failures: DeliveryFailure[] = [];
    setOutboxHooks({ onFailed: async (_tx, _t, _row, error) => void failures.push(error) });
    partner.answer = () => ({ type: 'error', errorType: 'UnrecognisedDataValue', errorValue: 'requestingAgencyRequestId REQ-1' });
    const [id] = await send({ label: 'rejected', requestId: randomUUID() });
    assert.deepEqual(await deliverPending(db, tenant, { log: quietLog }), { delivered: 0, retried: 0, failed: 1 });
    const row = await get(id);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 1);
    assert.match(row.lastError ?? '', /UnrecognisedDataValue: requestingAgencyRequestId REQ-1/);
    assert.deepEqual(failures, [
      {
        reason: 'rejected',
        message: row.lastError,
        errorType: 'UnrecognisedDataValue',
        errorValue: 'requestingAgencyRequestId REQ-1',
        httpStatus: 400,
      },
    ]);
    await deliverPending(db, tenant, { now: at(new Date(), 5 * HOUR), log: quietLog });
    assert.equal(partner.received.length, 1, 'a protocol error is not retried');
  });

  it('an ERROR confirmation with HTTP 200 and an HTML 404 fail at once; an OK with 500 is retried', async () => {
    const answers = [
      { type: 'error', errorType: 'BadlyFormedMessage', errorValue: 'x', httpStatus: 200 },
      { type: 'status', httpStatus: 404, body: '<html>Not Found</html>' },
      { type: 'ok', httpStatus: 500 },
    ] as const;
    partner.answer = (_r, i) => answers[i];
    const [a] = await send({ label: 'a' });
    const [b] = await send({ label: 'b' });
    const [c] = await send({ label: 'c' });
    assert.deepEqual(await deliverPending(db, tenant, { log: quietLog }), { delivered: 0, retried: 1, failed: 2 });
    assert.deepEqual(partner.notes(), ['a', 'b', 'c']);
    assert.equal((await get(a)).status, 'failed');
    const rb = await get(b);
    assert.equal(rb.status, 'failed');
    assert.match(rb.lastError ?? '', /refused it with HTTP 404: <html>Not Found/);
    const rc = await get(c);
    assert.equal(rc.status, 'pending');
    assert.match(rc.lastError ?? '', /HTTP 500 with an OK confirmation/);
  });

  it('reads an answer that does not end (a 10 MB error page) up to 256 K characters and goes on', async () => {
    const page = `<html>${'x'.repeat(10 * 1024 * 1024)}</html>`;
    partner.answer = () => ({ type: 'status', httpStatus: 404, body: page });
    const [id] = await send({ label: 'huge' });
    assert.deepEqual(await deliverPending(db, tenant, { log: quietLog }), { delivered: 0, retried: 0, failed: 1 });
    const row = await get(id);
    assert.equal(row.status, 'failed');
    assert.match(row.lastError ?? '', /refused it with HTTP 404: <html>xxx/);
    assert.ok((row.response ?? '').length <= 256 * 1024, `stored answer of ${(row.response ?? '').length} characters`);
  });

  it('retries a partner that is down with exponential backoff, then fails after the last attempt', async () => {
    const failures: { row: OutboxMessage; error: DeliveryFailure }[] = [];
    setOutboxHooks({ onFailed: async (_tx, _t, row, error) => void failures.push({ row, error }) });
    const [id] = await send({ label: 'down', requestId: randomUUID(), url: await deadUrl() });
    const t0 = at(new Date(), SECOND);
    const opts = { maxAttempts: 4, random: () => 0.5, log: quietLog };

    assert.deepEqual(await deliverPending(db, tenant, { ...opts, now: t0 }), { delivered: 0, retried: 1, failed: 0 });
    let row = await get(id);
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 1);
    assert.match(row.lastError ?? '', /ECONNREFUSED/);
    assert.equal(Date.parse(row.nextAttemptAt) - t0.getTime(), 5 * SECOND);

    // not due yet: nothing happens
    assert.deepEqual(await deliverPending(db, tenant, { ...opts, now: at(t0, 4 * SECOND) }), {
      delivered: 0,
      retried: 0,
      failed: 0,
    });
    assert.equal((await get(id)).attempts, 1);

    const t1 = at(t0, 5 * SECOND);
    assert.equal((await deliverPending(db, tenant, { ...opts, now: t1 })).retried, 1);
    row = await get(id);
    assert.equal(Date.parse(row.nextAttemptAt) - t1.getTime(), 10 * SECOND, 'the delay doubles');

    const t2 = at(t1, 10 * SECOND);
    assert.equal((await deliverPending(db, tenant, { ...opts, now: t2 })).retried, 1);
    assert.equal(Date.parse((await get(id)).nextAttemptAt) - t2.getTime(), 20 * SECOND);
    assert.equal(failures.length, 0);

    assert.deepEqual(await deliverPending(db, tenant, { ...opts, now: at(t2, 20 * SECOND) }), {
      delivered: 0,
      retried: 0,
      failed: 1,
    });
    row = await get(id);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 4);
    assert.match(row.lastError ?? '', /gave up after 4 attempts; last: .*ECONNREFUSED/);
    assert.equal(failures.length, 1);
    assert.equal(failures[0].error.reason, 'exhausted');
    assert.equal(failures[0].row.status, 'failed');
    assert.deepEqual(await deliverPending(db, tenant, { ...opts, now: at(t2, 10 * HOUR) }), {
      delivered: 0,
      retried: 0,
      failed: 0,
    });
  });

  it('retries temporary failures for the whole retry window, backoff capped at minutes, tells the workflow when it is overdue, then gives up', async () => {
    const failures: DeliveryFailure[] = [];
    const retries: { overdue: boolean; nextAttemptAt: string; giveUpAt: string }[] = [];
    setOutboxHooks({
      onFailed: async (_tx, _t, _row, error) => void failures.push(error),
      onRetrying: async (_tx, _t, _row, r) => void retries.push(r),
      retryPolicy: async () => ({ giveUpAfterMs: 2 * HOUR, flagAfterMs: HOUR }),
    });
    const [id] = await send({ label: 'maintenance', requestId: randomUUID(), url: await deadUrl() });
    const created = Date.parse((await get(id)).createdDate);
    const opts = { random: () => 0.5, log: quietLog };
    // Far more than the old 8 attempts: every attempt is retried while the window lasts.
    let t = new Date(created + SECOND);
    for (let i = 0; i < 20; i += 1) {
      assert.deepEqual(await deliverPending(db, tenant, { ...opts, now: t }), { delivered: 0, retried: 1, failed: 0 }, `attempt ${i + 1}`);
      t = new Date((await get(id)).nextAttemptAt);
    }
    const row = await get(id);
    assert.equal(row.attempts, 20);
    const gaps = retries.slice(1).map((r, i) => Date.parse(r.nextAttemptAt) - Date.parse(retries[i].nextAttemptAt));
    assert.ok(Math.max(...gaps) <= 5 * 60 * SECOND, `backoff is capped at 5 minutes (longest gap ${Math.max(...gaps)} ms)`);
    assert.equal(retries[0].overdue, false, 'not overdue in the first hour');
    assert.equal(retries.at(-1)!.overdue, true, 'overdue after an hour');
    assert.equal(retries.at(-1)!.giveUpAt, new Date(created + 2 * HOUR).toISOString());
    assert.equal(failures.length, 0);
    // Past the window: the next attempt is the last.
    const late = new Date(created + 2 * HOUR + SECOND);
    assert.deepEqual(await deliverPending(db, tenant, { ...opts, now: late }), { delivered: 0, retried: 0, failed: 1 });
    assert.equal((await get(id)).status, 'failed');
    assert.match((await get(id)).lastError ?? '', /gave up after 21 attempts over 2 h; last: .*ECONNREFUSED/);
    assert.equal(failures[0].reason, 'exhausted');
  });

  it('the last try of a window falls on its end, not a backoff later', async () => {
    setOutboxHooks({ retryPolicy: async () => ({ giveUpAfterMs: 7 * SECOND }) });
    const [id] = await send({ label: 'short', requestId: randomUUID(), url: await deadUrl() });
    const created = Date.parse((await get(id)).createdDate);
    const opts = { random: () => 0.5, log: quietLog };
    await deliverPending(db, tenant, { ...opts, now: new Date(created + 4 * SECOND) });
    assert.equal(Date.parse((await get(id)).nextAttemptAt), created + 7 * SECOND, 'the 5 s backoff would overshoot: the window end instead');
    assert.equal((await deliverPending(db, tenant, { ...opts, now: new Date(created + 7 * SECOND) })).failed, 1);
  });

  it('a partner that does not answer in time is retried', async () => {
    partner.answer = () => ({ type: 'slow', ms: 600 });
    const [id] = await send({ label: 'slow' });
    assert.deepEqual(await deliverPending(db, tenant, { timeoutMs: 150, log: quietLog }), {
      delivered: 0,
      retried: 1,
      failed: 0,
    });
    assert.match((await get(id)).lastError ?? '', /no answer within 0.15 s/);
  });

  it('keeps the order per request: the second message waits until the first is delivered, even through retries', async () => {
    const r1 = randomUUID();
    const r2 = randomUUID();
    let firstTries = 0;
    partner.answer = (r) => {
      if (r.note === 'r1-first' && firstTries++ < 2) return { type: 'status', httpStatus: 503 };
      return { type: 'ok' };
    };
    const [first, second] = await send({ label: 'r1-first', requestId: r1 }, { label: 'r1-second', requestId: r1 });
    await send({ label: 'r2-only', requestId: r2 });
    const t0 = at(new Date(), SECOND);

    assert.deepEqual(await drainOutbox(db, tenant, { now: t0, log: quietLog }), { delivered: 1, retried: 1, failed: 0 });
    assert.deepEqual(partner.notes(), ['r1-first', 'r2-only'], 'another request is not held up');
    assert.equal((await get(second)).status, 'pending');
    assert.equal((await get(second)).attempts, 0);

    await drainOutbox(db, tenant, { now: at(t0, HOUR), log: quietLog });
    assert.deepEqual(partner.notes(), ['r1-first', 'r2-only', 'r1-first']);
    assert.equal((await get(second)).attempts, 0, 'still waiting for the first');

    await drainOutbox(db, tenant, { now: at(t0, 3 * HOUR), log: quietLog });
    assert.deepEqual(partner.notes(), ['r1-first', 'r2-only', 'r1-first', 'r1-first', 'r1-second']);
    assert.equal((await get(first)).status, 'delivered');
    assert.equal((await get(second)).status, 'delivered');
  });

  it('a failed message holds nothing back: the later ones of its request go; staff may retry it', async () => {
    const api = tenantClient(mod.url, tenant);
    const r1 = randomUUID();
    partner.answer = (r) =>
      r.note === 'bad' && partner.received.filter((x) => x.note === 'bad').length === 1
        ? { type: 'error', errorType: 'UnrecognisedDataValue', errorValue: 'nope' }
        : { type: 'ok' };
    const [bad, later] = await send({ label: 'bad', requestId: r1 }, { label: 'later', requestId: r1 });
    await drainOutbox(db, tenant, { log: quietLog });
    assert.deepEqual(partner.notes(), ['bad', 'later'], 'a message that will never be delivered does not block the next one');
    assert.equal((await get(bad)).status, 'failed');
    assert.equal((await get(later)).status, 'delivered');

    const listed = await api.get(`/resource-sharing/outbox?status=failed&requestId=${r1}`);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.messages.map((m: OutboxMessage) => [m.id, m.status]),
      [[bad, 'failed']],
    );
    assert.match(listed.body.messages[0].lastError, /UnrecognisedDataValue: nope/);
    assert.equal(listed.body.totalRecords, 1);

    const notFailed = await api.post(`/resource-sharing/outbox/${later}/retry`);
    assert.equal(notFailed.status, 422);
    assert.match(notFailed.body.errors[0].message, /Only a failed message can be retried; this one is delivered/);
    assert.equal((await api.post(`/resource-sharing/outbox/${randomUUID()}/retry`)).status, 404);
    assert.equal((await api.get('/resource-sharing/outbox?status=lost')).status, 400);

    const retried = await api.post(`/resource-sharing/outbox/${bad}/retry`);
    assert.equal(retried.status, 200);
    assert.equal(retried.body.status, 'pending');
    assert.equal(retried.body.attempts, 0);
    await drainOutbox(db, tenant, { log: quietLog }); // the retry also kicks; either run may deliver
    await kickOutbox(db, tenant, quietLog);
    assert.deepEqual(partner.notes(), ['bad', 'later', 'bad']);
    const all = await api.get(`/resource-sharing/outbox?requestId=${r1}`);
    assert.deepEqual(
      all.body.messages.map((m: OutboxMessage) => m.status),
      ['delivered', 'delivered'],
    );
  });

  it('order is kept per request and partner: a failure at one supplier does not hold back the next supplier', async () => {
    const r1 = randomUUID();
    partner.answer = (r) =>
      r.note === 'to-supplier-1' ? { type: 'error', errorType: 'UnrecognisedDataValue', errorValue: 'unknown' } : { type: 'ok' };
    await db.transaction(async (tx) => {
      for (const [label, symbol] of [
        ['to-supplier-1', 'ISIL:SUP-1'],
        ['to-supplier-2', 'ISIL:SUP-2'],
      ]) {
        await enqueue(tx, tenant, { requestId: r1, partnerSymbol: symbol, url: partner.url, kind: 'iso18626', body: notification(label) });
      }
    });
    assert.deepEqual(await drainOutbox(db, tenant, { log: quietLog }), { delivered: 1, retried: 0, failed: 1 });
    assert.deepEqual(partner.notes(), ['to-supplier-1', 'to-supplier-2']);
  });

  it('a message left "sending" by a crashed worker is delivered once its lease has run out', async () => {
    const [id] = await send({ label: 'orphan', requestId: randomUUID() });
    const t0 = at(new Date(), SECOND);
    const claimed = await claimDue(db, tenant, { limit: 10, leaseMs: 60 * SECOND, now: t0 });
    assert.deepEqual(
      claimed.map((m) => m.id),
      [id],
    );
    // ... and the worker dies here, before sending.
    assert.equal((await deliverPending(db, tenant, { now: at(t0, 30 * SECOND), log: quietLog })).delivered, 0);
    assert.equal(partner.received.length, 0, 'the lease protects the row');
    assert.deepEqual(await deliverPending(db, tenant, { now: at(t0, 61 * SECOND), log: quietLog }), {
      delivered: 1,
      retried: 0,
      failed: 0,
    });
    assert.deepEqual(partner.notes(), ['orphan']);
    assert.equal((await get(id)).attempts, 2);
  });

  it('a sender keeps renewing its lease while a slow partner thinks, so no other worker sends the message too', async () => {
    configureOutbox({ leaseMs: 300 });
    partner.answer = () => ({ type: 'slow', ms: 1_200 });
    const [id] = await send({ label: 'slow', requestId: randomUUID() });
    const first = deliverPending(db, tenant, { log: quietLog });
    // A second worker (another instance's timer) tries several times the lease later.
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(await deliverPending(db, tenant, { log: quietLog }), { delivered: 0, retried: 0, failed: 0 });
    }
    assert.deepEqual(await first, { delivered: 0, retried: 1, failed: 0 });
    assert.equal(partner.received.length, 1, 'sent once');
    const row = await get(id);
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 1);
  });

  it('the rows of a sender killed mid-send are delivered by another worker one lease later, not 60 s later', async () => {
    configureOutbox({ leaseMs: 400 });
    const [id] = await send({ label: 'killed', requestId: randomUUID() });
    // The killed worker claimed the row and died: nobody renews its lease.
    assert.equal((await claimDue(db, tenant, { limit: 10, leaseMs: 400 })).length, 1);
    assert.deepEqual(await deliverPending(db, tenant, { log: quietLog }), { delivered: 0, retried: 0, failed: 0 });
    const started = Date.now();
    let delivered = 0;
    while (!delivered && Date.now() - started < 5_000) {
      await new Promise((r) => setTimeout(r, 50));
      delivered = (await deliverPending(db, tenant, { log: quietLog })).delivered;
    }
    assert.equal(delivered, 1);
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
    assert.deepEqual(partner.notes(), ['killed']);
    assert.equal((await get(id)).attempts, 2);
  });

  it('an instance restarted under the same name takes back at once the rows its killed life was sending', async () => {
    try {
      setOutboxInstance('host-a:8081');
      const [id] = await send({ label: 'held-by-a', requestId: randomUUID() });
      assert.equal((await claimDue(db, tenant, { limit: 10, leaseMs: 60 * SECOND })).length, 1); // ... and host-a is killed
      setOutboxInstance('host-b:8081'); // another instance must respect the lease
      assert.deepEqual(await deliverPending(db, tenant, { log: quietLog }), { delivered: 0, retried: 0, failed: 0 });
      setOutboxInstance('host-a:8081'); // host-a starts again
      assert.deepEqual(await deliverPending(db, tenant, { log: quietLog }), { delivered: 1, retried: 0, failed: 0 });
      assert.deepEqual(partner.notes(), ['held-by-a']);
      assert.equal((await get(id)).status, 'delivered');
    } finally {
      setOutboxInstance(undefined);
    }
  });

  it('messages committed before a crash are sent by a fresh instance through the _timer handler', async () => {
    const ids = await send({ label: 'before-crash-1', requestId: randomUUID() }, { label: 'before-crash-2' });
    const fresh = await startModule({ db });
    try {
      const res = await tenantClient(fresh.url, tenant).post('/resource-sharing/timers/outbox');
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { delivered: 2, retried: 0, failed: 0, pruned: 0 });
    } finally {
      await fresh.close();
    }
    assert.deepEqual(partner.notes().sort(), ['before-crash-1', 'before-crash-2']);
    for (const id of ids) assert.equal((await get(id)).status, 'delivered');
  });

  it('the _timer handler deletes delivered messages past the retention period, never pending or failed ones', async () => {
    const [old, recent, waiting] = await send({ label: 'old' }, { label: 'recent' }, { label: 'waiting' });
    const s = schemaOf(tenant);
    await db.query(`UPDATE ${s}.outbox SET status = 'delivered', delivered_date = now() - interval '31 days' WHERE id = $1`, [old]);
    await db.query(`UPDATE ${s}.outbox SET status = 'delivered', delivered_date = now() - interval '29 days' WHERE id = $1`, [recent]);
    await db.query(`UPDATE ${s}.outbox SET status = 'failed', created_date = now() - interval '90 days' WHERE id = $1`, [waiting]);
    const res = await tenantClient(mod.url, tenant).post('/resource-sharing/timers/outbox');
    assert.equal(res.status, 200);
    assert.equal(res.body.pruned, 1);
    assert.equal(await get(old), undefined);
    assert.equal((await get(recent)).status, 'delivered');
    assert.equal((await get(waiting)).status, 'failed');
  });

  it('a message enqueued in a transaction that rolls back is never stored nor sent', async () => {
    await assert.rejects(
      db.transaction(async (tx) => {
        await enqueue(tx, tenant, {
          partnerSymbol: 'ISIL:DK-820010',
          url: partner.url,
          kind: 'iso18626',
          body: notification('ghost'),
        });
        throw new Error('state change refused');
      }),
      /state change refused/,
    );
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schemaOf(tenant)}.outbox`);
    assert.equal(Number(rows[0].n), 0);
    assert.deepEqual(await drainOutbox(db, tenant, { log: quietLog }), { delivered: 0, retried: 0, failed: 0 });
    assert.equal(partner.received.length, 0);
  });

  it('kickOutbox delivers right after commit, coalesces concurrent kicks and never throws', async () => {
    await send({ label: 'kicked-1' }, { label: 'kicked-2' });
    const first = kickOutbox(db, tenant, quietLog);
    const second = kickOutbox(db, tenant, quietLog);
    assert.equal(first, second, 'a kick during a run joins it');
    await first;
    assert.deepEqual(partner.notes().sort(), ['kicked-1', 'kicked-2']);
    const errors: unknown[] = [];
    const log = { error: (obj: object) => void errors.push(obj), warn: () => undefined };
    const failing: Database = Object.create(db);
    failing.query = (async () => {
      throw new Error('disk full');
    }) as Database['query'];
    await kickOutbox(failing, tenant, log);
    assert.equal(errors.length, 1, 'a failing kick is logged, not thrown');
    // a tenant disabled with purge while a kick was under way: nothing left to send, nothing to report
    await kickOutbox(db, 'no_such_tenant', log);
    assert.equal(errors.length, 1, 'a kick for a tenant whose tables are gone is not an error');
  });

  it('a kick whose commit lands while a run is claiming is not lost in that run', async () => {
    // the claim has read the outbox (before the commit below) but not answered yet
    let reachedClaim!: () => void;
    const claimRead = new Promise<void>((resolve) => (reachedClaim = resolve));
    let answerClaim!: () => void;
    const gate = new Promise<void>((resolve) => (answerClaim = resolve));
    const slowClaims: Database = Object.create(db);
    slowClaims.query = (async (text: string, params?: unknown[], options?: never) => {
      const res = await db.query(text, params, options);
      if (/SET status = 'sending'/.test(text)) {
        reachedClaim();
        await gate;
      }
      return res;
    }) as Database['query'];
    const first = kickOutbox(slowClaims, tenant, quietLog);
    await claimRead;
    await send({ label: 'committed-during-claim' });
    const second = kickOutbox(slowClaims, tenant, quietLog);
    answerClaim();
    await Promise.all([first, second]);
    assert.deepEqual(partner.notes(), ['committed-during-claim'], 'delivered by the time the kick after its commit settles');
  });

  it('a hook that keeps failing does not make the message go out again', async () => {
    let calls = 0;
    setOutboxHooks({
      onDelivered: async () => {
        calls += 1;
        throw new Error('request is locked');
      },
    });
    const [id] = await send({ label: 'hooked', requestId: randomUUID() });
    assert.equal((await deliverPending(db, tenant, { log: quietLog })).delivered, 1);
    assert.equal(calls, 3, 'the hook is tried three times');
    const row = await get(id);
    assert.equal(row.status, 'delivered');
    assert.match(row.lastError ?? '', /onDelivered hook failed: request is locked/);
    await deliverPending(db, tenant, { now: at(new Date(), 2 * HOUR), log: quietLog });
    assert.equal(partner.received.length, 1);
  });

  (process.env.DB_HOST ? it : it.skip)(
    'PostgreSQL: two workers delivering 50 messages at once send each exactly once',
    async () => {
      const labels = Array.from({ length: 50 }, (_, i) => `m${i}`);
      // some share a request (ordered), most do not
      const reqs = [randomUUID(), randomUUID(), randomUUID()];
      await send(...labels.map((label, i) => ({ label, requestId: i % 5 === 0 ? reqs[i % 3] : randomUUID() })));
      const opts = { limit: 7, log: quietLog };
      const [a, b] = await Promise.all([drainOutbox(db, tenant, opts), drainOutbox(db, tenant, opts)]);
      assert.equal(a.delivered + b.delivered, 50);
      assert.ok(a.delivered > 0 && b.delivered > 0, `both workers took part (${a.delivered} + ${b.delivered})`);
      assert.deepEqual(partner.notes().sort(), [...labels].sort(), 'every message arrived exactly once');
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${schemaOf(tenant)}.outbox WHERE status = 'delivered' AND attempts = 1`,
      );
      assert.equal(Number(rows[0].n), 50);
    },
  );
});
