// JSON schema of a directory entry as clients write it (POST, PUT, import).

const text = { type: 'string', maxLength: 4000 } as const;
const shortText = { type: 'string', maxLength: 500 } as const;
const country = { type: 'string', pattern: '^[A-Z]{2}$' } as const;
const cqlIndex = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]*$', maxLength: 100 } as const;

const address = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: shortText,
    line1: shortText,
    line2: shortText,
    locality: shortText,
    region: shortText,
    postalCode: shortText,
    country,
  },
} as const;

export const directoryEntrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'symbols'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S' },
    description: text,
    symbols: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['authority', 'symbol'],
        properties: {
          authority: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$' },
          symbol: { type: 'string', pattern: '^\\S{1,100}$' },
        },
      },
    },
    self: { type: 'boolean' },
    partner: { type: 'boolean' },
    iso18626Endpoint: { type: 'string', maxLength: 2000 },
    iso18626Version: { type: 'string', enum: ['2017', '2021'] },
    authentication: { type: 'string', enum: ['required', 'notRequired'] },
    /** read-only, kept by the module (partner-authentication.ts); ignored when written back */
    authenticationFailures: { type: 'object' },
    sharedSecret: shortText,
    accountId: shortText,
    retryKeepsRequestId: { type: 'boolean' },
    contacts: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { name: shortText, role: shortText, email: shortText, phone: shortText },
      },
    },
    shippingAddress: address,
    returnAddress: address,
    countries: { type: 'array', items: country, uniqueItems: true, maxItems: 300 },
    lendingPolicy: {
      type: 'object',
      additionalProperties: false,
      required: ['returnables', 'copies'],
      properties: {
        returnables: { type: 'boolean' },
        copies: { type: 'boolean' },
        formats: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, uniqueItems: true },
        loanPeriodDays: { type: 'integer', minimum: 1, maximum: 3650 },
      },
    },
    loanToBorrowRatio: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
    sruEndpoint: { type: 'string', maxLength: 2000 },
    sruIndexes: {
      type: 'object',
      additionalProperties: false,
      properties: { isbn: cqlIndex, issn: cqlIndex, oclcNumber: cqlIndex, title: cqlIndex },
    },
    institutionalPatronBarcode: shortText,
    viaBroker: { type: 'boolean' },
    source: { type: 'string', enum: ['local', 'shared'] },
    sourceUrl: { type: 'string', maxLength: 2000 },
    _version: { type: 'integer', minimum: 1 },
    metadata: { type: 'object' },
    /** read-only (GET answers it; ignored when written back): partner unreachable for a while */
    reachability: { type: 'object' },
  },
} as const;
