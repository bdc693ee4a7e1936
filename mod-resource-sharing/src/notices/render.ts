// Fills a notice template: `{field}` becomes the field's value ("–" when the request has none);
// `{{` and `}}` stand for literal braces. A template naming an unknown field is refused when saved.
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { NOTICE_FIELDS, type NoticeKind, type NoticeTemplate, type NoticeValues, type PatronNoticeSettings } from './notice-types.ts';

const FIELD = /\{\{|\}\}|\{([A-Za-z]+)\}/g;

export function fillTemplate(text: string, values: NoticeValues): string {
  return text.replace(FIELD, (match, name: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    return values[name as keyof NoticeValues] ?? '–';
  });
}

/** Field names a template uses that are not notice fields. */
export function unknownFields(text: string): string[] {
  const known = new Set<string>(NOTICE_FIELDS);
  return [...text.matchAll(FIELD)].map((m) => m[1]).filter((n): n is string => n !== undefined && !known.has(n));
}

export function templateFor(settings: PatronNoticeSettings, kind: NoticeKind, locale = settings.locale): NoticeTemplate {
  return settings.templates[locale]?.[kind] ?? DEFAULT_TEMPLATES[locale][kind];
}

export function renderNotice(settings: PatronNoticeSettings, kind: NoticeKind, values: NoticeValues, locale = settings.locale): NoticeTemplate {
  const t = templateFor(settings, kind, locale);
  return { subject: fillTemplate(t.subject, values).replace(/[\r\n]+/g, ' '), body: fillTemplate(t.body, values) };
}
