// POST /resource-sharing/iso18626: where partners deliver ISO 18626 messages. Public in the
// descriptor (partners have no platform login); the tenant comes from X-Okapi-Tenant or from the
// /_/invoke/tenant/{tenant}/ path. The answer is the confirmation, in the sender's version:
// 400 when the message could not be read at all, 200 otherwise (with messageStatus ERROR when
// it was refused, e.g. from a library that is not a partner).
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { advance, AUTOMATIC_BORROWING_STATES } from '../workflow/advance.ts';
import { handleIncoming, recordRefusal } from '../workflow/incoming.ts';
import { runAfterStep } from '../workflow/run-action.ts';
import { confirmationForParseResult, buildConfirmation, emitMessage, parseMessage, DEFAULT_MAX_MESSAGE_BYTES } from './index.ts';

export function registerIso18626Route(app: FastifyInstance, db: Database): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: DEFAULT_MAX_MESSAGE_BYTES * 2 }, (_req, body, done) => done(null, body));
    scope.post<{ Body: string }>('/resource-sharing/iso18626', async (req, reply) => {
      const parsed = parseMessage(typeof req.body === 'string' ? req.body : '', { acceptMissingEnvelope: true });
      reply.type('application/xml; charset=utf-8');
      if (!parsed.ok) {
        const { confirmation, version } = confirmationForParseResult(parsed);
        const recordedOn = await recordRefusal(db, req.tenant, { kind: parsed.messageKind, header: parsed.partialHeader }, parsed.error);
        req.log.warn({ tenant: req.tenant, error: parsed.error, kind: parsed.messageKind, header: parsed.partialHeader, recordedOn }, 'ISO 18626 message refused');
        return reply.code(400).send(emitMessage(confirmation, version));
      }
      const msg = parsed.message;
      if (msg.kind !== 'request' && msg.kind !== 'supplyingAgencyMessage' && msg.kind !== 'requestingAgencyMessage') {
        const confirmation = buildConfirmation(msg.kind, undefined, {
          messageStatus: 'ERROR',
          errorType: 'UnsupportedActionType',
          errorValue: `${msg.kind} is an answer, not a message to send here`,
        });
        return reply.code(400).send(emitMessage(confirmation, parsed.version));
      }
      const result = await handleIncoming(db, req.tenant, msg, parsed.version);
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
        await advance(db, req.tenant, result.requestId, { justArrived: msg.kind === 'request' }).catch((err: unknown) =>
          req.log.error({ err }, 'automatic workflow step failed'),
        );
      }
      const echo =
        msg.kind === 'requestingAgencyMessage'
          ? { action: msg.action }
          : msg.kind === 'supplyingAgencyMessage'
            ? { reasonForMessage: msg.messageInfo.reasonForMessage }
            : undefined;
      const confirmation = buildConfirmation(msg.kind, msg.header, {
        messageStatus: result.ok ? 'OK' : 'ERROR',
        ...(result.ok ? {} : { errorType: result.errorType, errorValue: result.errorValue }),
        ...(echo ? { echo } : {}),
      });
      return reply.code(200).send(emitMessage(confirmation, parsed.version));
    });
  });
}
