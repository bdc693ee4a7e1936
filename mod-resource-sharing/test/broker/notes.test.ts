// The prefixes a broker puts in front of the notes it forwards, and what staff read without them.
import assert from 'node:assert/strict';
import { parseBrokerNote } from '../../src/broker/index.ts';

describe('broker note prefixes', () => {
  it('takes the supplier and the vendor off the front, in either order, with the default separator', () => {
    assert.deepEqual(parseBrokerNote('Supplier: ISIL:DK-820010, Vendor: Alma, On the shelf, ready'), {
      supplier: 'ISIL:DK-820010',
      vendor: 'Alma',
      note: 'On the shelf, ready',
    });
    assert.deepEqual(parseBrokerNote('Vendor: ReShare, Supplier: ISIL:SB'), { supplier: 'ISIL:SB', vendor: 'ReShare' });
  });

  it('accepts other separators operators configure (; and a line break)', () => {
    assert.deepEqual(parseBrokerNote('Supplier: ISIL:SB; Not held'), { supplier: 'ISIL:SB', note: 'Not held' });
    assert.deepEqual(parseBrokerNote('Vendor: Alma\nLine one\nLine two'), { vendor: 'Alma', note: 'Line one\nLine two' });
  });

  it('leaves a note without prefixes exactly as written (conventions such as #seq:1# pass through)', () => {
    assert.deepEqual(parseBrokerNote('#seq:1# Supplier: ISIL:X'), { note: '#seq:1# Supplier: ISIL:X' });
    assert.deepEqual(parseBrokerNote('  spaced  '), { note: '  spaced  ' });
    assert.deepEqual(parseBrokerNote(undefined), {});
    assert.deepEqual(parseBrokerNote('Supplier: , text'), { note: 'Supplier: , text' }, 'an empty value is not a prefix');
  });
});
