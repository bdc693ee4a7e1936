// The NCIP responder simulator's library: users, items, loans and requests in memory, and the
// rules a real circulation system applies when NCIP messages arrive. Answers are message models;
// the server (ncip-simulator.ts) turns them into XML.
import type {
  AcceptItem,
  CancelRequestItem,
  CheckInItem,
  CheckOutItem,
  DeleteItem,
  LookupItem,
  LookupUser,
  NcipProblem,
  NcipRequest,
  NcipResponse,
  RequestItem,
  ResponseHeader,
  UserRef,
} from '../../mod-resource-sharing/src/host/ncip/ncip-types.ts';

export interface SimUser {
  /** UserIdentifierValue (the patron barcode in most systems) */
  id: string;
  username?: string;
  /** PIN / password for AuthenticationInput lookups */
  pin?: string;
  givenName?: string;
  surname?: string;
  email?: string;
  /** AgencyUserPrivilegeType, e.g. "Adult", "Faculty", "ILL Library" */
  privilege?: string;
  /** UserPrivilegeStatusType: "Active" unless given */
  status?: string;
  /** privilege ValidToDate (ISO) */
  expires?: string;
  /** BlockOrTrapType values, e.g. "Block Check Out" */
  blocks?: string[];
}

export interface SimItem {
  barcode: string;
  title?: string;
  author?: string;
  /** catalogue record id (BibliographicRecordIdentifier) */
  bibId?: string;
  callNumber?: string;
  /** created by AcceptItem (a borrowed item) */
  temporary?: boolean;
  /** NCIP CirculationStatus: "Available On Shelf", "On Loan", "Available For Pickup", "In Process" */
  status?: string;
  /** DateForReturn sent with AcceptItem */
  dateForReturn?: string;
}

export interface SimLoan {
  itemBarcode: string;
  userId: string;
  loanDate: string;
  dateDue: string;
}

export interface SimRequest {
  id: string;
  requestType: string;
  scope: string;
  userId: string;
  itemBarcode: string | null;
  pickupLocation: string | null;
  status: 'Open' | 'Filled' | 'Cancelled';
  /** which message created it */
  createdBy: 'AcceptItem' | 'RequestItem';
}

export interface SimSeed {
  users?: SimUser[];
  items?: SimItem[];
}

export interface SimSnapshot {
  users: SimUser[];
  items: (SimItem & { status: string })[];
  loans: SimLoan[];
  requests: SimRequest[];
  /** every message received, in order: service name, the header's agencies and the XML as sent */
  received: { service: string; fromAgencyId: string | null; toAgencyId: string | null; xml: string }[];
}

export interface SimOptions {
  /** this responder's agency id (ResponseHeader/FromAgencyId) */
  agencyId?: string;
  /** when set, InitiationHeader/FromAgencyAuthentication must equal it */
  agencyAuthentication?: string;
  /** days a loan lasts when the check-out names no date (default 28) */
  loanPeriodDays?: number;
  now?: () => Date;
}

const DAY_MS = 86_400_000;
const AVAILABLE = 'Available On Shelf';

class Refusal extends Error {
  constructor(readonly problem: NcipProblem) {
    super(problem.type);
  }
}

function refuse(type: string, element?: string, value?: string, detail?: string): never {
  const p: NcipProblem = { type };
  if (detail) p.detail = detail;
  if (element) p.element = element;
  if (value !== undefined) p.value = value;
  throw new Refusal(p);
}

export class NcipSimLibrary {
  readonly users = new Map<string, SimUser>();
  readonly items = new Map<string, SimItem & { status: string }>();
  readonly loans = new Map<string, SimLoan>();
  readonly requests = new Map<string, SimRequest>();
  readonly received: SimSnapshot['received'] = [];
  private seq = 0;
  private readonly now: () => Date;

  constructor(
    seed: SimSeed,
    private readonly opts: SimOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    for (const u of seed.users ?? []) this.users.set(u.id, { ...u });
    for (const i of seed.items ?? []) this.items.set(i.barcode, { ...i, status: i.status ?? AVAILABLE });
  }

