// Tolerant reader: turns any ISO18626Message a real peer sends (2017 or 2021 schema, any `version`
// value, any namespace prefix or a default namespace, prefixed or unprefixed attributes, lenient
// timestamps) into the message model, or into an error the endpoint can put in a confirmation.
// It never throws.
//
// Error classification (errorType in the failure result):
// - BadlyFormedMessage: over the size limit, DTD/entity declaration, a character XML forbids, not
//   well-formed XML (read in one saxes pass, xml-tree.ts), nesting over 100 levels, root not
//   ISO18626Message, no or several messages in the envelope, a REQUIRED ELEMENT MISSING
//   (the message does not conform to the schema; errorValue "missing required element <path>").
// - UnrecognisedDataElement: the envelope holds an element that is not one of the six messages.
// - UnsupportedActionType: requestingAgencyMessage/action not in the action code list.
// - UnsupportedReasonForMessageType: messageInfo/reasonForMessage not in its code list.
// - UnrecognisedDataValue: any other closed-code value, date, number or boolean that cannot be read
//   (errorValue "<path>: <value>").
// Unknown optional elements are ignored (forward compatibility with newer schema revisions).

import {
  ACTIONS,
  ACTIONS_2017,
  MESSAGE_KINDS,
  MESSAGE_STATUSES,
  PREFERRED_EDITIONS,
  REASONS_FOR_MESSAGE,
  REQUEST_SUB_TYPES,
  REQUEST_TYPES,
  SERVICE_TYPES,
  STATUSES,
  YES_NO,
  isOneOf,
  matchCode,
  matchErrorType,
  type Action,
  type ErrorType,
  type Iso18626Version,
  type MessageKind,
  type ReasonForMessage,
} from './code-lists.ts';
import { parseDateTime } from './datetime.ts';
import type {
  Address,
  AgencyId,
  BibliographicInfo,
  BibliographicItemId,
  BibliographicRecordId,
  BillingInfo,
  ConfirmationHeader,
  ConfirmationMessage,
  Costs,
  DeliveryInfo,
  ErrorData,
  Header,
  Iso18626Message,
  MessageInfo,
  PartialHeader,
  PatronInfo,
  PhysicalAddress,
  PublicationInfo,
  RequestedDeliveryInfo,
  RequestHeader,
  RequestingAgencyInfo,
  RequestingAgencyMessage,
  RequestMessage,
  RetryInfo,
  ReturnInfo,
  SchemeValue,
  ServiceInfo,
  ShippingInfo,
  StatusInfo,
  SupplierInfo,
  SupplyingAgencyMessage,
} from './message-types.ts';
import {
  DEFAULT_MAX_MESSAGE_BYTES,
  checkSize,
  checkXmlSafety,
  codePointName,
  decodeBody,
  decodeXmlText,
  loneSurrogate,
  UndecodableBody,
  type SafetyRefusal,
} from './xml-safety.ts';
import { readXmlTree, type XmlTreeFailure } from './xml-tree.ts';

export interface ParseOptions {
  /** Refuse bodies larger than this many UTF-8 bytes (default 1 MiB). */
  maxBytes?: number;
  /**
   * Also accept a message element as the document root without the ISO18626Message envelope
   * (seen from Koha and in ReShare test templates). Default false: the root must be ISO18626Message.
   */
  acceptMissingEnvelope?: boolean;
  /** For a body given as bytes: the charset parameter of its Content-Type, if any. */
  charset?: string;
}

export interface ParseSuccess {
  ok: true;
  message: Iso18626Message;
  /** Schema version the message follows (from the version attribute, else from 2021-only elements). */
  version: Iso18626Version;
  /** The version attribute exactly as sent ('' when absent). */
  versionAttribute: string;
}

export interface ParseFailure {
  ok: false;
  error: { errorType: ErrorType; errorValue: string };
  /** The kind of the incoming message, when it could be told (even from broken XML). */
  messageKind?: MessageKind;
  /** Best guess of the sender's schema version, to answer in the same one. */
  version?: Iso18626Version;
  /** Whatever could be read of the header, for the confirmation header. */
  partialHeader?: PartialHeader;
  /** Valid action / reasonForMessage to echo in the confirmation, when readable. */
  echo?: { action?: Action; reasonForMessage?: ReasonForMessage };
}

export type ParsedResult = ParseSuccess | ParseFailure;

type XObj = Record<string, unknown>;

class Failure extends Error {
  constructor(
    readonly errorType: ErrorType,
    readonly errorValue: string,
  ) {
    super(`${errorType}: ${errorValue}`);
  }
}

/** Reads one ISO 18626 message. Never throws. */
export function parseMessage(input: string | Uint8Array, options: ParseOptions = {}): ParsedResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  let xml = '';
  try {
    if (typeof input !== 'string') {
      if (!(input instanceof Uint8Array)) return failure('BadlyFormedMessage', 'message body is not text');
      if (input.byteLength > maxBytes) return failure('BadlyFormedMessage', `message larger than ${maxBytes} bytes`);
      try {
        xml = decodeBody(input, options.charset);
      } catch (e) {
        if (!(e instanceof UndecodableBody)) throw e;
        return { ...safeSniff(Buffer.from(input.subarray(0, SNIFF_LIMIT)).toString('latin1')), ...failure('BadlyFormedMessage', e.message) };
      }
    } else {
      xml = input;
    }
    if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
    const tooLarge = checkSize(xml, maxBytes);
    if (tooLarge) return { ...sniff(xml), ...refusalFailure(tooLarge) };
    // One pass: well-formedness, the refusal of a DTD and of characters XML forbids, and the tree
    // together (xml-tree.ts). Only a refused document is looked at again, to say why.
    const read = readXmlTree(xml);
    if (!read.ok) return { ...sniff(xml), ...notReadable(xml, read, maxBytes) };
    // The reader passes a lone surrogate followed by another character; decoded bytes never hold one.
    const surrogate = typeof input === 'string' ? loneSurrogate(xml) : undefined;
    if (surrogate) return { ...sniff(xml), ...refusalFailure(surrogate) };
    const tree = read.tree;
    return readDocument(tree, options);
  } catch (e) {
    // Last line of defence (e.g. a stack overflow on absurd nesting): still an answer, never a throw.
    const detail = e instanceof Error ? e.message : String(e);
    return { ...safeSniff(xml), ...failure('BadlyFormedMessage', `unreadable message: ${detail}`) };
  }
}

