// Broker mode with credentials: each library agreed requestingAgencyAuthentication (accountId and
// securityCode) with the consortium's broker. Every message a library sends the broker carries its
// credentials; every message the broker sends it carries them too (where the schema has a place),
// and a message in the broker's name without them, or with any others, is refused with an ERROR
// confirmation, counted, and not applied. The libraries also agreed secrets with each other for
// peer to peer: in transparent mode the broker's messages name those libraries in their headers,
// and must not be checked against their secrets.
import assert from 'node:assert/strict';
import type { Iso18626Message } from '../../mod-resource-sharing/src/iso18626/index.ts';
import { brokerCredentials, startConsortium, type Consortium } from '../broker/broker-network.ts';
import { act, agreedCredentials, eventually, inState, lendingRequestFor, type Library } from '../support/library-network.ts';
import { agency, borrow, getRequest, postIso, settledOutbox } from './flow-support.ts';

function confirmation(xml: string): { messageStatus?: string; errorType?: string; errorValue?: string } {
  return {
    messageStatus: /<ill:messageStatus>([^<]*)</.exec(xml)?.[1],
    errorType: /<ill:errorType>([^<]*)</.exec(xml)?.[1],
    errorValue: /<ill:errorValue>([^<]*)</.exec(xml)?.[1],
  };
}

const carries = (xml: string, c: { accountId: string; securityCode: string }) =>
  xml.includes(`<ill:securityCode>${c.securityCode}</ill:securityCode>`) && xml.includes(`<ill:accountId>${c.accountId}</ill:accountId>`);

async function brokerSettings(lib: Library): Promise<Record<string, any>> {
  const res = await lib.api.get('/resource-sharing/settings');
  assert.equal(res.status, 200);
  return res.body.broker;
}

