// An NCIP 2.02 responder for tests and the demo: a fastify server on 127.0.0.1 (random port) that
// takes NCIP messages by HTTP POST (text/xml), keeps a small library in memory and answers with
// real NCIP responses, Problems included. failNext() injects a Problem or an HTTP error.
import Fastify from 'fastify';
import { emitNcip } from '../../mod-resource-sharing/src/host/ncip/ncip-emit.ts';
import { parseNcip, isResponse } from '../../mod-resource-sharing/src/host/ncip/ncip-parse.ts';
import { NcipSyntaxError } from '../../mod-resource-sharing/src/host/ncip/ncip-problem.ts';
import type { NcipRequest, NcipService } from '../../mod-resource-sharing/src/host/ncip/ncip-types.ts';
import { NcipSimLibrary, type SimOptions, type SimSeed, type SimSnapshot } from './ncip-sim-state.ts';

export type { SimUser, SimItem, SimLoan, SimRequest, SimSeed, SimSnapshot } from './ncip-sim-state.ts';

export interface NcipSimulatorOptions extends SimOptions, SimSeed {
  /** URL path the responder listens on (default "/ncip") */
  path?: string;
}

export interface NcipSimulator {
  /** where to POST messages */
  url: string;
  close(): Promise<void>;
  /** a copy of the simulated library and the messages received so far */
  state(): SimSnapshot;
  /**
   * The next message of this service ("*" = any) fails: with a Problem of the given ProblemType
   * (state unchanged), or with the given HTTP status (e.g. 500) and no NCIP body.
   */
  failNext(messageName: NcipService | '*', problemTypeOrStatus: string | number): void;
}

const XML_TYPE = 'text/xml; charset=utf-8';

export async function startNcipSimulator(opts: NcipSimulatorOptions = {}): Promise<NcipSimulator> {
  const library = new NcipSimLibrary({ users: opts.users, items: opts.items }, opts);
  const failures: { service: NcipService | '*'; with: string | number }[] = [];
  const path = opts.path ?? '/ncip';

  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post(path, async (req, reply) => {
    const xml = typeof req.body === 'string' ? req.body : '';
    let message: NcipRequest;
    try {
      const parsed = parseNcip(xml);
      if (isResponse(parsed)) throw new NcipSyntaxError(`${parsed.service} is a response, not an initiation message`);
      message = parsed;
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      return reply
        .type(XML_TYPE)
        .send(emitNcip({ service: 'Problem', responseTo: null, problems: [{ type: 'Invalid Message Syntax Error', detail }] }));
    }

    const i = failures.findIndex((f) => f.service === message.service || f.service === '*');
    if (i >= 0) {
      const [failure] = failures.splice(i, 1);
      library.record(message, xml);
      if (typeof failure.with === 'number') return reply.code(failure.with).type('text/plain').send(`Injected failure ${failure.with}`);
      const header = message.header ? { fromAgencyId: library.agencyId, toAgencyId: message.header.fromAgencyId } : undefined;
      return reply.type(XML_TYPE).send(
        emitNcip({ service: 'Problem', responseTo: message.service, header, problems: [{ type: failure.with, detail: 'Injected by the simulator' }] }),
      );
    }

    return reply.type(XML_TYPE).send(emitNcip(library.handle(message, xml)));
  });

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `${address}${path}`,
    close: () => app.close(),
    state: () => library.snapshot(),
    failNext(messageName, problemTypeOrStatus) {
      failures.push({ service: messageName, with: problemTypeOrStatus });
    },
  };
}