/**
 * Why the reader refused a document. A DTD or a character XML forbids is named as such wherever
 * it stands in the document, whatever the reader tripped over first.
 */
function notReadable(xml: string, read: XmlTreeFailure, maxBytes: number): ParseFailure {
  const refusal = checkXmlSafety(xml, maxBytes);
  if (refusal) return refusalFailure(refusal);
  if (read.problem === 'doctype') return refusalFailure({ reason: 'dtd' });
  if (read.problem === 'too-deep') return failure('BadlyFormedMessage', `${read.reason} (line ${read.line})`);
  return failure('BadlyFormedMessage', `not well-formed XML: ${read.reason} (line ${read.line})`);
}

function refusalFailure(refusal: SafetyRefusal): ParseFailure {
  switch (refusal.reason) {
    case 'too-large':
      return failure('BadlyFormedMessage', `message larger than ${refusal.limit} bytes`);
    case 'dtd':
      return failure('BadlyFormedMessage', 'DOCTYPE and ENTITY declarations are not allowed');
    case 'character':
      return failure('BadlyFormedMessage', `the character ${codePointName(refusal.codePoint)} (at offset ${refusal.offset}) is not allowed in XML`);
  }
}

function failure(errorType: ErrorType, errorValue: string): ParseFailure {
  return { ok: false, error: { errorType, errorValue } };
}

// ---- document and envelope ------------------------------------------------------------------------

function readDocument(tree: XObj, options: ParseOptions): ParsedResult {
  const roots = elementNames(tree);
  if (roots.length !== 1 || Array.isArray(tree[roots[0]])) {
    return failure('BadlyFormedMessage', roots.length === 0 ? 'no root element' : 'more than one root element');
  }
  const rootName = roots[0];
  let envelope: XObj;
  if (rootName === 'ISO18626Message') {
    envelope = asObj(tree[rootName]) ?? {};
  } else if (options.acceptMissingEnvelope && isOneOf(MESSAGE_KINDS, rootName)) {
    envelope = { [rootName]: tree[rootName] };
  } else {
    return failure('BadlyFormedMessage', `root element is ${rootName}, expected ISO18626Message`);
  }
  const versionAttribute = textOf(envelope['@_version'])?.trim() ?? '';
  const children = elementNames(envelope);
  const kinds = children.filter((c): c is MessageKind => isOneOf(MESSAGE_KINDS, c));
  if (kinds.length === 0) {
    if (children.length > 0) return failure('UnrecognisedDataElement', `unknown message element ${children[0]}`);
    return failure('BadlyFormedMessage', 'ISO18626Message holds no message');
  }
  const kind = kinds[0];
  const raw = envelope[kind];
  if (kinds.length > 1 || Array.isArray(raw)) {
    return { ...failure('BadlyFormedMessage', 'ISO18626Message holds more than one message'), messageKind: kind };
  }
  const body = asObj(raw) ?? {};
  const version = detectVersion(versionAttribute, kind, body);
  try {
    const message = readMessage(kind, body);
    if (message.kind === 'requestingAgencyMessage' && version === '2017' && !ACTIONS_2017.includes(message.action)) {
      // HoldReturn and Lost came with 2021; a 1.2 (or unversioned) message cannot carry them, and
      // its confirmation could not echo them.
      return {
        ...failure('UnsupportedActionType', `${message.action} is not an action of ISO 18626:2017 (version ${versionAttribute || 'not given'})`),
        messageKind: kind,
        version,
        partialHeader: message.header,
      };
    }
    return { ok: true, message, version, versionAttribute };
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    const result: ParseFailure = { ...failure(e.errorType, e.errorValue), messageKind: kind, version };
    const header = asObj(get(body, 'header')) ?? asObj(get(body, 'confirmationHeader'));
    if (header) result.partialHeader = readPartialHeader(header);
    const echo = readEcho(kind, body);
    if (echo && !(version === '2017' && echo.action && !ACTIONS_2017.includes(echo.action))) result.echo = echo;
    return result;
  }
}

/** 2021 when the version attribute says so (2021-x, 1.3, a later year), or 2021-only elements appear. */
export function detectVersion(versionAttribute: string, kind: MessageKind, body: XObj): Iso18626Version {
  const v = versionAttribute.trim().toLowerCase();
  const year = /^(\d{4})/.exec(v);
  if (year) return Number(year[1]) >= 2021 ? '2021' : '2017';
  if (/^v?1[._]3/.test(v)) return '2021'; // "2021-1 (aka version 1.3)"
  if (/^v?1[._][0-2]/.test(v) || v.includes('2017')) return '2017';
  const header = asObj(get(body, 'header'));
  if (header && has(header, 'consortialId')) return '2021';
  switch (kind) {
    case 'request': {
      const s = asObj(get(body, 'serviceInfo'));
      const b = asObj(get(body, 'bibliographicInfo'));
      const deliveries = all(body, 'requestedDeliveryInfo').map(asObj);
      if (s && (has(s, 'itemFormat') || has(s, 'preferredEdition') || has(s, 'loanCondition'))) return '2021';
      if (b && (has(b, 'authorId') || all(b, 'volume').length > 1)) return '2021';
      if (deliveries.some((d) => d && (has(d, 'deliveryMethod') || has(d, 'courierName')))) return '2021';
      return '2017';
    }
    case 'supplyingAgencyMessage': {
      if (has(body, 'retryInfo') || has(body, 'shippingInfo')) return '2021';
      const d = asObj(get(body, 'deliveryInfo'));
      if (d && (has(d, 'deliveryMethod') || has(d, 'itemFormat') || has(d, 'URL'))) return '2021';
      return '2017';
    }
    default:
      return all(body, 'errorData').length > 1 ? '2021' : '2017';
  }
}

