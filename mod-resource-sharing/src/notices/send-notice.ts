// Delivers a queued patron notice: through FOLIO's `email` interface (mod-email's POST /email,
// which answers 200 with a text body) or by SMTP with nodemailer. Answers in HTTP terms so the
// outbox reads them like any message: 2xx delivered; 5xx, 429 and network errors retried; other
// 4xx (e.g. the mail server refuses the address for good) failed at once.
import nodemailer from 'nodemailer';
import type { Database } from '../db/database.ts';
import { folioClient } from '../host/host-for-tenant.ts';
import { OkapiError } from '../okapi/okapi-client.ts';
import { registerKindSender, type OutboxMessage, type SendResponse } from '../outbox/index.ts';
import { getSettings } from '../settings/settings-store.ts';
import { NOTICE_OUTBOX_KIND, type NoticeMessage } from './notice-outbox.ts';
import { noticeSettings } from './notice-settings.ts';

async function sendByFolio(db: Database, msg: NoticeMessage, row: OutboxMessage): Promise<SendResponse> {
  const settings = await getSettings(db, msg.tenant);
  if (!settings.folioHost) return { status: 422, body: 'no FOLIO host is set up for notices' };
  const client = folioClient(msg.tenant, settings.folioHost);
  try {
    const res = await client.request<unknown>('POST', '/email', {
      body: { notificationId: row.id, from: msg.from, to: msg.to, header: msg.subject, body: msg.text, outputFormat: 'text/plain' },
    });
    return { status: res.status, body: typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '') };
  } catch (e) {
    // 401/403: this call ran with a token lacking email.message.post (a staff call's kick); the
    // outbox timer, which has it, delivers on the next try
    if (e instanceof OkapiError && (e.status === 401 || e.status === 403)) return { status: 503, body: e.message };
    if (e instanceof OkapiError && e.status > 0) return { status: e.status, body: e.message };
    throw e;
  }
}

async function sendBySmtp(db: Database, msg: NoticeMessage): Promise<SendResponse> {
  const n = noticeSettings(await getSettings(db, msg.tenant));
  if (!n.smtp) return { status: 422, body: 'no SMTP server is set for notices' };
  const transport = nodemailer.createTransport({
    host: n.smtp.host,
    port: n.smtp.port,
    secure: n.smtp.secure ?? false,
    ...(n.smtp.user ? { auth: { user: n.smtp.user, pass: n.smtp.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 10_000,
  });
  try {
    const info = await transport.sendMail({ from: msg.from, to: msg.to, subject: msg.subject, text: msg.text });
    if (info.rejected.length) return { status: 422, body: `the mail server refused ${info.rejected.join(', ')}: ${info.response}` };
    return { status: 200, body: info.response };
  } catch (e) {
    const err = e as Error & { responseCode?: number; code?: string };
    // SMTP 5xx is a permanent refusal, 4xx a temporary one; no code: connection trouble
    if (err.responseCode && err.responseCode >= 500) return { status: 422, body: `SMTP ${err.responseCode}: ${err.message}` };
    if (err.responseCode) return { status: 503, body: `SMTP ${err.responseCode}: ${err.message}` };
    throw e;
  } finally {
    transport.close();
  }
}

export function noticeSender(db: Database) {
  return async (row: OutboxMessage): Promise<SendResponse> => {
    let msg: NoticeMessage;
    try {
      msg = JSON.parse(row.body) as NoticeMessage;
    } catch {
      return { status: 400, body: 'the notice in the outbox is not JSON' };
    }
    return msg.via === 'folio' ? sendByFolio(db, msg, row) : sendBySmtp(db, msg);
  };
}

/** Notices leave through the outbox with this sender (server.ts installs it). */
export function installNoticeSender(db: Database): void {
  registerKindSender(NOTICE_OUTBOX_KIND, noticeSender(db));
}
