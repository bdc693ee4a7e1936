// Builds the synchronous confirmation for an incoming message (the body of the HTTP response).

import {
  CONFIRMATION_KIND_FOR,
  isOneOf,
  INITIATING_KINDS,
  type Action,
  type ErrorType,
  type InitiatingKind,
  type MessageKind,
  type MessageStatus,
  type ReasonForMessage,
} from './code-lists.ts';
import { isWritableDate } from './datetime.ts';
import type { ConfirmationHeader, ConfirmationMessage, ErrorData, PartialHeader } from './message-types.ts';
import type { ParseFailure, ParsedResult } from './parse.ts';

export interface ConfirmationOptions {
  messageStatus: MessageStatus;
  /** Required in spirit when messageStatus is ERROR; defaults to BadlyFormedMessage then. */
  errorType?: ErrorType;
  errorValue?: string;
  /** What to echo: `action` goes into a requestingAgencyMessageConfirmation, `reasonForMessage` into a supplyingAgencyMessageConfirmation. */
  echo?: { action?: Action; reasonForMessage?: ReasonForMessage };
  /** The confirmation's own timestamp (default: now). */
  now?: Date;
}

/**
 * The confirmation answering an incoming message of `kind`:
 * request -> requestConfirmation, supplyingAgencyMessage -> supplyingAgencyMessageConfirmation
 * (echoing reasonForMessage), requestingAgencyMessage -> requestingAgencyMessageConfirmation
 * (echoing action). The confirmation header copies the agency ids, requestingAgencyRequestId and
 * multipleItemRequestId of the incoming header, takes the incoming header's timestamp as
 * timestampReceived, and carries `now` as its timestamp. When the incoming kind is unknown (nothing
 * could be read) a requestConfirmation is built; missing header parts are simply left out, so the
 * result always emits validly.
 */
export function buildConfirmation(
  kind: MessageKind | undefined,
  incomingHeader: PartialHeader | undefined,
  options: ConfirmationOptions,
): ConfirmationMessage {
  const now = isWritableDate(options.now) ? options.now : new Date();
  const h = incomingHeader ?? {};
  const header: ConfirmationHeader = {} as ConfirmationHeader;
  if (h.supplyingAgencyId) header.supplyingAgencyId = { ...h.supplyingAgencyId };
  if (h.requestingAgencyId) header.requestingAgencyId = { ...h.requestingAgencyId };
  header.timestamp = now;
  if (typeof h.requestingAgencyRequestId === 'string') header.requestingAgencyRequestId = h.requestingAgencyRequestId;
  if (h.multipleItemRequestId) header.multipleItemRequestId = h.multipleItemRequestId;
  header.timestampReceived = isWritableDate(h.timestamp) ? h.timestamp : now;
  header.messageStatus = options.messageStatus;

  let errorData: ErrorData | undefined;
  if (options.messageStatus === 'ERROR' || options.errorType) {
    errorData = { errorType: options.errorType ?? 'BadlyFormedMessage' };
    if (options.errorValue !== undefined) errorData.errorValue = options.errorValue;
  }

  const confirmationKind = confirmationKindFor(kind);
  let message: ConfirmationMessage;
  if (confirmationKind === 'supplyingAgencyMessageConfirmation') {
    message = { kind: confirmationKind, confirmationHeader: header };
    if (options.echo?.reasonForMessage) message.reasonForMessage = options.echo.reasonForMessage;
  } else if (confirmationKind === 'requestingAgencyMessageConfirmation') {
    message = { kind: confirmationKind, confirmationHeader: header };
    if (options.echo?.action) message.action = options.echo.action;
  } else {
    message = { kind: 'requestConfirmation', confirmationHeader: header };
  }
  if (errorData) message.errorData = errorData;
  return message;
}

/** requestConfirmation for a request (or an unknown kind), and so on; a confirmation kind maps to itself. */
export function confirmationKindFor(kind: MessageKind | undefined): ConfirmationMessage['kind'] {
  if (isOneOf<InitiatingKind>(INITIATING_KINDS, kind)) return CONFIRMATION_KIND_FOR[kind];
  if (kind === 'supplyingAgencyMessageConfirmation' || kind === 'requestingAgencyMessageConfirmation') return kind;
  return 'requestConfirmation';
}

/**
 * Shortcut for the endpoint: the confirmation answering a parse result. A success gets an OK
 * confirmation (pass `options` to answer ERROR for a business reason, e.g. an unknown request id);
 * a failure gets an ERROR confirmation carrying the parser's errorType/errorValue, the recovered
 * header and echo. Also returns the version to emit it in (the sender's, '2017' when unknown).
 */
export function confirmationForParseResult(
  result: ParsedResult,
  options: Partial<ConfirmationOptions> = {},
): { confirmation: ConfirmationMessage; version: '2017' | '2021' } {
  if (result.ok) {
    const m = result.message;
    const header = 'header' in m ? m.header : undefined;
    const echo =
      m.kind === 'requestingAgencyMessage'
        ? { action: m.action }
        : m.kind === 'supplyingAgencyMessage'
          ? { reasonForMessage: m.messageInfo.reasonForMessage }
          : undefined;
    return {
      confirmation: buildConfirmation(m.kind, header, { messageStatus: 'OK', echo, ...options }),
      version: result.version,
    };
  }
  const f: ParseFailure = result;
  return {
    confirmation: buildConfirmation(f.messageKind, f.partialHeader, {
      messageStatus: 'ERROR',
      errorType: f.error.errorType,
      errorValue: f.error.errorValue,
      echo: f.echo,
      ...options,
    }),
    version: f.version ?? '2017',
  };
}