function readMessage(kind: MessageKind, o: XObj): Iso18626Message {
  switch (kind) {
    case 'request':
      return readRequest(o);
    case 'supplyingAgencyMessage':
      return readSupplyingAgencyMessage(o);
    case 'requestingAgencyMessage':
      return readRequestingAgencyMessage(o);
    default:
      return readConfirmation(kind, o);
  }
}

// ---- tree access ------------------------------------------------------------------------------------

function asObj(v: unknown): XObj | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as XObj) : undefined;
}

function elementNames(o: XObj): string[] {
  return Object.keys(o).filter((k) => !k.startsWith('@_') && k !== '#text');
}

function has(o: XObj, name: string): boolean {
  return Object.hasOwn(o, name);
}

function all(o: XObj, name: string): unknown[] {
  if (!Object.hasOwn(o, name)) return [];
  const v = o[name];
  return Array.isArray(v) ? v : [v];
}

function get(o: XObj, name: string): unknown {
  return all(o, name)[0];
}

/** Text content of a leaf element ('' for an empty one; the text part of an element with attributes). */
function textOf(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const o = asObj(v);
  if (!o) return undefined;
  const t = o['#text'];
  return typeof t === 'string' ? t : typeof t === 'number' ? String(t) : '';
}

function attrOf(v: unknown, name: string): string | undefined {
  const a = asObj(v)?.[`@_${name}`];
  return typeof a === 'string' ? a : undefined;
}

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

function p(path: string, name: string): string {
  return path ? `${path}/${name}` : name;
}

// ---- typed readers ----------------------------------------------------------------------------------

/** Trimmed text (identifiers, codes, names). */
function str(o: XObj, name: string): string | undefined {
  return textOf(get(o, name))?.trim();
}

/** Untrimmed text: free-text notes pass through exactly as sent. */
function rawStr(o: XObj, name: string): string | undefined {
  return textOf(get(o, name));
}

function strs(o: XObj, name: string): string[] {
  return all(o, name).map((v) => (textOf(v) ?? '').trim());
}

function reqStr(o: XObj, name: string, path: string): string {
  const v = str(o, name);
  if (v === undefined) throw missing(p(path, name));
  return v;
}

function missing(path: string): Failure {
  return new Failure('BadlyFormedMessage', `missing required element ${path}`);
}

/** The longest value a confirmation's errorValue repeats. */
const MAX_ERROR_VALUE = 200;

function cutValue(value: string): string {
  return value.length > MAX_ERROR_VALUE ? `${value.slice(0, MAX_ERROR_VALUE)}...` : value;
}

function badValue(path: string, value: string): Failure {
  return new Failure('UnrecognisedDataValue', `${path}: ${cutValue(value)}`);
}

function schemeValueOf(v: unknown): SchemeValue {
  const sv: SchemeValue = { value: (textOf(v) ?? '').trim() };
  set(sv, 'scheme', attrOf(v, 'scheme')?.trim());
  return sv;
}

function sv(o: XObj, name: string): SchemeValue | undefined {
  return has(o, name) ? schemeValueOf(get(o, name)) : undefined;
}

function svs(o: XObj, name: string): SchemeValue[] {
  return all(o, name).map(schemeValueOf);
}

function date(o: XObj, name: string, path: string): Date | undefined {
  const t = str(o, name);
  if (t === undefined || t === '') return undefined; // an empty optional date is taken as absent
  const d = parseDateTime(t);
  if (!d) throw badValue(p(path, name), t);
  return d;
}

function reqDate(o: XObj, name: string, path: string, fallback?: Date): Date {
  const d = date(o, name, path);
  if (d) return d;
  if (fallback) return fallback;
  if (has(o, name)) throw badValue(p(path, name), '');
  throw missing(p(path, name));
}

function code<T extends string>(list: readonly T[], o: XObj, name: string, path: string): T | undefined {
  const t = str(o, name);
  if (t === undefined || t === '') return undefined;
  const c = matchCode(list, t);
  if (!c) throw badValue(p(path, name), t);
  return c;
}

function reqCode<T extends string>(
  list: readonly T[],
  o: XObj,
  name: string,
  path: string,
  errorType: ErrorType = 'UnrecognisedDataValue',
): T {
  const t = str(o, name);
  if (t === undefined) throw missing(p(path, name));
  const c = matchCode(list, t);
  if (!c) throw new Failure(errorType, errorType === 'UnrecognisedDataValue' ? `${p(path, name)}: ${cutValue(t)}` : cutValue(t));
  return c;
}

function integer(o: XObj, name: string, path: string): number | undefined {
  const t = str(o, name);
  if (t === undefined || t === '') return undefined;
  if (!/^[+-]?\d{1,15}$/.test(t)) throw badValue(p(path, name), t);
  return Number(t);
}

function bool(o: XObj, name: string, path: string): boolean | undefined {
  const t = str(o, name);
  if (t === undefined || t === '') return undefined;
  const l = t.toLowerCase();
  if (l === 'true' || l === '1' || l === 'y' || l === 'yes') return true;
  if (l === 'false' || l === '0' || l === 'n' || l === 'no') return false;
  throw badValue(p(path, name), t);
}

