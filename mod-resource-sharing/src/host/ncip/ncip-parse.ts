// NCIP parser: XML -> message model. Tolerant where real responders differ (any prefix or the
// default namespace, 2.0/2.01/2.02 version strings, unknown extra elements), strict where meaning
// would be lost (wrong namespace, missing required ids, DTDs).
import { child, childrenNamed, parseXml, textAt, XmlSyntaxError, type XNode } from './ncip-xml.ts';
import { NcipProblemError, NcipSyntaxError } from './ncip-problem.ts';
import type {
  AuthenticationInput,
  BibliographicDescription,
  BibliographicId,
  InitiationHeader,
  ItemOptionalFields,
  NcipId,
  NcipMessage,
  NcipProblem,
  NcipResponse,
  NcipService,
  NcipSuccessResponse,
  ResponseFor,
  ResponseHeader,
  UserOptionalFields,
  UserRef,
} from './ncip-types.ts';
import { NCIP_NAMESPACE, NCIP_SERVICES } from './ncip-types.ts';

function required(node: XNode, name: string): XNode {
  const c = child(node, name);
  if (!c) throw new NcipSyntaxError(`${node.name} lacks ${name}`);
  return c;
}

function requiredText(node: XNode, name: string): string {
  return required(node, name).text;
}

function id(node: XNode | undefined, kind: 'User' | 'Item' | 'Request'): NcipId | undefined {
  if (!node) return undefined;
  const value = textAt(node, `${kind}IdentifierValue`);
  if (value === undefined) throw new NcipSyntaxError(`${node.name} lacks ${kind}IdentifierValue`);
  const out: NcipId = { value };
  const agencyId = textAt(node, 'AgencyId');
  const type = textAt(node, `${kind}IdentifierType`);
  if (agencyId !== undefined) out.agencyId = agencyId;
  if (type !== undefined) out.type = type;
  return out;
}

function requiredId(node: XNode, name: 'UserId' | 'ItemId' | 'RequestId'): NcipId {
  return id(required(node, name), name.slice(0, -2) as 'User' | 'Item' | 'Request') as NcipId;
}

function optId(node: XNode, name: 'UserId' | 'ItemId' | 'RequestId'): NcipId | undefined {
  return id(child(node, name), name.slice(0, -2) as 'User' | 'Item' | 'Request');
}

function agency(node: XNode | undefined): string | undefined {
  return textAt(node, 'AgencyId');
}

