// Staff and a partner acting on the same request at the same moment, and (on PostgreSQL) two module
// instances delivering one outbox: no lost update, no message sent twice.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../../mod-resource-sharing/src/config.ts';
import { openDatabase } from '../../mod-resource-sharing/src/db/open.ts';
import { schemaOf } from '../../mod-resource-sharing/src/db/tenant-schema.ts';
import { configureOutbox } from '../../mod-resource-sharing/src/outbox/index.ts';
import { confirmationForParseResult, emitMessage, parseMessage, type SupplyingAgencyMessage } from '../../mod-resource-sharing/src/iso18626/index.ts';
import { startModule, type RunningModule } from '../support/module-harness.ts';
import { eventually, inState, startNetwork, type Library, type Network } from '../support/library-network.ts';

/** A partner library's ISO 18626 endpoint that answers OK and counts what it receives. */
class FakePartner {
  server: Server;
  up = true;
  delayMs = 0;
  /** requestingAgencyRequestId -> messages accepted (answered OK) */
  accepted = new Map<string, number>();
  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        setTimeout(() => {
          if (!this.up) {
            res.writeHead(503).end('down for maintenance');
            return;
          }
          const parsed = parseMessage(Buffer.concat(chunks).toString('utf8'));
          if (parsed.ok && 'header' in parsed.message) {
            const id = parsed.message.header.requestingAgencyRequestId;
            this.accepted.set(id, (this.accepted.get(id) ?? 0) + 1);
          }
          const { confirmation, version } = confirmationForParseResult(parsed);
          res.writeHead(parsed.ok ? 200 : 400, { 'content-type': 'application/xml' }).end(emitMessage(confirmation, version));
        }, this.delayMs);
      });
    });
  }
  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/iso18626`;
  }
  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

async function addPartner(lib: Library, symbol: string, url: string): Promise<void> {
  const [authority, code] = symbol.split(':');
  const res = await lib.api.post('/resource-sharing/directory/entries', {
    name: `Partner ${code}`,
    symbols: [{ authority, symbol: code }],
    partner: true,
    iso18626Endpoint: url,
    iso18626Version: '2017',
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

function willSupply(from: string, to: string, hrid: string): string {
  const [fType, fValue] = from.split(':');
  const [tType, tValue] = to.split(':');
  const msg: SupplyingAgencyMessage = {
    kind: 'supplyingAgencyMessage',
    header: {
      supplyingAgencyId: { type: fType, value: fValue },
      requestingAgencyId: { type: tType, value: tValue },
      timestamp: new Date(),
      requestingAgencyRequestId: hrid,
      multipleItemRequestId: '',
    },
    messageInfo: { reasonForMessage: 'RequestResponse' },
    statusInfo: { status: 'WillSupply', lastChange: new Date() },
  };
  return emitMessage(msg, '2017');
}

interface AuditRow {
  action: string;
  fromState?: string;
  toState?: string;
  actor: { type: string };
}

describe('flow: concurrent changes to one request', function () {
  this.timeout(180_000);
  let net: Network;
  let fake: FakePartner;
  const FAKE = `ISIL:FAKE-${Date.now().toString(36).slice(-4).toUpperCase()}`;

  before(async () => {
    fake = new FakePartner();
    const url = await fake.listen();
    net = await startNetwork([{ name: 'Alpha' }]);
    await addPartner(net.libraries.Alpha, FAKE, url);
  });
  after(async () => {
    await net.close();
    await fake.close();
  });

  it('staff cancelling while the supplier’s WillSupply arrives, 20 rounds: one order wins, nothing is lost', async () => {
    const a = net.libraries.Alpha;
    const outcomes = { staffWon: 0, staffConflict: 0, staffRefused: 0 };
    for (let round = 0; round < 20; round++) {
      const created = await a.api.post('/resource-sharing/requests', { citation: { title: `Race ${round}` }, patron: { id: 'p-1', name: 'Racer' } });
      assert.equal(created.status, 201);
      const sent = await inState(a, created.body.id, 'REQ_SENT_TO_SUPPLIER');
      assert.equal(sent.supplierSymbol, FAKE);
      const auditBefore: AuditRow[] = (await a.api.get(`/resource-sharing/requests/${sent.id}/audit`)).body.auditRecords;

      // Alternate which side starts a moment earlier, so both orders happen.
      const later = <T>(ms: number, fn: () => Promise<T>) => new Promise<void>((r) => setTimeout(r, ms)).then(fn);
      const [staff, partner] = await Promise.all([
        later(round % 2 ? 3 : 0, () => a.api.post(`/resource-sharing/requests/${sent.id}/actions/cancelWithSupplier`, { parameters: { reason: 'patron changed mind' }, _version: sent._version })),
        later(round % 2 ? 0 : 3, () => fetch(a.endpoint, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: willSupply(FAKE, a.symbol, sent.hrid) }).then(async (r) => ({
          status: r.status,
          body: await r.text(),
        }))),
      ]);
      // The partner's message is always answered; the staff action wins, or loses cleanly.
      assert.equal(partner.status, 200, partner.body);
      assert.ok([200, 409, 422].includes(staff.status), `staff got ${staff.status}: ${JSON.stringify(staff.body)}`);
      if (staff.status === 200) {
        outcomes.staffWon += 1;
        assert.ok(staff.body._version > sent._version);
      } else if (staff.status === 409) outcomes.staffConflict += 1;
      else outcomes.staffRefused += 1;

      const final = (await a.api.get(`/resource-sharing/requests/${sent.id}`)).body;
      const audit: AuditRow[] = (await a.api.get(`/resource-sharing/requests/${sent.id}/audit`)).body.auditRecords;
      const added = audit.slice(auditBefore.length);
      // Every change is in the trail and moved the version by exactly one: no write overwrote another.
      assert.equal(final._version - sent._version, added.length, JSON.stringify(added));
      assert.ok(added.some((r) => r.actor.type === 'partner'), `the partner’s message is in the history: staff ${staff.status}, ${JSON.stringify(added)}, ${partner.body}`);
      assert.equal(added.some((r) => r.action === 'cancelWithSupplier'), staff.status === 200, 'the staff action is in the history exactly when it succeeded');
      // The states chain: each change starts where the one before ended, and the record shows the last.
      let state = sent.state;
      for (const r of added) {
        if (r.fromState === undefined || r.toState === undefined) continue;
        assert.equal(r.fromState, state, `chain broken at ${r.action}: ${JSON.stringify(added)}`);
        state = r.toState;
      }
      assert.equal(final.state, state);
    }
    // Let the deliveries to the partner finish before the next test counts.
    await eventually(async () => {
      const pending = await net.mod.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schemaOf(a.tenant)}.outbox WHERE status <> 'delivered'`);
      return pending.rows[0].n === 0 ? true : undefined;
    }, 'the outbox to drain');
    console.log(`      staff won ${outcomes.staffWon}, lost with 409 ${outcomes.staffConflict}, refused 422 ${outcomes.staffRefused}`);
  });

  it('the same partner message delivered five times at once: each delivery is confirmed OK, the message is applied once', async () => {
    const a = net.libraries.Alpha;
    for (let round = 0; round < 5; round++) {
      const created = await a.api.post('/resource-sharing/requests', { citation: { title: `Twice ${round}` }, patron: { id: 'p-1', name: 'Racer' } });
      const sent = await inState(a, created.body.id, 'REQ_SENT_TO_SUPPLIER');
      const auditBefore: AuditRow[] = (await a.api.get(`/resource-sharing/requests/${sent.id}/audit`)).body.auditRecords;
      // one message (one timestamp, so one fingerprint), as a partner's retrying sender would repeat it
      const xml = willSupply(FAKE, a.symbol, sent.hrid);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          fetch(a.endpoint, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: xml }).then(async (r) => ({ status: r.status, body: await r.text() })),
        ),
      );
      for (const answer of answers) {
        assert.equal(answer.status, 200, answer.body);
        assert.match(answer.body, /<ill:messageStatus>OK<\/ill:messageStatus>/, answer.body);
      }
      const final = (await a.api.get(`/resource-sharing/requests/${sent.id}`)).body;
      assert.equal(final.state, 'REQ_EXPECTS_TO_SUPPLY');
      const added: AuditRow[] = (await a.api.get(`/resource-sharing/requests/${sent.id}/audit`)).body.auditRecords.slice(auditBefore.length);
      assert.equal(added.filter((r) => r.actor.type === 'partner').length, 1, `applied once: ${JSON.stringify(added)}`);
      const messages = (await a.api.get(`/resource-sharing/requests/${sent.id}/messages`)).body.messages as { direction: string; summary: string }[];
      assert.equal(messages.filter((m) => m.direction === 'in').length, 1, `kept once in the conversation: ${JSON.stringify(messages)}`);
    }
  });

  describe('two module instances on one PostgreSQL database', () => {
    let second: RunningModule | undefined;
    before(function () {
      if (net.mod.db.kind !== 'postgres') this.skip();
    });
    after(async () => {
      configureOutbox();
      if (second) {
        await second.close();
        await second.db.close();
      }
    });

    it('deliver the outbox concurrently without sending any message twice', async () => {
      const a = net.libraries.Alpha;
      const s = schemaOf(a.tenant);
      second = await startModule({ db: await openDatabase(readConfig(process.env).db) });
      const secondTimer = () =>
        fetch(`${second!.url}/resource-sharing/timers/outbox`, { method: 'POST', headers: { 'x-okapi-tenant': a.tenant } }).then((r) => r.json());
      const firstTimer = () => a.api.post('/resource-sharing/timers/outbox').then((r) => r.body);

      // The partner is down while 30 requests are made: their messages wait in the outbox.
      fake.up = false;
      fake.accepted.clear();
      const N = 30;
      const hrids: string[] = [];
      for (let i = 0; i < N; i++) {
        const created = await a.api.post('/resource-sharing/requests', { citation: { title: `Outbox ${i}` }, patron: { id: 'p-2', name: 'Waiting' } });
        assert.equal(created.status, 201);
        hrids.push((await inState(a, created.body.id, 'REQ_SENT_TO_SUPPLIER')).hrid);
      }
      await eventually(async () => {
        const { rows } = await net.mod.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${s}.outbox WHERE status = 'pending' AND attempts >= 1`);
        return rows[0].n === N ? true : undefined;
      }, 'every message to have failed once');

      // The partner comes back; both instances' timers fire at once, several times.
      fake.up = true;
      fake.delayMs = 10;
      // small rounds, so that both instances are claiming while the other delivers
      configureOutbox({ batchSize: 4, concurrency: 2 });
      await net.mod.db.query(`UPDATE ${s}.outbox SET next_attempt_at = now() WHERE status = 'pending'`);
      const runs = await Promise.all([firstTimer(), secondTimer(), firstTimer(), secondTimer(), firstTimer(), secondTimer()]);
      const reported = runs.reduce((n: number, r: { delivered: number }) => n + r.delivered, 0);

      const { rows } = await net.mod.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${s}.outbox WHERE status = 'delivered' AND request_id IS NOT NULL`);
      assert.ok(rows[0].n >= N);
      for (const hrid of hrids) assert.equal(fake.accepted.get(hrid), 1, `${hrid} received ${fake.accepted.get(hrid) ?? 0} times`);
      assert.equal(reported, N, JSON.stringify(runs));
      console.log(`      deliveries per timer call: ${runs.map((r: { delivered: number }) => r.delivered).join(', ')}`);
    });
  });
});
