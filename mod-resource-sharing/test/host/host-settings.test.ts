import assert from 'node:assert/strict';
import { patronDueDate, validateHostSettings } from '../../src/host/host-lsp.ts';
import { demoHostSettings } from '../../../simulators/folio/demo-seed.ts';

describe('host settings', () => {
  it('accepts a complete mapping', () => {
    assert.deepEqual(validateHostSettings(demoHostSettings('x')), []);
  });

  it('names each missing or malformed setting', () => {
    const problems = validateHostSettings({ ...demoHostSettings('x'), illLocationId: '', materialTypeId: 'book', deliveryOffsetDays: -1 });
    assert.ok(problems.includes('illLocationId is required'));
    assert.ok(problems.includes('materialTypeId must be a UUID'));
    assert.ok(problems.some((p) => p.startsWith('deliveryOffsetDays')));
    assert.equal(problems.length, 3);
  });

  it('patron due date is the lender due date minus the delivery offset', () => {
    assert.equal(patronDueDate('2030-05-20T23:59:59.000Z', 3), '2030-05-17T23:59:59.000Z');
    assert.equal(patronDueDate('2030-05-20T23:59:59+02:00', 0), '2030-05-20T21:59:59.000Z');
    assert.throws(() => patronDueDate('soon', 3), RangeError);
  });
});
