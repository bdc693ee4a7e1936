// Strict writer: turns the message model into XML that validates against the official schema of
// the requested version (ISO-18626-v1_2.xsd for '2017', ISO-18626-2021-2.xsd for '2021').
// Elements carry the `ill:` prefix, `ill:version`/`ill:scheme` are namespace-qualified, children come
// in schema order, dates are RFC 3339 UTC. A model that cannot be written validly for the version
// (missing required part, closed-code value the version lacks, bad date or decimal) raises
// Iso18626EmitError: that is a bug in the caller, never something to send to a peer.

import {
  ACTIONS,
  ACTIONS_2017,
  ERROR_TYPES,
  ISO18626_NAMESPACE,
  MAX_REQUEST_SUB_TYPES_2017,
  MESSAGE_STATUSES,
  PREFERRED_EDITIONS,
  REASONS_FOR_MESSAGE,
  REQUEST_SUB_TYPES,
  REQUEST_TYPES,
  SERVICE_TYPES,
  STATUSES,
  STATUSES_2017,
  YES_NO,
  isOneOf,
  type Iso18626Version,
} from './code-lists.ts';
import { formatDateTime, isWritableDate } from './datetime.ts';
import { escapeXml } from './xml-safety.ts';
import type {
  Address,
  AgencyId,
  BibliographicInfo,
  BillingInfo,
  ConfirmationHeader,
  ConfirmationMessage,
  Costs,
  DeliveryInfo,
  ErrorData,
  Header,
  Iso18626Message,
  MessageInfo,
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
  BibliographicRecordId,
} from './message-types.ts';

/** The `ill:version` value written per schema version. */
export const VERSION_ATTRIBUTE: Readonly<Record<Iso18626Version, string>> = { '2017': '1.2', '2021': '2021-2' };

/** Where each schema is published (written as xsi:schemaLocation). */
export const SCHEMA_LOCATION: Readonly<Record<Iso18626Version, string>> = {
  '2017': 'http://illtransactions.org/schemas/ISO-18626-v1_2.xsd',
  '2021': 'http://illtransactions.org/schemas/ISO-18626-2021-2.xsd',
};

export class Iso18626EmitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Iso18626EmitError';
  }
}

export interface EmitOptions {
  /** Indent with two spaces and line breaks (default true). Whitespace never touches text content. */
  pretty?: boolean;
}

interface XNode {
  name: string;
  attrs?: Array<[string, string]>;
  text?: string;
  children?: XNode[];
}
type Part = XNode | undefined;

const PREFIX = 'ill';
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Writes `msg` as a complete ISO18626Message document for the given schema version. */
export function emitMessage(msg: Iso18626Message, version: Iso18626Version, options: EmitOptions = {}): string {
  if (version !== '2017' && version !== '2021') throw new Iso18626EmitError(`unknown version ${String(version)}`);
  const w = new Writer(version);
  const body = w.message(msg);
  const root: XNode = {
    name: 'ISO18626Message',
    attrs: [
      [`xmlns:${PREFIX}`, ISO18626_NAMESPACE],
      ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
      [`${PREFIX}:version`, VERSION_ATTRIBUTE[version]],
      ['xsi:schemaLocation', `${ISO18626_NAMESPACE} ${SCHEMA_LOCATION[version]}`],
    ],
    children: [body],
  };
  const pretty = options.pretty ?? true;
  return `<?xml version="1.0" encoding="UTF-8"?>${pretty ? '\n' : ''}${serialize(root, pretty ? 0 : -1)}${pretty ? '\n' : ''}`;
}

function serialize(node: XNode, depth: number): string {
  const pad = depth >= 0 ? '  '.repeat(depth) : '';
  const nl = depth >= 0 ? '\n' : '';
  const qname = node.name.includes(':') ? node.name : `${PREFIX}:${node.name}`;
  const attrs = (node.attrs ?? []).map(([k, v]) => ` ${k}="${escapeXml(v, true)}"`).join('');
  if (node.children !== undefined) {
    if (node.children.length === 0) return `${pad}<${qname}${attrs}/>`;
    const inner = node.children.map((c) => serialize(c, depth >= 0 ? depth + 1 : -1)).join(nl);
    return `${pad}<${qname}${attrs}>${nl}${inner}${nl}${pad}</${qname}>`;
  }
  const text = node.text ?? '';
  return text === '' ? `${pad}<${qname}${attrs}/>` : `${pad}<${qname}${attrs}>${escapeXml(text)}</${qname}>`;
}

