// NCIP 2.02 emitter: message model -> namespaced XML, elements in the order the schema's sequences
// demand (responders validate; a misplaced element is a rejected message).
import { el, opt, serializeXml, type XmlChild, type XmlElement } from './ncip-xml.ts';
import type {
  AuthenticationInput,
  BibliographicDescription,
  BibliographicId,
  InitiationHeader,
  ItemOptionalFields,
  NcipId,
  NcipMessage,
  NcipProblem,
  ResponseHeader,
  UserOptionalFields,
  UserRef,
} from './ncip-types.ts';
import { NCIP_NAMESPACE, NCIP_VERSION } from './ncip-types.ts';

/** xs:dateTime in UTC; refuses values that are not dates rather than sending garbage. */
export function ncipDateTime(value: string, field: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new TypeError(`${field} is not a date: ${JSON.stringify(value)}`);
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

function optDate(name: string, value: string | undefined): XmlElement | null {
  return value === undefined ? null : el(name, ncipDateTime(value, name));
}

function agencyWrapper(name: 'FromAgencyId' | 'ToAgencyId', agencyId: string): XmlElement {
  return el(name, [el('AgencyId', agencyId)]);
}

function idElement(name: 'UserId' | 'ItemId' | 'RequestId', id: NcipId): XmlElement {
  const prefix = name.slice(0, -2); // User, Item, Request
  return el(name, [
    opt('AgencyId', id.agencyId),
    opt(`${prefix}IdentifierType`, id.type),
    el(`${prefix}IdentifierValue`, id.value),
  ]);
}

function optId(name: 'UserId' | 'ItemId' | 'RequestId', id: NcipId | undefined): XmlElement | null {
  return id ? idElement(name, id) : null;
}

function initiationHeader(h: InitiationHeader | undefined): XmlElement | null {
  if (!h) return null;
  return el('InitiationHeader', [
    opt('FromSystemId', h.fromSystemId),
    opt('FromSystemAuthentication', h.fromSystemAuthentication),
    agencyWrapper('FromAgencyId', h.fromAgencyId),
    opt('FromAgencyAuthentication', h.fromAgencyAuthentication),
    agencyWrapper('ToAgencyId', h.toAgencyId),
    opt('ApplicationProfileType', h.applicationProfileType),
  ]);
}

function responseHeader(h: ResponseHeader | undefined): XmlElement | null {
  if (!h) return null;
  return el('ResponseHeader', [agencyWrapper('FromAgencyId', h.fromAgencyId), agencyWrapper('ToAgencyId', h.toAgencyId)]);
}

function authenticationInput(a: AuthenticationInput): XmlElement {
  return el('AuthenticationInput', [
    el('AuthenticationInputData', a.data),
    el('AuthenticationDataFormatType', a.format ?? 'text/plain'),
    el('AuthenticationInputType', a.type),
  ]);
}

function userRef(u: UserRef): XmlChild[] {
  if ('userId' in u) return [idElement('UserId', u.userId)];
  if (u.authenticationInput.length === 0) throw new TypeError('AuthenticationInput needs at least one credential');
  return u.authenticationInput.map(authenticationInput);
}

function recordId(r: { identifier: string; code?: string; agencyId?: string }): XmlElement {
  if (!r.code && !r.agencyId) throw new TypeError('BibliographicRecordId needs a code or an agency id');
  return el('BibliographicRecordId', [
    el('BibliographicRecordIdentifier', r.identifier),
    r.agencyId ? el('AgencyId', r.agencyId) : el('BibliographicRecordIdentifierCode', r.code ?? ''),
  ]);
}

function bibliographicDescription(b: BibliographicDescription | undefined): XmlElement | null {
  if (!b) return null;
  return el('BibliographicDescription', [
    opt('Author', b.author),
    b.isbn
      ? el('BibliographicItemId', [el('BibliographicItemIdentifier', b.isbn), el('BibliographicItemIdentifierCode', 'ISBN')])
      : null,
    b.recordId ? recordId(b.recordId) : null,
    opt('Edition', b.edition),
    opt('PlaceOfPublication', b.placeOfPublication),
    opt('PublicationDate', b.publicationDate),
    opt('Publisher', b.publisher),
    opt('Title', b.title),
  ]);
}

function bibliographicId(b: BibliographicId): XmlElement {
  if (b.kind === 'item') {
    return el('BibliographicId', [
      el('BibliographicItemId', [el('BibliographicItemIdentifier', b.identifier), opt('BibliographicItemIdentifierCode', b.code)]),
    ]);
  }
  return el('BibliographicId', [recordId(b)]);
}

function itemOptionalFields(f: ItemOptionalFields | undefined): XmlElement | null {
  if (!f) return null;
  return el('ItemOptionalFields', [
    bibliographicDescription(f.bibliographicDescription),
    opt('CirculationStatus', f.circulationStatus),
    f.callNumber ? el('ItemDescription', [el('CallNumber', f.callNumber)]) : null,
    f.location && f.location.length
      ? el('Location', [
          el('LocationType', 'Permanent'),
          el(
            'LocationName',
            f.location.map((value, i) => el('LocationNameInstance', [el('LocationNameLevel', String(i + 1)), el('LocationNameValue', value)])),
          ),
        ])
      : null,
    optDate('DateDue', f.dateDue),
  ]);
}

function userOptionalFields(f: UserOptionalFields | undefined): XmlElement | null {
  if (!f) return null;
  const name = f.name;
  let nameInfo: XmlElement | null = null;
  if (name && (name.surname || name.unstructured || name.given)) {
    const personal = name.surname
      ? [el('StructuredPersonalUserName', [opt('GivenName', name.given), el('Surname', name.surname)]), opt('UnstructuredPersonalUserName', name.unstructured)]
      : [el('UnstructuredPersonalUserName', name.unstructured ?? name.given ?? '')];
    nameInfo = el('NameInformation', [el('PersonalNameInformation', personal)]);
  }
  return el('UserOptionalFields', [
    nameInfo,
    ...(f.emails ?? []).map((email) =>
      el('UserAddressInformation', [
        el('UserAddressRoleType', 'Home'),
        el('ElectronicAddress', [el('ElectronicAddressType', 'mailto'), el('ElectronicAddressData', email)]),
      ]),
    ),
    ...(f.privileges ?? []).map((p) =>
      el('UserPrivilege', [
        el('AgencyId', p.agencyId),
        el('AgencyUserPrivilegeType', p.type),
        optDate('ValidFromDate', p.validFromDate),
        optDate('ValidToDate', p.validToDate),
        p.status ? el('UserPrivilegeStatus', [el('UserPrivilegeStatusType', p.status)]) : null,
        opt('UserPrivilegeDescription', p.description),
      ]),
    ),
    ...(f.blocks ?? []).map((b) =>
      el('BlockOrTrap', [
        el('AgencyId', b.agencyId),
        el('BlockOrTrapType', b.type),
        optDate('ValidFromDate', b.validFromDate),
        optDate('ValidToDate', b.validToDate),
      ]),
    ),
    ...(f.userIds ?? []).map((id) => idElement('UserId', id)),
  ]);
}

function types(name: string, values: string[] | undefined): XmlElement[] {
  return (values ?? []).map((v) => el(name, v));
}

function problem(p: NcipProblem): XmlElement {
  return el('Problem', [el('ProblemType', p.type), opt('ProblemDetail', p.detail), opt('ProblemElement', p.element), opt('ProblemValue', p.value)]);
}

/** The service element (e.g. <LookupUser>) for one message. */
export function messageElement(m: NcipMessage): XmlElement {
  switch (m.service) {
    case 'LookupUser':
      return el('LookupUser', [
        initiationHeader(m.header),
        ...userRef(m),
        ...types('UserElementType', m.userElementTypes),
        m.loanedItemsDesired ? el('LoanedItemsDesired') : null,
        m.requestedItemsDesired ? el('RequestedItemsDesired') : null,
      ]);
    case 'AcceptItem':
      return el('AcceptItem', [
        initiationHeader(m.header),
        idElement('RequestId', m.requestId),
        el('RequestedActionType', m.requestedActionType),
        optId('UserId', m.userId),
        optId('ItemId', m.itemId),
        optDate('DateForReturn', m.dateForReturn),
        itemOptionalFields(m.itemOptionalFields),
        opt('PickupLocation', m.pickupLocation),
        optDate('PickupExpiryDate', m.pickupExpiryDate),
      ]);
    case 'RequestItem': {
      const itemIds = m.itemIds ?? [];
      const bibIds = m.bibliographicIds ?? [];
      if (itemIds.length === 0 && bibIds.length === 0) throw new TypeError('RequestItem needs an ItemId or a BibliographicId');
      return el('RequestItem', [
        initiationHeader(m.header),
        ...userRef(m),
        ...bibIds.map(bibliographicId),
        ...itemIds.map((id) => idElement('ItemId', id)),
        optId('RequestId', m.requestId),
        el('RequestType', m.requestType),
        el('RequestScopeType', m.requestScopeType),
        itemOptionalFields(m.itemOptionalFields),
        optDate('NeedBeforeDate', m.needBeforeDate),
        opt('PickupLocation', m.pickupLocation),
        optDate('PickupExpiryDate', m.pickupExpiryDate),
        ...types('ItemElementType', m.itemElementTypes),
      ]);
    }
    case 'CheckOutItem':
      return el('CheckOutItem', [
        initiationHeader(m.header),
        ...userRef(m),
        idElement('ItemId', m.itemId),
        optId('RequestId', m.requestId),
        optDate('DesiredDateDue', m.desiredDateDue),
        ...types('ItemElementType', m.itemElementTypes),
      ]);
    case 'CheckInItem':
      return el('CheckInItem', [
        initiationHeader(m.header),
        idElement('ItemId', m.itemId),
        ...types('ItemElementType', m.itemElementTypes),
        ...types('UserElementType', m.userElementTypes),
      ]);
    case 'LookupItem':
      return el('LookupItem', [
        initiationHeader(m.header),
        idElement('ItemId', m.itemId),
        ...types('ItemElementType', m.itemElementTypes),
        m.currentBorrowerDesired ? el('CurrentBorrowerDesired') : null,
      ]);
    case 'DeleteItem':
      return el('DeleteItem', [initiationHeader(m.header), idElement('ItemId', m.itemId)]);
    case 'CancelRequestItem':
      if (!m.requestId && !m.itemId) throw new TypeError('CancelRequestItem needs a RequestId or an ItemId');
      return el('CancelRequestItem', [
        initiationHeader(m.header),
        ...userRef(m),
        optId('RequestId', m.requestId),
        optId('ItemId', m.itemId),
        el('RequestType', m.requestType),
        opt('RequestScopeType', m.requestScopeType),
      ]);

    // ---- responses ----
    case 'Problem': {
      const problems = m.problems.map(problem);
      if (m.responseTo === null) return el('NCIPMessage', problems); // unwrapped by emitNcip
      return el(`${m.responseTo}Response`, [responseHeader(m.header), ...problems]);
    }
    case 'LookupUserResponse':
      return el(m.service, [responseHeader(m.header), idElement('UserId', m.userId), userOptionalFields(m.userOptionalFields)]);
    case 'AcceptItemResponse':
      return el(m.service, [responseHeader(m.header), idElement('RequestId', m.requestId), optId('ItemId', m.itemId)]);
    case 'RequestItemResponse':
      if (!m.requestId && !m.itemId) throw new TypeError('RequestItemResponse needs a RequestId or an ItemId');
      return el(m.service, [
        responseHeader(m.header),
        optId('RequestId', m.requestId),
        optId('ItemId', m.itemId),
        idElement('UserId', m.userId),
        el('RequestType', m.requestType),
        el('RequestScopeType', m.requestScopeType),
        optDate('DateAvailable', m.dateAvailable),
        optDate('HoldPickupDate', m.holdPickupDate),
        itemOptionalFields(m.itemOptionalFields),
      ]);
    case 'CheckOutItemResponse': {
      let term: XmlElement;
      if (m.dateDue !== undefined) term = el('DateDue', ncipDateTime(m.dateDue, 'DateDue'));
      else if (m.nonReturnable) term = el('NonReturnableFlag');
      else term = el('IndeterminateLoanPeriodFlag');
      return el(m.service, [
        responseHeader(m.header),
        idElement('ItemId', m.itemId),
        idElement('UserId', m.userId),
        term,
        opt('RenewalCount', m.renewalCount === undefined ? undefined : String(m.renewalCount)),
        itemOptionalFields(m.itemOptionalFields),
      ]);
    }
    case 'CheckInItemResponse':
      return el(m.service, [responseHeader(m.header), idElement('ItemId', m.itemId), optId('UserId', m.userId), itemOptionalFields(m.itemOptionalFields)]);
    case 'LookupItemResponse':
      return el(m.service, [
        responseHeader(m.header),
        idElement('ItemId', m.itemId),
        m.currentBorrower ? el('ItemTransaction', [el('CurrentBorrower', [idElement('UserId', m.currentBorrower)])]) : null,
        itemOptionalFields(m.itemOptionalFields),
      ]);
    case 'DeleteItemResponse':
      return el(m.service, [responseHeader(m.header), idElement('ItemId', m.itemId)]);
    case 'CancelRequestItemResponse':
      if (!m.requestId && !m.itemId) throw new TypeError('CancelRequestItemResponse needs a RequestId or an ItemId');
      return el(m.service, [responseHeader(m.header), optId('RequestId', m.requestId), optId('ItemId', m.itemId), idElement('UserId', m.userId)]);
  }
}

const ROOT_ATTRS = { xmlns: NCIP_NAMESPACE, 'xmlns:ncip': NCIP_NAMESPACE, 'ncip:version': NCIP_VERSION };

/** Serialise one NCIP message as a complete document (<NCIPMessage ncip:version=…>). */
export function emitNcip(message: NcipMessage): string {
  const body = messageElement(message);
  const root = body.name === 'NCIPMessage' ? { ...body, attrs: ROOT_ATTRS } : el('NCIPMessage', [body], ROOT_ATTRS);
  return serializeXml(root);
}
