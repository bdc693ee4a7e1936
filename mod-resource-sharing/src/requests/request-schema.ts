// JSON schemas of the request API bodies. Used by fastify for validation (422 naming the field)
// and by the descriptor check.

// One set of limits for a request, whichever door it came in by: the REST API validates bodies
// with these schemas, and the store checks every record it writes against updateRequestSchema
// (request-store.ts), so a partner's message or a host's answer cannot store a record that staff
// could not save again.
const text = { type: 'string', maxLength: 4000 } as const;
const shortText = { type: 'string', maxLength: 500 } as const;
/** `AUTHORITY:CODE`, as the directory writes symbols. */
const symbol = { type: 'string', maxLength: 140, pattern: '^[A-Za-z0-9_-]{1,32}:\\S{1,100}$' } as const;
/** A date or date-time in years 0001..9999 (what JSON dates and ISO 18626 can both carry). */
const dateText = { type: 'string', maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}' } as const;

export const citationSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' },
    author: text,
    isbn: shortText,
    issn: shortText,
    oclcNumber: shortText,
    edition: shortText,
    volume: shortText,
    issue: shortText,
    pages: shortText,
    publisher: text,
    placeOfPublication: text,
    publicationDate: shortText,
    format: shortText,
    articleTitle: text,
    supplierUniqueRecordId: shortText,
  },
} as const;

export const patronSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: shortText,
    barcode: shortText,
    name: shortText,
    pickupLocation: shortText,
    notes: text,
    neededBefore: { type: 'string', format: 'date' },
    patronGroup: shortText,
    email: shortText,
  },
} as const;

const metadataSchema = {
  type: 'object',
  properties: {
    createdDate: { type: 'string' },
    createdByUserId: { type: 'string' },
    updatedDate: { type: 'string' },
    updatedByUserId: { type: 'string' },
  },
} as const;

/** Fields a client may write. */
const writable = {
  serviceType: { type: 'string', enum: ['loan', 'copy'] },
  citation: citationSchema,
  patron: patronSchema,
  /** staff's note to the supplier, sent with the request (serviceInfo/note) */
  note: text,
  requesterSymbol: symbol,
  supplierSymbol: symbol,
} as const;

/** Fields the module owns; a client may echo them back on PUT but not change them. */
export const readOnlyFields = [
  'hrid',
  'role',
  'state',
  'stateModel',
  'needsAttention',
  'peerRequestId',
  'dueDate',
  'patronDueDate',
  'itemBarcode',
  'supplierRequestId',
  'requestingAgencyRequestId',
  'partnerVersion',
  'rota',
  'rotaIndex',
  'conditions',
  'documentUrl',
  'attention',
  'unreadMessages',
  'lastError',
  'sentFirstResponse',
  'autoResponse',
  'hostRecords',
  'predecessorId',
  'successorId',
  'copyright',
  'copyrightCompliance',
  'broker',
  'brokerSupplier',
  'borrower',
  'returnAddress',
  'patronSide',
] as const;

export const createRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['citation'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    role: { type: 'string', enum: ['borrowing'] },
    ...writable,
  },
} as const;

export const updateRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['citation', '_version'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    ...writable,
    hrid: { type: 'string' },
    role: { type: 'string' },
    state: { type: 'string' },
    stateModel: { type: 'string' },
    needsAttention: { type: 'boolean' },
    peerRequestId: { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S' },
    dueDate: dateText,
    patronDueDate: dateText,
    itemBarcode: shortText,
    supplierRequestId: shortText,
    requestingAgencyRequestId: shortText,
    partnerVersion: { type: 'string', enum: ['2017', '2021'] },
    rota: { type: 'array' },
    rotaIndex: { type: 'integer' },
    conditions: { type: 'object' },
    documentUrl: { type: 'string', maxLength: 4000 },
    attention: { type: 'array', items: { type: 'string' } },
    unreadMessages: { type: 'integer' },
    lastError: { type: 'string' },
    sentFirstResponse: { type: 'boolean' },
    autoResponse: { type: 'object' },
    hostRecords: { type: 'object' },
    predecessorId: { type: 'string' },
    successorId: { type: 'string' },
    patronSide: { type: 'object' },
    copyright: { type: 'object' },
    copyrightCompliance: { type: 'string' },
    broker: { type: 'object' },
    brokerSupplier: { type: 'object' },
    borrower: { type: 'object' },
    returnAddress: { type: 'object' },
    _version: { type: 'integer', minimum: 1 },
    metadata: metadataSchema,
  },
} as const;