function el(name: string, children: Part[]): XNode {
  return { name, children: children.filter((c): c is XNode => c !== undefined) };
}

class Writer {
  constructor(private readonly version: Iso18626Version) {}

  private get is2017(): boolean {
    return this.version === '2017';
  }

  fail(message: string): never {
    throw new Iso18626EmitError(`ISO 18626 ${this.version}: ${message}`);
  }

  message(msg: Iso18626Message): XNode {
    switch (msg?.kind) {
      case 'request':
        return this.request(msg);
      case 'supplyingAgencyMessage':
        return this.supplyingAgencyMessage(msg);
      case 'requestingAgencyMessage':
        return this.requestingAgencyMessage(msg);
      case 'requestConfirmation':
      case 'supplyingAgencyMessageConfirmation':
      case 'requestingAgencyMessageConfirmation':
        return this.confirmation(msg);
      default:
        return this.fail(`unknown message kind ${String((msg as { kind?: unknown } | undefined)?.kind)}`);
    }
  }

  // ---- leaves -------------------------------------------------------------------------------

  text(name: string, value: string | undefined): Part {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(`${name} must be a string`);
    return { name, text: value };
  }

  required(name: string, value: string | undefined, path: string): XNode {
    if (typeof value !== 'string') this.fail(`${path} is required`);
    return { name, text: value };
  }

  scheme(name: string, v: SchemeValue | undefined): Part {
    if (v === undefined || v === null) return undefined;
    if (typeof v.value !== 'string') this.fail(`${name} must have a string value`);
    const attrs: Array<[string, string]> | undefined = v.scheme ? [[`${PREFIX}:scheme`, v.scheme]] : undefined;
    return { name, text: v.value, attrs };
  }

  schemes(name: string, list: SchemeValue[] | undefined): Part[] {
    return (list ?? []).map((v) => this.scheme(name, v));
  }

  texts(name: string, list: string[] | undefined): Part[] {
    return (list ?? []).map((v) => this.text(name, v));
  }

  date(name: string, d: Date | undefined, path = name): Part {
    if (d === undefined || d === null) return undefined;
    if (!isWritableDate(d)) this.fail(`${path} is not a valid date (years 0001-9999)`);
    return { name, text: formatDateTime(d) };
  }

  requiredDate(name: string, d: Date | undefined, path: string): XNode {
    if (d === undefined || d === null) this.fail(`${path} is required`);
    return this.date(name, d, path) as XNode;
  }

  code<T extends string>(name: string, list: readonly T[], value: T | undefined, path: string): Part {
    if (value === undefined || value === null) return undefined;
    if (!isOneOf(list, value)) this.fail(`${path} '${String(value)}' is not allowed in this version`);
    return { name, text: value };
  }

  requiredCode<T extends string>(name: string, list: readonly T[], value: T | undefined, path: string): XNode {
    if (value === undefined || value === null) this.fail(`${path} is required`);
    return this.code(name, list, value, path) as XNode;
  }

  integer(name: string, n: number | undefined, path: string): Part {
    if (n === undefined || n === null) return undefined;
    if (!Number.isSafeInteger(n)) this.fail(`${path} must be an integer`);
    if (!this.is2017 && n < 0) this.fail(`${path} must not be negative`);
    return { name, text: String(n) };
  }

  // ---- shared structures ----------------------------------------------------------------------

  agencyId(name: string, id: AgencyId | undefined, path: string): Part {
    if (id === undefined || id === null) return undefined;
    return el(name, [
      this.scheme('agencyIdType', { value: this.requiredString(id.type, `${path}/agencyIdType`), scheme: id.typeScheme }),
      this.required('agencyIdValue', id.value, `${path}/agencyIdValue`),
    ]);
  }

  requiredString(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(`${path} is required`);
    return value;
  }

