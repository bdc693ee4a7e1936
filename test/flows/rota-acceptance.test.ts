// Acceptance of issue 3 (directory, partner agreements, ranked rotas) with four libraries:
//   Alpha borrows; its directory points at two SRU catalogues: Beta's and Delta's hold the book,
//   Gamma's does not. Alpha already has 3 open requests with Beta (overload threshold 2).
//   Delta has 2 open lending requests (from Gamma) and a lending threshold of 2.
//   Beta has no partner agreement with Gamma.
// The request skips Gamma (does not own it), ranks Beta last (overloaded), goes to Delta first,
// which answers Unfilled by itself (past its threshold); the rota walks on to Beta. Staff then
// change the rest of the rota by hand, rebuild it from a profile, and pick a supplier by hand.
import assert from 'node:assert/strict';
import { startSruServer, type SruServer } from '../sru-server/sru-server.ts';
import { marcRecord } from '../sru-server/marcxml.ts';
import { act, eventually, startNetwork, type Library, type Network } from '../support/library-network.ts';
import { conversation, history, settledOutbox } from './flow-support.ts';

const ISBN = '9780156001311';
const ISBN_EVERYWHERE = '9780306406157';

type Req = Record<string, any>;

async function entryFor(lib: Library, symbol: string): Promise<Req> {
  const res = await lib.api.get(`/resource-sharing/directory/entries?query=${encodeURIComponent(`symbols="${symbol}"`)}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.entries.length, 1, `${lib.name} has an entry for ${symbol}`);
  return res.body.entries[0];
}

/** Staff edit the partner's directory entry: its catalogue for the holdings check. */
async function setCatalogue(lib: Library, symbol: string, sruEndpoint: string): Promise<void> {
  const { metadata: _m, ...entry } = await entryFor(lib, symbol);
  const res = await lib.api.put(`/resource-sharing/directory/entries/${entry.id}`, { ...entry, sruEndpoint });
  assert.equal(res.status, 204, JSON.stringify(res.body));
}

async function createRequest(lib: Library, body: Req): Promise<Req> {
  const res = await lib.api.post('/resource-sharing/requests', {
    patron: { id: 'p-rota', name: 'Umberto Eco', pickupLocation: 'Main desk' },
    ...body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

async function getRequest(lib: Library, id: string): Promise<Req> {
  const res = await lib.api.get(`/resource-sharing/requests/${id}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

/** Waits until the borrowing request is with `symbol` (sent, waiting for its answer). */
async function withSupplier(lib: Library, id: string, symbol: string): Promise<Req> {
  let seen = '';
  return eventually(async () => {
    const r = await getRequest(lib, id);
    seen = `${r.state} ${r.supplierSymbol ?? ''}`;
    return r.state === 'REQ_SENT_TO_SUPPLIER' && r.supplierSymbol === symbol ? r : undefined;
  }, `${lib.name} request ${id} to be with ${symbol} (last seen ${seen})`);
}

async function inState(lib: Library, id: string, state: string): Promise<Req> {
  return eventually(async () => {
    const r = await getRequest(lib, id);
    return r.state === state ? r : undefined;
  }, `${lib.name} request ${id} to reach ${state}`);
}

async function lendingRequests(lib: Library, borrowerHrid: string): Promise<Req[]> {
  const q = encodeURIComponent(`role==lending and peerRequestId=="${borrowerHrid}"`);
  const res = await lib.api.get(`/resource-sharing/requests?query=${q}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.requests;
}

/** The lending request the borrower's latest ask opened at `lib` (a supplier asked twice has two). */
async function openLendingFor(lib: Library, borrowerHrid: string): Promise<Req> {
  return eventually(async () => (await lendingRequests(lib, borrowerHrid)).find((r) => r.state === 'RES_IDLE'), `${lib.name} to receive ${borrowerHrid}`);
}

async function putRota(lib: Library, id: string, body: Req) {
  return lib.api.put(`/resource-sharing/requests/${id}/rota`, body);
}

const symbols = (rota: Req[]) => rota.map((e) => e.symbol);
const firstError = (body: Req) => ({ key: body.errors[0].parameters[0].key, message: body.errors[0].message as string });

describe('acceptance (issue 3): a request routed past a library without the item and around an overloaded one', function () {
  this.timeout(60_000);
  let net: Network;
  let holds: SruServer;
  let lacks: SruServer;
  let A: Library, B: Library, G: Library, D: Library;

  before(async () => {
    holds = await startSruServer({
      records: [
        marcRecord({ id: 'b1', title: 'The name of the rose', author: 'Eco, Umberto', isbn: ISBN }),
        marcRecord({ id: 'b2', title: 'Everyone has this', isbn: ISBN_EVERYWHERE }),
      ],
    });
    lacks = await startSruServer({ records: [marcRecord({ id: 'g2', title: 'Everyone has this', isbn: ISBN_EVERYWHERE })] });
    net = await startNetwork([
      { name: 'Alpha', settings: { overloadThreshold: 2 } },
      { name: 'Beta', partners: ['Alpha', 'Delta'] },
      { name: 'Gamma' },
      { name: 'Delta', version: '2021', settings: { lendingThreshold: 2 } },
    ]);
    ({ Alpha: A, Beta: B, Gamma: G, Delta: D } = net.libraries);
    await setCatalogue(A, B.symbol, holds.url);
    await setCatalogue(A, G.symbol, lacks.url);
    await setCatalogue(A, D.symbol, holds.url);

    // Load, through the API: Alpha has 3 open requests with Beta (above its threshold of 2) ...
    for (let i = 1; i <= 3; i++) {
      const r = await createRequest(A, { citation: { title: `Earlier loan ${i}` }, supplierSymbol: B.symbol });
      await withSupplier(A, r.id, B.symbol);
    }
    // ... and Delta has 2 open lending requests (its lending threshold).
    for (let i = 1; i <= 2; i++) {
      const r = await createRequest(G, { citation: { title: `Gamma asks Delta ${i}` }, supplierSymbol: D.symbol });
      await withSupplier(G, r.id, D.symbol);
      await openLendingFor(D, r.hrid);
    }
  });
  after(async () => {
    await net?.close();
    await holds?.close();
    await lacks?.close();
  });

  let main: Req;

  it('the preview ranks the partners with reasons: Delta first, overloaded Beta last, Gamma skipped for not owning it', async () => {
    const preview = await A.api.post('/resource-sharing/rotas/preview', { citation: { title: 'The name of the rose', isbn: ISBN } });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    const [first, second, third] = preview.body.entries;
    assert.deepEqual(symbols(preview.body.entries), [D.symbol, B.symbol, G.symbol]);
    assert.equal(first.skipped, undefined);
    assert.match(first.reason, /^ranked 1st .*0 open requests with this partner \(threshold 2\)/);
    assert.match(first.reason, new RegExp(`its catalogue has 1 record for ISBN ${ISBN}`));
    assert.match(second.reason, /^ranked 2nd .*3 open requests with this partner, above the threshold of 2/);
    assert.equal(second.factors.openRequests, 3);
    assert.equal(second.factors.overloaded, true);
    assert.ok(second.score < first.score, `${second.score} < ${first.score}`);
    assert.equal(third.skipped, true);
    assert.equal(third.rank, 3);
    assert.match(third.reason, new RegExp(`^skipped: its catalogue has no record for ISBN ${ISBN}`));
    assert.ok(lacks.queries.some((q) => q.includes(ISBN)), 'Gamma\'s catalogue was searched by ISBN');
  });

  it('Delta, past its lending threshold, answers Unfilled by itself with the reason; the rota walks on to Beta and never to Gamma', async () => {
    main = await createRequest(A, { citation: { title: 'The name of the rose', author: 'Eco, Umberto', isbn: ISBN } });
    const atBeta = await withSupplier(A, main.id, B.symbol);
    assert.deepEqual(symbols(atBeta.rota), [D.symbol, B.symbol, G.symbol]);
    assert.deepEqual(atBeta.rota.map((e: Req) => e.outcome), ['unfilled', 'sent', undefined]);
    assert.equal(atBeta.rotaIndex, 1);
    assert.equal(atBeta.rota[2].skipped, true);
    assert.match(atBeta.rota[2].reason, /skipped: its catalogue has no record for ISBN/);
    assert.match(atBeta.rota[1].reason, /3 open requests with this partner, above the threshold of 2/);

    // Delta refused it without staff, and said why.
    const [atDelta] = await lendingRequests(D, main.hrid);
    assert.equal(atDelta.state, 'RES_UNFILLED');
    const deltaAudit = await history(D, atDelta.id);
    const refusal = deltaAudit.find((r) => r.toState === 'RES_UNFILLED');
    assert.equal(refusal?.actor.type, 'system');
    assert.match(refusal?.message ?? '', /2 open lending requests, at or above the lending threshold of 2/);
    const capacity = await D.api.get('/resource-sharing/statistics/lending-capacity');
    assert.equal(capacity.body.overloaded, true);

    // Alpha heard the reason from Delta, recorded as Delta's Unfilled.
    const audit = await history(A, main.id);
    const unfilled = audit.find((r) => r.toState === 'REQ_UNFILLED');
    assert.equal(unfilled?.actor.type, 'partner');
    assert.equal(unfilled?.actor.id, D.symbol);
    const talk = await conversation(A, main.id);
    assert.ok(talk.messages.some((m) => m.direction === 'in' && /lending threshold/.test(m.note ?? '')), JSON.stringify(talk.messages));

    // Gamma was never asked; Beta was.
    assert.equal((await lendingRequests(G, main.hrid)).length, 0);
    assert.equal((await openLendingFor(B, main.hrid)).state, 'RES_IDLE');
  });

  it('staff put the skipped Gamma next by hand; when Beta answers Unfilled the rota walks on to it', async () => {
    const before = await getRequest(A, main.id);
    const res = await putRota(A, main.id, { entries: [G.symbol], _version: before._version });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(symbols(res.body.rota), [D.symbol, B.symbol, G.symbol]);
    assert.deepEqual(res.body.rota.map((e: Req) => e.outcome), ['unfilled', 'sent', undefined], 'tried entries keep their outcome');
    assert.equal(res.body.rota[2].skipped, undefined, 'listed by staff: no longer skipped');
    assert.match(res.body.rota[2].reason, /^placed 3rd by staff; earlier: skipped: its catalogue has no record/);
    assert.equal(res.body.state, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(res.body.supplierSymbol, B.symbol, 'Beta keeps the request meanwhile');
    const change = (await history(A, main.id)).find((r) => r.action === 'changeRota');
    assert.ok(change, 'the change is in the history');
    assert.equal(change.actor.type, 'user');
    assert.match(change.message ?? '', new RegExp(G.symbol));

    const atBeta = await openLendingFor(B, main.hrid);
    await act(B, atBeta.id, 'cannotSupply', { reason: 'NotOnShelf' });
    const atGamma = await withSupplier(A, main.id, G.symbol);
    assert.deepEqual(atGamma.rota.map((e: Req) => e.outcome), ['unfilled', 'unfilled', 'sent']);
    assert.equal(atGamma.rotaIndex, 2);
    assert.equal((await openLendingFor(G, main.hrid)).state, 'RES_IDLE');
  });

  it('a request from a library that is not a partner gets an ERROR confirmation and creates nothing', async () => {
    // Gamma lists Beta as a partner; Beta does not list Gamma.
    const stranger = await createRequest(G, { citation: { title: 'Beta will not take this' }, supplierSymbol: B.symbol });
    const [message] = await settledOutbox(G, stranger.id);
    assert.equal(message.status, 'failed');
    assert.match(message.lastError ?? '', /ERROR.*requestingAgencyId: .* is not a partner of this library/);
    assert.equal((await lendingRequests(B, stranger.hrid)).length, 0, 'Beta created nothing');
    const flagged = await eventually(async () => {
      const r = await getRequest(G, stranger.id);
      return r.needsAttention ? r : undefined;
    }, 'Gamma to flag the refused request');
    assert.match(flagged.lastError, /not a partner/);

    // Nor can Beta's staff route one of their own requests to Gamma.
    const own = await createRequest(B, { citation: { title: 'Beta borrows' }, supplierSymbol: A.symbol });
    const fresh = await withSupplier(B, own.id, A.symbol);
    const refused = await putRota(B, own.id, { entries: [G.symbol], _version: fresh._version });
    assert.equal(refused.status, 422);
    assert.equal(firstError(refused.body).key, 'entries[0]');
    assert.match(firstError(refused.body).message, /is not a partner of this library/);
  });

  it('PUT rota: 422 naming entries[i] for unknown, repeated, malformed and own symbols; 409 on a stale _version', async () => {
    const r = await getRequest(A, main.id);
    const cases: [unknown[], string, RegExp][] = [
      [[B.symbol, 'ISIL:NOWHERE-1'], 'entries[1]', /ISIL:NOWHERE-1 is not in the directory/],
      [[B.symbol, D.symbol, B.symbol.toLowerCase()], 'entries[2]', /listed twice \(also entries\[0\]\)/],
      [['no-authority'], 'entries[0]', /is not a symbol/],
      [[A.symbol], 'entries[0]', /is this library itself/],
      [[''], 'entries[0]', /entries\[0\]/],
    ];
    for (const [entries, key, message] of cases) {
      const res = await putRota(A, main.id, { entries, _version: r._version });
      assert.equal(res.status, 422, JSON.stringify(entries));
      assert.equal(firstError(res.body).key, key, JSON.stringify(res.body));
      assert.match(firstError(res.body).message, message);
    }
    const both = await putRota(A, main.id, { entries: [], profileId: '0b6f5c2e-9d7a-4a59-8c1e-3f1f7d2a9b10', _version: r._version });
    assert.equal(both.status, 422);
    const neither = await putRota(A, main.id, { _version: r._version });
    assert.equal(neither.status, 422);
    assert.equal(firstError(neither.body).key, 'entries');
    const noVersion = await putRota(A, main.id, { entries: [B.symbol] });
    assert.equal(noVersion.status, 422);
    assert.equal(firstError(noVersion.body).key, '_version');
    const unknownProfile = await putRota(A, main.id, { profileId: '0b6f5c2e-9d7a-4a59-8c1e-3f1f7d2a9b10', _version: r._version });
    assert.equal(unknownProfile.status, 422);
    assert.equal(firstError(unknownProfile.body).key, 'profileId');
    const stale = await putRota(A, main.id, { entries: [B.symbol], _version: r._version - 1 });
    assert.equal(stale.status, 409);

    // A lending request has no rota.
    const lending = await openLendingFor(G, main.hrid);
    const onLending = await putRota(G, lending.id, { entries: [], _version: lending._version });
    assert.equal(onLending.status, 422);
    assert.equal(firstError(onLending.body).key, 'role');
    // Nothing changed on the borrowing request.
    assert.deepEqual((await getRequest(A, main.id)).rota, r.rota);
  });

  it('bad input to the directory and rota APIs answers 422 naming the field', async () => {
    const { metadata: _m, ...beta } = await entryFor(A, B.symbol);
    const endpoint = await A.api.put(`/resource-sharing/directory/entries/${beta.id}`, { ...beta, iso18626Endpoint: 'beta.example.org/iso18626' });
    assert.equal(endpoint.status, 422);
    assert.equal(firstError(endpoint.body).key, 'iso18626Endpoint');
    const sru = await A.api.put(`/resource-sharing/directory/entries/${beta.id}`, { ...beta, sruEndpoint: 'not a url' });
    assert.equal(sru.status, 422);
    assert.equal(firstError(sru.body).key, 'sruEndpoint');
    const [authority, code] = D.symbol.split(':');
    const dup = await A.api.put(`/resource-sharing/directory/entries/${beta.id}`, { ...beta, symbols: [...beta.symbols, { authority, symbol: code }] });
    assert.equal(dup.status, 422);
    assert.equal(firstError(dup.body).key, 'symbols');

    const profile = await A.api.post('/resource-sharing/rotas', { name: 'Checked', ordered: true, entries: [{ symbol: B.symbol }] });
    assert.equal(profile.status, 201, JSON.stringify(profile.body));
    const unknown = await A.api.put(`/resource-sharing/rotas/${profile.body.id}`, { ...profile.body, entries: [{ symbol: B.symbol }, { symbol: 'ISIL:NOWHERE-2' }] });
    assert.equal(unknown.status, 422);
    assert.equal(firstError(unknown.body).key, 'entries[1].symbol');
    const twice = await A.api.put(`/resource-sharing/rotas/${profile.body.id}`, { ...profile.body, entries: [{ symbol: B.symbol }, { symbol: B.symbol }] });
    assert.equal(twice.status, 422);
    assert.equal(firstError(twice.body).key, 'entries[1].symbol');
    const preview = await A.api.post('/resource-sharing/rotas/preview', { citation: { title: 'x' }, profileId: '0b6f5c2e-9d7a-4a59-8c1e-3f1f7d2a9b10' });
    assert.equal(preview.status, 422);
    assert.equal(firstError(preview.body).key, 'profileId');
    assert.equal((await entryFor(A, B.symbol))._version, beta._version, 'the entry was not changed');
  });

  it('staff rebuild the rest of the rota from another profile, pick a supplier by hand, and restart a request at the end of its rota', async () => {
    const profile = await A.api.post('/resource-sharing/rotas', {
      name: 'Beta, then Delta, then Gamma',
      ordered: true,
      entries: [{ symbol: B.symbol }, { symbol: D.symbol }, { symbol: G.symbol }],
    });
    assert.equal(profile.status, 201, JSON.stringify(profile.body));

    // Everyone's catalogue has this one; Delta bounces it, so it ends up with Gamma.
    const r = await createRequest(A, { citation: { title: 'Everyone has this', isbn: ISBN_EVERYWHERE } });
    const atGamma = await withSupplier(A, r.id, G.symbol);
    assert.equal(atGamma.rota.at(-1).symbol, B.symbol, 'overloaded Beta is last');
    const tried = atGamma.rota.slice(0, atGamma.rotaIndex + 1);

    const rebuilt = await putRota(A, r.id, { profileId: profile.body.id, _version: atGamma._version });
    assert.equal(rebuilt.status, 200, JSON.stringify(rebuilt.body));
    const rota: Req[] = rebuilt.body.rota;
    assert.deepEqual(rota.slice(0, tried.length), tried.map((e: Req, i: number) => ({ ...e, rank: i + 1 })), 'tried entries unchanged');
    const rest = rota.slice(tried.length);
    assert.equal(rest[0].symbol, B.symbol, "the profile's first supplier is next");
    assert.equal(rest[0].skipped, undefined);
    assert.equal(rest[0].profile, 'Beta, then Delta, then Gamma');
    const gammaAgain = rest.find((e) => e.symbol === G.symbol);
    assert.equal(gammaAgain?.skipped, true);
    assert.match(gammaAgain?.reason ?? '', /already asked for this request \(sent\)/);
    const rebuiltAudit = (await history(A, r.id)).find((e) => e.action === 'changeRota');
    assert.match(rebuiltAudit?.message ?? '', /rebuilt from the profile "Beta, then Delta, then Gamma"/);

    // Gamma says no: the rebuilt rota sends it to Beta.
    await act(G, (await openLendingFor(G, r.hrid)).id, 'cannotSupply', { reason: 'NotHeld' });
    await withSupplier(A, r.id, B.symbol);
    await act(B, (await openLendingFor(B, r.hrid)).id, 'cannotSupply', { reason: 'NotOnShelf' });
    const end = await inState(A, r.id, 'REQ_END_OF_ROTA');

    // Pick Gamma by hand: the rota records it as the current entry.
    const chosen = await act(A, r.id, 'chooseSupplier', { supplierSymbol: G.symbol });
    assert.equal(chosen.state, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(chosen.supplierSymbol, G.symbol);
    const current = chosen.rota[chosen.rotaIndex];
    assert.equal(current.symbol, G.symbol);
    assert.equal(current.outcome, 'sent');
    assert.match(current.reason, /^chosen by hand by staff/);
    assert.deepEqual(
      chosen.rota.slice(0, end.rotaIndex + 1).map((e: Req) => e.outcome),
      end.rota.slice(0, end.rotaIndex + 1).map((e: Req) => e.outcome),
      'earlier outcomes kept',
    );
    assert.equal(chosen.rotaIndex, end.rotaIndex + 1);

    // Gamma says no again: end of the rota; staff give a new rest of the rota and it goes on.
    await act(G, (await openLendingFor(G, r.hrid)).id, 'cannotSupply', { reason: 'NotHeld' });
    const again = await inState(A, r.id, 'REQ_END_OF_ROTA');
    const restarted = await putRota(A, r.id, { entries: [B.symbol], _version: again._version });
    assert.equal(restarted.status, 200, JSON.stringify(restarted.body));
    assert.equal(restarted.body.state, 'REQ_SENT_TO_SUPPLIER');
    assert.equal(restarted.body.supplierSymbol, B.symbol);
    assert.equal(restarted.body.rota[restarted.body.rotaIndex].symbol, B.symbol);
    assert.equal(restarted.body.rota[restarted.body.rotaIndex].outcome, 'sent');
    assert.match(restarted.body.rota[restarted.body.rotaIndex].reason, /^placed \d+th by staff/);
    assert.equal((await openLendingFor(B, r.hrid)).state, 'RES_IDLE');
  });
});