function agencyIdOf(v: unknown, path: string): AgencyId {
  const o = asObj(v) ?? {};
  const typeEl = get(o, 'agencyIdType');
  const id: AgencyId = { type: (textOf(typeEl) ?? '').trim(), value: reqStr(o, 'agencyIdValue', path) };
  set(id, 'typeScheme', attrOf(typeEl, 'scheme')?.trim());
  return id;
}

function agencyId(o: XObj, name: string, path: string): AgencyId | undefined {
  return has(o, name) ? agencyIdOf(get(o, name), p(path, name)) : undefined;
}

/** A header's agency: both its type and its value must be given (a blank one names nobody). */
function reqAgencyId(o: XObj, name: string, path: string): AgencyId {
  const id = agencyId(o, name, path);
  if (!id) throw missing(p(path, name));
  if (id.value === '') throw badValue(`${p(path, name)}/agencyIdValue`, '(blank)');
  if (id.type === '') throw badValue(`${p(path, name)}/agencyIdType`, '(blank)');
  return id;
}

function costsOf(v: unknown, path: string): Costs {
  const o = asObj(v) ?? {};
  const currencyEl = get(o, 'currencyCode');
  if (currencyEl === undefined) throw missing(`${path}/currencyCode`);
  const amount = reqStr(o, 'monetaryValue', path);
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(amount)) throw badValue(`${path}/monetaryValue`, amount);
  const c: Costs = { currencyCode: (textOf(currencyEl) ?? '').trim(), monetaryValue: amount };
  set(c, 'currencyScheme', attrOf(currencyEl, 'scheme')?.trim());
  return c;
}

/**
 * An element with neither child elements nor text (`<offeredCosts/>`, `<deliveryCosts> </deliveryCosts>`):
 * real peers (ReShare) send empty optional aggregates, which carry nothing and are read as absent.
 */
function isEmptyElement(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  const o = asObj(v);
  return !!o && elementNames(o).length === 0 && (textOf(o) ?? '').trim() === '';
}

/** The occurrences of an optional aggregate, empty ones left out. */
function present(o: XObj, name: string): unknown[] {
  return all(o, name).filter((v) => !isEmptyElement(v));
}

function costsList(o: XObj, name: string, path: string): Costs[] {
  return present(o, name).map((v) => costsOf(v, p(path, name)));
}

function physicalAddressOf(v: unknown): PhysicalAddress {
  const o = asObj(v) ?? {};
  const a: PhysicalAddress = {};
  set(a, 'line1', str(o, 'line1'));
  set(a, 'line2', str(o, 'line2'));
  set(a, 'locality', str(o, 'locality'));
  set(a, 'postalCode', str(o, 'postalCode'));
  set(a, 'region', sv(o, 'region'));
  set(a, 'country', sv(o, 'country'));
  return a;
}

function addressOf(v: unknown, path: string): Address | undefined {
  const o = asObj(v);
  if (!o) return undefined;
  const e = asObj(present(o, 'electronicAddress')[0]);
  if (e) {
    return {
      electronicAddress: {
        electronicAddressType: sv(e, 'electronicAddressType') ?? { value: '' },
        electronicAddressData: reqStr(e, 'electronicAddressData', `${path}/electronicAddress`),
      },
    };
  }
  if (has(o, 'physicalAddress')) return { physicalAddress: physicalAddressOf(get(o, 'physicalAddress')) };
  return undefined; // an empty address carries nothing: ignored
}

function addresses(o: XObj, path: string): Address[] {
  return all(o, 'address')
    .map((v) => addressOf(v, `${path}/address`))
    .filter((a): a is Address => a !== undefined);
}

function recordIdOf(v: unknown, path: string): BibliographicRecordId {
  const o = asObj(v) ?? {};
  return {
    identifierCode: sv(o, 'bibliographicRecordIdentifierCode') ?? { value: '' },
    identifier: reqStr(o, 'bibliographicRecordIdentifier', path),
  };
}

// ---- headers -----------------------------------------------------------------------------------------

function readHeader(o: XObj, path: string, supplierRequired: boolean): RequestHeader {
  const h = asObj(get(o, 'header'));
  if (!h) throw missing(p(path, 'header'));
  const hp = p(path, 'header');
  // A request may name no supplier (2021 transfer requests); a named one must not be blank.
  const supplier = supplierRequired || present(h, 'supplyingAgencyId').length ? reqAgencyId(h, 'supplyingAgencyId', hp) : undefined;
  const header = {} as RequestHeader;
  set(header, 'supplyingAgencyId', supplier);
  header.requestingAgencyId = reqAgencyId(h, 'requestingAgencyId', hp);
  set(header, 'consortialId', agencyId(h, 'consortialId', hp));
  const multi = str(h, 'multipleItemRequestId');
  if (multi) header.multipleItemRequestId = multi; // empty = absent (2017 requires an empty element)
  header.timestamp = reqDate(h, 'timestamp', hp);
  header.requestingAgencyRequestId = reqStr(h, 'requestingAgencyRequestId', hp);
  // A blank id names no request: blank ids from one partner would all merge into one request.
  if (header.requestingAgencyRequestId === '') throw badValue(`${hp}/requestingAgencyRequestId`, '(blank)');
  set(header, 'supplyingAgencyRequestId', str(h, 'supplyingAgencyRequestId'));
  const auth = asObj(get(h, 'requestingAgencyAuthentication')) ?? (has(h, 'requestingAgencyAuthentication') ? {} : undefined);
  if (auth) {
    const a: NonNullable<Header['requestingAgencyAuthentication']> = {};
    set(a, 'accountId', str(auth, 'accountId'));
    set(a, 'securityCode', str(auth, 'securityCode'));
    header.requestingAgencyAuthentication = a;
  }
  return header;
}

