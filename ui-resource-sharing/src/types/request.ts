// The backend's records as the UI reads them (mod-resource-sharing's REST API, interface resource-sharing 1.0).

export type RequestRole = 'borrowing' | 'lending';
export type ServiceType = 'loan' | 'copy';

export interface Citation {
  title: string;
  author?: string;
  isbn?: string;
  issn?: string;
  oclcNumber?: string;
  edition?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  publisher?: string;
  placeOfPublication?: string;
  publicationDate?: string;
  format?: string;
  articleTitle?: string;
}

export interface Patron {
  id?: string;
  barcode?: string;
  name?: string;
  pickupLocation?: string;
  notes?: string;
  /** YYYY-MM-DD */
  neededBefore?: string;
  patronGroup?: string;
}

export interface Metadata {
  createdDate: string;
  createdByUserId?: string;
  updatedDate?: string;
  updatedByUserId?: string;
}

export interface ResourceSharingRequest {
  id: string;
  hrid: string;
  role: RequestRole;
  state: string;
  stateModel?: string;
  needsAttention: boolean;
  serviceType: ServiceType;
  citation: Citation;
  patron?: Patron;
  requesterSymbol?: string;
  supplierSymbol?: string;
  peerRequestId?: string;
  dueDate?: string;
  patronDueDate?: string;
  itemBarcode?: string;
  /** borrowing: the ranked suppliers, with the reason for each rank and what happened there */
  rota?: RotaEntry[];
  /** index into `rota` of the supplier that has the request now */
  rotaIndex?: number;
  /** reasons for attention beyond the state, e.g. unreadMessage, deliveryFailed */
  attention?: string[];
  unreadMessages?: number;
  /** the last problem met while working on the request (host or delivery error) */
  lastError?: string;
  conditions?: RequestConditions;
  /** a delivered copy's link (the supplier's) */
  documentUrl?: string;
  /** what the patron's side holds: here, the copy the library stores for the patron */
  patronSide?: { storedCopy?: StoredCopy };
  _version?: number;
  metadata?: Metadata;
}

/** A copy the library stores for the patron (settings patronNotices.copyDelivery keep = store). */
export interface StoredCopy {
  /** pending: to be fetched; stored: staff can open it; failed: the patron keeps the supplier's link */
  status: 'pending' | 'stored' | 'failed';
  filename?: string;
  contentType?: string;
  size?: number;
  storedDate?: string;
  error?: string;
}

/** One supplier in a borrowing request's rota, as the backend's rota builder explained it. */
export interface RotaEntry {
  symbol: string;
  /** the directory entry's name, when known */
  name?: string;
  /** 1-based; skipped suppliers come after the ones that will be asked */
  rank: number;
  score?: number;
  skipped?: boolean;
  /** why this supplier has this rank (or was skipped), in the backend's words */
  reason: string;
  /** how the rank came about: the rota profile's fixed order, or the score of the factors */
  rankedBy?: 'profileOrder' | 'score' | 'predictions';
  /** the numbers behind the rank (mod-resource-sharing RankingFactors); the app words them */
  factors?: RankingFactors;
  outcome?: 'sent' | 'unfilled' | 'supplied' | 'cancelled' | 'notDelivered' | 'skipped';
  /** why it ended so, e.g. "refused our request: UnrecognisedDataValue: …" */
  outcomeReason?: string;
  /** broker mode: this entry is the consortium's broker, which finds the supplier */
  broker?: boolean;
  /** the suppliers the broker chose for this request, in order, with what each did */
  brokerSuppliers?: BrokerSupplier[];
}

export interface BrokerSupplier {
  symbol: string;
  name?: string;
  outcome: 'sent' | 'unfilled' | 'supplied';
  reason?: string;
}

/** What POST /resource-sharing/rotas/preview answers: the rota a request with these attributes would get. */
export interface RotaPreview {
  profile: { id: string; name: string; ordered: boolean } | null;
  entries: RotaEntry[];
  /** broker mode is on; `used`: this request would go through the broker */
  broker?: { symbol: string; routing: 'broker' | 'both'; mode: 'opaque' | 'transparent'; used: boolean };
}

