// The library's notice settings with defaults filled in; the SMTP password kept out of answers;
// templates naming unknown fields refused.
import { ValidationError } from '../okapi/errors.ts';
import type { Settings } from '../settings/settings-types.ts';
import { defaultCopyDelivery, defaultNoticeSettings, type CopyDeliverySettings, type PatronNoticeSettings } from './notice-types.ts';
import { unknownFields } from './render.ts';

export const MASKED_PASSWORD = '********';

export function noticeSettings(settings: Settings): PatronNoticeSettings {
  return { ...defaultNoticeSettings, ...settings.patronNotices };
}

/** How the library keeps a copy delivered as a link, with defaults filled in. */
export function copyDeliveryOf(settings: Settings): CopyDeliverySettings {
  return { ...defaultCopyDelivery, ...settings.patronNotices?.copyDelivery };
}

export function maskNoticePassword<T extends Partial<Settings>>(settings: T): T {
  const n = settings.patronNotices;
  if (!n?.smtp?.password) return settings;
  return { ...settings, patronNotices: { ...n, smtp: { ...n.smtp, password: MASKED_PASSWORD } } };
}

export function keepMaskedNoticePassword<T extends Partial<Settings>>(body: T, stored: Settings): T {
  const n = body.patronNotices;
  if (n?.smtp?.password !== MASKED_PASSWORD) return body;
  const password = stored.patronNotices?.smtp?.password;
  const { password: _masked, ...smtp } = n.smtp;
  return { ...body, patronNotices: { ...n, smtp: password ? { ...smtp, password } : smtp } };
}

/**
 * The checks a PUT of the settings runs on `patronNotices` beyond its schema: templates naming
 * fields notices do not have, and stored copies without a patron page to link to (each a 422
 * naming the field).
 */
export function checkNoticeTemplates(body: Partial<Settings>): void {
  checkTemplateFields(body);
  checkCopyDelivery(body);
}

/** 422 naming the template and the field when a template uses a field notices do not have. */
export function checkTemplateFields(body: Partial<Settings>): void {
  for (const [locale, kinds] of Object.entries(body.patronNotices?.templates ?? {})) {
    for (const [kind, t] of Object.entries(kinds ?? {})) {
      for (const part of ['subject', 'body'] as const) {
        const bad = unknownFields(t?.[part] ?? '');
        if (bad.length) {
          throw ValidationError.field(
            `patronNotices.templates.${locale}.${kind}.${part}`,
            `{${bad[0]}}`,
            `The ${kind} notice (${locale}) names {${bad[0]}}, which notices do not have`,
            'notices.unknownField',
          );
        }
      }
    }
  }
}

/**
 * 422 on `patronNotices.patronPageUrl` when the library stores copies and sends copy-ready notices
 * but has not said where its patron page is: the notice would have no link to give (it never
 * hands out the supplier's link for a stored copy).
 */
export function checkCopyDelivery(body: Partial<Settings>): void {
  const n = body.patronNotices;
  if (!n) return;
  const full = { ...defaultNoticeSettings, ...n };
  if (!full.enabled || !full.send.includes('copyReady') || full.copyDelivery?.keep !== 'store' || full.patronPageUrl) return;
  throw ValidationError.field(
    'patronNotices.patronPageUrl',
    '',
    'Copies are stored and copy-ready notices go: give the address of the patron page the notice links to',
    'notices.patronPageUrlRequired',
  );
}
