// Property-based tests of the ISO 18626 codec (fast-check): whatever arrives, parseMessage answers
// (never throws), its answer can always be turned into a confirmation that emits and reads back;
// whatever message model is emitted either emits or fails with Iso18626EmitError, and what is
// emitted reads back as the same kind of message (or as a refusal the endpoint can confirm).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ACTIONS,
  ERROR_TYPES,
  ISO18626_VERSIONS,
  Iso18626EmitError,
  REASONS_FOR_MESSAGE,
  STATUSES,
  confirmationForParseResult,
  emitMessage,
  parseMessage,
  type Iso18626Message,
  type Iso18626Version,
  type MessageKind,
  type ParsedResult,
} from '../../src/iso18626/index.ts';
import { MAX_INBOUND_MESSAGE_BYTES } from '../../src/iso18626/inbound-route.ts';
import { mutateMessage, prng } from '../../../test/fuzz/mutate.ts';
import { FULL_MESSAGES, REQUESTER, SUPPLIER } from './fixtures.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

/** The answer the endpoint would give: a confirmation that emits and reads back as one. */
function answerable(result: ParsedResult): void {
  if (!result.ok) assert.ok(ERROR_TYPES.includes(result.error.errorType), result.error.errorType);
  const { confirmation, version } = confirmationForParseResult(result);
  const xml = emitMessage(confirmation, version);
  const back = parseMessage(xml);
  assert.ok(back.ok, `our own confirmation does not read back: ${xml.slice(0, 300)}`);
  assert.equal(back.message.kind, confirmation.kind);
}

const FIXTURE_XML = ISO18626_VERSIONS.flatMap((v) => (Object.keys(FULL_MESSAGES) as MessageKind[]).map((k) => emitMessage(FULL_MESSAGES[k](v), v)));

/** Text with what breaks parsers: markup, entities, control characters, surrogates, astral characters. */
const nastyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('<', '>', '&', ';', '#', 'x', '0', '"', "'", '\u0000', '\uD800', '\uFFFE', '\r', '\n', ' ', 'é', '𝄞', ']]>', '<!--', '&#0;', '&amp;'), maxLength: 200 }),
);

describe('iso18626 codec: properties (fast-check)', () => {
  it('parseMessage answers any text and any bytes, never throwing, and the answer can be confirmed', () => {
    fc.assert(
      fc.property(fc.oneof(nastyText, fc.uint8Array({ maxLength: 500 })), (input) => {
        answerable(parseMessage(input, { acceptMissingEnvelope: true }));
      }),
      { numRuns: RUNS },
    );
  });

  it('parseMessage answers any XML-like assembly of ISO 18626 fragments', () => {
    const fragment = fc.constantFrom(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ill:ISO18626Message xmlns:ill="http://illtransactions.org/2013/iso18626" ill:version="1.2">',
      '<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" version="2021-2">',
      '</ill:ISO18626Message>',
      '<ill:request>',
      '</ill:request>',
      '<ill:requestingAgencyMessage>',
      '</ill:requestingAgencyMessage>',
      '<ill:header>',
      '</ill:header>',
      '<ill:requestingAgencyRequestId>',
      '</ill:requestingAgencyRequestId>',
      '<ill:action>HoldReturn</ill:action>',
      '<ill:timestamp>2025-01-01T00:00:00Z</ill:timestamp>',
      '<ill:timestamp>10000-01-01</ill:timestamp>',
      '<ill:offeredCosts/>',
      '<ill:supplyingAgencyId><ill:agencyIdType>ISIL</ill:agencyIdType><ill:agencyIdValue></ill:agencyIdValue></ill:supplyingAgencyId>',
      '<!DOCTYPE x [<!ENTITY a "b">]>',
      '&#0;',
      'text',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fragment, nastyText), { maxLength: 30 }), (parts) => {
        answerable(parseMessage(parts.join(''), { acceptMissingEnvelope: true }));
      }),
      { numRuns: RUNS },
    );
  });

  it('mutated fixtures (dropped, duplicated, reordered elements, bad values, encodings) always get an answer', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(...FIXTURE_XML), (seed, xml) => {
        const m = mutateMessage(prng(seed), xml);
        const body = typeof m.body === 'string' ? m.body : new Uint8Array(m.body);
        const charset = /charset=([^;\s]+)/.exec(m.contentType ?? '')?.[1];
        // as the endpoint reads them: within its size limit, so that even an echo of every id fits
        answerable(parseMessage(body, { acceptMissingEnvelope: true, maxBytes: MAX_INBOUND_MESSAGE_BYTES, ...(charset ? { charset } : {}) }));
      }),
      { numRuns: RUNS },
    );
  });

  it('any message model emits or fails with Iso18626EmitError; what emits reads back as the same kind', () => {
    const date = fc.date({ min: new Date(-70_000_000_000_000), max: new Date(300_000_000_000_000), noInvalidDate: false });
    const model = fc.record({
      version: fc.constantFrom<Iso18626Version>(...ISO18626_VERSIONS),
      kind: fc.constantFrom<MessageKind>('request', 'supplyingAgencyMessage', 'requestingAgencyMessage'),
      id: nastyText,
      text: nastyText,
      timestamp: date,
      action: fc.constantFrom(...ACTIONS, 'Dance' as never),
      status: fc.constantFrom(...STATUSES),
      reason: fc.constantFrom(...REASONS_FOR_MESSAGE),
    });
    fc.assert(
      fc.property(model, ({ version, kind, id, text, timestamp, action, status, reason }) => {
        const base = FULL_MESSAGES[kind](version) as Iso18626Message & { header: { requestingAgencyRequestId: string; timestamp: Date } };
        const header = { ...base.header, supplyingAgencyId: SUPPLIER, requestingAgencyId: REQUESTER, requestingAgencyRequestId: id, timestamp };
        let message: Iso18626Message;
        if (base.kind === 'request') message = { ...base, header, bibliographicInfo: { ...base.bibliographicInfo, title: text } };
        else if (base.kind === 'requestingAgencyMessage') message = { ...base, header, action, note: text };
        else if (base.kind === 'supplyingAgencyMessage') {
          message = { ...base, header, messageInfo: { ...base.messageInfo, reasonForMessage: reason, note: text }, statusInfo: { ...base.statusInfo, status } };
        } else return;
        let xml: string;
        try {
          xml = emitMessage(message, version);
        } catch (err) {
          assert.ok(err instanceof Iso18626EmitError, `emit threw ${String(err)}`);
          return;
        }
        const back = parseMessage(xml);
        if (back.ok) assert.equal(back.message.kind, kind);
        else {
          assert.equal(back.messageKind, kind, `${back.error.errorType}: ${back.error.errorValue}`);
          assert.notEqual(back.error.errorType, 'BadlyFormedMessage', `our own output is well-formed: ${back.error.errorValue}`);
        }
        answerable(back);
      }),
      { numRuns: RUNS },
    );
  });
});
