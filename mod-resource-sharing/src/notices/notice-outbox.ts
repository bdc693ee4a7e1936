// Which notice a state change sends, its values, and the outbox message that carries it. A notice
// is an outbox message of kind `patron-notice`: it retries like any message, and when it fails for
// good the request is flagged (workflow/delivery-hooks.ts). Queued notices show on the request's
// timeline (request_messages, kind `notice`).
import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { enqueue } from '../outbox/index.ts';
import { patronHasItem } from '../patron/patron-status.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';
import type { Settings } from '../settings/settings-types.ts';
import { noticeSettings } from './notice-settings.ts';
import type { NoticeKind, NoticeLocale, NoticeValues, PatronNoticeSettings } from './notice-types.ts';
import { renderNotice } from './render.ts';

export const NOTICE_OUTBOX_KIND = 'patron-notice';

/** The body of a notice's outbox message. */
export interface NoticeMessage {
  tenant: string;
  kind: NoticeKind;
  via: 'folio' | 'smtp';
  from: string;
  to: string;
  subject: string;
  text: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The notice this change sends the patron, if any. */
export function noticeFor(
  current: ResourceSharingRequest,
  next: ResourceSharingRequest,
  change: { action: string; outcome?: string },
): NoticeKind | undefined {
  if (next.state === current.state) return undefined;
  switch (next.state) {
    case 'REQ_VALIDATED':
      // not again after a copyright clearance, which also leads here
      return current.state === 'REQ_IDLE' ? 'received' : undefined;
    case 'REQ_SENT_TO_SUPPLIER':
      // the first lender only; the patron is not told about each lender the rota tries
      return current.state === 'REQ_VALIDATED' ? 'sentToLender' : undefined;
    case 'REQ_END_OF_ROTA':
      return 'unfilled';
    case 'REQ_RECEIVED':
      return change.action === 'markReceived' ? 'readyForPickup' : undefined;
    // only to a patron who has the item; one still on the hold shelf is told it is ready
    case 'REQ_OVERDUE':
      return patronHasItem(next) ? 'overdue' : undefined;
    case 'REQ_RECALLED':
      return patronHasItem(next) ? 'recalled' : undefined;
    case 'REQ_CANCELLED':
      return 'cancelled';
    case 'REQ_DOCUMENT_DELIVERED':
      return next.documentUrl ? 'copyReady' : undefined;
    default:
      return undefined;
  }
}

function formatDate(iso: string | undefined, locale: NoticeLocale): string | undefined {
  if (!iso || Number.isNaN(Date.parse(iso))) return undefined;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

/** Why a request was cancelled or could not be filled, from the action's parameters. */
function reasonOf(params: Record<string, unknown>, locale: NoticeLocale, stored?: string): string {
  if (stored) return stored;
  for (const key of ['reason', 'cancellationReason', 'note', 'problem']) {
    const v = params[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return locale === 'de' ? 'ohne Angabe' : 'not given';
}

const FIRST_DOWNLOAD: Record<NoticeLocale, string> = { en: 'your first download', de: 'zum ersten Herunterladen' };

/**
 * The copy's link for the patron: a copy the library stores (or is about to) is opened on the
 * library's patron page, never through the supplier's link (which may be someone else's one-time
 * URL); when storing failed, or the library passes links on, the supplier's link.
 */
function copyLink(n: PatronNoticeSettings, r: ResourceSharingRequest, locale: NoticeLocale): Pick<NoticeValues, 'link' | 'linkExpires'> {
  const stored = r.patronSide?.storedCopy;
  if (stored && stored.status !== 'failed') {
    const expires = formatDate(r.patronSide?.documentExpires, locale);
    // served once: "open it here until your first download"
    return { link: n.patronPageUrl ?? undefined, linkExpires: expires ?? (r.documentUrl ? FIRST_DOWNLOAD[locale] : undefined) };
  }
  return { link: r.documentUrl, linkExpires: formatDate(r.patronSide?.documentExpires, locale) };
}

export function noticeValues(
  settings: Settings,
  n: PatronNoticeSettings,
  r: ResourceSharingRequest,
  params: Record<string, unknown>,
  now: Date,
  locale: NoticeLocale = n.locale,
): NoticeValues {
  const pickup = r.patron?.pickupLocation;
  const pickupName = settings.patronRequests.pickupLocations.find((l) => l.code === pickup)?.name ?? pickup;
  const received = r.patronSide?.receivedDate ?? now.toISOString();
  const values: NoticeValues = {
    patronName: r.patron?.name ?? r.patron?.barcode,
    title: r.citation.title,
    author: r.citation.author,
    requestId: r.hrid,
    library: n.libraryName,
    pickupLocation: pickupName,
    pickupUntil: formatDate(new Date(Date.parse(received) + n.holdShelfDays * DAY_MS).toISOString(), locale),
    dueDate: formatDate(r.patronDueDate ?? r.dueDate, locale),
    reason: reasonOf(params, locale, r.patronSide?.cancelReason),
    ...copyLink(n, r, locale),
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as NoticeValues;
}

/** How this library sends notices now, or why it cannot. */
export function deliveryRoute(settings: Settings, n: PatronNoticeSettings): { via: 'folio' | 'smtp'; url: string } | { problem: string } {
  const via = n.delivery === 'auto' ? (settings.hostAdapter === 'folio' ? 'folio' : 'smtp') : n.delivery;
  if (via === 'folio') {
    if (!settings.folioHost) return { problem: 'notices go through FOLIO but no FOLIO host is set up' };
    return { via, url: `${settings.folioHost.okapiUrl.replace(/\/+$/, '')}/email` };
  }
  if (!n.smtp) return { problem: 'notices go by SMTP but no SMTP server is set' };
  return { via, url: `smtp://${n.smtp.host}:${n.smtp.port}` };
}

async function timeline(tx: Sql, tenant: string, requestId: string, summary: string, note?: string): Promise<void> {
  await tx.query(
    `INSERT INTO ${schemaOf(tenant)}.request_messages (id, request_id, ts, direction, kind, summary, note, read, fingerprint)
     VALUES ($1, $2, now(), 'out', 'notice', $3, $4, true, NULL)`,
    [randomUUID(), requestId, summary, note ?? null],
  );
}

/** Queues the notice when the library sends this kind and the patron has an address; notes on the timeline why not otherwise. */
export async function enqueueNotice(
  tx: Sql,
  tenant: string,
  settings: Settings,
  r: ResourceSharingRequest,
  kind: NoticeKind,
  change: { params: Record<string, unknown> },
  now: Date,
): Promise<boolean> {
  const n = noticeSettings(settings);
  if (!n.enabled || !n.send.includes(kind)) return false;
  const to = r.patron?.email;
  if (!to) {
    await timeline(tx, tenant, r.id, `No ${kind} notice: the patron has no email address`);
    return false;
  }
  const route = deliveryRoute(settings, n);
  if ('problem' in route) {
    await timeline(tx, tenant, r.id, `No ${kind} notice: ${route.problem}`);
    return false;
  }
  const { subject, body } = renderNotice(n, kind, noticeValues(settings, n, r, change.params, now));
  const message: NoticeMessage = { tenant, kind, via: route.via, from: n.from, to, subject, text: body };
  await enqueue(tx, tenant, {
    requestId: r.id,
    partnerSymbol: `PATRON:${r.patron?.barcode ?? r.patron?.id ?? 'unknown'}`,
    url: route.url,
    kind: NOTICE_OUTBOX_KIND,
    body: JSON.stringify(message),
  });
  r.patronSide = { ...r.patronSide, lastNotice: { kind, date: now.toISOString() } };
  await timeline(tx, tenant, r.id, `Notice to the patron (${kind}) by ${route.via === 'folio' ? 'FOLIO email' : 'SMTP'} to ${to}: ${subject}`);
  return true;
}
