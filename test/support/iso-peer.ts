// A scriptable ISO 18626 peer: an independent partner system at its own HTTP endpoint, the kind
// other implementations test against (illmock and friends). It records every message it receives
// and answers each as the test scripts it: an OK confirmation (the default), an ERROR
// confirmation, an HTTP error with a non-XML body (a proxy or a crashed servlet), or no answer at
// all (the connection stays open until the peer closes). As a supplier or a requester it also
// sends its own messages to a library's endpoint, in its schema version, as a real system would:
// e.g. a RenewResponse Y with status Loaned and no dueDate.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildConfirmation,
  emitMessage,
  parseMessage,
  type Iso18626Message,
  type Iso18626Version,
  type ReasonForMessage,
  type RequestingAgencyMessage,
  type Status,
  type SupplyingAgencyMessage,
} from '../../mod-resource-sharing/src/iso18626/index.ts';
import type { Library } from './library-network.ts';

export type PeerAnswer =
  | { type: 'ok' }
  | { type: 'error'; errorType: 'UnrecognisedDataValue' | 'UnrecognisedDataElement' | 'BadlyFormedMessage' | 'UnsupportedActionType'; errorValue: string; httpStatus?: number }
  /** an HTTP answer without a confirmation: 400 "Bad Request" as text, a 500 HTML page, ... */
  | { type: 'http'; status: number; body: string; contentType?: string }
  /** never answers: the request hangs until the peer closes */
  | { type: 'hang' };

export interface PeerReceived {
  xml: string;
  message?: Iso18626Message;
  /** the answer the script chose */
  answer: PeerAnswer['type'];
}

export interface ScriptedPeer {
  name: string;
  symbol: string;
  url: string;
  version: Iso18626Version;
  received: PeerReceived[];
  /** decides the answer per message; default OK */
  script: (message: Iso18626Message | undefined, xml: string) => PeerAnswer;
  /** the messages received of one kind (e.g. 'request'), oldest first */
  ofKind<K extends Iso18626Message['kind']>(kind: K): Extract<Iso18626Message, { kind: K }>[];
  /** waits for the n-th (1-based) message of a kind */
  waitFor<K extends Iso18626Message['kind']>(kind: K, n?: number): Promise<Extract<Iso18626Message, { kind: K }>>;
  /** posts a message to a library's endpoint; answers the HTTP status and the parsed confirmation */
  send(to: Library, message: Iso18626Message): Promise<{ status: number; xml: string; ok: boolean; errorValue?: string }>;
  /** a supplyingAgencyMessage about the borrower's request `requestId` */
  supplierMessage(
    to: Library,
    requestId: string,
    m: { reason?: ReasonForMessage; status: Status; answerYesNo?: 'Y' | 'N'; dueDate?: Date; note?: string; itemId?: string; loanCondition?: string },
  ): Promise<{ status: number; xml: string; ok: boolean; errorValue?: string }>;
  close(): Promise<void>;
}

const agency = (symbol: string) => {
  const [type, value] = symbol.split(':');
  return { type, value };
};

export async function startPeer(opts: { name: string; symbol: string; version?: Iso18626Version }): Promise<ScriptedPeer> {
  const version = opts.version ?? '2017';
  const hanging = new Set<http.ServerResponse>();
  const peer: ScriptedPeer = {
    name: opts.name,
    symbol: opts.symbol,
    url: '',
    version,
    received: [],
    script: () => ({ type: 'ok' }),
    ofKind(kind) {
      return peer.received.map((r) => r.message).filter((m): m is never => m?.kind === kind);
    },
    async waitFor(kind, n = 1) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const found = peer.ofKind(kind);
        if (found.length >= n) return found[n - 1];
        if (Date.now() > deadline) throw new Error(`${opts.name}: no ${kind} #${n} received (got ${peer.received.map((r) => r.message?.kind).join(', ')})`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async send(to, message) {
      const res = await fetch(to.endpoint, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: emitMessage(message, version) });
      const xml = await res.text();
      const parsed = parseMessage(xml);
      const conf = parsed.ok && 'confirmationHeader' in parsed.message ? parsed.message : undefined;
      return {
        status: res.status,
        xml,
        ok: conf?.confirmationHeader.messageStatus === 'OK',
        ...(conf?.errorData?.errorValue ? { errorValue: conf.errorData.errorValue } : {}),
      };
    },
    async supplierMessage(to, requestId, m) {
      const msg: SupplyingAgencyMessage = {
        kind: 'supplyingAgencyMessage',
        header: {
          supplyingAgencyId: agency(opts.symbol),
          requestingAgencyId: agency(to.symbol),
          timestamp: new Date(),
          requestingAgencyRequestId: requestId,
          supplyingAgencyRequestId: `${opts.name}-${requestId}`,
        },
        messageInfo: {
          reasonForMessage: m.reason ?? 'StatusChange',
          ...(m.answerYesNo ? { answerYesNo: m.answerYesNo } : {}),
          ...(m.note ? { note: m.note } : {}),
        },
        statusInfo: { status: m.status, lastChange: new Date(), ...(m.dueDate ? { dueDate: m.dueDate } : {}) },
      };
      if (m.itemId || m.loanCondition || m.status === 'Loaned') {
        msg.deliveryInfo = {
          dateSent: new Date(),
          ...(m.itemId ? { itemId: m.itemId } : {}),
          ...(m.loanCondition ? { loanCondition: { value: m.loanCondition } } : {}),
        };
      }
      return peer.send(to, msg);
    },
    async close() {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const xml = Buffer.concat(chunks).toString('utf8');
      const parsed = parseMessage(xml);
      const message = parsed.ok ? parsed.message : undefined;
      const answer = peer.script(message, xml);
      peer.received.push({ xml, ...(message ? { message } : {}), answer: answer.type });
      if (answer.type === 'hang') {
        hanging.add(res);
        return;
      }
      if (answer.type === 'http') {
        res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'text/plain' });
        res.end(answer.body);
        return;
      }
      const header = message && 'header' in message ? message.header : undefined;
      const confirmation = buildConfirmation(message?.kind, header, {
        messageStatus: answer.type === 'ok' ? 'OK' : 'ERROR',
        ...(answer.type === 'error' ? { errorType: answer.errorType, errorValue: answer.errorValue } : {}),
        echo: {
          ...(message?.kind === 'requestingAgencyMessage' ? { action: (message as RequestingAgencyMessage).action } : {}),
          ...(message?.kind === 'supplyingAgencyMessage' ? { reasonForMessage: message.messageInfo.reasonForMessage } : {}),
        },
      });
      const status = answer.type === 'error' ? (answer.httpStatus ?? 400) : 200;
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end(emitMessage(confirmation, version));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/iso18626`;
  return peer;
}

/** Makes `peer` a partner of `lib` (directory entry with its endpoint and version). */
export async function addPeerToDirectory(lib: Library, peer: ScriptedPeer, extra: Record<string, unknown> = {}): Promise<void> {
  const [authority, symbol] = peer.symbol.split(':');
  const res = await lib.api.post('/resource-sharing/directory/entries', {
    name: `${peer.name} (scripted peer)`,
    symbols: [{ authority, symbol }],
    partner: true,
    iso18626Endpoint: peer.url,
    iso18626Version: peer.version,
    ...extra,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}
