// The GraphQL read API's schema (SDL). Read-only: there is no Mutation type; changes go through
// the REST API (actions, directory, rotas, settings). Fields guarded by a permission group are
// nullable, so a caller without that permission still gets the rest of the answer.
export const typeDefs = /* GraphQL */ `
  """A date and time in ISO 8601 (UTC)"""
  scalar DateTime
  """Any JSON value"""
  scalar JSON

  type Query {
    """One request by id; null when there is none. Needs resource-sharing.requests.item.get."""
    request(id: ID!): Request
    """One request by its human-readable id (e.g. DIKU-1024). Needs resource-sharing.requests.item.get."""
    requestByHrid(hrid: String!): Request
    """Requests matching a CQL query (same fields as GET /resource-sharing/requests). Needs resource-sharing.requests.collection.get."""
    requests(query: String, offset: Int = 0, limit: Int = 10): RequestPage
    """Dashboard figures. Needs resource-sharing.statistics.get."""
    statistics(since: DateTime): DashboardStatistics
    """A directory entry by one of its symbols (AUTHORITY:CODE). Needs resource-sharing.directory.item.get."""
    directoryEntry(symbol: String!): DirectoryEntry
  }

  type RequestPage {
    totalRecords: Int
    requests: [Request!]!
  }

  enum RequestRole { borrowing lending }

  type Request {
    id: ID!
    hrid: String!
    role: RequestRole!
    state: String!
    stateModel: String!
    needsAttention: Boolean!
    serviceType: String!
    citation: Citation!
    patron: Patron
    requesterSymbol: String
    supplierSymbol: String
    """the other library: the supplier when borrowing, the requesting library when lending"""
    partnerSymbol: String
    peerRequestId: String
    dueDate: DateTime
    patronDueDate: DateTime
    itemBarcode: String
    supplierRequestId: String
    partnerVersion: String
    rotaIndex: Int
    rota: [RotaEntry!]!
    conditions: Conditions
    documentUrl: String
    """borrowing: the copy the library keeps for the patron (settings patronNotices.copyDelivery keep = store); staff open it with GET /resource-sharing/requests/{id}/copy"""
    storedCopy: StoredCopy
    attention: [String!]!
    unreadMessages: Int!
    lastError: String
    predecessorId: ID
    successorId: ID
    """broker mode: the broker the request travels through"""
    broker: BrokerRef
    """borrowing through a broker: the supplier the broker chose"""
    brokerSupplier: BrokerParty
    """lending through a broker: the library that really borrows"""
    borrower: BrokerParty
    """borrowing: the return address the supplier (or broker) sent with Loaned"""
    returnAddress: ReturnAddress
    _version: Int!
    metadata: Metadata!
    """the partner's directory entry; needs resource-sharing.directory.item.get"""
    partner: DirectoryEntry
    """the audit trail, oldest first; needs resource-sharing.requests.audit.get"""
    audit: [AuditRecord!]
    """the conversation with the partner, oldest first; needs resource-sharing.requests.messages.get"""
    messages: [Message!]
  }

  type StoredCopy {
    """pending (to be fetched), stored, or failed (the patron keeps the supplier's link)"""
    status: String!
    filename: String
    contentType: String
    size: Int
    storedDate: DateTime
    """why it could not be stored"""
    error: String
  }

  type Citation {
    title: String!
    author: String
    isbn: String
    issn: String
    oclcNumber: String
    edition: String
    volume: String
    issue: String
    pages: String
    publisher: String
    placeOfPublication: String
    publicationDate: String
    format: String
    articleTitle: String
    supplierUniqueRecordId: String
  }

  type Patron {
    id: String
    barcode: String
    name: String
    pickupLocation: String
    notes: String
    neededBefore: String
    patronGroup: String
  }

  type BrokerRef {
    symbol: String!
    """opaque or transparent"""
    mode: String!
  }

  type BrokerParty {
    symbol: String
    name: String
  }

  """A supplier the broker tried for this rota entry"""
  type BrokerSupplier {
    symbol: String!
    name: String
    """sent, unfilled or supplied"""
    outcome: String!
    reason: String!
  }

  type ReturnAddress {
    agencyId: String
    name: String
    line1: String
    line2: String
    locality: String
    region: String
    postalCode: String
    country: String
  }

  type Conditions {
    loanCondition: String
    cost: Float
    """lending: the most the borrower will pay (a request's billingInfo, e.g. a Retry)"""
    maximumCost: Float
    currency: String
    note: String
  }

  type Metadata {
    createdDate: DateTime!
    createdByUserId: String
    updatedDate: DateTime
    updatedByUserId: String
  }

  type RotaEntry {
    symbol: String!
    name: String
    rank: Int!
    score: Float
    skipped: Boolean!
    reason: String!
    """how the rank came about: profileOrder (the rota profile's fixed order), score, or predictions (mostLikelyFastest)"""
    rankedBy: String
    """the numbers behind the rank (open requests, threshold, fill rate, balance...), for a UI to word"""
    factors: JSON
    """sent, unfilled, supplied, cancelled, notDelivered (refused or not reachable), skipped (by staff)"""
    outcome: String
    """why it ended so, e.g. refused our request: UnrecognisedDataValue: ..."""
    outcomeReason: String
    """the supplier's own record id, sent to it as supplierUniqueRecordId"""
    supplierUniqueRecordId: String
    """the request is with this supplier now"""
    current: Boolean!
    """what our history predicted for this supplier when the rota was built; null for entries without one"""
    prediction: RotaPrediction
    """this entry is the consortium's broker"""
    broker: Boolean!
    """the suppliers the broker tried, in order (broker entries only)"""
    brokerSuppliers: [BrokerSupplier!]!
    """the supplier's directory entry; needs resource-sharing.directory.item.get"""
    partner: DirectoryEntry
  }

  """A lender's predicted fill probability and delivery days (see GET /resource-sharing/statistics/predictions)"""
  type RotaPrediction {
    fillProbability: Float!
    medianDays: Float
    p90Days: Float
    requestsLastYear: Int!
    """format, serviceType, lender or pooled: the most specific history used"""
    basis: String!
    reason: String!
  }

  type Actor {
    type: String!
    id: String
  }

  type AuditRecord {
    id: ID!
    timestamp: DateTime!
    actor: Actor!
    action: String!
    fromState: String
    toState: String
    message: String
    changes: JSON
  }

  type Message {
    id: ID!
    timestamp: DateTime!
    direction: String!
    kind: String!
    summary: String!
    note: String
    read: Boolean!
    """the library the message is from (in) or for (out) when a broker forwarded it"""
    party: String
    """the broker that forwarded it"""
    via: String
  }

  type PostalAddress {
    name: String
    line1: String
    line2: String
    locality: String
    region: String
    postalCode: String
    country: String
  }

  type Contact {
    name: String
    role: String
    email: String
    phone: String
  }

  type LendingPolicy {
    returnables: Boolean!
    copies: Boolean!
    formats: [String!]!
    loanPeriodDays: Int
  }

  """A directory entry without its secrets (shared secret, account id)."""
  type DirectoryEntry {
    id: ID!
    name: String!
    description: String
    symbols: [String!]!
    self: Boolean!
    partner: Boolean!
    iso18626Endpoint: String
    iso18626Version: String!
    sruEndpoint: String
    contacts: [Contact!]!
    shippingAddress: PostalAddress
    returnAddress: PostalAddress
    countries: [String!]!
    lendingPolicy: LendingPolicy
    loanToBorrowRatio: Float
    """broker mode both: reached through the broker"""
    viaBroker: Boolean
    """local (typed in here) or shared (read from the shared directory service)"""
    source: String
    sourceUrl: String
    """our history with this institution; needs resource-sharing.statistics.get"""
    statistics: PartnerStatistics
  }

  type StateCount {
    state: String!
    count: Int!
  }

  type RoleStatistics {
    """requests not in a terminal state"""
    open: Int!
    openByState: [StateCount!]!
    """requests that reached a shipped or completed state"""
    filled: Int!
    """requests that ended without being filled (cancelled, unfilled, closed)"""
    notFilled: Int!
    """filled / (filled + notFilled); null without either"""
    fillRate: Float
    """days from creation to the first shipped state: median and 90th percentile"""
    medianTurnaroundDays: Float
    p90TurnaroundDays: Float
    turnaroundSamples: Int!
  }

  type PartnerStatistics {
    symbol: String!
    symbols: [String!]!
    name: String
    entryId: ID
    partner: Boolean!
    openBorrowing: Int!
    openLending: Int!
    """borrowing requests this partner filled"""
    lentToUs: Int!
    """lending requests we filled for this partner"""
    borrowedFromUs: Int!
    """borrowedFromUs - lentToUs: positive when we lent it more than it lent us"""
    balance: Int!
    unfilled: Int!
    fillRate: Float
    medianTurnaroundDays: Float
  }

  type DashboardStatistics {
    """the start of the period for fill rate and turnaround (open counts are always now)"""
    since: DateTime
    borrowing: RoleStatistics!
    lending: RoleStatistics!
    partners: [PartnerStatistics!]!
  }
`;
