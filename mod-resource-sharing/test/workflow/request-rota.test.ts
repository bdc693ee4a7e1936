// The rota bookkeeping behind staff changes: a supplier chosen by hand becomes the current entry,
// the tried part of the rota never changes, left-out suppliers stay visible as skipped.
import assert from 'node:assert/strict';
import type { ResourceSharingRequest, RotaEntryRecord } from '../../src/requests/request-types.ts';
import { rebuiltEntries, recordSupplierInRota, replaceRemaining, staffOrderedEntries } from '../../src/workflow/request-rota.ts';

function request(state: string, rota: RotaEntryRecord[], rotaIndex?: number, supplierSymbol?: string): ResourceSharingRequest {
  return {
    id: 'r1',
    hrid: 'T-1',
    role: 'borrowing',
    state,
    stateModel: 'borrowing-returnable',
    needsAttention: false,
    serviceType: 'loan',
    citation: { title: 'x' },
    rota,
    ...(rotaIndex === undefined ? {} : { rotaIndex }),
    ...(supplierSymbol ? { supplierSymbol } : {}),
    _version: 1,
    metadata: { createdDate: '2025-01-01T00:00:00Z' },
  };
}

const e = (symbol: string, extra: Partial<RotaEntryRecord> = {}): RotaEntryRecord => ({ symbol, rank: 0, reason: `ranked: ${symbol}`, ...extra });

describe('request rota bookkeeping', () => {
  it('a supplier chosen by hand from later in the rota moves up to be the current entry', () => {
    const before = request('REQ_END_OF_ROTA', [e('ISIL:A', { outcome: 'unfilled' }), e('ISIL:B'), e('ISIL:C', { skipped: true })], 0);
    const after = { ...before, state: 'REQ_SENT_TO_SUPPLIER', supplierSymbol: 'isil:c' };
    const pos = recordSupplierInRota(before, after);
    assert.ok(pos);
    assert.deepEqual(pos.rota.map((x) => [x.symbol, x.outcome, x.skipped, x.rank]), [
      ['ISIL:A', 'unfilled', undefined, 1],
      ['ISIL:C', 'sent', undefined, 2],
      ['ISIL:B', undefined, undefined, 3],
    ]);
    assert.equal(pos.rotaIndex, 1);
    assert.match(pos.rota[1].reason, /^chosen by hand by staff; earlier: ranked: ISIL:C/);
  });

  it('a supplier outside the rota is inserted; the one that had just said Unfilled is marked so', () => {
    const before = request('REQ_UNFILLED', [e('ISIL:A', { outcome: 'sent' }), e('ISIL:B')], 0, 'ISIL:A');
    const pos = recordSupplierInRota(before, { ...before, state: 'REQ_SENT_TO_SUPPLIER', supplierSymbol: 'ISIL:Z' });
    assert.deepEqual(pos?.rota.map((x) => [x.symbol, x.outcome]), [['ISIL:A', 'unfilled'], ['ISIL:Z', 'sent'], ['ISIL:B', undefined]]);
    assert.equal(pos?.rota[1].reason, 'chosen by hand by staff (not in the rota)');
    // the same supplier again after its Unfilled is a new round, not the old entry
    const again = recordSupplierInRota(before, { ...before, state: 'REQ_SENT_TO_SUPPLIER', supplierSymbol: 'ISIL:A' });
    assert.deepEqual(again?.rota.map((x) => [x.symbol, x.outcome]), [['ISIL:A', 'unfilled'], ['ISIL:A', 'sent'], ['ISIL:B', undefined]]);
  });

  it('changes nothing when the automatic step already named the supplier', () => {
    const before = request('REQ_UNFILLED', [e('ISIL:A', { outcome: 'sent' }), e('ISIL:B')], 0, 'ISIL:A');
    const next = { ...before, rota: [e('ISIL:A', { outcome: 'unfilled' }), e('ISIL:B', { outcome: 'sent' })], rotaIndex: 1, supplierSymbol: 'ISIL:B' };
    assert.equal(recordSupplierInRota(before, next), null);
  });

  it('staff order replaces the untried part; left-out suppliers stay, skipped with the reason', () => {
    const req = request('REQ_SENT_TO_SUPPLIER', [e('ISIL:A', { outcome: 'sent' }), e('ISIL:B'), e('ISIL:C'), e('ISIL:D', { skipped: true, reason: 'skipped: no record' })], 0);
    const remaining = staffOrderedEntries(req, ['ISIL:C', 'ISIL:E'], new Map([['ISIL:E', 'Echo library']]));
    const pos = replaceRemaining(req, remaining, 'removed from the rota by staff');
    assert.deepEqual(pos.rota.map((x) => [x.symbol, x.rank, x.skipped ?? false]), [
      ['ISIL:A', 1, false],
      ['ISIL:C', 2, false],
      ['ISIL:E', 3, false],
      ['ISIL:B', 4, true],
      ['ISIL:D', 5, true],
    ]);
    assert.equal(pos.rotaIndex, 0);
    assert.equal(pos.rota[0].outcome, 'sent');
    assert.match(pos.rota[1].reason, /^placed 2nd by staff; earlier: ranked: ISIL:C/);
    assert.equal(pos.rota[2].name, 'Echo library');
    assert.match(pos.rota[3].reason, /^skipped: removed from the rota by staff; earlier: ranked: ISIL:B/);
    assert.equal(pos.rota[4].reason, 'skipped: no record');
  });

  it('a rebuilt rota skips suppliers already asked for this request', () => {
    const req = request('REQ_SENT_TO_SUPPLIER', [e('ISIL:A', { outcome: 'unfilled' }), e('ISIL:B', { outcome: 'sent' })], 1);
    const out = rebuiltEntries(req, [e('ISIL:A'), e('ISIL:C'), e('ISIL:B')]);
    assert.deepEqual(out.map((x) => [x.symbol, x.skipped ?? false]), [['ISIL:C', false], ['ISIL:A', true], ['ISIL:B', true]]);
    assert.match(out[1].reason, /already asked for this request \(unfilled\)/);
  });
});