for (const mode of ['opaque', 'transparent'] as const) {
  describe(`flow: credentials agreed with the broker (${mode})`, function () {
    this.timeout(120_000);
    let c: Consortium;
    before(async () => {
      c = await startConsortium(mode, { credentials: true, peerSecrets: true, brokerVersion: '2017' });
    });
    after(() => c.close());

    /** A supplyingAgencyMessage in the broker's name about one of Alpha's requests, as anyone could post it. */
    function fromBroker(hrid: string, auth: { accountId?: string; securityCode?: string } | undefined, extra: Partial<Iso18626Message> = {}): Iso18626Message {
      const supplier = mode === 'opaque' ? 'ISIL:BROKER' : c.lender('Southbank').symbol;
      return {
        kind: 'supplyingAgencyMessage',
        header: {
          supplyingAgencyId: agency(supplier),
          requestingAgencyId: agency(c.alpha.symbol),
          timestamp: new Date(),
          requestingAgencyRequestId: hrid,
          ...(auth ? { requestingAgencyAuthentication: auth } : {}),
        },
        messageInfo: { reasonForMessage: 'StatusChange', reasonUnfilled: { value: 'NotHeld' } },
        statusInfo: { status: 'Unfilled', lastChange: new Date() },
        ...extra,
      } as Iso18626Message;
    }

    it('a brokered loan runs with credentials both ways: ours on every message to the broker, the broker’s on every message to us', async () => {
      const southbank = c.lender('Southbank');
      c.broker.setHolders(() => [southbank.symbol]);
      const borrowing = await borrow(c.alpha, { title: `Authenticated through the broker (${mode})` });
      const lending = await lendingRequestFor(southbank, borrowing.hrid);
      assert.deepEqual(lending.borrower, { symbol: c.alpha.symbol, name: 'Alpha library' });
      await act(southbank, lending.id, 'willSupply');
      await inState(c.alpha, borrowing.id, 'REQ_EXPECTS_TO_SUPPLY');
      await act(c.alpha, borrowing.id, 'cancelWithSupplier', { reason: 'found it locally' });
      await inState(southbank, lending.id, 'RES_CANCEL_REQUEST_RECEIVED');
      await act(southbank, lending.id, 'respondToCancel', { answer: 'yes' });
      await inState(c.alpha, borrowing.id, 'REQ_CANCELLED');
      await c.broker.idle();

      // Alpha -> broker: the request and the Cancel, each with Alpha's credentials for the broker
      const fromAlpha = c.broker.log.filter((m) => m.direction === 'in' && m.peer.toUpperCase() === c.alpha.symbol.toUpperCase());
      assert.deepEqual(
        fromAlpha.map((m) => m.kind),
        ['request', 'requestingAgencyMessage'],
      );
      for (const m of fromAlpha) {
        assert.ok(carries(m.xml, brokerCredentials(c.alpha)), `Alpha's ${m.kind} carries its credentials for the broker`);
        assert.equal(m.refused, undefined);
      }
      for (const m of await settledOutbox(c.alpha, borrowing.id)) assert.equal(m.status, 'delivered', m.lastError);
      // Southbank -> broker: its answers (2021 supplyingAgencyMessages have no place for credentials) were taken
      const fromLender = c.broker.log.filter((m) => m.direction === 'in' && m.peer.toUpperCase() === southbank.symbol.toUpperCase());
      assert.ok(fromLender.length >= 2);
      assert.ok(fromLender.every((m) => m.refused === undefined));

      // broker -> each library: that library's credentials, and each library took every message
      const out = c.broker.log.filter((m) => m.direction === 'out');
      for (const lib of [c.alpha, southbank]) {
        const to = out.filter((m) => m.peer.toUpperCase() === lib.symbol.toUpperCase());
        assert.ok(to.length >= 2, `the broker wrote to ${lib.name}`);
        for (const m of to) {
          assert.equal(m.answered, 'OK', `${lib.name} took the broker's ${m.kind} ${m.what ?? ''}`);
          assert.ok(carries(m.xml, brokerCredentials(lib)), `the broker's ${m.kind} to ${lib.name} carries their credentials`);
        }
        for (const other of [c.alpha, southbank].filter((l) => l !== lib)) {
          assert.ok(!to.some((m) => m.xml.includes(brokerCredentials(other).securityCode)), `nothing of ${other.name}'s credentials reaches ${lib.name}`);
        }
      }
      if (mode === 'transparent') {
        // the broker named Southbank in its headers to Alpha, with the broker's credentials, not the secret Alpha and Southbank agreed
        assert.ok(out.some((m) => m.peer.toUpperCase() === c.alpha.symbol.toUpperCase() && m.headerSupplier?.toUpperCase() === southbank.symbol.toUpperCase()));
      }
      const settings = await brokerSettings(c.alpha);
      assert.equal(settings.sharedSecret, '********', 'the secret is not shown');
      assert.equal(settings.accountId, '********');
      assert.equal(settings.authenticationFailures, undefined, 'nothing was refused');
    });

    it('refuses a message in the broker’s name without its credentials, with wrong ones or with a partner’s own secret: nothing applied, counted', async () => {
      const southbank = c.lender('Southbank');
      c.broker.setHolders(() => [southbank.symbol]);
      const borrowing = await borrow(c.alpha, { title: `Not ended by a stranger (${mode})` });
      await lendingRequestFor(southbank, borrowing.hrid);
      await c.broker.idle();
      const before = await getRequest(c.alpha, borrowing.id);

      const attempts = [
        { auth: undefined, why: /missing requestingAgencyAuthentication/ },
        { auth: { ...brokerCredentials(c.alpha), securityCode: 'guess' }, why: /securityCode does not match/ },
        // the secret Alpha agreed with Southbank for peer to peer is not the broker's
        { auth: { accountId: agreedCredentials(c.alpha, southbank).accountId, securityCode: agreedCredentials(c.alpha, southbank).sharedSecret }, why: /securityCode does not match/ },
        { auth: { accountId: 'someone', securityCode: brokerCredentials(c.alpha).securityCode }, why: /accountId does not match/ },
      ];
      for (const { auth, why } of attempts) {
        const res = await postIso(c.alpha, fromBroker(borrowing.hrid, auth));
        assert.equal(res.status, 200);
        const answer = confirmation(res.xml);
        assert.equal(answer.messageStatus, 'ERROR', res.xml);
        assert.equal(answer.errorType, 'UnrecognisedDataValue');
        assert.match(answer.errorValue ?? '', /^requestingAgencyAuthentication: .* for the broker ISIL:BROKER$/);
        assert.match(answer.errorValue ?? '', why);
        assert.ok(!res.xml.includes(brokerCredentials(c.alpha).securityCode), 'the answer never tells the secret');
      }
      const after = await getRequest(c.alpha, borrowing.id);
      assert.equal(after.state, before.state, 'the forged Unfilled did not end the request');
      assert.equal(after._version, before._version);

      // refusals in quick succession are written together, a second after the first
      const counted = await eventually(async () => {
        const broker = await brokerSettings(c.alpha);
        return broker.authenticationFailures?.count === attempts.length ? broker : undefined;
      }, `${attempts.length} refusals counted`, 5_000);
      assert.match(counted.authenticationFailures.lastReason, /accountId/);
      // staff can save the settings they read (masked secret, the module's counter) without losing either
      const saved = await c.alpha.api.put('/resource-sharing/settings', { broker: { ...counted, authenticationFailures: { count: 0 } } });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal(saved.body.broker.authenticationFailures.count, attempts.length);

      // the right credentials are taken (and the secret survived the round trip above)
      const right = await postIso(
        c.alpha,
        fromBroker(borrowing.hrid, brokerCredentials(c.alpha), {
          messageInfo: { reasonForMessage: 'Notification', note: 'Still looking' },
          statusInfo: { status: after.state === 'REQ_EXPECTS_TO_SUPPLY' ? 'ExpectToSupply' : 'RequestReceived', lastChange: new Date() },
        } as Partial<Iso18626Message>),
      );
      assert.equal(confirmation(right.xml).messageStatus, 'OK', right.xml);
    });

    it('a lender refuses a Request the broker forwards with stale credentials: no lending request, and the broker hears ERROR', async () => {
      const eastbrook = c.lender('Eastbrook');
      c.broker.setHolders(() => [eastbrook.symbol]);
      c.broker.setCredentials(eastbrook.symbol, { ...brokerCredentials(eastbrook), securityCode: 'stale' });
      try {
        const borrowing = await borrow(c.alpha, { title: `Stale broker secret (${mode})` });
        const forwarded = await eventually(async () => {
          await c.broker.idle();
          return c.broker.log.find((m) => m.direction === 'out' && m.kind === 'request' && m.peer === eastbrook.symbol && m.answered);
        }, 'the broker to forward the request');
        assert.match(forwarded.answered ?? '', /^ERROR 200: requestingAgencyAuthentication: securityCode does not match .* for the broker ISIL:BROKER/);
        const lending = await eastbrook.api.get(`/resource-sharing/requests?query=${encodeURIComponent(`role==lending and peerRequestId=="${borrowing.hrid}"`)}`);
        assert.equal(lending.body.totalRecords, 0, 'nothing was created');
        assert.equal((await brokerSettings(eastbrook)).authenticationFailures.count, 1);
      } finally {
        c.broker.setCredentials(eastbrook.symbol, brokerCredentials(eastbrook));
      }
    });

    it('the broker refuses our messages when we send the wrong credentials: the request is not delivered', async () => {
      const northgate = c.lender('Northgate');
      const current = await brokerSettings(northgate);
      const wrong = await northgate.api.put('/resource-sharing/settings', { broker: { ...current, sharedSecret: 'not what we agreed' } });
      assert.equal(wrong.status, 200, JSON.stringify(wrong.body));
      c.broker.setHolders(() => [c.lender('Southbank').symbol]);
      const created = await northgate.api.post('/resource-sharing/requests', {
        citation: { title: `Wrong secret (${mode})` },
        patron: { id: 'p-wrong', name: 'Ada Lovelace', pickupLocation: 'Main desk' },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const ended = await inState(northgate, created.body.id, 'REQ_END_OF_ROTA');
      assert.equal(ended.rota[0].outcome, 'notDelivered');
      assert.match(ended.rota[0].outcomeReason ?? '', /wrong securityCode/);
      const refused = c.broker.log.find((m) => m.direction === 'in' && m.peer === northgate.symbol && m.refused);
      assert.match(refused?.refused ?? '', /wrong securityCode for ISIL:NORTHGATE/i);
      assert.ok(!c.broker.transactions().some((t) => t.requester === northgate.symbol), 'the broker started nothing for it');
    });
  });
}