  costs(name: string, c: Costs | undefined, path = name): Part {
    if (c === undefined || c === null) return undefined;
    const amount = this.requiredString(c.monetaryValue, `${path}/monetaryValue`).trim();
    if (!DECIMAL.test(amount)) this.fail(`${path}/monetaryValue '${amount}' is not a decimal`);
    return el(name, [
      this.scheme('currencyCode', {
        value: this.requiredString(c.currencyCode, `${path}/currencyCode`),
        scheme: c.currencyScheme,
      }),
      { name: 'monetaryValue', text: amount },
    ]);
  }

  costsList(name: string, list: Costs[] | undefined, path: string): Part[] {
    return (list ?? []).map((c) => this.costs(name, c, path));
  }

  physicalAddress(a: PhysicalAddress | undefined): Part {
    if (a === undefined || a === null) return undefined;
    return el('physicalAddress', [
      this.text('line1', a.line1),
      this.text('line2', a.line2),
      this.text('locality', a.locality),
      this.text('postalCode', a.postalCode),
      this.is2017 ? this.scheme('region', a.region) : this.text('region', a.region?.value),
      this.scheme('country', a.country),
    ]);
  }

  address(a: Address | undefined, path: string): Part {
    if (a === undefined || a === null) return undefined;
    if (a.electronicAddress && a.physicalAddress) this.fail(`${path} has both an electronic and a physical address`);
    if (a.electronicAddress) {
      const e = a.electronicAddress;
      return el('address', [
        el('electronicAddress', [
          this.scheme('electronicAddressType', e.electronicAddressType) ??
            this.fail(`${path}/electronicAddress/electronicAddressType is required`),
          this.required('electronicAddressData', e.electronicAddressData, `${path}/electronicAddress/electronicAddressData`),
        ]),
      ]);
    }
    if (a.physicalAddress) return el('address', [this.physicalAddress(a.physicalAddress)]);
    return this.fail(`${path} needs an electronic or a physical address`);
  }

  addresses(list: Address[] | undefined, path: string): Part[] {
    return (list ?? []).map((a, i) => this.address(a, `${path}[${i}]`));
  }

  recordId(r: BibliographicRecordId | undefined, path: string): Part {
    if (r === undefined || r === null) return undefined;
    return el('bibliographicRecordId', [
      this.scheme('bibliographicRecordIdentifierCode', r.identifierCode) ?? this.fail(`${path} needs an identifierCode`),
      this.required('bibliographicRecordIdentifier', r.identifier, `${path}/identifier`),
    ]);
  }

  errorData(e: ErrorData | undefined, path: string): Part {
    if (e === undefined || e === null) return undefined;
    return el('errorData', [
      this.requiredCode('errorType', ERROR_TYPES, e.errorType, `${path}/errorType`),
      this.text('errorValue', e.errorValue),
    ]);
  }

  // ---- headers ----------------------------------------------------------------------------------

  header(kind: 'request' | 'supplyingAgencyMessage' | 'requestingAgencyMessage', h: RequestHeader | Header): XNode {
    if (h === undefined || h === null) this.fail(`${kind}/header is required`);
    const p = `${kind}/header`;
    const supplier = this.agencyId('supplyingAgencyId', h.supplyingAgencyId, `${p}/supplyingAgencyId`);
    if (!supplier && (this.is2017 || kind !== 'request')) this.fail(`${p}/supplyingAgencyId is required`);
    const requester =
      this.agencyId('requestingAgencyId', h.requestingAgencyId, `${p}/requestingAgencyId`) ??
      this.fail(`${p}/requestingAgencyId is required`);
    const timestamp = this.requiredDate('timestamp', h.timestamp, `${p}/timestamp`);
    const requestId = this.required('requestingAgencyRequestId', h.requestingAgencyRequestId, `${p}/requestingAgencyRequestId`);
    const auth = h.requestingAgencyAuthentication
      ? el('requestingAgencyAuthentication', [
          this.text('accountId', h.requestingAgencyAuthentication.accountId),
          this.text('securityCode', h.requestingAgencyAuthentication.securityCode),
        ])
      : undefined;
    const supplierRequestId = this.text('supplyingAgencyRequestId', h.supplyingAgencyRequestId);
    const consortial = this.agencyId('consortialId', h.consortialId, `${p}/consortialId`);
    if (this.is2017) {
      return el('header', [
        supplier,
        requester,
        { name: 'multipleItemRequestId', text: h.multipleItemRequestId ?? '' },
        timestamp,
        requestId,
        supplierRequestId,
        auth,
      ]);
    }
    switch (kind) {
      case 'request':
        return el('header', [
          supplier,
          requester,
          consortial,
          this.text('multipleItemRequestId', h.multipleItemRequestId),
          timestamp,
          requestId,
          auth,
        ]);
      case 'supplyingAgencyMessage':
        return el('header', [supplier, requester, timestamp, requestId, supplierRequestId]);
      case 'requestingAgencyMessage':
        return el('header', [supplier, requester, consortial, timestamp, requestId, supplierRequestId, auth]);
    }
  }