/** Field by field, ignoring whatever cannot be read. */
function readPartialHeader(h: XObj): PartialHeader {
  const out: PartialHeader = {};
  const attempt = <K extends keyof Header>(key: K, read: () => Header[K] | undefined): void => {
    try {
      set(out, key, read());
    } catch {
      /* unreadable: left out */
    }
  };
  attempt('supplyingAgencyId', () => agencyId(h, 'supplyingAgencyId', 'header'));
  attempt('requestingAgencyId', () => agencyId(h, 'requestingAgencyId', 'header'));
  attempt('multipleItemRequestId', () => str(h, 'multipleItemRequestId') || undefined);
  attempt('timestamp', () => date(h, 'timestamp', 'header'));
  attempt('requestingAgencyRequestId', () => str(h, 'requestingAgencyRequestId'));
  attempt('supplyingAgencyRequestId', () => str(h, 'supplyingAgencyRequestId'));
  return out;
}

function readEcho(kind: MessageKind, body: XObj): ParseFailure['echo'] {
  if (kind === 'requestingAgencyMessage') {
    const a = str(body, 'action');
    const action = a === undefined ? undefined : matchCode(ACTIONS, a);
    return action ? { action } : undefined;
  }
  if (kind === 'supplyingAgencyMessage') {
    const mi = asObj(get(body, 'messageInfo'));
    const r = mi ? str(mi, 'reasonForMessage') : undefined;
    const reasonForMessage = r === undefined ? undefined : matchCode(REASONS_FOR_MESSAGE, r);
    return reasonForMessage ? { reasonForMessage } : undefined;
  }
  return undefined;
}

// ---- request -------------------------------------------------------------------------------------------

function readRequest(o: XObj): RequestMessage {
  const header = readHeader(o, 'request', false);
  const b = asObj(get(o, 'bibliographicInfo')) ?? (has(o, 'bibliographicInfo') ? {} : undefined);
  if (!b) throw missing('request/bibliographicInfo');
  const m: RequestMessage = { kind: 'request', header, bibliographicInfo: readBibliographicInfo(b) };
  const pub = asObj(get(o, 'publicationInfo'));
  if (pub || has(o, 'publicationInfo')) m.publicationInfo = readPublicationInfo(pub ?? {});
  if (has(o, 'serviceInfo')) m.serviceInfo = readServiceInfo(asObj(get(o, 'serviceInfo')) ?? {});
  set(m, 'supplierInfo', nonEmpty(all(o, 'supplierInfo').map((v, i) => readSupplierInfo(asObj(v) ?? {}, `request/supplierInfo[${i}]`))));
  set(
    m,
    'requestedDeliveryInfo',
    nonEmpty(all(o, 'requestedDeliveryInfo').map((v, i) => readRequestedDelivery(asObj(v) ?? {}, `request/requestedDeliveryInfo[${i}]`))),
  );
  if (has(o, 'requestingAgencyInfo')) m.requestingAgencyInfo = readRequestingAgencyInfo(asObj(get(o, 'requestingAgencyInfo')) ?? {});
  if (has(o, 'patronInfo')) m.patronInfo = readPatronInfo(asObj(get(o, 'patronInfo')) ?? {});
  if (has(o, 'billingInfo')) m.billingInfo = readBillingInfo(asObj(get(o, 'billingInfo')) ?? {});
  return m;
}

function readBibliographicInfo(o: XObj): BibliographicInfo {
  const path = 'request/bibliographicInfo';
  const b: BibliographicInfo = {};
  set(b, 'supplierUniqueRecordId', str(o, 'supplierUniqueRecordId'));
  set(b, 'title', str(o, 'title'));
  set(b, 'author', str(o, 'author'));
  set(b, 'authorId', str(o, 'authorId'));
  set(b, 'subtitle', str(o, 'subtitle'));
  set(b, 'seriesTitle', str(o, 'seriesTitle'));
  set(b, 'edition', str(o, 'edition'));
  set(b, 'titleOfComponent', str(o, 'titleOfComponent'));
  set(b, 'authorOfComponent', str(o, 'authorOfComponent'));
  const [volume, ...moreVolumes] = strs(o, 'volume');
  set(b, 'volume', volume);
  set(b, 'additionalVolumes', nonEmpty(moreVolumes));
  set(b, 'issue', str(o, 'issue'));
  set(b, 'pagesRequested', str(o, 'pagesRequested'));
  set(b, 'estimatedNoPages', str(o, 'estimatedNoPages'));
  const itemIds = present(o, 'bibliographicItemId').map((v): BibliographicItemId => {
    const id = asObj(v) ?? {};
    return {
      identifierCode: sv(id, 'bibliographicItemIdentifierCode') ?? { value: '' },
      identifier: reqStr(id, 'bibliographicItemIdentifier', `${path}/bibliographicItemId`),
    };
  });
  set(b, 'bibliographicItemId', nonEmpty(itemIds));
  set(b, 'sponsor', str(o, 'sponsor'));
  set(b, 'informationSource', str(o, 'informationSource'));
  set(b, 'bibliographicRecordId', nonEmpty(present(o, 'bibliographicRecordId').map((v) => recordIdOf(v, `${path}/bibliographicRecordId`))));
  return b;
}

function readPublicationInfo(o: XObj): PublicationInfo {
  const pi: PublicationInfo = {};
  set(pi, 'publisher', str(o, 'publisher'));
  set(pi, 'publisherId', str(o, 'publisherId'));
  set(pi, 'publicationType', sv(o, 'publicationType'));
  set(pi, 'publicationDate', str(o, 'publicationDate'));
  set(pi, 'placeOfPublication', str(o, 'placeOfPublication'));
  return pi;
}

