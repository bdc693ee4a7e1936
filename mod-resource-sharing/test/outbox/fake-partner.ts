// A partner library's ISO 18626 endpoint for the outbox tests: it records what it receives and
// answers each message with an OK or ERROR confirmation, a server error, or nothing for a while,
// as the test decides. Confirmations are built with the module's own codec.
import Fastify, { type FastifyInstance } from 'fastify';
import { buildConfirmation, emitMessage, parseMessage, type Action } from '../../src/iso18626/index.ts';

export type PartnerAnswer =
  | { type: 'ok'; httpStatus?: number }
  | { type: 'error'; errorType: 'UnrecognisedDataValue' | 'BadlyFormedMessage'; errorValue: string; httpStatus?: number }
  | { type: 'status'; httpStatus: number; body?: string }
  | { type: 'slow'; ms: number };

export interface Received {
  body: string;
  contentType: string | undefined;
  /** the `note` of a requestingAgencyMessage: the tests put a label there */
  note: string | undefined;
}

export interface FakePartner {
  url: string;
  received: Received[];
  notes(): string[];
  /** decides the answer per incoming message (default: OK) */
  answer: (r: Received, index: number) => PartnerAnswer;
  close(): Promise<void>;
}

export async function startFakePartner(): Promise<FakePartner> {
  const app: FastifyInstance = Fastify({ logger: false });
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const partner: FakePartner = {
    url: '',
    received: [],
    notes: () => partner.received.map((r) => r.note ?? ''),
    answer: () => ({ type: 'ok' }),
    close: () => app.close(),
  };
  app.post('/iso18626', async (req, reply) => {
    const body = String(req.body);
    const parsed = parseMessage(body);
    const note = parsed.ok && parsed.message.kind === 'requestingAgencyMessage' ? parsed.message.note : undefined;
    const received: Received = { body, contentType: req.headers['content-type'], note };
    partner.received.push(received);
    const answer = partner.answer(received, partner.received.length - 1);
    if (answer.type === 'status') return reply.code(answer.httpStatus).type('text/html').send(answer.body ?? '<html>busy</html>');
    if (answer.type === 'slow') {
      await new Promise((r) => setTimeout(r, answer.ms));
      return reply.code(503).send('late');
    }
    const kind = parsed.ok ? parsed.message.kind : undefined;
    const header = parsed.ok && 'header' in parsed.message ? parsed.message.header : undefined;
    const action: Action | undefined = parsed.ok && parsed.message.kind === 'requestingAgencyMessage' ? parsed.message.action : undefined;
    const confirmation = buildConfirmation(kind, header, {
      messageStatus: answer.type === 'ok' ? 'OK' : 'ERROR',
      errorType: answer.type === 'error' ? answer.errorType : undefined,
      errorValue: answer.type === 'error' ? answer.errorValue : undefined,
      echo: { action },
    });
    const status = answer.httpStatus ?? (answer.type === 'error' ? 400 : 200);
    return reply.code(status).type('application/xml').send(emitMessage(confirmation, '2021'));
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  partner.url = `http://127.0.0.1:${port}/iso18626`;
  return partner;
}

/** A requestingAgencyMessage (Notification) carrying `label` in its note, as the outbox body. */
export function notification(label: string, requestId = 'REQ-1'): string {
  return emitMessage(
    {
      kind: 'requestingAgencyMessage',
      header: {
        supplyingAgencyId: { type: 'ISIL', value: 'DK-820010' },
        requestingAgencyId: { type: 'ISIL', value: 'US-TEST' },
        timestamp: new Date(),
        requestingAgencyRequestId: requestId,
      },
      action: 'Notification',
      note: label,
    },
    '2021',
  );
}

/** A URL on which nothing listens (connection refused). */
export async function deadUrl(): Promise<string> {
  const app = Fastify();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  await app.close();
  return `http://127.0.0.1:${port}/iso18626`;
}