  confirmationHeader(h: ConfirmationHeader, path: string): XNode {
    if (h === undefined || h === null) this.fail(`${path} is required`);
    return el('confirmationHeader', [
      this.agencyId('supplyingAgencyId', h.supplyingAgencyId, `${path}/supplyingAgencyId`),
      this.agencyId('requestingAgencyId', h.requestingAgencyId, `${path}/requestingAgencyId`),
      this.requiredDate('timestamp', h.timestamp, `${path}/timestamp`),
      this.text('requestingAgencyRequestId', h.requestingAgencyRequestId),
      this.is2017 ? this.text('multipleItemRequestId', h.multipleItemRequestId) : undefined,
      this.requiredDate('timestampReceived', h.timestampReceived, `${path}/timestampReceived`),
      this.requiredCode('messageStatus', MESSAGE_STATUSES, h.messageStatus, `${path}/messageStatus`),
    ]);
  }

  // ---- request ------------------------------------------------------------------------------------

  request(m: RequestMessage): XNode {
    if (!m.bibliographicInfo) this.fail('request/bibliographicInfo is required');
    if (!this.is2017 && !m.serviceInfo) this.fail('request/serviceInfo is required');
    return el('request', [
      this.header('request', m.header),
      this.bibliographicInfo(m.bibliographicInfo),
      this.publicationInfo(m.publicationInfo),
      this.serviceInfo(m.serviceInfo),
      ...(m.supplierInfo ?? []).map((s, i) => this.supplierInfo(s, `request/supplierInfo[${i}]`)),
      ...(m.requestedDeliveryInfo ?? []).map((r, i) => this.requestedDeliveryInfo(r, `request/requestedDeliveryInfo[${i}]`)),
      this.requestingAgencyInfo(m.requestingAgencyInfo),
      this.patronInfo(m.patronInfo),
      this.billingInfo(m.billingInfo),
    ]);
  }

  bibliographicInfo(b: BibliographicInfo): XNode {
    const itemIds = (b.bibliographicItemId ?? []).map((id, i) => {
      const path = `bibliographicInfo/bibliographicItemId[${i}]`;
      const code =
        this.scheme('bibliographicItemIdentifierCode', id.identifierCode) ?? this.fail(`${path} needs an identifierCode`);
      const ident = this.required('bibliographicItemIdentifier', id.identifier, `${path}/identifier`);
      return el('bibliographicItemId', this.is2017 ? [ident, code] : [code, ident]);
    });
    const volumes = this.is2017 ? [this.text('volume', b.volume)] : [this.text('volume', b.volume), ...this.texts('volume', b.additionalVolumes)];
    return el('bibliographicInfo', [
      this.text('supplierUniqueRecordId', b.supplierUniqueRecordId),
      this.text('title', b.title),
      this.text('author', b.author),
      this.is2017 ? undefined : this.text('authorId', b.authorId),
      this.text('subtitle', b.subtitle),
      this.text('seriesTitle', b.seriesTitle),
      this.text('edition', b.edition),
      this.text('titleOfComponent', b.titleOfComponent),
      this.text('authorOfComponent', b.authorOfComponent),
      ...volumes,
      this.text('issue', b.issue),
      this.text('pagesRequested', b.pagesRequested),
      this.text('estimatedNoPages', b.estimatedNoPages),
      ...itemIds,
      this.text('sponsor', b.sponsor),
      this.text('informationSource', b.informationSource),
      ...(b.bibliographicRecordId ?? []).map((r, i) => this.recordId(r, `bibliographicInfo/bibliographicRecordId[${i}]`)),
    ]);
  }

