// JSON schemas of the request API bodies. Used by fastify for validation (422 naming the field)
// and by the descriptor check.

const text = { type: 'string', maxLength: 4000 } as const;
const shortText = { type: 'string', maxLength: 500 } as const;

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
  requesterSymbol: shortText,
  supplierSymbol: shortText,
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
  'partnerVersion',
  'rota',
  'rotaIndex',
  'conditions',
  'documentUrl',
  'attention',
  'unreadMessages',
  'lastError',
  'sentFirstResponse',
  'hostRecords',
  'predecessorId',
  'successorId',
  'copyright',
  'copyrightCompliance',
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
    peerRequestId: { type: 'string' },
    dueDate: { type: 'string' },
    patronDueDate: { type: 'string' },
    itemBarcode: { type: 'string' },
    supplierRequestId: { type: 'string' },
    partnerVersion: { type: 'string' },
    rota: { type: 'array' },
    rotaIndex: { type: 'integer' },
    conditions: { type: 'object' },
    documentUrl: { type: 'string' },
    attention: { type: 'array', items: { type: 'string' } },
    unreadMessages: { type: 'integer' },
    lastError: { type: 'string' },
    sentFirstResponse: { type: 'boolean' },
    hostRecords: { type: 'object' },
    predecessorId: { type: 'string' },
    successorId: { type: 'string' },
    patronSide: { type: 'object' },
    copyright: { type: 'object' },
    copyrightCompliance: { type: 'string' },
    _version: { type: 'integer', minimum: 1 },
    metadata: metadataSchema,
  },
} as const;
