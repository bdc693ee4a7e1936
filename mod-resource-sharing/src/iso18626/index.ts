// ISO 18626 message codec: model, code lists, tolerant parser, strict emitter, confirmations.
export * from './code-lists.ts';
export type * from './message-types.ts';
export { parseDateTime, formatDateTime, isWritableDate } from './datetime.ts';
export {
  DEFAULT_MAX_MESSAGE_BYTES,
  checkXmlSafety,
  escapeXml,
  decodeXmlText,
  isXmlChar,
  InvalidCharacterReference,
  type SafetyRefusal,
} from './xml-safety.ts';
export { emitMessage, Iso18626EmitError, VERSION_ATTRIBUTE, SCHEMA_LOCATION, type EmitOptions } from './emit.ts';
export {
  parseMessage,
  detectVersion,
  type ParseOptions,
  type ParseSuccess,
  type ParseFailure,
  type ParsedResult,
} from './parse.ts';
export {
  buildConfirmation,
  confirmationKindFor,
  confirmationForParseResult,
  type ConfirmationOptions,
} from './confirmation.ts';