function initiationHeader(node: XNode | undefined): InitiationHeader | undefined {
  if (!node) return undefined;
  const h: InitiationHeader = {
    fromAgencyId: agency(child(node, 'FromAgencyId')) ?? '',
    toAgencyId: agency(child(node, 'ToAgencyId')) ?? '',
  };
  const extra = {
    fromSystemId: textAt(node, 'FromSystemId'),
    fromSystemAuthentication: textAt(node, 'FromSystemAuthentication'),
    fromAgencyAuthentication: textAt(node, 'FromAgencyAuthentication'),
    applicationProfileType: textAt(node, 'ApplicationProfileType'),
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (h as unknown as Record<string, string>)[k] = v;
  return h;
}

function responseHeader(node: XNode | undefined): ResponseHeader | undefined {
  if (!node) return undefined;
  return { fromAgencyId: agency(child(node, 'FromAgencyId')) ?? '', toAgencyId: agency(child(node, 'ToAgencyId')) ?? '' };
}

function authenticationInputs(node: XNode): AuthenticationInput[] {
  return childrenNamed(node, 'AuthenticationInput').map((a) => ({
    data: textAt(a, 'AuthenticationInputData') ?? '',
    type: textAt(a, 'AuthenticationInputType') ?? '',
    format: textAt(a, 'AuthenticationDataFormatType') ?? 'text/plain',
  }));
}

function userRef(node: XNode): UserRef {
  const userId = optId(node, 'UserId');
  if (userId) return { userId };
  const auth = authenticationInputs(node);
  if (auth.length === 0) throw new NcipSyntaxError(`${node.name} needs a UserId or AuthenticationInput`);
  return { authenticationInput: auth };
}

function recordId(node: XNode): { identifier: string; code?: string; agencyId?: string } {
  const r: { identifier: string; code?: string; agencyId?: string } = { identifier: textAt(node, 'BibliographicRecordIdentifier') ?? '' };
  const code = textAt(node, 'BibliographicRecordIdentifierCode');
  const agencyId = textAt(node, 'AgencyId');
  if (code !== undefined) r.code = code;
  if (agencyId !== undefined) r.agencyId = agencyId;
  return r;
}

function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function bibliographicDescription(node: XNode | undefined): BibliographicDescription | undefined {
  if (!node) return undefined;
  const itemId = child(node, 'BibliographicItemId');
  const isIsbn = itemId && /isbn/i.test(textAt(itemId, 'BibliographicItemIdentifierCode') ?? '');
  const rec = child(node, 'BibliographicRecordId');
  return compact({
    author: textAt(node, 'Author'),
    isbn: isIsbn ? textAt(itemId, 'BibliographicItemIdentifier') : undefined,
    recordId: rec ? recordId(rec) : undefined,
    edition: textAt(node, 'Edition'),
    placeOfPublication: textAt(node, 'PlaceOfPublication'),
    publicationDate: textAt(node, 'PublicationDate'),
    publisher: textAt(node, 'Publisher'),
    title: textAt(node, 'Title'),
  });
}

function bibliographicIds(node: XNode): BibliographicId[] {
  return childrenNamed(node, 'BibliographicId').map((b): BibliographicId => {
    const item = child(b, 'BibliographicItemId');
    if (item) return compact({ kind: 'item' as const, identifier: textAt(item, 'BibliographicItemIdentifier') ?? '', code: textAt(item, 'BibliographicItemIdentifierCode') });
    const rec = child(b, 'BibliographicRecordId');
    if (!rec) throw new NcipSyntaxError('BibliographicId lacks BibliographicItemId or BibliographicRecordId');
    return { kind: 'record', ...recordId(rec) };
  });
}

function itemOptionalFields(node: XNode | undefined): ItemOptionalFields | undefined {
  if (!node) return undefined;
  const instances = childrenNamed(child(child(node, 'Location'), 'LocationName'), 'LocationNameInstance')
    .map((i) => ({ level: Number(textAt(i, 'LocationNameLevel') ?? 0), value: textAt(i, 'LocationNameValue') ?? '' }))
    .sort((a, b) => a.level - b.level);
  return compact({
    bibliographicDescription: bibliographicDescription(child(node, 'BibliographicDescription')),
    circulationStatus: textAt(node, 'CirculationStatus'),
    callNumber: textAt(node, 'ItemDescription', 'CallNumber'),
    location: instances.length ? instances.map((i) => i.value) : undefined,
    dateDue: textAt(node, 'DateDue'),
  });
}

function userOptionalFields(node: XNode | undefined): UserOptionalFields | undefined {
  if (!node) return undefined;
  const personal = child(child(node, 'NameInformation'), 'PersonalNameInformation');
  const structured = child(personal, 'StructuredPersonalUserName');
  const name = personal
    ? compact({ given: textAt(structured, 'GivenName'), surname: textAt(structured, 'Surname'), unstructured: textAt(personal, 'UnstructuredPersonalUserName') })
    : undefined;
  const emails = childrenNamed(node, 'UserAddressInformation')
    .map((a) => child(a, 'ElectronicAddress'))
    .filter((e): e is XNode => Boolean(e) && /mail/i.test(textAt(e, 'ElectronicAddressType') ?? ''))
    .map((e) => textAt(e, 'ElectronicAddressData') ?? '');
  return compact({
    name,
    emails: emails.length ? emails : undefined,
    privileges: childrenNamed(node, 'UserPrivilege').map((p) =>
      compact({
        agencyId: textAt(p, 'AgencyId') ?? '',
        type: textAt(p, 'AgencyUserPrivilegeType') ?? '',
        validFromDate: textAt(p, 'ValidFromDate'),
        validToDate: textAt(p, 'ValidToDate'),
        status: textAt(p, 'UserPrivilegeStatus', 'UserPrivilegeStatusType'),
        description: textAt(p, 'UserPrivilegeDescription'),
      }),
    ),
    blocks: childrenNamed(node, 'BlockOrTrap').map((b) =>
      compact({
        agencyId: textAt(b, 'AgencyId') ?? '',
        type: textAt(b, 'BlockOrTrapType') ?? '',
        validFromDate: textAt(b, 'ValidFromDate'),
        validToDate: textAt(b, 'ValidToDate'),
      }),
    ),
    userIds: childrenNamed(node, 'UserId').map((u) => id(u, 'User') as NcipId),
  });
}

function texts(node: XNode, name: string): string[] | undefined {
  const all = childrenNamed(node, name).map((n) => n.text);
  return all.length ? all : undefined;
}

export function parseProblems(node: XNode): NcipProblem[] {
  return childrenNamed(node, 'Problem').map((p) =>
    compact({ type: textAt(p, 'ProblemType') ?? '', detail: textAt(p, 'ProblemDetail'), element: textAt(p, 'ProblemElement'), value: textAt(p, 'ProblemValue') }),
  );
}

function parseService(node: XNode): NcipMessage {
  const name = node.name;
  if (name.endsWith('Response')) {
    const responseTo = name.slice(0, -'Response'.length) as NcipService;
    if (!NCIP_SERVICES.includes(responseTo)) throw new NcipSyntaxError(`Unsupported NCIP message ${name}`);
    const header = responseHeader(child(node, 'ResponseHeader'));
    if (child(node, 'Problem')) return compact({ service: 'Problem' as const, responseTo, header, problems: parseProblems(node) });
    switch (responseTo) {
      case 'LookupUser':
        return compact({ service: 'LookupUserResponse' as const, header, userId: requiredId(node, 'UserId'), userOptionalFields: userOptionalFields(child(node, 'UserOptionalFields')) });
      case 'AcceptItem':
        return compact({ service: 'AcceptItemResponse' as const, header, requestId: requiredId(node, 'RequestId'), itemId: optId(node, 'ItemId') });
      case 'RequestItem':
        return compact({
          service: 'RequestItemResponse' as const,
          header,
          requestId: optId(node, 'RequestId'),
          itemId: optId(node, 'ItemId'),
          userId: requiredId(node, 'UserId'),
          requestType: requiredText(node, 'RequestType'),
          requestScopeType: requiredText(node, 'RequestScopeType'),
          dateAvailable: textAt(node, 'DateAvailable'),
          holdPickupDate: textAt(node, 'HoldPickupDate'),
          itemOptionalFields: itemOptionalFields(child(node, 'ItemOptionalFields')),
        });
      case 'CheckOutItem': {
        const renewals = textAt(node, 'RenewalCount');
        return compact({
          service: 'CheckOutItemResponse' as const,
          header,
          itemId: requiredId(node, 'ItemId'),
          userId: requiredId(node, 'UserId'),
          dateDue: textAt(node, 'DateDue'),
          indeterminateLoanPeriod: child(node, 'IndeterminateLoanPeriodFlag') ? true : undefined,
          nonReturnable: child(node, 'NonReturnableFlag') ? true : undefined,
          renewalCount: renewals === undefined ? undefined : Number(renewals),
          itemOptionalFields: itemOptionalFields(child(node, 'ItemOptionalFields')),
        });
      }
      case 'CheckInItem':
        return compact({ service: 'CheckInItemResponse' as const, header, itemId: requiredId(node, 'ItemId'), userId: optId(node, 'UserId'), itemOptionalFields: itemOptionalFields(child(node, 'ItemOptionalFields')) });
      case 'LookupItem':
        return compact({
          service: 'LookupItemResponse' as const,
          header,
          itemId: requiredId(node, 'ItemId'),
          currentBorrower: id(child(child(child(node, 'ItemTransaction'), 'CurrentBorrower'), 'UserId'), 'User'),
          itemOptionalFields: itemOptionalFields(child(node, 'ItemOptionalFields')),
        });
      case 'DeleteItem':
        return compact({ service: 'DeleteItemResponse' as const, header, itemId: requiredId(node, 'ItemId') });
      case 'CancelRequestItem':
        return compact({ service: 'CancelRequestItemResponse' as const, header, requestId: optId(node, 'RequestId'), itemId: optId(node, 'ItemId'), userId: requiredId(node, 'UserId') });
    }
  }
  const header = initiationHeader(child(node, 'InitiationHeader'));
  switch (name) {
    case 'LookupUser':
      return compact({
        service: 'LookupUser' as const,
        header,
        ...userRef(node),
        userElementTypes: texts(node, 'UserElementType'),
        loanedItemsDesired: child(node, 'LoanedItemsDesired') ? true : undefined,
        requestedItemsDesired: child(node, 'RequestedItemsDesired') ? true : undefined,
      });
    case 'AcceptItem':
      return compact({
        service: 'AcceptItem' as const,
        header,
        requestId: requiredId(node, 'RequestId'),
        requestedActionType: requiredText(node, 'RequestedActionType'),
        userId: optId(node, 'UserId'),
        itemId: optId(node, 'ItemId'),
        dateForReturn: textAt(node, 'DateForReturn'),
        itemOptionalFields: itemOptionalFields(child(node, 'ItemOptionalFields')),
        pickupLocation: textAt(node, 'PickupLocation'),
        pickupExpiryDate: textAt(node, 'PickupExpiryDate'),
      });
    case 'RequestItem': {
      const itemIds = childrenNamed(node, 'ItemId').map((i) => id(i, 'Item') as NcipId);
      const bibIds = bibliographicIds(node);
      if (!itemIds.length && !bibIds.length) throw new NcipSyntaxError('RequestItem needs an ItemId or a BibliographicId');
      return compact({
        service: 'RequestItem' as const,
        header,
        ...userRef(node),
        itemIds: itemIds.length ? itemIds : undefined,
        bibliographicIds: bibIds.length ? bibIds : undefined,
        requestId: optId(node, 'RequestId'),
        requestType: requiredText(node, 'RequestType'),
        requestScopeType: requiredText(node, 'RequestScopeType'),
        itemOptionalFields: itemOptionalFields(child(node, 'ItemOptionalFields')),
        needBeforeDate: textAt(node, 'NeedBeforeDate'),
        pickupLocation: textAt(node, 'PickupLocation'),
        pickupExpiryDate: textAt(node, 'PickupExpiryDate'),
        itemElementTypes: texts(node, 'ItemElementType'),
      });
    }
    case 'CheckOutItem':
      return compact({
        service: 'CheckOutItem' as const,
        header,
        ...userRef(node),
        itemId: requiredId(node, 'ItemId'),
        requestId: optId(node, 'RequestId'),
        desiredDateDue: textAt(node, 'DesiredDateDue'),
        itemElementTypes: texts(node, 'ItemElementType'),
      });
    case 'CheckInItem':
      return compact({
        service: 'CheckInItem' as const,
        header,
        itemId: requiredId(node, 'ItemId'),
        itemElementTypes: texts(node, 'ItemElementType'),
        userElementTypes: texts(node, 'UserElementType'),
      });
    case 'LookupItem':
      return compact({
        service: 'LookupItem' as const,
        header,
        itemId: requiredId(node, 'ItemId'),
        itemElementTypes: texts(node, 'ItemElementType'),
        currentBorrowerDesired: child(node, 'CurrentBorrowerDesired') ? true : undefined,
      });
    case 'DeleteItem':
      return compact({ service: 'DeleteItem' as const, header, itemId: requiredId(node, 'ItemId') });
    case 'CancelRequestItem': {
      const requestId = optId(node, 'RequestId');
      const itemId = optId(node, 'ItemId');
      if (!requestId && !itemId) throw new NcipSyntaxError('CancelRequestItem needs a RequestId or an ItemId');
      return compact({
        service: 'CancelRequestItem' as const,
        header,
        ...userRef(node),
        requestId,
        itemId,
        requestType: requiredText(node, 'RequestType'),
        requestScopeType: textAt(node, 'RequestScopeType'),
      });
    }
    default:
      throw new NcipSyntaxError(`Unsupported NCIP message ${name}`);
  }
}

/** Parse any NCIP document this codec knows (the seven services, their responses, Problems). */
export function parseNcip(xml: string): NcipMessage {
  let root: XNode;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new NcipSyntaxError(e.message);
    throw e;
  }
  if (root.name !== 'NCIPMessage') throw new NcipSyntaxError(`Root element is ${root.name}, not NCIPMessage`);
  if (root.ns !== NCIP_NAMESPACE && root.ns !== '') throw new NcipSyntaxError(`NCIPMessage in namespace ${root.ns}, expected ${NCIP_NAMESPACE}`);
  const first = root.children[0];
  if (!first) throw new NcipSyntaxError('NCIPMessage is empty');
  if (first.name === 'Problem') return { service: 'Problem', responseTo: null, problems: parseProblems(root) };
  return parseService(first);
}

/** Parse a response; a Problem response (or a message of another kind) is thrown as an error. */
export function parseNcipResponse<S extends NcipService>(xml: string, expected: S): ResponseFor<S> {
  const message = parseNcip(xml);
  if (message.service === 'Problem') throw new NcipProblemError(message.responseTo ?? expected, message.problems);
  if (message.service !== `${expected}Response`) throw new NcipSyntaxError(`Expected ${expected}Response, got ${message.service}`);
  return message as ResponseFor<S>;
}

export function isResponse(m: NcipMessage): m is NcipResponse {
  return m.service === 'Problem' || m.service.endsWith('Response');
}

export type { NcipSuccessResponse };
