// JSON schema of a rota profile as clients write it.
export const rotaProfileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'ordered', 'entries'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
    description: { type: 'string', maxLength: 4000 },
    ordered: { type: 'boolean' },
    strategy: { type: 'string', enum: ['score', 'mostLikelyFastest'] },
    useBroker: { type: 'boolean' },
    entries: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['symbol'],
        properties: {
          symbol: { type: 'string', minLength: 1, maxLength: 200 },
          note: { type: 'string', maxLength: 2000 },
        },
      },
    },
    rules: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          serviceType: { type: 'string', enum: ['loan', 'copy'] },
          format: { type: 'string', minLength: 1, maxLength: 100 },
          patronGroup: { type: 'string', minLength: 1, maxLength: 200 },
          neededWithinDays: { type: 'integer', minimum: 0, maximum: 3650 },
          priority: { type: 'integer', minimum: -1000, maximum: 1000 },
        },
      },
    },
    _version: { type: 'integer', minimum: 1 },
    metadata: { type: 'object' },
  },
} as const;