  get agencyId(): string {
    return this.opts.agencyId ?? 'SIM-ILS';
  }

  snapshot(): SimSnapshot {
    const clone = <T>(v: T): T => structuredClone(v);
    return {
      users: clone([...this.users.values()]),
      items: clone([...this.items.values()]),
      loans: clone([...this.loans.values()]),
      requests: clone([...this.requests.values()]),
      received: clone(this.received),
    };
  }

  record(m: NcipRequest, xml: string): void {
    this.received.push({ service: m.service, fromAgencyId: m.header?.fromAgencyId ?? null, toAgencyId: m.header?.toAgencyId ?? null, xml });
  }

  /** Answer one message: its success response, or a Problem response naming what is wrong. */
  handle(m: NcipRequest, xml = ''): NcipResponse {
    this.record(m, xml);
    const header: ResponseHeader | undefined = m.header ? { fromAgencyId: this.agencyId, toAgencyId: m.header.fromAgencyId } : undefined;
    try {
      if (this.opts.agencyAuthentication !== undefined && m.header?.fromAgencyAuthentication !== this.opts.agencyAuthentication) {
        refuse('Unauthorized Agency', 'FromAgencyAuthentication', undefined, 'The agency authentication is missing or wrong');
      }
      const body = this.dispatch(m);
      return header ? { ...body, header } : body;
    } catch (e) {
      if (e instanceof Refusal) return { service: 'Problem', responseTo: m.service, header, problems: [e.problem] };
      throw e;
    }
  }

  private dispatch(m: NcipRequest): NcipResponse {
    switch (m.service) {
      case 'LookupUser':
        return this.lookupUser(m);
      case 'AcceptItem':
        return this.acceptItem(m);
      case 'RequestItem':
        return this.requestItem(m);
      case 'CheckOutItem':
        return this.checkOut(m);
      case 'CheckInItem':
        return this.checkIn(m);
      case 'LookupItem':
        return this.lookupItem(m);
      case 'DeleteItem':
        return this.deleteItem(m);
      case 'CancelRequestItem':
        return this.cancelRequest(m);
    }
  }

  private user(ref: UserRef): SimUser {
    if ('userId' in ref) {
      const u = this.users.get(ref.userId.value);
      if (!u) refuse('Unknown User', 'UserIdentifierValue', ref.userId.value);
      return u;
    }
    const secret = ref.authenticationInput.find((a) => /pin|password/i.test(a.type));
    const who = ref.authenticationInput.find((a) => a !== secret);
    if (!who) refuse('Needed Data Missing', 'AuthenticationInput', undefined, 'No user identifier among the credentials');
    const u = [...this.users.values()].find((x) => (/user\s*name/i.test(who.type) ? x.username === who.data : x.id === who.data));
    if (!u) refuse('Unknown User', 'AuthenticationInputData', who.data);
    if (secret && u.pin !== secret.data) refuse('User Authentication Failed', 'AuthenticationInputData');
    return u;
  }

  private item(barcode: string): SimItem & { status: string } {
    const i = this.items.get(barcode);
    if (!i) refuse('Unknown Item', 'ItemIdentifierValue', barcode);
    return i;
  }