function readServiceInfo(o: XObj): ServiceInfo {
  const path = 'request/serviceInfo';
  const requestType = code(REQUEST_TYPES, o, 'requestType', path);
  const subTypes = strs(o, 'requestSubType')
    .filter((t) => t !== '')
    .map((t) => matchCode(REQUEST_SUB_TYPES, t) ?? badValueThrow(`${path}/requestSubType`, t));
  const s = {} as ServiceInfo;
  set(s, 'requestType', requestType);
  set(s, 'requestSubType', nonEmpty(subTypes));
  set(s, 'requestingAgencyPreviousRequestId', str(o, 'requestingAgencyPreviousRequestId'));
  s.serviceType = reqCode(SERVICE_TYPES, o, 'serviceType', path);
  set(s, 'serviceLevel', sv(o, 'serviceLevel'));
  set(s, 'preferredFormat', sv(o, 'preferredFormat') ?? sv(o, 'itemFormat'));
  set(s, 'needBeforeDate', date(o, 'needBeforeDate', path));
  set(s, 'copyrightCompliance', sv(o, 'copyrightCompliance'));
  set(s, 'anyEdition', code(YES_NO, o, 'anyEdition', path));
  set(s, 'preferredEdition', code(PREFERRED_EDITIONS, o, 'preferredEdition', path));
  set(s, 'loanCondition', nonEmpty(svs(o, 'loanCondition')));
  set(s, 'startDate', date(o, 'startDate', path));
  set(s, 'endDate', date(o, 'endDate', path));
  set(s, 'note', rawStr(o, 'note'));
  return s;
}

function badValueThrow(path: string, value: string): never {
  throw badValue(path, value);
}

function readSupplierInfo(o: XObj, path: string): SupplierInfo {
  const s: SupplierInfo = {};
  set(s, 'sortOrder', integer(o, 'sortOrder', path));
  set(s, 'supplierCode', agencyId(o, 'supplierCode', path));
  set(s, 'supplierDescription', str(o, 'supplierDescription'));
  const [recordId] = present(o, 'bibliographicRecordId');
  if (recordId !== undefined) s.bibliographicRecordId = recordIdOf(recordId, `${path}/bibliographicRecordId`);
  set(s, 'callNumber', str(o, 'callNumber'));
  set(s, 'summaryHoldings', str(o, 'summaryHoldings'));
  set(s, 'availabilityNote', str(o, 'availabilityNote'));
  return s;
}

function readRequestedDelivery(o: XObj, path: string): RequestedDeliveryInfo {
  const r: RequestedDeliveryInfo = {};
  set(r, 'sortOrder', integer(o, 'sortOrder', path));
  set(r, 'address', addresses(o, path)[0]);
  set(r, 'deliveryMethod', sv(o, 'deliveryMethod'));
  set(r, 'courierName', sv(o, 'courierName'));
  return r;
}

function readRequestingAgencyInfo(o: XObj): RequestingAgencyInfo {
  const r: RequestingAgencyInfo = {};
  set(r, 'name', str(o, 'name'));
  set(r, 'contactName', str(o, 'contactName'));
  set(r, 'address', nonEmpty(addresses(o, 'request/requestingAgencyInfo')));
  return r;
}

function readPatronInfo(o: XObj): PatronInfo {
  const path = 'request/patronInfo';
  const pi: PatronInfo = {};
  set(pi, 'patronId', str(o, 'patronId'));
  set(pi, 'surname', str(o, 'surname'));
  set(pi, 'givenName', str(o, 'givenName'));
  set(pi, 'patronType', sv(o, 'patronType'));
  set(pi, 'sendToPatron', code(YES_NO, o, 'sendToPatron', path));
  set(pi, 'address', nonEmpty(addresses(o, path)));
  return pi;
}

function readBillingInfo(o: XObj): BillingInfo {
  const path = 'request/billingInfo';
  const b: BillingInfo = {};
  set(b, 'paymentMethod', sv(o, 'paymentMethod'));
  const [maximumCosts] = costsList(o, 'maximumCosts', path);
  set(b, 'maximumCosts', maximumCosts);
  set(b, 'billingMethod', sv(o, 'billingMethod'));
  set(b, 'billingName', str(o, 'billingName'));
  set(b, 'address', addresses(o, path)[0]);
  return b;
}

// ---- supplyingAgencyMessage ---------------------------------------------------------------------------

function readSupplyingAgencyMessage(o: XObj): SupplyingAgencyMessage {
  const path = 'supplyingAgencyMessage';
  const header = readHeader(o, path, true) as Header;
  const mi = asObj(get(o, 'messageInfo')) ?? (has(o, 'messageInfo') ? {} : undefined);
  if (!mi) throw missing(`${path}/messageInfo`);
  const reasonForMessage = reqCode(REASONS_FOR_MESSAGE, mi, 'reasonForMessage', `${path}/messageInfo`, 'UnsupportedReasonForMessageType');
  const si = asObj(get(o, 'statusInfo')) ?? (has(o, 'statusInfo') ? {} : undefined);
  if (!si) throw missing(`${path}/statusInfo`);
  const retry = asObj(get(o, 'retryInfo')) ?? {};

  const messageInfo: MessageInfo = { reasonForMessage };
  const mp = `${path}/messageInfo`;
  set(messageInfo, 'answerYesNo', code(YES_NO, mi, 'answerYesNo', mp));
  set(messageInfo, 'note', rawStr(mi, 'note'));
  set(messageInfo, 'reasonUnfilled', sv(mi, 'reasonUnfilled'));
  set(messageInfo, 'reasonRetry', sv(mi, 'reasonRetry'));
  // 2017 keeps the offer in messageInfo, 2021 in retryInfo: read either.
  const offered = [...costsList(mi, 'offeredCosts', mp), ...costsList(retry, 'offeredCosts', `${path}/retryInfo`)];
  set(messageInfo, 'offeredCosts', offered[0]);
  set(messageInfo, 'retryAfter', date(mi, 'retryAfter', mp) ?? date(retry, 'retryAfter', `${path}/retryInfo`));
  set(messageInfo, 'retryBefore', date(mi, 'retryBefore', mp) ?? date(retry, 'retryBefore', `${path}/retryInfo`));

  const sp = `${path}/statusInfo`;
  const statusInfo: StatusInfo = {
    status: reqCode(STATUSES, si, 'status', sp),
    lastChange: new Date(0), // set below, keeping the schema's key order
  };
  set(statusInfo, 'expectedDeliveryDate', date(si, 'expectedDeliveryDate', sp));
  set(statusInfo, 'dueDate', date(si, 'dueDate', sp));
  // lastChange is required, but some peers leave it out: the header timestamp is the best stand-in.
  statusInfo.lastChange = reqDate(si, 'lastChange', sp, header.timestamp);

  const m: SupplyingAgencyMessage = { kind: 'supplyingAgencyMessage', header, messageInfo, statusInfo };
  const retryInfo = readRetryInfo(retry, offered.slice(1));
  if (retryInfo) m.retryInfo = retryInfo;
  if (present(o, 'deliveryInfo').length) m.deliveryInfo = readDeliveryInfo(asObj(get(o, 'deliveryInfo')) ?? {}, header.timestamp);
  if (present(o, 'shippingInfo').length) m.shippingInfo = readShippingInfo(asObj(get(o, 'shippingInfo')) ?? {});
  if (present(o, 'returnInfo').length) m.returnInfo = readReturnInfo(asObj(get(o, 'returnInfo')) ?? {});
  return m;
}

