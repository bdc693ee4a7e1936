// Patron notices: the kinds, the named fields their templates may use, and the library's settings.

export const NOTICE_KINDS = [
  'received',
  'sentToLender',
  'unfilled',
  'readyForPickup',
  'overdue',
  'recalled',
  'cancelled',
  'copyReady',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_LOCALES = ['en', 'de'] as const;
export type NoticeLocale = (typeof NOTICE_LOCALES)[number];

/** Fields every template may name as `{field}`; a template naming another field is refused. */
export const NOTICE_FIELDS = [
  'patronName',
  'title',
  'author',
  'requestId',
  'library',
  'pickupLocation',
  'pickupUntil',
  'dueDate',
  'reason',
  'link',
  'linkExpires',
] as const;
export type NoticeField = (typeof NOTICE_FIELDS)[number];
export type NoticeValues = Partial<Record<NoticeField, string>>;

export interface NoticeTemplate {
  subject: string;
  body: string;
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it */
  secure: boolean;
  user?: string;
  /** masked in answers */
  password?: string;
}

export interface PatronNoticeSettings {
  /** notices go out at all */
  enabled: boolean;
  /** which kinds go */
  send: NoticeKind[];
  /** the language of notices */
  locale: NoticeLocale;
  /** the library's own texts, over the defaults: locale -> kind -> template */
  templates: Partial<Record<NoticeLocale, Partial<Record<NoticeKind, NoticeTemplate>>>>;
  /** folio: FOLIO's email interface (mod-email); smtp: the server below; auto: folio with a FOLIO host, else smtp */
  delivery: 'auto' | 'folio' | 'smtp';
  smtp: SmtpSettings | null;
  /** sender address */
  from: string;
  /** the library's name in notices */
  libraryName: string;
  /** days an item waits on the hold shelf (the "until" of ready-for-pickup) */
  holdShelfDays: number;
  /** days the patron can open a delivered copy's link */
  documentLinkDays: number;
  /** a copy delivered as a link: pass the supplier's link on, or store the file and serve it to the patron */
  copyDelivery: CopyDeliverySettings;
  /**
   * the address of the library's patron page ("My requests"), where a patron opens a copy the
   * library stored: the copy-ready notice links there instead of to the supplier; needed when copies
   * are stored and copy-ready notices go
   */
  patronPageUrl?: string | null;
}

export interface CopyDeliverySettings {
  /** link: the patron gets the supplier's link; store: the module fetches the file and serves it */
  keep: 'link' | 'store';
  /** a stored copy is served once, or for `days` days after delivery */
  servedFor: 'once' | 'days';
  days: number;
}

export const defaultCopyDelivery: CopyDeliverySettings = { keep: 'link', servedFor: 'days', days: 14 };

export const defaultNoticeSettings: PatronNoticeSettings = {
  enabled: false,
  send: [...NOTICE_KINDS],
  locale: 'en',
  templates: {},
  delivery: 'auto',
  smtp: null,
  from: 'library@example.org',
  libraryName: 'Your library',
  holdShelfDays: 7,
  documentLinkDays: 14,
  copyDelivery: defaultCopyDelivery,
};

const template = {
  type: 'object',
  additionalProperties: false,
  required: ['subject', 'body'],
  properties: { subject: { type: 'string', minLength: 1, maxLength: 300 }, body: { type: 'string', minLength: 1, maxLength: 10000 } },
} as const;
const byKind = { type: 'object', additionalProperties: false, properties: Object.fromEntries(NOTICE_KINDS.map((k) => [k, template])) };

export const patronNoticeSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['enabled'],
  properties: {
    enabled: { type: 'boolean' },
    send: { type: 'array', items: { type: 'string', enum: [...NOTICE_KINDS] }, uniqueItems: true },
    locale: { type: 'string', enum: [...NOTICE_LOCALES] },
    templates: { type: 'object', additionalProperties: false, properties: Object.fromEntries(NOTICE_LOCALES.map((l) => [l, byKind])) },
    delivery: { type: 'string', enum: ['auto', 'folio', 'smtp'] },
    smtp: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['host', 'port'],
      properties: {
        host: { type: 'string', minLength: 1, maxLength: 255 },
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        secure: { type: 'boolean' },
        user: { type: 'string', maxLength: 255 },
        password: { type: 'string', maxLength: 255 },
      },
    },
    from: { type: 'string', minLength: 3, maxLength: 255 },
    libraryName: { type: 'string', minLength: 1, maxLength: 200 },
    holdShelfDays: { type: 'integer', minimum: 1, maximum: 90 },
    documentLinkDays: { type: 'integer', minimum: 1, maximum: 365 },
    patronPageUrl: { type: ['string', 'null'], pattern: '^https?://\\S+$', maxLength: 500 },
    copyDelivery: {
      type: 'object',
      additionalProperties: false,
      required: ['keep'],
      properties: {
        keep: { type: 'string', enum: ['link', 'store'] },
        servedFor: { type: 'string', enum: ['once', 'days'] },
        days: { type: 'integer', minimum: 1, maximum: 365 },
      },
    },
  },
} as const;
