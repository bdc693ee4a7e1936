// Issue 11, item 2: partners authenticate with the requestingAgencyAuthentication they agreed.
// Two libraries with a shared secret on both sides work as before (every message carries it);
// anyone else using a partner's symbol is refused with an ERROR confirmation, nothing is applied,
// and the partner's directory entry counts the attempts.
import assert from 'node:assert/strict';
import type { Iso18626Message } from '../../mod-resource-sharing/src/iso18626/index.ts';
import { CONFIG_CHANNEL } from '../../mod-resource-sharing/src/db/tenant-cache.ts';
import { schemaName } from '../../mod-resource-sharing/src/db/tenant-schema.ts';
import { WINDOW_MS } from '../../mod-resource-sharing/src/directory/refusal-counter.ts';
import { act, agreedCredentials, eventually, inState, lendingRequestFor, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { agency, borrow, postIso, settledOutbox } from './flow-support.ts';

let seq = 0;
const uniqueId = (p: string) => `${p}-${Date.now().toString(36)}-${++seq}`;

function request(from: Library, to: Library, id: string, auth?: { accountId?: string; securityCode?: string }): Iso18626Message {
  return {
    kind: 'request',
    header: {
      supplyingAgencyId: agency(to.symbol),
      requestingAgencyId: agency(from.symbol),
      timestamp: new Date(),
      requestingAgencyRequestId: id,
      ...(auth ? { requestingAgencyAuthentication: auth } : {}),
    },
    bibliographicInfo: { title: 'Forged?' },
    serviceInfo: { requestType: 'New', serviceType: 'Loan' },
  };
}

function cancel(from: Library, to: Library, id: string, auth?: { accountId?: string; securityCode?: string }): Iso18626Message {
  return {
    kind: 'requestingAgencyMessage',
    header: {
      supplyingAgencyId: agency(to.symbol),
      requestingAgencyId: agency(from.symbol),
      timestamp: new Date(),
      requestingAgencyRequestId: id,
      ...(auth ? { requestingAgencyAuthentication: auth } : {}),
    },
    action: 'Cancel',
  };
}

function status(xml: string): { messageStatus?: string; errorType?: string; errorValue?: string } {
  return {
    messageStatus: /<ill:messageStatus>([^<]*)</.exec(xml)?.[1],
    errorType: /<ill:errorType>([^<]*)</.exec(xml)?.[1],
    errorValue: /<ill:errorValue>([^<]*)</.exec(xml)?.[1],
  };
}

async function entryFor(lib: Library, symbol: string): Promise<Record<string, any>> {
  const res = await lib.api.get(`/resource-sharing/directory/entries?query=${encodeURIComponent(`symbols="${symbol}"`)}`);
  assert.equal(res.status, 200);
  return res.body.entries[0];
}

/** The entry once `count` refusals are counted on it (refusals in quick succession are written together). */
async function countedOn(lib: Library, symbol: string, count: number): Promise<Record<string, any>> {
  let seen: unknown;
  return eventually(async () => {
    const entry = await entryFor(lib, symbol);
    seen = entry.authenticationFailures?.count;
    return seen === count ? entry : undefined;
  }, `${count} refusals counted (last seen ${String(seen)})`, 5_000);
}

describe('flow: partner authentication (requestingAgencyAuthentication)', function () {
  this.timeout(120_000);
  let net: Network;
  let a: Library;
  let b: Library;
  let g: Library;

  before(async () => {
    net = await startNetwork([
      { name: 'Alpha', secrets: true },
      { name: 'Beta', secrets: true, version: '2021' },
      { name: 'Gamma' },
    ]);
    ({ Alpha: a, Beta: b, Gamma: g } = net.libraries);
  });
  after(() => net.close());

  it('with secrets on both sides a loan runs as before, every message carrying the agreed credentials', async () => {
    const borrowing = await borrow(a, { title: 'Authenticated loan' });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    await act(b, lending.id, 'willSupply');
    await inState(a, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
    await act(a, borrowing.id, 'cancelWithSupplier', { reason: 'changed my mind' });
    await inState(b, lending.id, 'RES_CANCEL_REQUEST_RECEIVED');
    await act(b, lending.id, 'respondToCancel', { answer: 'yes' });
    await inState(a, borrowing.id, 'REQ_CANCELLED');

    const { sharedSecret, accountId } = agreedCredentials(a, b);
    const sent = await settledOutbox(a, borrowing.id);
    assert.ok(sent.length >= 2);
    for (const m of sent) {
      assert.equal(m.status, 'delivered', m.lastError);
      assert.ok(m.body.includes(`<ill:securityCode>${sharedSecret}</ill:securityCode>`), 'the borrower sent its credentials');
      assert.ok(m.body.includes(`<ill:accountId>${accountId}</ill:accountId>`));
    }
    assert.equal((await entryFor(b, a.symbol)).authenticationFailures, undefined, 'no failure was counted');
  });

  it('refuses a request in a partner’s name without credentials or with wrong ones, and counts it', async () => {
    const before = (await b.api.get('/resource-sharing/requests?limit=0')).body.totalRecords;
    const missing = await postIso(b, request(a, b, uniqueId('F1')), '2021');
    assert.equal(missing.status, 200);
    assert.deepEqual(
      { ...status(missing.xml), errorValue: undefined },
      { messageStatus: 'ERROR', errorType: 'UnrecognisedDataValue', errorValue: undefined },
      missing.xml,
    );
    assert.match(status(missing.xml).errorValue ?? '', /requestingAgencyAuthentication: missing/);
    const wrong = await postIso(b, request(a, b, uniqueId('F2'), { accountId: agreedCredentials(a, b).accountId, securityCode: 'guess' }), '2021');
    assert.equal(status(wrong.xml).messageStatus, 'ERROR');
    assert.match(status(wrong.xml).errorValue ?? '', /securityCode does not match/);
    assert.ok(!wrong.xml.includes(agreedCredentials(a, b).sharedSecret), 'the answer never tells the secret');
    const wrongAccount = await postIso(b, request(a, b, uniqueId('F3'), { accountId: 'someone', securityCode: agreedCredentials(a, b).sharedSecret }), '2021');
    assert.match(status(wrongAccount.xml).errorValue ?? '', /accountId does not match/);
    assert.equal((await b.api.get('/resource-sharing/requests?limit=0')).body.totalRecords, before, 'no request was created');

    // the first refusal is written at once, the two right after it together a second later
    const entry = await countedOn(b, a.symbol, 3);
    assert.match(entry.authenticationFailures.lastReason, /accountId/);
    // staff can still save the entry they see (the counter is the module's, not a conflict)
    const saved = await b.api.put(`/resource-sharing/directory/entries/${entry.id}`, entry);
    assert.equal(saved.status, 204, JSON.stringify(saved.body));
    assert.equal((await entryFor(b, a.symbol)).authenticationFailures.count, 3);

    const { accountId, sharedSecret } = agreedCredentials(a, b);
    const right = await postIso(b, request(a, b, uniqueId('OK'), { accountId, securityCode: sharedSecret }), '2021');
    assert.equal(status(right.xml).messageStatus, 'OK', right.xml);
  });

  it('a flood of forged messages is counted in full, in a few writes: genuine messages keep the cached directory', async () => {
    const before = (await entryFor(b, a.symbol)).authenticationFailures?.count ?? 0;
    const windowOver = () => new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 100));
    await windowOver(); // the earlier refusals' window is over
    const changes: string[] = [];
    const unlisten = await net.mod.db.listen!(CONFIG_CHANNEL, (schema) => void changes.push(schema));
    let floodSeconds = 0;
    try {
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => postIso(b, request(a, b, uniqueId(`FLOOD${i}`)), '2021')));
      floodSeconds = (Date.now() - started) / 1000;
      for (const answer of answers) assert.match(status(answer.xml).errorValue ?? '', /requestingAgencyAuthentication: missing/);
      await countedOn(b, a.symbol, before + 100);
      await windowOver(); // nothing more is written after the last window
      assert.equal((await entryFor(b, a.symbol)).authenticationFailures.count, before + 100);
    } finally {
      await unlisten();
    }
    // one change at the first refusal, then one per second of flood, instead of one per message
    const written = changes.filter((schema) => schema === schemaName(b.tenant)).length;
    assert.ok(written >= 1 && written <= Math.ceil(floodSeconds) + 2, `the directory changed ${written} times for 100 refusals in ${floodSeconds} s`);
  });

  it('refuses a forged Cancel of a real request: the request goes on', async () => {
    const borrowing = await borrow(a, { title: 'Not cancelled by a stranger' });
    const lending = await lendingRequestFor(b, borrowing.hrid);
    const forged = await postIso(b, cancel(a, b, borrowing.hrid), '2021');
    assert.equal(status(forged.xml).messageStatus, 'ERROR');
    const after = (await b.api.get(`/resource-sharing/requests/${lending.id}`)).body;
    assert.equal(after.state, lending.state);
    assert.equal(after._version, lending._version);
  });

  it('a partner without an agreed secret needs none; policy notRequired accepts messages without credentials', async () => {
    // Gamma agreed no secret with anyone: its messages need none
    const fromGamma = await postIso(a, request(g, a, uniqueId('G')));
    assert.equal(status(fromGamma.xml).messageStatus, 'OK', fromGamma.xml);

    const entry = await entryFor(b, a.symbol);
    const relaxed = await b.api.put(`/resource-sharing/directory/entries/${entry.id}`, { ...entry, authentication: 'notRequired' });
    assert.equal(relaxed.status, 204, JSON.stringify(relaxed.body));
    const without = await postIso(b, request(a, b, uniqueId('NR')), '2021');
    assert.equal(status(without.xml).messageStatus, 'OK', without.xml);
    const wrong = await postIso(b, request(a, b, uniqueId('NRW'), { securityCode: 'guess' }), '2021');
    assert.equal(status(wrong.xml).messageStatus, 'ERROR', 'credentials that are given must still be right');

    const noSecret = await b.api.put(`/resource-sharing/directory/entries/${entry.id}`, {
      ...(await entryFor(b, a.symbol)),
      sharedSecret: undefined,
      authentication: 'required',
    });
    assert.equal(noSecret.status, 422, 'required authentication needs a secret');
    assert.equal(noSecret.body.errors[0].parameters[0].key, 'authentication');
  });
});