  publicationInfo(p: PublicationInfo | undefined): Part {
    if (!p) return undefined;
    return el('publicationInfo', [
      this.text('publisher', p.publisher),
      this.is2017 ? undefined : this.text('publisherId', p.publisherId),
      this.scheme('publicationType', p.publicationType),
      this.text('publicationDate', p.publicationDate),
      this.text('placeOfPublication', p.placeOfPublication),
    ]);
  }

  serviceInfo(s: ServiceInfo | undefined): Part {
    if (!s) return undefined;
    const subTypes = s.requestSubType ?? [];
    if (this.is2017 && subTypes.length > MAX_REQUEST_SUB_TYPES_2017) {
      this.fail(`serviceInfo/requestSubType: at most ${MAX_REQUEST_SUB_TYPES_2017} allowed`);
    }
    return el('serviceInfo', [
      this.code('requestType', REQUEST_TYPES, s.requestType, 'serviceInfo/requestType'),
      ...subTypes.map((t) => this.code('requestSubType', REQUEST_SUB_TYPES, t, 'serviceInfo/requestSubType')),
      this.text('requestingAgencyPreviousRequestId', s.requestingAgencyPreviousRequestId),
      this.requiredCode('serviceType', SERVICE_TYPES, s.serviceType, 'serviceInfo/serviceType'),
      this.scheme('serviceLevel', s.serviceLevel),
      this.scheme(this.is2017 ? 'preferredFormat' : 'itemFormat', s.preferredFormat),
      this.date('needBeforeDate', s.needBeforeDate),
      this.scheme('copyrightCompliance', s.copyrightCompliance),
      this.code('anyEdition', YES_NO, s.anyEdition, 'serviceInfo/anyEdition'),
      this.is2017 ? undefined : this.code('preferredEdition', PREFERRED_EDITIONS, s.preferredEdition, 'serviceInfo/preferredEdition'),
      ...(this.is2017 ? [] : this.schemes('loanCondition', s.loanCondition)),
      this.date('startDate', s.startDate),
      this.date('endDate', s.endDate),
      this.text('note', s.note),
    ]);
  }

  supplierInfo(s: SupplierInfo, path: string): XNode {
    return el('supplierInfo', [
      this.integer('sortOrder', s.sortOrder, `${path}/sortOrder`),
      this.agencyId('supplierCode', s.supplierCode, `${path}/supplierCode`),
      this.text('supplierDescription', s.supplierDescription),
      this.recordId(s.bibliographicRecordId, `${path}/bibliographicRecordId`),
      this.text('callNumber', s.callNumber),
      this.text('summaryHoldings', s.summaryHoldings),
      this.text('availabilityNote', s.availabilityNote),
    ]);
  }

  requestedDeliveryInfo(r: RequestedDeliveryInfo, path: string): XNode {
    return el('requestedDeliveryInfo', [
      this.integer('sortOrder', r.sortOrder, `${path}/sortOrder`),
      this.address(r.address, `${path}/address`),
      this.is2017 ? undefined : this.scheme('deliveryMethod', r.deliveryMethod),
      this.is2017 ? undefined : this.scheme('courierName', r.courierName),
    ]);
  }

  requestingAgencyInfo(r: RequestingAgencyInfo | undefined): Part {
    if (!r) return undefined;
    return el('requestingAgencyInfo', [
      this.text('name', r.name),
      this.text('contactName', r.contactName),
      ...this.addresses(r.address, 'requestingAgencyInfo/address'),
    ]);
  }

  patronInfo(p: PatronInfo | undefined): Part {
    if (!p) return undefined;
    return el('patronInfo', [
      this.text('patronId', p.patronId),
      this.text('surname', p.surname),
      this.text('givenName', p.givenName),
      this.scheme('patronType', p.patronType),
      this.code('sendToPatron', YES_NO, p.sendToPatron, 'patronInfo/sendToPatron'),
      ...this.addresses(p.address, 'patronInfo/address'),
    ]);
  }

