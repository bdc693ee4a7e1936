// The broker settings' credentials: masked when read, kept when the mask is written back, a
// required authentication needs a secret, and `notRequired` takes the broker's messages without
// credentials (but never with wrong ones).
import assert from 'node:assert/strict';
import { emitMessage, type Iso18626Message } from '../../src/iso18626/index.ts';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';
import { eventually } from '../../../test/support/library-network.ts';

const BROKER = { routing: 'broker', symbol: 'ISIL:BROKER', endpoint: 'http://127.0.0.1:9/iso18626', mode: 'opaque' };

describe('broker settings: the credentials agreed with the broker', () => {
  let mod: RunningModule;
  const tenant = uniqueTenant('brokerauth');
  let api: ReturnType<typeof tenantClient>;

  before(async () => {
    mod = await startModule();
    await enableTenant(mod.url, tenant);
    api = tenantClient(mod.url, tenant);
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  /** A forwarded Unfilled in the broker's name about a request this library never made. */
  async function fromBroker(auth?: { accountId?: string; securityCode?: string }): Promise<string> {
    const msg: Iso18626Message = {
      kind: 'supplyingAgencyMessage',
      header: {
        supplyingAgencyId: { type: 'ISIL', value: 'BROKER' },
        requestingAgencyId: { type: 'ISIL', value: 'DK-NOBODY' },
        timestamp: new Date(),
        requestingAgencyRequestId: 'NO-SUCH-1',
        ...(auth ? { requestingAgencyAuthentication: auth } : {}),
      },
      messageInfo: { reasonForMessage: 'StatusChange' },
      statusInfo: { status: 'Unfilled', lastChange: new Date() },
    };
    const res = await fetch(`${mod.url}/resource-sharing/iso18626`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', 'x-okapi-tenant': tenant },
      body: emitMessage(msg, '2017'),
    });
    return /<ill:errorValue>([^<]*)</.exec(await res.text())?.[1] ?? 'OK';
  }

  it('shows the secret and account id masked; writing the mask back keeps them', async () => {
    const put = await api.put('/resource-sharing/settings', { broker: { ...BROKER, sharedSecret: 'b-secret', accountId: 'b-acct' } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.broker.sharedSecret, '********');
    const read = (await api.get('/resource-sharing/settings')).body.broker;
    assert.deepEqual({ sharedSecret: read.sharedSecret, accountId: read.accountId }, { sharedSecret: '********', accountId: '********' });
    assert.ok(!JSON.stringify((await api.get('/resource-sharing/settings')).body).includes('b-secret'));

    const again = await api.put('/resource-sharing/settings', { broker: { ...read, mode: 'transparent' } });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    // the stored secret is still the one agreed: the right one passes the check, another does not
    assert.match(await fromBroker({ accountId: 'b-acct', securityCode: '********' }), /securityCode does not match/);
    assert.doesNotMatch(await fromBroker({ accountId: 'b-acct', securityCode: 'b-secret' }), /requestingAgencyAuthentication/);
  });

  it('refuses required authentication without a secret (422 naming the field)', async () => {
    const res = await api.put('/resource-sharing/settings', { broker: { ...BROKER, authentication: 'required' } });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.deepEqual(res.body.errors[0].parameters, [{ key: 'broker.authentication', value: 'required' }]);
    assert.equal(res.body.errors[0].code, 'broker.secretMissing');
    assert.match(res.body.errors[0].message, /sharedSecret/);
    // with the (masked) secret it keeps, required is fine
    await api.put('/resource-sharing/settings', { broker: { ...BROKER, sharedSecret: 'b-secret' } });
    const masked = (await api.get('/resource-sharing/settings')).body.broker;
    const ok = await api.put('/resource-sharing/settings', { broker: { ...masked, authentication: 'required' } });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
  });

  it('notRequired takes the broker’s messages without credentials, never with wrong ones', async () => {
    await api.put('/resource-sharing/settings', { broker: { ...BROKER, sharedSecret: 'b-secret' } });
    const counted = (await api.get('/resource-sharing/settings')).body.broker.authenticationFailures?.count ?? 0;
    assert.ok(counted >= 1, 'the refusal of the first test is still counted: a settings change keeps the count of the same broker');
    assert.match(await fromBroker(), /^requestingAgencyAuthentication: missing requestingAgencyAuthentication for the broker ISIL:BROKER$/);
    const relaxed = await api.put('/resource-sharing/settings', { broker: { ...BROKER, sharedSecret: 'b-secret', authentication: 'notRequired' } });
    assert.equal(relaxed.status, 200, JSON.stringify(relaxed.body));
    // past the credentials check: refused only because there is no such request
    assert.doesNotMatch(await fromBroker(), /requestingAgencyAuthentication/);
    assert.match(await fromBroker({ securityCode: 'guess' }), /securityCode does not match/);
    // refusals within a second of each other are written together: wait for the second one
    const failures = await eventually(async () => {
      const found = (await api.get('/resource-sharing/settings')).body.broker.authenticationFailures as { count: number; lastReason: string };
      return found.count === counted + 2 ? found : undefined;
    }, `${counted + 2} refusals counted`, 5_000);
    assert.match(failures.lastReason, /securityCode/);
  });
});
