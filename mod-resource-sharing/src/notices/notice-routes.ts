// POST /resource-sharing/settings/patron-notices/preview: the settings page shows a notice as the
// patron would get it, from the stored template or one being edited, filled with a sample request
// (or a real one, by id). Nothing is sent.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { isUuid } from '../okapi/ids.ts';
import { NotFoundError } from '../okapi/errors.ts';
import { getRequest } from '../requests/request-store.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';
import { getSettings } from '../settings/settings-store.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { noticeValues } from './notice-outbox.ts';
import { checkTemplateFields, copyDeliveryOf, noticeSettings } from './notice-settings.ts';
import { NOTICE_FIELDS, NOTICE_KINDS, NOTICE_LOCALES, type CopyDeliverySettings, type NoticeKind, type NoticeLocale, type NoticeTemplate } from './notice-types.ts';
import { renderNotice } from './render.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

const previewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: {
    kind: { type: 'string', enum: [...NOTICE_KINDS] },
    locale: { type: 'string', enum: [...NOTICE_LOCALES] },
    template: {
      type: 'object',
      additionalProperties: false,
      required: ['subject', 'body'],
      properties: { subject: { type: 'string', minLength: 1, maxLength: 300 }, body: { type: 'string', minLength: 1, maxLength: 10000 } },
    },
    requestId: { type: 'string' },
  },
} as const;

interface PreviewBody {
  kind: NoticeKind;
  locale?: NoticeLocale;
  template?: NoticeTemplate;
  requestId?: string;
}

/** A request as the preview imagines it when none is named (its copy kept the way the library keeps copies). */
function sampleRequest(now: Date, pickupLocation: string | undefined, copies: CopyDeliverySettings, linkDays: number): ResourceSharingRequest {
  const stored = copies.keep === 'store';
  const days = stored ? (copies.servedFor === 'days' ? copies.days : undefined) : linkDays;
  const due = new Date(now.getTime() + 25 * DAY_MS).toISOString();
  return {
    id: '00000000-0000-4000-8000-000000000000',
    hrid: 'SAMPLE-1001',
    role: 'borrowing',
    state: 'REQ_RECEIVED',
    stateModel: 'borrowing-returnable',
    needsAttention: false,
    serviceType: 'loan',
    citation: { title: 'The Left Hand of Darkness', author: 'Le Guin, Ursula K.' },
    patron: { barcode: '1001', name: 'Alice Reader', ...(pickupLocation ? { pickupLocation } : {}) },
    dueDate: due,
    patronDueDate: due,
    documentUrl: 'https://documents.example.org/copies/sample.pdf',
    patronSide: {
      receivedDate: now.toISOString(),
      ...(days ? { documentExpires: new Date(now.getTime() + days * DAY_MS).toISOString() } : {}),
      ...(stored ? { storedCopy: { status: 'stored', filename: 'sample.pdf', contentType: 'application/pdf' } } : {}),
    },
    _version: 1,
    metadata: { createdDate: now.toISOString() },
  };
}

export function registerNoticeRoutes(app: FastifyInstance, db: Database): void {
  app.post<{ Body: PreviewBody }>('/resource-sharing/settings/patron-notices/preview', { schema: { body: previewSchema } }, async (req) => {
    const body = req.body;
    const settings = await getSettings(db, req.tenant);
    const n = noticeSettings(settings);
    const locale = body.locale ?? n.locale;
    if (body.template) checkTemplateFields({ patronNotices: { ...n, templates: { [locale]: { [body.kind]: body.template } } } });
    const now = new Date();
    let request = sampleRequest(now, settings.patronRequests.pickupLocations[0]?.code, copyDeliveryOf(settings), n.documentLinkDays);
    if (body.requestId) {
      const found = isUuid(body.requestId) ? await getRequest(db, req.tenant, body.requestId) : undefined;
      if (!found) throw new NotFoundError(`No request ${body.requestId}`);
      request = found;
    }
    const withTemplate = body.template ? { ...n, templates: { ...n.templates, [locale]: { ...n.templates[locale], [body.kind]: body.template } } } : n;
    const rendered = renderNotice(withTemplate, body.kind, noticeValues(settings, n, request, { reason: 'The patron asked us to' }, now, locale), locale);
    return {
      kind: body.kind,
      locale,
      ...rendered,
      fields: [...NOTICE_FIELDS],
      defaultTemplate: DEFAULT_TEMPLATES[locale][body.kind],
      enabled: n.enabled && n.send.includes(body.kind),
    };
  });
}
