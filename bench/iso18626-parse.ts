// The codec's cost per inbound ISO 18626 message, warm, in this process (no HTTP, no database):
// parseMessage on a minimal request (~1.2 KB), a typical one (~2.7 KB), a Notification and a Loaned supplyingAgencyMessage,
// as partners send them (ill: prefix, pretty-printed), and one of 100 KB (a long note, the largest
// body the endpoint reads). Median of BENCH_ROUNDS (7) rounds of BENCH_ITERATIONS (5,000; a 50th of
// that for the 100 KB one) parses each, after a warm-up of one round. BENCH_ROOT=<checkout> measures another
// checkout's parser (for a before/after comparison); the messages are always written by this one.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { emitMessage, type Iso18626Message, type ParseOptions, type ParsedResult } from '../mod-resource-sharing/src/iso18626/index.ts';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = process.env.BENCH_ROOT ? path.resolve(process.env.BENCH_ROOT) : here;

const agency = (value: string) => ({ type: 'ISIL', value });
const header = {
  supplyingAgencyId: agency('DE-SUP1'),
  requestingAgencyId: agency('DE-REQ7'),
  timestamp: new Date('2026-12-07T10:15:30.000Z'),
  requestingAgencyRequestId: 'REQ7-000123',
  supplyingAgencyRequestId: 'SUP1-98765',
};

const messages: Record<string, Iso18626Message> = {
  // What the throughput benchmark sends: the bare minimum a borrower's system writes.
  'request (minimal)': {
    kind: 'request',
    header: { supplyingAgencyId: header.supplyingAgencyId, requestingAgencyId: header.requestingAgencyId, timestamp: header.timestamp, requestingAgencyRequestId: header.requestingAgencyRequestId },
    bibliographicInfo: { title: 'Benchmark title 1', author: 'Author, A.' },
    serviceInfo: { requestType: 'New', serviceType: 'Loan' },
  },
  'request (typical)': {
    kind: 'request',
    header: { supplyingAgencyId: header.supplyingAgencyId, requestingAgencyId: header.requestingAgencyId, timestamp: header.timestamp, requestingAgencyRequestId: header.requestingAgencyRequestId },
    bibliographicInfo: {
      title: 'The structure of scientific revolutions',
      author: 'Kuhn, Thomas S.',
      bibliographicItemId: [{ identifierCode: { value: 'ISBN' }, identifier: '9780226458083' }],
      bibliographicRecordId: [{ identifierCode: { value: 'OCLC' }, identifier: '21458474' }],
    },
    publicationInfo: { publisher: 'University of Chicago Press', publicationDate: '1996', placeOfPublication: 'Chicago' },
    serviceInfo: { requestType: 'New', serviceType: 'Loan', serviceLevel: { value: 'Normal' }, needBeforeDate: new Date('2027-01-15T00:00:00.000Z'), note: 'Patron needs it for a seminar.' },
    requestedDeliveryInfo: [
      { address: { physicalAddress: { line1: 'Interlibrary loan office', line2: 'Main library', locality: 'Göttingen', postalCode: '37073', country: { value: 'DE' } } } },
    ],
    patronInfo: { patronId: 'P-55421', surname: 'Meyer', givenName: 'Anna' },
  },
  notification: {
    kind: 'requestingAgencyMessage',
    header,
    action: 'Notification',
    note: 'Could you tell us when the item will ship?\nThanks, ILL office',
  },
  'supplyingAgencyMessage (Loaned)': {
    kind: 'supplyingAgencyMessage',
    header,
    messageInfo: { reasonForMessage: 'StatusChange', note: 'Shipped today by courier.' },
    statusInfo: { status: 'Loaned', dueDate: new Date('2027-02-01T00:00:00.000Z'), lastChange: new Date('2026-12-07T10:00:00.000Z') },
    deliveryInfo: { dateSent: new Date('2026-12-07T09:00:00.000Z'), itemId: '31234000456789', sentVia: { value: 'Mail' } },
  },
};

// The largest body the endpoint reads (MAX_INBOUND_MESSAGE_BYTES, 100 KiB): a request with a long note.
const longNote: Iso18626Message = {
  kind: 'request',
  header: { supplyingAgencyId: header.supplyingAgencyId, requestingAgencyId: header.requestingAgencyId, timestamp: header.timestamp, requestingAgencyRequestId: header.requestingAgencyRequestId },
  bibliographicInfo: { title: 'A request with a long note' },
  serviceInfo: { requestType: 'New', serviceType: 'Loan', note: 'Please handle with care. '.repeat(4000) },
};

type Parse = (input: string, options?: ParseOptions) => ParsedResult;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(): Promise<void> {
  const codec = (await import(pathToFileURL(path.join(root, 'mod-resource-sharing/src/iso18626/index.ts')).href)) as { parseMessage: Parse };
  const parse = codec.parseMessage;
  console.log(`parser of ${root}; ${ROUNDS} rounds x ${ITERATIONS} parses per message, median round`);
  for (const [name, message, share] of [...Object.entries(messages).map(([n, m]) => [n, m, 1] as const), ['request, 100 KB note', longNote, 50] as const]) {
    const iterations = Math.max(1, Math.round(ITERATIONS / share));
    const xml = emitMessage(message, '2017');
    const check = parse(xml);
    if (!check.ok) throw new Error(`${name} does not parse: ${check.error.errorType} ${check.error.errorValue}`);
    for (let i = 0; i < iterations; i++) parse(xml); // warm-up
    const perMessage: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      for (let i = 0; i < iterations; i++) parse(xml);
      perMessage.push(((performance.now() - started) * 1000) / iterations);
    }
    console.log(`${name.padEnd(32)} ${String(Buffer.byteLength(xml)).padStart(5)} bytes  ${median(perMessage).toFixed(1).padStart(6)} µs/message`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run();