  private nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}-${String(this.seq).padStart(4, '0')}`;
  }

  private lookupUser(m: LookupUser): NcipResponse {
    const u = this.user(m);
    const name = u.surname ? { given: u.givenName, surname: u.surname } : u.givenName ? { unstructured: u.givenName } : undefined;
    return {
      service: 'LookupUserResponse',
      userId: { value: u.id },
      userOptionalFields: {
        name,
        emails: u.email ? [u.email] : undefined,
        privileges: [{ agencyId: this.agencyId, type: u.privilege ?? 'Adult', validToDate: u.expires, status: u.status ?? 'Active' }],
        blocks: (u.blocks ?? []).map((type) => ({ agencyId: this.agencyId, type })),
        userIds: [{ value: u.id, type: 'Barcode' }],
      },
    };
  }

  private acceptItem(m: AcceptItem): NcipResponse {
    const u = m.userId ? this.user({ userId: m.userId }) : undefined;
    if (this.requests.has(m.requestId.value)) refuse('Duplicate Request', 'RequestIdentifierValue', m.requestId.value);
    const barcode = m.itemId?.value ?? this.nextId('SIM');
    if (this.items.has(barcode)) refuse('Duplicate Item', 'ItemIdentifierValue', barcode, 'An item with this barcode already exists');
    const bib = m.itemOptionalFields?.bibliographicDescription;
    const hold = Boolean(u) && /hold/i.test(m.requestedActionType);
    this.items.set(barcode, {
      barcode,
      title: bib?.title,
      author: bib?.author,
      callNumber: m.itemOptionalFields?.callNumber,
      temporary: true,
      status: hold ? 'Available For Pickup' : 'In Process',
      dateForReturn: m.dateForReturn,
    });
    if (u) {
      this.requests.set(m.requestId.value, {
        id: m.requestId.value,
        requestType: 'Hold',
        scope: 'Item',
        userId: u.id,
        itemBarcode: barcode,
        pickupLocation: m.pickupLocation ?? null,
        status: 'Open',
        createdBy: 'AcceptItem',
      });
    }
    return { service: 'AcceptItemResponse', requestId: m.requestId, itemId: { value: barcode } };
  }

  private requestItem(m: RequestItem): NcipResponse {
    const u = this.user(m);
    let item: SimItem | undefined;
    if (m.itemIds?.length) item = this.item(m.itemIds[0].value);
    else {
      const bib = m.bibliographicIds?.[0];
      const all = [...this.items.values()].filter((i) => !i.temporary && i.bibId !== undefined && i.bibId === bib?.identifier);
      if (all.length === 0) refuse('Unknown Item', 'BibliographicRecordIdentifier', bib?.identifier);
      item = all.find((i) => i.status === AVAILABLE) ?? all[0];
    }
    const same = [...this.requests.values()].find(
      (r) => r.status === 'Open' && r.userId === u.id && r.itemBarcode === item.barcode && r.requestType.toLowerCase() === m.requestType.toLowerCase(),
    );
    let request = same;
    if (!request) {
      if (m.requestId && this.requests.has(m.requestId.value)) refuse('Duplicate Request', 'RequestIdentifierValue', m.requestId.value);
      if (/page/i.test(m.requestType) && item.status !== AVAILABLE) {
        refuse('Item Not Available', 'ItemIdentifierValue', item.barcode, `The item is ${item.status}`);
      }
      request = {
        id: m.requestId?.value ?? this.nextId('REQ'),
        requestType: m.requestType,
        scope: m.requestScopeType,
        userId: u.id,
        itemBarcode: item.barcode,
        pickupLocation: m.pickupLocation ?? null,
        status: 'Open',
        createdBy: 'RequestItem',
      };
      this.requests.set(request.id, request);
    }
    return {
      service: 'RequestItemResponse',
      requestId: { value: request.id },
      itemId: { value: item.barcode },
      userId: { value: u.id },
      requestType: request.requestType,
      requestScopeType: request.scope,
    };
  }

  private checkOut(m: CheckOutItem): NcipResponse {
    const u = this.user(m);
    const item = this.item(m.itemId.value);
    if ((u.blocks ?? []).length > 0 || /blocked/i.test(u.status ?? '')) refuse('User Blocked', 'UserIdentifierValue', u.id);
    const existing = this.loans.get(item.barcode);
    if (existing && existing.userId !== u.id) refuse('Item Already Checked Out', 'ItemIdentifierValue', item.barcode);
    const now = this.now();
    const dateDue =
      m.desiredDateDue ?? item.dateForReturn ?? new Date(now.getTime() + (this.opts.loanPeriodDays ?? 28) * DAY_MS).toISOString();
    const loan: SimLoan = { itemBarcode: item.barcode, userId: u.id, loanDate: existing?.loanDate ?? now.toISOString(), dateDue: new Date(dateDue).toISOString() };
    this.loans.set(item.barcode, loan);
    item.status = 'On Loan';
    for (const r of this.requests.values()) if (r.status === 'Open' && r.itemBarcode === item.barcode && r.userId === u.id) r.status = 'Filled';
    return {
      service: 'CheckOutItemResponse',
      itemId: { value: item.barcode },
      userId: { value: u.id },
      dateDue: loan.dateDue,
      itemOptionalFields: item.title ? { bibliographicDescription: { title: item.title, author: item.author } } : undefined,
    };
  }

  private checkIn(m: CheckInItem): NcipResponse {
    const item = this.item(m.itemId.value);
    const loan = this.loans.get(item.barcode);
    if (!loan) refuse('Item Not Checked Out', 'ItemIdentifierValue', item.barcode);
    this.loans.delete(item.barcode);
    item.status = AVAILABLE;
    const wantsStatus = (m.itemElementTypes ?? []).some((t) => /circulation status/i.test(t));
    return {
      service: 'CheckInItemResponse',
      itemId: { value: item.barcode },
      userId: { value: loan.userId },
      itemOptionalFields: wantsStatus ? { circulationStatus: item.status } : undefined,
    };
  }

  /** What a real responder answers: the fields asked for (all when none are named), the loan's due date, the borrower when desired. */
  private lookupItem(m: LookupItem): NcipResponse {
    const item = this.item(m.itemId.value);
    const loan = this.loans.get(item.barcode);
    const wanted = (t: string) => !m.itemElementTypes?.length || m.itemElementTypes.some((x) => x.toLowerCase() === t.toLowerCase());
    return {
      service: 'LookupItemResponse',
      itemId: { value: item.barcode },
      ...(loan && m.currentBorrowerDesired ? { currentBorrower: { value: loan.userId } } : {}),
      itemOptionalFields: {
        ...(wanted('Bibliographic Description') && (item.title || item.author || item.bibId)
          ? {
              bibliographicDescription: {
                ...(item.title ? { title: item.title } : {}),
                ...(item.author ? { author: item.author } : {}),
                ...(item.bibId ? { recordId: { identifier: item.bibId, code: 'SYSNUMBER' } } : {}),
              },
            }
          : {}),
        ...(wanted('Circulation Status') ? { circulationStatus: item.status } : {}),
        ...(wanted('Item Description') && item.callNumber ? { callNumber: item.callNumber } : {}),
        ...(loan ? { dateDue: loan.dateDue } : {}),
      },
    };
  }

  private deleteItem(m: DeleteItem): NcipResponse {
    const item = this.item(m.itemId.value);
    if (this.loans.has(item.barcode)) refuse('Item Checked Out', 'ItemIdentifierValue', item.barcode, 'Check the item in before deleting it');
    this.items.delete(item.barcode);
    for (const r of this.requests.values()) if (r.status === 'Open' && r.itemBarcode === item.barcode) r.status = 'Cancelled';
    return { service: 'DeleteItemResponse', itemId: { value: item.barcode } };
  }

  private cancelRequest(m: CancelRequestItem): NcipResponse {
    const u = this.user(m);
    const r = m.requestId
      ? this.requests.get(m.requestId.value)
      : [...this.requests.values()].find(
          (x) => x.status === 'Open' && x.userId === u.id && x.itemBarcode === m.itemId?.value && x.requestType.toLowerCase() === m.requestType.toLowerCase(),
        );
    if (!r || r.status !== 'Open' || r.userId !== u.id) {
      refuse('Unknown Request', m.requestId ? 'RequestIdentifierValue' : 'ItemIdentifierValue', m.requestId?.value ?? m.itemId?.value);
    }
    r.status = 'Cancelled';
    return {
      service: 'CancelRequestItemResponse',
      requestId: { value: r.id },
      itemId: r.itemBarcode ? { value: r.itemBarcode } : undefined,
      userId: { value: u.id },
    };
  }
}
