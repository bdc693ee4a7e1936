// A scriptable ISO 18626 broker for tests, behaving at its edges like Index Data's CrossLink broker
// (as its README documents it): it takes a requester's Request, confirms it at once, picks suppliers
// from a script (standing in for its union catalogue), tells the requester each supplier it picks
// (ExpectToSupply: StatusChange when transparent, Notification when opaque), forwards the Request
// with requestingAgencyInfo/supplierInfo, forwards a supplier's Unfilled as a Notification and tries
// the next supplier, sends a real Unfilled only when none is left, adds returnInfo to Loaned, and
// relays everything else both ways. Opaque: its own symbol in the headers towards the requester
// (and towards the supplier as requester), the real supplier named by a `Supplier: {symbol}` note
// prefix. Transparent: the real symbols in the headers. Messages over 100 KB are refused.
// Credentials: with a member it agreed requestingAgencyAuthentication with (`credentials`), the
// broker puts them in every message it sends that member (where the schema has a place: not in a
// 2021 supplyingAgencyMessage) and refuses, with an ERROR confirmation and without forwarding, a
// message from that member that lacks them or carries others. It never passes one member's
// credentials on to another: each forward gets a header of its own.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildConfirmation,
  confirmationForParseResult,
  emitMessage,
  parseMessage,
  type Iso18626Message,
  type Iso18626Version,
  type PhysicalAddress,
  type RequestMessage,
  type RequestingAgencyMessage,
  type SupplyingAgencyMessage,
} from '../../mod-resource-sharing/src/iso18626/index.ts';

export interface BrokerMember {
  symbol: string;
  name: string;
  endpoint: string;
  version?: Iso18626Version;
  address?: PhysicalAddress;
  /** requestingAgencyAuthentication agreed between the broker and this member */
  credentials?: Credentials;
}

export interface Credentials {
  accountId?: string;
  securityCode: string;
}

export interface BrokerOptions {
  symbol: string;
  mode: 'opaque' | 'transparent';
  members: BrokerMember[];
  /** the suppliers to try for a request, in order (the union catalogue's answer); default: every other member */
  holders?: (request: RequestMessage, requester: string) => string[];
  /** prefix notes it forwards with `Vendor: {vendor}` (CrossLink's VENDOR_NOTE) */
  vendor?: string;
  /** separator of the fields it puts in front of notes (CrossLink's NOTE_FIELD_SEP) */
  separator?: string;
  /** default 100 KB, as CrossLink's MAX_MESSAGE_SIZE */
  maxBytes?: number;
}

export interface LoggedMessage {
  direction: 'in' | 'out';
  /** the member the message came from or went to */
  peer: string;
  kind: string;
  /** status or action */
  what?: string;
  reasonForMessage?: string;
  note?: string;
  headerSupplier?: string;
  headerRequester?: string;
  /** out: the confirmation status the peer answered */
  answered?: string;
  /** in: why the broker refused it (its credentials) */
  refused?: string;
  xml: string;
}

interface Transaction {
  requester: string;
  requesterRequestId: string;
  request: RequestMessage;
  candidates: string[];
  index: number;
  supplier?: string;
  done: boolean;
  chain: Promise<void>;
}

export interface RunningBroker {
  url: string;
  symbol: string;
  log: LoggedMessage[];
  /** set the union catalogue's answer for the next requests */
  setHolders(fn: (request: RequestMessage, requester: string) => string[]): void;
  /** change (or, with undefined, drop) the credentials agreed with a member */
  setCredentials(symbol: string, credentials: Credentials | undefined): void;
  /** waits until every forward it started has been answered */
  idle(): Promise<void>;
  transactions(): { requester: string; requesterRequestId: string; supplier?: string; tried: string[]; done: boolean }[];
  close(): Promise<void>;
}

