// POST /resource-sharing/iso18626: where partners deliver ISO 18626 messages. Public in the
// descriptor (partners have no platform login); the tenant comes from X-Okapi-Tenant or from the
// /_/invoke/tenant/{tenant}/ path. The answer is always a confirmation, in the sender's version:
// 400 when the message could not be read at all (any Content-Type, any encoding, too large),
// 200 otherwise (with messageStatus ERROR when it was refused: not a partner, wrong credentials,
// values outside what a request may hold). A message whose confirmation is ERROR changed nothing.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { brokerAuthentication } from '../broker/index.ts';
import type { Database } from '../db/database.ts';
import { checkCredentials, findEntryBySymbol, recordAuthenticationFailure } from '../directory/index.ts';
import { advance, AUTOMATIC_BORROWING_STATES } from '../workflow/advance.ts';
import { handleIncoming, recordRefusal, type InitiatingMessage } from '../workflow/incoming.ts';
import { runAfterStep } from '../workflow/run-action.ts';
import { symbolOf } from '../workflow/symbols.ts';
import { buildConfirmation, confirmationForParseResult, type ConfirmationOptions } from './confirmation.ts';
import { emitMessage } from './emit.ts';
import type { Iso18626Version } from './code-lists.ts';
import type { Iso18626Message } from './message-types.ts';
import { parseMessage } from './parse.ts';

/**
 * The largest message a partner may send: 100 KiB, as ISO 18626 brokers allow. A real request
 * is a few KiB; anything bigger is refused before it is parsed, so that an unauthenticated caller
 * cannot buy much of the event loop (a 1 MiB message costs up to a second and a half of parsing).
 */
export const MAX_INBOUND_MESSAGE_BYTES = 100 * 1024;

/**
 * A body up to this size is still read to its end (cheap: no parsing) so that the sender gets its
 * BadlyFormedMessage confirmation instead of a connection closed under it; a bigger one is cut off.
 */
export const MAX_INBOUND_BODY_READ = 4 * 1024 * 1024;

const ORIGINAL_CONTENT_TYPE = Symbol('originalContentType');
type WithContentType = { [ORIGINAL_CONTENT_TYPE]?: string };

/** The charset parameter of a Content-Type, however odd the rest of it is. */
function charsetOf(contentType: string | undefined): string | undefined {
  return contentType ? /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1] : undefined;
}

function echoOf(msg: Iso18626Message): ConfirmationOptions['echo'] {
  if (msg.kind === 'requestingAgencyMessage') return { action: msg.action };
  if (msg.kind === 'supplyingAgencyMessage') return { reasonForMessage: msg.messageInfo.reasonForMessage };
  return undefined;
}

function sendXml(reply: FastifyReply, status: number, xml: string): FastifyReply {
  return reply.code(status).type('application/xml; charset=utf-8').send(xml);
}

/**
 * The credentials check: the sender (requester of a request or requestingAgencyMessage, supplier of
 * a supplyingAgencyMessage) is looked up in the directory; when it is a partner whose messages must
 * be authenticated, the message's requestingAgencyAuthentication must match the agreed one. A
 * refusal is logged and counted on the partner's entry. Senders that are not partners are left to
 * the workflow, which refuses them.
 */
async function authenticationRefusal(
  db: Database,
  tenant: string,
  msg: InitiatingMessage,
  log: FastifyInstance['log'],
): Promise<string | undefined> {
  const fromRequester = msg.kind !== 'supplyingAgencyMessage';
  const sender = symbolOf(fromRequester ? msg.header.requestingAgencyId : msg.header.supplyingAgencyId);
  const entry = await findEntryBySymbol(db, tenant, sender);
  if (!entry || !entry.partner || entry.self) return undefined;
  const outcome = checkCredentials(entry, msg.header.requestingAgencyAuthentication, fromRequester);
  if (outcome.ok) return undefined;
  log.warn({ tenant, partner: sender, kind: msg.kind, reason: outcome.reason }, 'ISO 18626 message refused: partner authentication failed');
  await recordAuthenticationFailure(db, tenant, entry.id, outcome.reason).catch((err: unknown) =>
    log.error({ err }, 'could not count the authentication failure'),
  );
  return `requestingAgencyAuthentication: ${outcome.reason} for ${sender}`;
}

