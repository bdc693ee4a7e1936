// The simulated FOLIO tenant: in-memory record tables, the circulation queue, tokens and a log of
// every call received. Tests read it through `sim.state(tenant)`.

export interface SimRecord {
  id: string;
  [field: string]: unknown;
}

export interface SimItem extends SimRecord {
  holdingsRecordId: string;
  barcode?: string;
  hrid?: string;
  status: { name: string; date?: string };
  effectiveLocationId?: string;
  inTransitDestinationServicePointId?: string;
}

export interface SimHoldings extends SimRecord {
  instanceId: string;
  permanentLocationId: string;
  callNumber?: string;
}

export interface SimRequest extends SimRecord {
  requestType: 'Page' | 'Hold' | 'Recall';
  requestLevel?: string;
  requesterId: string;
  itemId?: string;
  instanceId?: string;
  holdingsRecordId?: string;
  status: string;
  fulfillmentPreference: string;
  pickupServicePointId?: string;
  position?: number;
  holdShelfExpirationDate?: string;
}

export interface SimLoan extends SimRecord {
  itemId: string;
  userId: string;
  loanDate: string;
  dueDate: string;
  status: { name: 'Open' | 'Closed' };
  action: string;
  renewalCount: number;
}

export interface SimUser extends SimRecord {
  barcode?: string;
  username?: string;
  active?: boolean;
  expirationDate?: string;
  patronGroup?: string;
  personal?: { lastName: string; firstName?: string; email?: string };
}

/** mod-permissions' permission user: the permission names a user holds */
export interface SimPermissionUser extends SimRecord {
  userId: string;
  permissions: string[];
}

export interface SimServicePoint extends SimRecord {
  name: string;
  code: string;
  pickupLocation?: boolean;
  holdShelfExpiryPeriod?: { duration: number; intervalId: 'Minutes' | 'Hours' | 'Days' | 'Weeks' | 'Months' };
}

export interface SimLocation extends SimRecord {
  name: string;
  code: string;
  primaryServicePoint: string;
  servicePointIds?: string[];
}

export interface AutomatedPatronBlock {
  patronBlockConditionId?: string;
  blockBorrowing: boolean;
  blockRenewals: boolean;
  blockRequests: boolean;
  message: string;
}

export interface LoanPolicy {
  /** loan period of every check-out (FOLIO's default policies are often 14 days) */
  periodDays: number;
  renewalLimit: number;
  /** renew from the current due date (always extends) or from today */
  renewFrom: 'currentDueDate' | 'systemDate';
}

export interface LoggedCall {
  method: string;
  url: string;
  status: number;
  token?: string;
  requestId?: string;
}

export interface SimState {
  tenant: string;
  users: Map<string, SimUser>;
  groups: Map<string, SimRecord>;
  /** login passwords by username (seeded, or set through POST /authn/credentials) */
  credentials: Map<string, string>;
  tokens: Set<string>;
  /** who logged in for each token: username */
  tokenOwners: Map<string, string>;
  /** mod-permissions users by their own id (not the user's id) */
  permissionUsers: Map<string, SimPermissionUser>;
  servicePoints: Map<string, SimServicePoint>;
  locations: Map<string, SimLocation>;
  instanceTypes: Map<string, SimRecord>;
  materialTypes: Map<string, SimRecord>;
  loanTypes: Map<string, SimRecord>;
  holdingsSources: Map<string, SimRecord>;
  statisticalCodes: Map<string, SimRecord>;
  instances: Map<string, SimRecord>;
  holdings: Map<string, SimHoldings>;
  items: Map<string, SimItem>;
  requests: Map<string, SimRequest>;
  loans: Map<string, SimLoan>;
  patronBlocks: Map<string, AutomatedPatronBlock[]>;
  loanPolicy: LoanPolicy;
  counters: { instance: number; holdings: number; item: number };
  /** mails handed to mod-email (POST /email), oldest first */
  emails: SimEmail[];
  /** every call the tenant received, oldest first */
  log: LoggedCall[];
}

/** A mail as mod-email takes it (its emailEntity schema). */
export interface SimEmail {
  notificationId: string;
  from?: string;
  to: string;
  header: string;
  body: string;
  outputFormat?: string;
  date: string;
}

export function createState(tenant: string): SimState {
  return {
    tenant,
    users: new Map(),
    groups: new Map(),
    credentials: new Map(),
    tokens: new Set(),
    tokenOwners: new Map(),
    permissionUsers: new Map(),
    servicePoints: new Map(),
    locations: new Map(),
    instanceTypes: new Map(),
    materialTypes: new Map(),
    loanTypes: new Map(),
    holdingsSources: new Map(),
    statisticalCodes: new Map(),
    instances: new Map(),
    holdings: new Map(),
    items: new Map(),
    requests: new Map(),
    loans: new Map(),
    patronBlocks: new Map(),
    loanPolicy: { periodDays: 14, renewalLimit: 3, renewFrom: 'currentDueDate' },
    counters: { instance: 0, holdings: 0, item: 0 },
    emails: [],
    log: [],
  };
}

/** Open requests on an item, in queue order. */
export function requestQueue(state: SimState, itemId: string): SimRequest[] {
  return [...state.requests.values()]
    .filter((r) => r.itemId === itemId && r.status.startsWith('Open'))
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
}

export function openLoanFor(state: SimState, itemId: string): SimLoan | undefined {
  return [...state.loans.values()].find((l) => l.itemId === itemId && l.status.name === 'Open');
}

export function itemByBarcode(state: SimState, barcode: string): SimItem | undefined {
  return [...state.items.values()].find((i) => i.barcode === barcode);
}

export function userByBarcode(state: SimState, barcode: string): SimUser | undefined {
  return [...state.users.values()].find((u) => u.barcode === barcode);
}

/** Renumber the open queue of an item 1..n after a request leaves it. */
export function renumberQueue(state: SimState, itemId: string): void {
  requestQueue(state, itemId).forEach((r, i) => {
    r.position = i + 1;
  });
}
