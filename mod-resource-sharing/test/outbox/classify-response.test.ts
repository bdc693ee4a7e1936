import assert from 'node:assert/strict';
import { classifyResponse, retryDelayMs } from '../../src/outbox/index.ts';

// A confirmation as some peers write it: unprefixed, no envelope version, +0000 offsets.
const confirmation = (status: 'OK' | 'ERROR', error = '') => `<?xml version="1.0"?>
<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" version="1.2">
  <requestingAgencyMessageConfirmation>
    <confirmationHeader>
      <supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>DK-820010</agencyIdValue></supplyingAgencyId>
      <requestingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>US-TEST</agencyIdValue></requestingAgencyId>
      <timestamp>2024-05-01T10:00:00+0000</timestamp>
      <requestingAgencyRequestId>REQ-1</requestingAgencyRequestId>
      <timestampReceived>2024-05-01T10:00:00+0000</timestampReceived>
      <messageStatus>${status}</messageStatus>
    </confirmationHeader>
    ${error}
    <action>Notification</action>
  </requestingAgencyMessageConfirmation>
</ISO18626Message>`;

describe('outbox: reading a partner answer', () => {
  it('2xx with an OK confirmation is delivered', () => {
    assert.deepEqual(classifyResponse('iso18626', { status: 200, body: confirmation('OK') }), { type: 'delivered' });
    assert.deepEqual(classifyResponse('iso18626', { status: 202, body: confirmation('OK') }), { type: 'delivered' });
  });

  it('an ERROR confirmation is rejected with its errorType and errorValue, whatever the HTTP status', () => {
    const error = '<errorData><errorType>UnsupportedActionType</errorType><errorValue>Lost</errorValue></errorData>';
    for (const status of [400, 200, 500]) {
      const outcome = classifyResponse('iso18626', { status, body: confirmation('ERROR', error) });
      assert.equal(outcome.type, 'rejected', `HTTP ${status}`);
      assert.ok(outcome.type === 'rejected');
      assert.equal(outcome.errorType, 'UnsupportedActionType');
      assert.equal(outcome.errorValue, 'Lost');
      assert.match(outcome.message, new RegExp(`HTTP ${status}.*UnsupportedActionType: Lost`));
    }
  });

  it('server errors, 408, 429, and 2xx without a confirmation are temporary: retried', () => {
    for (const [status, body] of [
      [503, ''],
      [500, '<html>Internal Server Error</html>'],
      [429, 'slow down'],
      [408, ''],
      [200, ''],
      [200, '{"ok":true}'],
      [502, confirmation('OK')],
    ] as const) {
      assert.equal(classifyResponse('iso18626', { status, body }).type, 'retry', `${status} ${body.slice(0, 20)}`);
    }
  });

  it('a 4xx without a confirmation (a non-XML 400, an HTML 404) is permanent: the partner refuses what we send', () => {
    for (const [status, body] of [
      [400, 'Bad Request: cannot parse body'],
      [400, ''],
      [404, '<html>Not found</html>'],
      [401, '{"error":"unauthorised"}'],
    ] as const) {
      const outcome = classifyResponse('iso18626', { status, body });
      assert.equal(outcome.type, 'rejected', `${status} ${body.slice(0, 20)}`);
      assert.match(outcome.type === 'rejected' ? outcome.message : '', new RegExp(`HTTP ${status}`));
    }
  });

  it('backoff doubles from 5 s, jitters within ±25 %, and never waits more than an hour', () => {
    const mid = () => 0.5;
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelayMs(n, 5000, 3_600_000, mid)),
      [5000, 10_000, 20_000, 40_000],
    );
    assert.equal(retryDelayMs(30, 5000, 3_600_000, mid), 3_600_000);
    assert.equal(retryDelayMs(30, 5000, 3_600_000, () => 1), 3_600_000, 'jitter never goes past the cap');
    assert.equal(retryDelayMs(1, 5000, 3_600_000, () => 0), 3750);
    assert.equal(retryDelayMs(1, 5000, 3_600_000, () => 1), 6250);
  });
});