function readRetryInfo(o: XObj, moreOffered: Costs[]): RetryInfo | undefined {
  const path = 'supplyingAgencyMessage/retryInfo';
  const r: RetryInfo = {};
  set(r, 'loanCondition', nonEmpty(svs(o, 'loanCondition')));
  set(r, 'edition', nonEmpty(strs(o, 'edition')));
  set(r, 'itemFormat', nonEmpty(svs(o, 'itemFormat')));
  set(r, 'volume', nonEmpty(strs(o, 'volume')));
  set(r, 'serviceType', code(SERVICE_TYPES, o, 'serviceType', path));
  set(r, 'serviceLevel', nonEmpty(svs(o, 'serviceLevel')));
  set(r, 'deliveryMethod', nonEmpty(svs(o, 'deliveryMethod')));
  set(r, 'courierName', nonEmpty(svs(o, 'courierName')));
  set(r, 'additionalOfferedCosts', nonEmpty(moreOffered));
  set(r, 'paymentMethod', nonEmpty(svs(o, 'paymentMethod')));
  return Object.keys(r).length > 0 ? r : undefined;
}

function readDeliveryInfo(o: XObj, fallbackDate: Date): DeliveryInfo {
  const path = 'supplyingAgencyMessage/deliveryInfo';
  const d: DeliveryInfo = { dateSent: reqDate(o, 'dateSent', path, fallbackDate) };
  const [itemId, ...moreItemIds] = strs(o, 'itemId');
  set(d, 'itemId', itemId);
  set(d, 'additionalItemIds', nonEmpty(moreItemIds));
  set(d, 'url', str(o, 'URL'));
  set(d, 'sentVia', sv(o, 'sentVia') ?? sv(o, 'deliveryMethod'));
  set(d, 'address', addresses(o, path)[0]);
  set(d, 'sentToPatron', bool(o, 'sentToPatron', path));
  const [loanCondition, ...moreConditions] = svs(o, 'loanCondition');
  set(d, 'loanCondition', loanCondition);
  set(d, 'additionalLoanConditions', nonEmpty(moreConditions));
  set(d, 'deliveredFormat', sv(o, 'deliveredFormat') ?? sv(o, 'itemFormat'));
  set(d, 'serviceType', code(SERVICE_TYPES, o, 'serviceType', path));
  const [deliveryCosts, ...moreCosts] = costsList(o, 'deliveryCosts', path);
  set(d, 'deliveryCosts', deliveryCosts);
  set(d, 'additionalDeliveryCosts', nonEmpty(moreCosts));
  set(d, 'paymentMethod', sv(o, 'paymentMethod'));
  return d;
}

function readShippingInfo(o: XObj): ShippingInfo {
  const path = 'supplyingAgencyMessage/shippingInfo';
  const s: ShippingInfo = {};
  set(s, 'courierName', sv(o, 'courierName'));
  set(s, 'trackingId', nonEmpty(strs(o, 'trackingId')));
  set(s, 'insurance', code(YES_NO, o, 'insurance', path));
  set(s, 'insuranceThirdParty', code(YES_NO, o, 'insuranceThirdParty', path));
  set(s, 'thirdPartyName', str(o, 'thirdPartyName'));
  set(s, 'insuranceCosts', nonEmpty(costsList(o, 'insuranceCosts', path)));
  return s;
}

function readReturnInfo(o: XObj): ReturnInfo {
  const r: ReturnInfo = {};
  set(r, 'returnAgencyId', agencyId(o, 'returnAgencyId', 'supplyingAgencyMessage/returnInfo'));
  set(r, 'name', str(o, 'name'));
  if (has(o, 'physicalAddress')) r.physicalAddress = physicalAddressOf(get(o, 'physicalAddress'));
  return r;
}

// ---- requestingAgencyMessage and confirmations ---------------------------------------------------------

function readRequestingAgencyMessage(o: XObj): RequestingAgencyMessage {
  const path = 'requestingAgencyMessage';
  const header = readHeader(o, path, true) as Header;
  const action = reqCode(ACTIONS, o, 'action', path, 'UnsupportedActionType');
  const m: RequestingAgencyMessage = { kind: 'requestingAgencyMessage', header, action };
  set(m, 'note', rawStr(o, 'note'));
  return m;
}