  billingInfo(b: BillingInfo | undefined): Part {
    if (!b) return undefined;
    return el('billingInfo', [
      this.scheme('paymentMethod', b.paymentMethod),
      this.costs('maximumCosts', b.maximumCosts, 'billingInfo/maximumCosts'),
      this.scheme('billingMethod', b.billingMethod),
      this.text('billingName', b.billingName),
      this.address(b.address, 'billingInfo/address'),
    ]);
  }

  // ---- supplyingAgencyMessage ---------------------------------------------------------------------

  supplyingAgencyMessage(m: SupplyingAgencyMessage): XNode {
    if (!m.messageInfo) this.fail('supplyingAgencyMessage/messageInfo is required');
    if (!m.statusInfo) this.fail('supplyingAgencyMessage/statusInfo is required');
    return el('supplyingAgencyMessage', [
      this.header('supplyingAgencyMessage', m.header),
      this.messageInfo(m.messageInfo),
      this.statusInfo(m.statusInfo),
      this.is2017 ? undefined : this.retryInfo(m.retryInfo, m.messageInfo),
      this.deliveryInfo(m.deliveryInfo),
      this.is2017 ? undefined : this.shippingInfo(m.shippingInfo),
      this.returnInfo(m.returnInfo),
    ]);
  }

  messageInfo(mi: MessageInfo): XNode {
    return el('messageInfo', [
      this.requiredCode('reasonForMessage', REASONS_FOR_MESSAGE, mi.reasonForMessage, 'messageInfo/reasonForMessage'),
      this.code('answerYesNo', YES_NO, mi.answerYesNo, 'messageInfo/answerYesNo'),
      this.text('note', mi.note),
      this.scheme('reasonUnfilled', mi.reasonUnfilled),
      this.scheme('reasonRetry', mi.reasonRetry),
      ...(this.is2017
        ? [
            this.costs('offeredCosts', mi.offeredCosts, 'messageInfo/offeredCosts'),
            this.date('retryAfter', mi.retryAfter, 'messageInfo/retryAfter'),
            this.date('retryBefore', mi.retryBefore, 'messageInfo/retryBefore'),
          ]
        : []),
    ]);
  }

  statusInfo(s: StatusInfo): XNode {
    return el('statusInfo', [
      this.requiredCode('status', this.is2017 ? STATUSES_2017 : STATUSES, s.status, 'statusInfo/status'),
      this.date('expectedDeliveryDate', s.expectedDeliveryDate, 'statusInfo/expectedDeliveryDate'),
      this.date('dueDate', s.dueDate, 'statusInfo/dueDate'),
      this.requiredDate('lastChange', s.lastChange, 'statusInfo/lastChange'),
    ]);
  }

  /** 2021: retryInfo gathers the retry offer, including messageInfo's offeredCosts/retryAfter/retryBefore. */
  retryInfo(r: RetryInfo | undefined, mi: MessageInfo): Part {
    const children = [
      ...this.schemes('loanCondition', r?.loanCondition),
      ...this.texts('edition', r?.edition),
      ...this.schemes('itemFormat', r?.itemFormat),
      ...this.texts('volume', r?.volume),
      this.code('serviceType', SERVICE_TYPES, r?.serviceType, 'retryInfo/serviceType'),
      ...this.schemes('serviceLevel', r?.serviceLevel),
      ...this.schemes('deliveryMethod', r?.deliveryMethod),
      ...this.schemes('courierName', r?.courierName),
      this.costs('offeredCosts', mi.offeredCosts, 'messageInfo/offeredCosts'),
      ...this.costsList('offeredCosts', r?.additionalOfferedCosts, 'retryInfo/offeredCosts'),
      ...this.schemes('paymentMethod', r?.paymentMethod),
      this.date('retryBefore', mi.retryBefore, 'messageInfo/retryBefore'),
      this.date('retryAfter', mi.retryAfter, 'messageInfo/retryAfter'),
    ];
    if (!r && children.every((c) => c === undefined)) return undefined;
    return el('retryInfo', children);
  }

