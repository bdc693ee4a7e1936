import assert from 'node:assert/strict';
import { unfilledReasonFor } from '../../src/workflow/auto-responder.ts';

describe('auto-responder: the reason an unavailable item is not supplied', () => {
  it('maps FOLIO item statuses and NCIP circulation statuses to ISO 18626 reasonUnfilled', () => {
    const cases: [string, string | null][] = [
      ['Checked out', 'OnLoan'],
      ['On Loan', 'OnLoan'],
      ['Aged to lost', 'Lost'],
      ['Declared lost', 'Lost'],
      ['Lost', 'Lost'],
      ['Long missing', 'Lost'],
      ['Missing', 'NotOnShelf'],
      ['Claimed returned', 'NotOnShelf'],
      ['In process', 'InProcess'],
      ['In Process', 'InProcess'],
      ['On order', 'InProcess'],
      ['Withdrawn', 'NotHeld'],
      ['Restricted', 'NonCirculating'],
      ['Unavailable', 'NonCirculating'],
      ['Not Available', 'NonCirculating'],
    ];
    for (const [status, reason] of cases) assert.equal(unfilledReasonFor(status), reason, status);
  });

  it('leaves statuses that may change soon to staff', () => {
    for (const status of ['Paged', 'Awaiting pickup', 'In transit', 'Awaiting delivery', 'Available For Pickup', 'In Transit Between Library Locations', 'Circulation Status Undefined', 'Unknown']) {
      assert.equal(unfilledReasonFor(status), null, status);
    }
  });
});