/** The request attributes a rota preview is built for. */
export interface RotaPreviewQuery {
  serviceType?: ServiceType;
  citation: NewBorrowingRequest['citation'];
  patron?: { neededBefore?: string };
}

/** Conditions or costs the supplier attached (borrowing), or the most the borrower will pay (lending). */
export interface RequestConditions {
  loanCondition?: string;
  cost?: number;
  maximumCost?: number;
  currency?: string;
  note?: string;
}

export interface RankingFactors {
  openRequests?: number;
  overloadThreshold?: number;
  overloaded?: boolean;
  lentToUs?: number;
  borrowedFromUs?: number;
  fillRate?: number | null;
  medianTurnaroundDays?: number | null;
  loanToBorrowRatio?: number | null;
  preferred?: boolean;
  last?: boolean;
  owns?: boolean | 'unknown';
}

/** One message in the conversation with the partner about a request. */
export interface ConversationMessage {
  id: string;
  requestId: string;
  timestamp: string;
  direction: 'in' | 'out';
  /** the ISO 18626 message type and reason, e.g. supplyingAgencyMessage */
  kind: string;
  /** one line in English, e.g. "RequestResponse: WillSupply"; the app words `codes` instead when given */
  summary: string;
  /** the ISO 18626 codes of the message (mod-resource-sharing message-codes.ts) */
  codes?: MessageCodes;
  note?: string;
  read: boolean;
}

export interface MessageCodes {
  requestType?: string;
  title?: string;
  maximumCost?: { value: string; currency: string };
  reasonForMessage?: string;
  status?: string;
  answerYesNo?: 'Y' | 'N';
  dueDate?: string;
  offeredCost?: { value: string; currency: string };
  action?: string;
}

/** A message to the partner that failed at least once and waits for its next try (from the module's outbox). */
export interface WaitingMessage {
  partnerSymbol: string;
  /** when it was first meant to go */
  since: string;
  attempts: number;
  lastError?: string;
  nextAttemptAt: string;
}

/** A message the module gave up sending (its retry window ran out, or the partner refused it): GET /outbox?status=failed. */
export interface FailedMessage {
  id: string;
  requestId?: string;
  partnerSymbol: string;
  /** iso18626 (to the partner), notice (to the patron), ... */
  kind: string;
  attempts: number;
  lastError?: string;
  createdDate: string;
}

export interface MessageCollection {
  messages: ConversationMessage[];
  unread: number;
  totalRecords?: number;
  /** messages to the partner not delivered yet, each with its next try */
  waiting?: WaitingMessage[];
}

export interface RequestCollection {
  requests: ResourceSharingRequest[];
  totalRecords: number;
}

export interface NewBorrowingRequest {
  serviceType: ServiceType;
  citation: Citation;
  patron?: Patron;
}

export type ActorType = 'user' | 'partner' | 'system';

export interface AuditRecord {
  id: string;
  requestId: string;
  timestamp: string;
  actor: { type: ActorType; id?: string };
  action?: string;
  fromState?: string;
  toState?: string;
  message?: string;
  /** what the module recorded beside the message: `parameters` of an action */
  changes?: { parameters?: Record<string, unknown> } & Record<string, unknown>;
}

export interface AuditCollection {
  auditRecords: AuditRecord[];
  totalRecords: number;
}

export interface ActionParameter {
  name: string;
  /** string, number, boolean, enum (with values), date (YYYY-MM-DD), datetime (with zone); others shown as text */
  type: string;
  /** the backend's English label; a translation `actionParameter.<name>` wins */
  displayName?: string;
  description?: string;
  required: boolean;
  /** closed list of allowed values: shown as a select */
  values?: string[];
}

export interface RequestAction {
  code: string;
  displayName: string;
  description?: string;
  parameters: ActionParameter[];
}

export interface ActionCollection {
  /** the request's state the list was computed for */
  state?: string;
  actions: RequestAction[];
  totalRecords?: number;
}

export type ActionParameterValues = Record<string, string | number | boolean>;