  deliveryInfo(d: DeliveryInfo | undefined): Part {
    if (!d) return undefined;
    const sentToPatron =
      d.sentToPatron === undefined || d.sentToPatron === null
        ? undefined
        : typeof d.sentToPatron === 'boolean'
          ? { name: 'sentToPatron', text: String(d.sentToPatron) }
          : this.fail('deliveryInfo/sentToPatron must be a boolean');
    if (this.is2017) {
      return el('deliveryInfo', [
        this.requiredDate('dateSent', d.dateSent, 'deliveryInfo/dateSent'),
        this.text('itemId', d.itemId),
        this.scheme('sentVia', d.sentVia),
        sentToPatron,
        this.scheme('loanCondition', d.loanCondition),
        this.scheme('deliveredFormat', d.deliveredFormat),
        this.costs('deliveryCosts', d.deliveryCosts, 'deliveryInfo/deliveryCosts'),
      ]);
    }
    return el('deliveryInfo', [
      this.requiredDate('dateSent', d.dateSent, 'deliveryInfo/dateSent'),
      this.text('itemId', d.itemId),
      ...this.texts('itemId', d.additionalItemIds),
      this.text('URL', d.url),
      this.scheme('deliveryMethod', d.sentVia),
      this.address(d.address, 'deliveryInfo/address'),
      sentToPatron,
      this.scheme('loanCondition', d.loanCondition),
      ...this.schemes('loanCondition', d.additionalLoanConditions),
      this.scheme('itemFormat', d.deliveredFormat),
      this.code('serviceType', SERVICE_TYPES, d.serviceType, 'deliveryInfo/serviceType'),
      this.costs('deliveryCosts', d.deliveryCosts, 'deliveryInfo/deliveryCosts'),
      ...this.costsList('deliveryCosts', d.additionalDeliveryCosts, 'deliveryInfo/deliveryCosts'),
      this.scheme('paymentMethod', d.paymentMethod),
    ]);
  }

  shippingInfo(s: ShippingInfo | undefined): Part {
    if (!s) return undefined;
    return el('shippingInfo', [
      this.scheme('courierName', s.courierName),
      ...this.texts('trackingId', s.trackingId),
      this.code('insurance', YES_NO, s.insurance, 'shippingInfo/insurance'),
      this.code('insuranceThirdParty', YES_NO, s.insuranceThirdParty, 'shippingInfo/insuranceThirdParty'),
      this.text('thirdPartyName', s.thirdPartyName),
      ...this.costsList('insuranceCosts', s.insuranceCosts, 'shippingInfo/insuranceCosts'),
    ]);
  }

  returnInfo(r: ReturnInfo | undefined): Part {
    if (!r) return undefined;
    return el('returnInfo', [
      this.agencyId('returnAgencyId', r.returnAgencyId, 'returnInfo/returnAgencyId'),
      this.text('name', r.name),
      this.physicalAddress(r.physicalAddress),
    ]);
  }

  // ---- requestingAgencyMessage and confirmations ------------------------------------------------

  requestingAgencyMessage(m: RequestingAgencyMessage): XNode {
    return el('requestingAgencyMessage', [
      this.header('requestingAgencyMessage', m.header),
      this.requiredCode('action', this.is2017 ? ACTIONS_2017 : ACTIONS, m.action, 'requestingAgencyMessage/action'),
      this.text('note', m.note),
    ]);
  }

  confirmation(m: ConfirmationMessage): XNode {
    const path = m.kind;
    const errors = [m.errorData, ...(this.is2017 ? [] : (m.additionalErrorData ?? []))];
    const echo =
      m.kind === 'supplyingAgencyMessageConfirmation'
        ? this.code('reasonForMessage', REASONS_FOR_MESSAGE, m.reasonForMessage, `${path}/reasonForMessage`)
        : m.kind === 'requestingAgencyMessageConfirmation'
          ? this.code('action', this.is2017 ? ACTIONS_2017 : ACTIONS, m.action, `${path}/action`)
          : undefined;
    return el(m.kind, [
      this.confirmationHeader(m.confirmationHeader, `${path}/confirmationHeader`),
      echo,
      ...errors.map((e) => this.errorData(e, `${path}/errorData`)),
    ]);
  }
}