export function registerIso18626Route(app: FastifyInstance, db: Database): void {
  app.register(async (scope) => {
    // Any Content-Type (or none, or a malformed one) is read as bytes and decoded by its charset
    // or the XML declaration: partners expect a confirmation, never a plain-text 415.
    scope.addHook('onRequest', async (req) => {
      const raw = req.headers['content-type'];
      (req.raw as WithContentType)[ORIGINAL_CONTENT_TYPE] = Array.isArray(raw) ? raw[0] : raw;
      req.headers['content-type'] = 'application/octet-stream';
    });
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_INBOUND_BODY_READ }, (_req, body, done) => done(null, body));
    scope.setErrorHandler((err: FastifyError, req, reply) => {
      // A body that could not be read (too large, broken transfer): still a confirmation.
      if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
        const tooLarge = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
        const confirmation = buildConfirmation(undefined, undefined, {
          messageStatus: 'ERROR',
          errorType: 'BadlyFormedMessage',
          errorValue: tooLarge ? `message larger than ${MAX_INBOUND_BODY_READ} bytes` : 'the message body could not be read',
        });
        req.log.warn({ err: err.message }, 'ISO 18626 message refused');
        return sendXml(reply, tooLarge ? 413 : 400, emitMessage(confirmation, '2017'));
      }
      throw err;
    });
    scope.post<{ Body: Buffer | undefined }>('/resource-sharing/iso18626', async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const parsed = parseMessage(body, {
        acceptMissingEnvelope: true,
        maxBytes: MAX_INBOUND_MESSAGE_BYTES,
        charset: charsetOf((req.raw as WithContentType)[ORIGINAL_CONTENT_TYPE]),
      });
      if (!parsed.ok) {
        const { confirmation, version } = confirmationForParseResult(parsed);
        const recordedOn = await recordRefusal(db, req.tenant, { kind: parsed.messageKind, header: parsed.partialHeader }, parsed.error);
        req.log.warn({ tenant: req.tenant, error: parsed.error, kind: parsed.messageKind, header: parsed.partialHeader, recordedOn }, 'ISO 18626 message refused');
        return sendXml(reply, 400, emitMessage(confirmation, version));
      }
      const msg = parsed.message;
      const version: Iso18626Version = parsed.version;
      if (msg.kind !== 'request' && msg.kind !== 'supplyingAgencyMessage' && msg.kind !== 'requestingAgencyMessage') {
        const confirmation = buildConfirmation(msg.kind, undefined, {
          messageStatus: 'ERROR',
          errorType: 'UnsupportedActionType',
          errorValue: `${msg.kind} is an answer, not a message to send here`,
        });
        return sendXml(reply, 400, emitMessage(confirmation, version));
      }
      const echo = echoOf(msg);
      const refuse = (options: Pick<ConfirmationOptions, 'errorType' | 'errorValue'>) =>
        sendXml(reply, 200, emitMessage(buildConfirmation(msg.kind, msg.header, { messageStatus: 'ERROR', ...options, ...(echo ? { echo } : {}) }), version));
      // The answer must be writable before anything is applied: a partner must never hear "failed"
      // about a message that took effect. Written once, here, and sent when the message is applied.
      let confirmed: string;
      try {
        confirmed = emitMessage(buildConfirmation(msg.kind, msg.header, { messageStatus: 'OK', ...(echo ? { echo } : {}) }), version);
      } catch (err) {
        req.log.warn({ err }, 'ISO 18626 message refused: its confirmation cannot be written');
        return sendXml(
          reply,
          200,
          emitMessage(
            buildConfirmation(msg.kind, msg.header, { messageStatus: 'ERROR', errorType: 'UnrecognisedDataValue', errorValue: (err as Error).message.slice(0, 200) }),
            version,
          ),
        );
      }
      // A message through the broker is checked against the broker's credentials (src/broker/authentication.ts).
      const viaBroker = await brokerAuthentication(db, req.tenant, msg, version, req.log);
      const authRefusal = viaBroker ? viaBroker.refusal : await authenticationRefusal(db, req.tenant, msg, req.log);
      if (authRefusal) return refuse({ errorType: 'UnrecognisedDataValue', errorValue: authRefusal });

      // a Request: whether the broker forwarded it is known now (null: it did not)
      const result = await handleIncoming(db, req.tenant, msg, version, msg.kind === 'request' ? { brokered: viaBroker?.lending ?? null } : {});
      if (!result.ok) {
        req.log.warn(
          {
            tenant: req.tenant,
            kind: msg.kind,
            requestingAgencyId: msg.header.requestingAgencyId,
            supplyingAgencyId: msg.header.supplyingAgencyId,
            requestingAgencyRequestId: msg.header.requestingAgencyRequestId,
            errorType: result.errorType,
            errorValue: result.errorValue,
            recordedOn: result.refusalRecordedOn,
          },
          'ISO 18626 message refused',
        );
      }
      if (result.performed) {
        // Host work that follows the message (e.g. remove the temporary records once the loan is
        // complete) runs after the commit and does not hold up the partner's confirmation.
        const { input, request } = result.performed;
        void runAfterStep(db, input, request).catch((err: unknown) => req.log.error({ err }, 'host step after a partner message failed'));
      }
      const updated = result.performed?.request;
      const mayMoveOn =
        msg.kind === 'request' || !updated || (updated.role === 'borrowing' && AUTOMATIC_BORROWING_STATES.includes(updated.state));
      if (result.ok && result.requestId && mayMoveOn) {
        // A new lending request may be answered automatically; a borrowing request the supplier
        // left unfilled moves on to the next supplier in its rota (or to the end of the rota).
        const known = result.created ?? updated;
        await advance(db, req.tenant, result.requestId, { justArrived: msg.kind === 'request', ...(known ? { known } : {}) }).catch((err: unknown) =>
          req.log.error({ err }, 'automatic workflow step failed'),
        );
      }
      if (!result.ok) return refuse({ errorType: result.errorType, errorValue: result.errorValue });
      return sendXml(reply, 200, confirmed);
    });
  });
}