const sym = (id: { type: string; value: string } | undefined) => (id ? `${id.type.toUpperCase()}:${id.value}` : '');
const agency = (symbol: string) => {
  const i = symbol.indexOf(':');
  return { type: symbol.slice(0, i), value: symbol.slice(i + 1) };
};
const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toUpperCase() === b.toUpperCase();

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit * 4) return null; // far too big: stop reading
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startBroker(opts: BrokerOptions): Promise<RunningBroker> {
  const maxBytes = opts.maxBytes ?? 100 * 1024;
  const sep = opts.separator ?? ', ';
  const log: LoggedMessage[] = [];
  const txs: Transaction[] = [];
  let holders = opts.holders ?? ((_r: RequestMessage, requester: string) => opts.members.filter((m) => !same(m.symbol, requester)).map((m) => m.symbol));
  const member = (symbol: string) => opts.members.find((m) => same(m.symbol, symbol));
  const opaque = opts.mode === 'opaque';

  function withPrefix(note: string | undefined, supplier: string | undefined): string | undefined {
    const fields = [...(opaque && supplier ? [`Supplier: ${supplier}`] : []), ...(opts.vendor ? [`Vendor: ${opts.vendor}`] : [])];
    if (!fields.length) return note;
    return [...fields, ...(note ? [note] : [])].join(sep);
  }

  async function send(to: BrokerMember, msg: Iso18626Message): Promise<void> {
    if (to.credentials && 'header' in msg) {
      const { accountId, securityCode } = to.credentials;
      msg = { ...msg, header: { ...msg.header, requestingAgencyAuthentication: { ...(accountId ? { accountId } : {}), securityCode } } } as Iso18626Message;
    }
    const xml = emitMessage(msg, to.version ?? '2017');
    const entry: LoggedMessage = { direction: 'out', peer: to.symbol, kind: msg.kind, xml, ...describe(msg) };
    log.push(entry);
    try {
      const res = await fetch(to.endpoint, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: xml });
      const text = await res.text();
      entry.answered = /messageStatus>\s*OK/.test(text) ? 'OK' : `ERROR ${res.status}: ${/errorValue>([^<]*)/.exec(text)?.[1] ?? text.slice(0, 200)}`;
    } catch (err) {
      entry.answered = `unreachable: ${(err as Error).message}`;
    }
  }

  function describe(msg: Iso18626Message): Partial<LoggedMessage> {
    switch (msg.kind) {
      case 'request':
        return { headerRequester: sym(msg.header.requestingAgencyId), headerSupplier: sym(msg.header.supplyingAgencyId), note: msg.serviceInfo?.note };
      case 'supplyingAgencyMessage':
        return {
          what: msg.statusInfo.status,
          reasonForMessage: msg.messageInfo.reasonForMessage,
          note: msg.messageInfo.note,
          headerRequester: sym(msg.header.requestingAgencyId),
          headerSupplier: sym(msg.header.supplyingAgencyId),
        };
      case 'requestingAgencyMessage':
        return { what: msg.action, note: msg.note, headerRequester: sym(msg.header.requestingAgencyId), headerSupplier: sym(msg.header.supplyingAgencyId) };
      default:
        return {};
    }
  }

  function queue(tx: Transaction, work: () => Promise<void>): void {
    tx.chain = tx.chain.then(work, work);
  }

  /** Tells the requester about the supplier (opaque: in the note) with a supplyingAgencyMessage. */
  function toRequester(tx: Transaction, supplier: string | undefined, m: Omit<SupplyingAgencyMessage, 'kind' | 'header'> & { header?: Partial<SupplyingAgencyMessage['header']> }) {
    const requester = member(tx.requester)!;
    const headerSupplier = opaque || !supplier ? opts.symbol : supplier;
    const msg: SupplyingAgencyMessage = {
      ...m,
      kind: 'supplyingAgencyMessage',
      header: {
        supplyingAgencyId: agency(headerSupplier),
        requestingAgencyId: agency(tx.requester),
        timestamp: new Date(),
        requestingAgencyRequestId: tx.requesterRequestId,
        ...m.header,
      },
      messageInfo: { ...m.messageInfo, ...(withPrefix(m.messageInfo.note, supplier) ? { note: withPrefix(m.messageInfo.note, supplier) } : {}) },
    };
    return send(requester, msg);
  }

  /** Picks the next supplier: ExpectToSupply to the requester and the Request to the supplier; or the final Unfilled. */
  async function nextSupplier(tx: Transaction): Promise<void> {
    tx.index += 1;
    const supplier = tx.candidates[tx.index];
    tx.supplier = supplier;
    if (!supplier) {
      tx.done = true;
      await toRequester(tx, undefined, {
        messageInfo: { reasonForMessage: 'StatusChange', reasonUnfilled: { value: 'NotAvailableForILL' }, note: 'No other supplier in the consortium holds it' },
        statusInfo: { status: 'Unfilled', lastChange: new Date() },
      });
      return;
    }
    await toRequester(tx, supplier, {
      messageInfo: { reasonForMessage: opaque ? 'Notification' : 'StatusChange' },
      statusInfo: { status: 'ExpectToSupply', lastChange: new Date() },
    });
    const lender = member(supplier)!;
    const requester = member(tx.requester)!;
    const forwarded: RequestMessage = {
      ...tx.request,
      header: {
        ...tx.request.header,
        requestingAgencyId: agency(opaque ? opts.symbol : tx.requester),
        supplyingAgencyId: agency(supplier),
        timestamp: new Date(),
      },
      supplierInfo: [{ supplierCode: agency(supplier), supplierDescription: lender.name }],
      requestingAgencyInfo: {
        name: requester.name,
        ...(requester.address ? { address: [{ physicalAddress: requester.address }] } : {}),
      },
    };
    delete forwarded.header.requestingAgencyAuthentication;
    await send(lender, forwarded);
  }

  function onRequest(msg: RequestMessage): { ok: boolean; error?: string } {
    const requester = sym(msg.header.requestingAgencyId);
    if (!member(requester)) return { ok: false, error: `requestingAgencyId: ${requester} is not a member of this broker` };
    const existing = txs.find((t) => same(t.requester, requester) && t.requesterRequestId === msg.header.requestingAgencyRequestId && !t.done);
    if (existing) return { ok: true }; // a retry of a request it already works on
    const tx: Transaction = {
      requester,
      requesterRequestId: msg.header.requestingAgencyRequestId,
      request: msg,
      candidates: holders(msg, requester).filter((s) => member(s) && !same(s, requester)),
      index: -1,
      done: false,
      chain: Promise.resolve(),
    };
    txs.push(tx);
    queue(tx, () => nextSupplier(tx));
    return { ok: true };
  }

  function onSupplying(msg: SupplyingAgencyMessage): { ok: boolean; error?: string } {
    const supplier = sym(msg.header.supplyingAgencyId);
    const tx = [...txs].reverse().find((t) => t.requesterRequestId === msg.header.requestingAgencyRequestId && t.candidates.some((c) => same(c, supplier)));
    if (!tx) return { ok: false, error: `requestingAgencyRequestId: no transaction ${msg.header.requestingAgencyRequestId} with ${supplier}` };
    if (!same(tx.supplier, supplier)) return { ok: true }; // a skipped supplier still talking: confirmed, not forwarded
    const status = msg.statusInfo.status;
    if (status === 'Unfilled') {
      queue(tx, async () => {
        await toRequester(tx, supplier, {
          ...msg,
          // a header of its own, as for every forward: the requester's ids, never the supplier's credentials
          header: { ...(msg.header.supplyingAgencyRequestId ? { supplyingAgencyRequestId: msg.header.supplyingAgencyRequestId } : {}) },
          messageInfo: { ...msg.messageInfo, reasonForMessage: 'Notification' },
        });
        await nextSupplier(tx);
      });
      return { ok: true };
    }
    const lender = member(supplier)!;
    queue(tx, () =>
      toRequester(tx, supplier, {
        ...msg,
        header: { ...(msg.header.supplyingAgencyRequestId ? { supplyingAgencyRequestId: msg.header.supplyingAgencyRequestId } : {}) },
        ...(status === 'Loaned'
          ? { returnInfo: { returnAgencyId: agency(supplier), name: lender.name, ...(lender.address ? { physicalAddress: lender.address } : {}) } }
          : {}),
      }),
    );
    if (status === 'LoanCompleted' || status === 'CopyCompleted' || status === 'Cancelled') tx.done = true;
    return { ok: true };
  }

  function onRequesting(msg: RequestingAgencyMessage): { ok: boolean; error?: string } {
    const requester = sym(msg.header.requestingAgencyId);
    const tx = [...txs].reverse().find((t) => same(t.requester, requester) && t.requesterRequestId === msg.header.requestingAgencyRequestId);
    if (!tx) return { ok: false, error: `requestingAgencyRequestId: no transaction ${msg.header.requestingAgencyRequestId} from ${requester}` };
    if (!tx.supplier) return { ok: false, error: `${msg.header.requestingAgencyRequestId} has no supplier now` };
    const lender = member(tx.supplier)!;
    const forwarded: RequestingAgencyMessage = {
      ...msg,
      header: { ...msg.header, requestingAgencyId: agency(opaque ? opts.symbol : tx.requester), supplyingAgencyId: agency(tx.supplier), timestamp: new Date() },
      ...(withPrefix(msg.note, undefined) ? { note: withPrefix(msg.note, undefined) } : {}),
    };
    delete forwarded.header.requestingAgencyAuthentication;
    queue(tx, () => send(lender, forwarded));
    return { ok: true };
  }

  /** Why a member's message is refused for its credentials; undefined: accepted. */
  function credentialsRefusal(msg: Iso18626Message, version: Iso18626Version, from: BrokerMember | undefined): string | undefined {
    const agreed = from?.credentials;
    if (!agreed || !('header' in msg)) return undefined;
    const given = (msg.header as RequestMessage['header']).requestingAgencyAuthentication;
    const hasPlace = !(msg.kind === 'supplyingAgencyMessage' && version === '2021');
    if (!given?.securityCode && !given?.accountId) return hasPlace ? `requestingAgencyAuthentication: missing for ${from.symbol}` : undefined;
    if (given.securityCode !== agreed.securityCode) return `requestingAgencyAuthentication: wrong securityCode for ${from.symbol}`;
    if (agreed.accountId !== undefined && given.accountId !== agreed.accountId) return `requestingAgencyAuthentication: wrong accountId for ${from.symbol}`;
    return undefined;
  }

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req, maxBytes);
    const answer = (status: number, xml: string) => {
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end(xml);
    };
    if (req.method !== 'POST') return answer(405, '');
    const parsed = parseMessage(body ?? Buffer.alloc(maxBytes + 1), { maxBytes });
    if (!parsed.ok) {
      const { confirmation, version } = confirmationForParseResult(parsed);
      return answer(400, emitMessage(confirmation, version));
    }
    const msg = parsed.message;
    const sender = sym(msg.kind === 'supplyingAgencyMessage' ? msg.header.supplyingAgencyId : (msg as RequestMessage).header.requestingAgencyId);
    const entry: LoggedMessage = { direction: 'in', peer: sender, kind: msg.kind, xml: body!.toString('utf8'), ...describe(msg) };
    log.push(entry);
    const refused = credentialsRefusal(msg, parsed.version, member(sender));
    if (refused) entry.refused = refused;
    const outcome =
      refused ? { ok: false, error: refused }
      : msg.kind === 'request' ? onRequest(msg)
      : msg.kind === 'supplyingAgencyMessage' ? onSupplying(msg)
      : msg.kind === 'requestingAgencyMessage' ? onRequesting(msg)
      : { ok: false, error: `${msg.kind} is not a message the broker takes` };
    const echo =
      msg.kind === 'supplyingAgencyMessage' ? { reasonForMessage: msg.messageInfo.reasonForMessage }
      : msg.kind === 'requestingAgencyMessage' ? { action: msg.action }
      : {};
    const confirmation = buildConfirmation(msg.kind, (msg as RequestMessage).header, {
      messageStatus: outcome.ok ? 'OK' : 'ERROR',
      ...(outcome.ok ? {} : { errorType: 'UnrecognisedDataValue' as const, errorValue: outcome.error }),
      echo,
    });
    return answer(200, emitMessage(confirmation, parsed.version));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/iso18626`,
    symbol: opts.symbol,
    log,
    setHolders(fn) {
      holders = fn;
    },
    setCredentials(symbol, credentials) {
      const m = member(symbol);
      if (!m) throw new Error(`${symbol} is not a member of the broker`);
      if (credentials) m.credentials = credentials;
      else delete m.credentials;
    },
    async idle() {
      for (;;) {
        const pending = txs.map((t) => t.chain);
        await Promise.all(pending);
        if (txs.every((t, i) => t.chain === pending[i])) return;
      }
    },
    transactions: () =>
      txs.map((t) => ({
        requester: t.requester,
        requesterRequestId: t.requesterRequestId,
        ...(t.supplier ? { supplier: t.supplier } : {}),
        tried: t.candidates.slice(0, t.index + 1),
        done: t.done,
      })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