function readConfirmation(kind: MessageKind, o: XObj): ConfirmationMessage {
  const h = asObj(get(o, 'confirmationHeader')) ?? (has(o, 'confirmationHeader') ? {} : undefined);
  if (!h) throw missing(`${kind}/confirmationHeader`);
  const hp = `${kind}/confirmationHeader`;
  const ch = {} as ConfirmationHeader;
  set(ch, 'supplyingAgencyId', agencyId(h, 'supplyingAgencyId', hp));
  set(ch, 'requestingAgencyId', agencyId(h, 'requestingAgencyId', hp));
  ch.timestamp = reqDate(h, 'timestamp', hp);
  set(ch, 'requestingAgencyRequestId', str(h, 'requestingAgencyRequestId'));
  const multi = str(h, 'multipleItemRequestId');
  if (multi) ch.multipleItemRequestId = multi;
  ch.timestampReceived = reqDate(h, 'timestampReceived', hp, ch.timestamp);
  ch.messageStatus = reqCode(MESSAGE_STATUSES, h, 'messageStatus', hp);

  const errors = all(o, 'errorData').map((v): ErrorData => {
    const e = asObj(v) ?? {};
    const raw = reqStr(e, 'errorType', `${kind}/errorData`);
    const errorType = matchErrorType(raw);
    if (!errorType) throw badValue(`${kind}/errorData/errorType`, raw);
    const data: ErrorData = { errorType };
    set(data, 'errorValue', str(e, 'errorValue'));
    return data;
  });
  const base = { confirmationHeader: ch } as { confirmationHeader: ConfirmationHeader; errorData?: ErrorData; additionalErrorData?: ErrorData[] };
  let m: ConfirmationMessage;
  if (kind === 'supplyingAgencyMessageConfirmation') {
    const c = { kind, ...base } as ConfirmationMessage & { kind: 'supplyingAgencyMessageConfirmation' };
    const r = str(o, 'reasonForMessage');
    set(c, 'reasonForMessage', r ? matchCode(REASONS_FOR_MESSAGE, r) : undefined); // an unknown echo is dropped
    m = c;
  } else if (kind === 'requestingAgencyMessageConfirmation') {
    const c = { kind, ...base } as ConfirmationMessage & { kind: 'requestingAgencyMessageConfirmation' };
    const a = str(o, 'action');
    set(c, 'action', a ? matchCode(ACTIONS, a) : undefined);
    m = c;
  } else {
    m = { kind: 'requestConfirmation', ...base };
  }
  set(m, 'errorData', errors[0]);
  set(m, 'additionalErrorData', nonEmpty(errors.slice(1)));
  return m;
}

// ---- best effort on broken documents -------------------------------------------------------------------

const SNIFF_LIMIT = 64 * 1024;

function safeSniff(xml: string): Partial<ParseFailure> {
  try {
    return sniff(xml);
  } catch {
    return {};
  }
}

/**
 * Reads the message kind, version and header fields with bounded regular expressions from a document
 * the XML parser refused (not well-formed, too large, DTD). Only the first 64 KiB are looked at, and
 * nothing is expanded: entity references stay text except the predefined and numeric ones.
 */
function sniff(xml: string): Partial<ParseFailure> {
  const head = xml.slice(0, SNIFF_LIMIT);
  const out: Partial<ParseFailure> = {};
  const kind =
    /<(?:[\w.-]{1,40}:)?(requestingAgencyMessageConfirmation|supplyingAgencyMessageConfirmation|requestConfirmation|requestingAgencyMessage|supplyingAgencyMessage|request)[\s/>]/.exec(
      head,
    );
  if (kind) out.messageKind = kind[1] as MessageKind;
  const root = /<(?:[\w.-]{1,40}:)?ISO18626Message\b([^>]{0,2000})>/.exec(head);
  const versionAttr = root ? /(?:^|\s)(?:[\w.-]{1,40}:)?version\s*=\s*["']([^"']{0,100})["']/.exec(root[1])?.[1] : undefined;
  if (versionAttr !== undefined || out.messageKind) {
    out.version = detectVersion(decodeXmlText(versionAttr ?? ''), out.messageKind ?? 'request', {});
  }
  const leaf = (name: string): string | undefined => {
    const m = new RegExp(`<(?:[\\w.-]{1,40}:)?${name}(?:\\s[^>]{0,500})?>([^<]{0,500})</`).exec(head);
    return m ? decodeXmlText(m[1]).trim() : undefined;
  };
  const agency = (name: string): AgencyId | undefined => {
    const m = new RegExp(
      `<(?:[\\w.-]{1,40}:)?${name}(?:\\s[^>]{0,500})?>\\s{0,200}<(?:[\\w.-]{1,40}:)?agencyIdType(?:\\s[^>]{0,500})?>([^<]{0,200})</[^>]{0,100}>\\s{0,200}<(?:[\\w.-]{1,40}:)?agencyIdValue(?:\\s[^>]{0,500})?>([^<]{0,200})</`,
    ).exec(head);
    return m ? { type: decodeXmlText(m[1]).trim(), value: decodeXmlText(m[2]).trim() } : undefined;
  };
  const header: PartialHeader = {};
  set(header, 'supplyingAgencyId', agency('supplyingAgencyId'));
  set(header, 'requestingAgencyId', agency('requestingAgencyId'));
  set(header, 'multipleItemRequestId', leaf('multipleItemRequestId') || undefined);
  const ts = leaf('timestamp');
  set(header, 'timestamp', ts ? parseDateTime(ts) : undefined);
  set(header, 'requestingAgencyRequestId', leaf('requestingAgencyRequestId'));
  set(header, 'supplyingAgencyRequestId', leaf('supplyingAgencyRequestId'));
  if (Object.keys(header).length > 0) out.partialHeader = header;
  return out;
}
