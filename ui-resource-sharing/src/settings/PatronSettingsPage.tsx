/** @jsxRuntime automatic @jsxImportSource react */
// Settings → Patron requests: the patron page (on/off, token secret, pickup locations) and the
// notices patrons get (which go, how they are sent, their texts per language with a preview), and
// how a copy delivered as a link reaches the patron (the supplier's link, or a copy the library
// stores and serves for some days or once). Saving sends back what it read, changed only where the
// user changed it, so parts of the settings a newer module holds are kept.
import { useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { useOkapiKy } from '@folio/stripes/core';
import { Button, Checkbox, Headline, MessageBanner, Select, TextArea, TextField } from '@folio/stripes/components';
import { InputField } from '../components/InputField';
import { T } from '../utils/labels';
import { WithTenantSettings } from './editors/WithTenantSettings';
import { keepUnchanged } from './editors/settings-fields';
import type { TenantSettings } from './editors/config-types';
import { EditorFrame } from './editors/EditorFrame';
import { useSettingsEditor } from './editors/use-settings-editor';

export const NOTICE_KINDS = ['received', 'sentToLender', 'unfilled', 'readyForPickup', 'overdue', 'recalled', 'cancelled', 'copyReady'] as const;
type NoticeKind = (typeof NOTICE_KINDS)[number];
type Locale = 'en' | 'de';
interface Template { subject: string; body: string }

/** The two settings keys this page edits (the module's PatronRequestSettings and PatronNoticeSettings). */
interface PatronSettings {
  patronRequests?: { enabled: boolean; tokenSecret: string | null; pickupLocations: { code: string; name: string }[] };
  patronNotices?: {
    enabled: boolean;
    send?: NoticeKind[];
    locale?: Locale;
    templates?: Partial<Record<Locale, Partial<Record<NoticeKind, Template>>>>;
    delivery?: 'auto' | 'folio' | 'smtp';
    smtp?: { host: string; port: number; secure?: boolean; user?: string; password?: string } | null;
    from?: string;
    libraryName?: string;
    holdShelfDays?: number;
    documentLinkDays?: number;
    copyDelivery?: CopyDelivery;
    patronPageUrl?: string | null;
  };
}

/** how copies delivered as a link reach the patron: the supplier's link, or a copy the module stores */
interface CopyDelivery { keep: 'link' | 'store'; servedFor?: 'once' | 'days'; days?: number }

interface Values {
  enabled: boolean;
  tokenSecret: string;
  pickupLocations: string;
  noticesEnabled: boolean;
  send: NoticeKind[];
  locale: Locale;
  delivery: 'auto' | 'folio' | 'smtp';
  smtpHost: string;
  smtpPort: string;
  smtpUser: string;
  smtpPassword: string;
  from: string;
  libraryName: string;
  holdShelfDays: string;
  documentLinkDays: string;
  copyKeep: CopyDelivery['keep'];
  /** a stored copy is served once (the first download) instead of for some days */
  copyOnce: boolean;
  copyDays: string;
  patronPageUrl: string;
  templates: Partial<Record<Locale, Partial<Record<NoticeKind, Template>>>>;
}

function valuesOf(s: PatronSettings): Values {
  const r = s.patronRequests;
  const n = s.patronNotices;
  return {
    enabled: r?.enabled ?? false,
    tokenSecret: r?.tokenSecret ?? '',
    pickupLocations: (r?.pickupLocations ?? []).map((l) => `${l.code} = ${l.name}`).join('\n'),
    noticesEnabled: n?.enabled ?? false,
    send: n?.send ?? [...NOTICE_KINDS],
    locale: n?.locale ?? 'en',
    delivery: n?.delivery ?? 'auto',
    smtpHost: n?.smtp?.host ?? '',
    smtpPort: n?.smtp?.port ? String(n.smtp.port) : '',
    smtpUser: n?.smtp?.user ?? '',
    smtpPassword: n?.smtp?.password ?? '',
    from: n?.from ?? 'library@example.org',
    libraryName: n?.libraryName ?? 'Your library',
    holdShelfDays: String(n?.holdShelfDays ?? 7),
    documentLinkDays: String(n?.documentLinkDays ?? 14),
    copyKeep: n?.copyDelivery?.keep ?? 'link',
    copyOnce: n?.copyDelivery?.servedFor === 'once',
    copyDays: String(n?.copyDelivery?.days ?? 14),
    patronPageUrl: n?.patronPageUrl ?? '',
    templates: n?.templates ?? {},
  };
}

/** "CODE = Name" per line. */
function locationsOf(text: string) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const [code, ...name] = l.split('=');
    return { code: code.trim(), name: (name.join('=').trim() || code.trim()) };
  });
}

function validate(v: Values): Record<string, string> {
  const e: Record<string, string> = {};
  if (v.enabled && v.tokenSecret.length < 16) e['patronRequests.tokenSecret'] = 'patronSettings.error.secret';
  if (locationsOf(v.pickupLocations).some((l) => !/^\S+$/.test(l.code))) e['patronRequests.pickupLocations'] = 'patronSettings.error.locations';
  if (v.noticesEnabled && v.delivery === 'smtp' && (!v.smtpHost.trim() || !/^\d+$/.test(v.smtpPort))) e['patronNotices.smtp'] = 'patronSettings.error.smtp';
  // the supplier link's days are asked for only while links are passed on
  const days: Array<'holdShelfDays' | 'documentLinkDays'> = v.copyKeep === 'link' ? ['holdShelfDays', 'documentLinkDays'] : ['holdShelfDays'];
  for (const k of days) if (!/^\d+$/.test(v[k]) || Number(v[k]) < 1) e[`patronNotices.${k}`] = 'patronSettings.error.days';
  // the upper limit is the module's to say (422 on the field)
  if (v.copyKeep === 'store' && !v.copyOnce && (!/^\d+$/.test(v.copyDays) || Number(v.copyDays) < 1)) e['patronNotices.copyDelivery.days'] = 'patronSettings.error.days';
  return e;
}

/** Both settings as the form's values say, whole. */
function settingsOf(v: Values): PatronSettings {
  const smtp = v.smtpHost.trim() && /^\d+$/.test(v.smtpPort)
    ? { host: v.smtpHost.trim(), port: Number(v.smtpPort), secure: Number(v.smtpPort) === 465, ...(v.smtpUser ? { user: v.smtpUser } : {}), ...(v.smtpPassword ? { password: v.smtpPassword } : {}) }
    : null;
  return {
    patronRequests: { enabled: v.enabled, tokenSecret: v.tokenSecret || null, pickupLocations: locationsOf(v.pickupLocations) },
    patronNotices: {
      enabled: v.noticesEnabled,
      send: v.send,
      locale: v.locale,
      templates: v.templates,
      delivery: v.delivery,
      smtp,
      from: v.from,
      libraryName: v.libraryName,
      holdShelfDays: Number(v.holdShelfDays),
      documentLinkDays: Number(v.documentLinkDays),
      copyDelivery: {
        keep: v.copyKeep,
        servedFor: v.copyOnce ? 'once' : 'days',
        // the days stay as they were while a copy is served once
        days: /^\d+$/.test(v.copyDays) ? Number(v.copyDays) : 14,
      },
      patronPageUrl: v.patronPageUrl.trim() || null,
    },
  };
}

/** The PUT body: what was read, changed only where the user changed it. */
function patchOf(stored: PatronSettings, initial: Values, v: Values): PatronSettings {
  const before = settingsOf(initial);
  const after = settingsOf(v);
  return {
    patronRequests: keepUnchanged(stored.patronRequests, before.patronRequests, after.patronRequests) as PatronSettings['patronRequests'],
    patronNotices: keepUnchanged(stored.patronNotices, before.patronNotices, after.patronNotices) as PatronSettings['patronNotices'],
  };
}

const COPY_FIELDS = ['patronNotices.copyDelivery', 'patronNotices.copyDelivery.keep', 'patronNotices.copyDelivery.servedFor', 'patronNotices.copyDelivery.days', 'patronNotices.patronPageUrl'];

interface Preview { subject: string; body: string; defaultTemplate: Template; fields: string[] }

/** One notice's text in one language, with the fields it may name and a preview from the module. */
function TemplateEditor({ values, setValues }: { values: Values; setValues: (f: (v: Values) => Values) => void }) {
  const intl = useIntl();
  const ky = useOkapiKy();
  const msg = (key: string, vals?: Record<string, string>) => intl.formatMessage({ id: `${T}.${key}` }, vals);
  const [kind, setKind] = useState<NoticeKind>('readyForPickup');
  const [locale, setLocale] = useState<Locale>(values.locale);
  const [preview, setPreview] = useState<Preview | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const own = values.templates[locale]?.[kind];
  const shown: Template = own ?? preview?.defaultTemplate ?? { subject: '', body: '' };
  const edit = (part: keyof Template, text: string) =>
    setValues((v) => ({ ...v, templates: { ...v.templates, [locale]: { ...v.templates[locale], [kind]: { ...shown, [part]: text } } } }));
  const reset = () => setValues((v) => {
    const { [kind]: _dropped, ...rest } = v.templates[locale] ?? {};
    return { ...v, templates: { ...v.templates, [locale]: rest } };
  });
  const show = async (template?: Template) => {
    setProblem(undefined);
    try {
      setPreview(await ky.post('resource-sharing/settings/patron-notices/preview', { json: { kind, locale, ...(template ? { template } : {}) } }).json<Preview>());
    } catch (e) {
      const body = (e as { response?: Response }).response;
      const text = body ? await body.text() : String(e);
      try { setProblem((JSON.parse(text) as { errors: { message: string }[] }).errors.map((x) => x.message).join(' ')); } catch { setProblem(text); }
    }
  };
  return (
    <section id="rs-patron-notice-templates" aria-labelledby="rs-patron-notice-templates-heading">
      <Headline size="medium" tag="h3"><span id="rs-patron-notice-templates-heading">{msg('patronSettings.templates')}</span></Headline>
      <Select id="rs-notice-kind" label={msg('patronSettings.templateKind')} value={kind}
        dataOptions={NOTICE_KINDS.map((k) => ({ value: k, label: msg(`patronSettings.kind.${k}`) }))}
        onChange={(e) => { setKind(e.target.value as NoticeKind); setPreview(undefined); }} />
      <Select id="rs-notice-locale" label={msg('patronSettings.templateLocale')} value={locale}
        dataOptions={[{ value: 'en', label: 'English' }, { value: 'de', label: 'Deutsch' }]}
        onChange={(e) => { setLocale(e.target.value as Locale); setPreview(undefined); }} />
      {own || preview ? (
        <>
          <TextField id="rs-notice-subject" label={msg('patronSettings.subject')} value={shown.subject} onChange={(e) => edit('subject', e.target.value)} />
          <TextArea id="rs-notice-body" label={msg('patronSettings.body')} value={shown.body} rows={8} onChange={(e) => edit('body', e.target.value)} />
          <p className="rs-muted">{msg('patronSettings.fields', { fields: (preview?.fields ?? []).map((f) => `{${f}}`).join(' ') })}</p>
        </>
      ) : null}
      <Button id="rs-notice-preview" onClick={() => { void show(own); }}>{msg('patronSettings.preview')}</Button>
      {own ? <Button id="rs-notice-reset" onClick={reset}>{msg('patronSettings.useDefault')}</Button> : null}
      {problem ? <MessageBanner type="error">{problem}</MessageBanner> : null}
      {preview ? (
        <div id="rs-notice-preview-result" data-test-notice-preview>
          <strong>{preview.subject}</strong>
          <pre style={{ whiteSpace: 'pre-wrap', font: 'inherit' }}>{preview.body}</pre>
        </div>
      ) : null}
    </section>
  );
}

function PatronSettingsForm({ id, label, stored }: { id: string; label: ReactNode; stored: PatronSettings }) {
  const intl = useIntl();
  const msg = (key: string) => intl.formatMessage({ id: `${T}.${key}` });
  const { values, setValues, set, errorAt, frame } = useSettingsEditor<Values>(
    () => valuesOf(stored),
    validate,
    (initial, v) => patchOf(stored, initial, v) as Partial<TenantSettings>,
  );
  const shown = new Set([
    'patronRequests.tokenSecret', 'patronRequests.pickupLocations', 'patronNotices.smtp', 'patronNotices.holdShelfDays', 'patronNotices.documentLinkDays',
    ...COPY_FIELDS,
  ]);
  // the module names the object, or a field in it
  const copyError = (key: string) => errorAt(key) ?? (key === 'patronNotices.copyDelivery.keep' ? errorAt('patronNotices.copyDelivery') : undefined);
  return (
    <EditorFrame
      id={id}
      title={label}
      {...frame((k) => shown.has(k))}
    >
      <Headline size="medium" tag="h3">{msg('patronSettings.page')}</Headline>
      <Checkbox id="rs-patron-enabled" label={msg('patronSettings.enabled')} checked={values.enabled} onChange={(e) => set('enabled', e.target.checked)} />
      <InputField id="rs-patron-secret" type="password" label={msg('patronSettings.tokenSecret')} value={values.tokenSecret}
        onChange={(e) => set('tokenSecret', e.target.value)} error={errorAt('patronRequests.tokenSecret')} />
      <TextArea id="rs-patron-locations" label={msg('patronSettings.pickupLocations')} value={values.pickupLocations} rows={4}
        onChange={(e) => set('pickupLocations', e.target.value)} error={errorAt('patronRequests.pickupLocations')} />

      <Headline size="medium" tag="h3">{msg('patronSettings.notices')}</Headline>
      <Checkbox id="rs-notices-enabled" label={msg('patronSettings.noticesEnabled')} checked={values.noticesEnabled} onChange={(e) => set('noticesEnabled', e.target.checked)} />
      <fieldset>
        <legend>{msg('patronSettings.send')}</legend>
        {NOTICE_KINDS.map((k) => (
          <Checkbox key={k} id={`rs-notice-send-${k}`} label={msg(`patronSettings.kind.${k}`)} checked={values.send.includes(k)}
            onChange={(e) => set('send', e.target.checked ? [...values.send, k] : values.send.filter((x) => x !== k))} />
        ))}
      </fieldset>
      <Select id="rs-notices-locale" label={msg('patronSettings.locale')} value={values.locale}
        dataOptions={[{ value: 'en', label: 'English' }, { value: 'de', label: 'Deutsch' }]} onChange={(e) => set('locale', e.target.value as Locale)} />
      <Select id="rs-notices-delivery" label={msg('patronSettings.delivery')} value={values.delivery}
        dataOptions={(['auto', 'folio', 'smtp'] as const).map((d) => ({ value: d, label: msg(`patronSettings.delivery.${d}`) }))}
        onChange={(e) => set('delivery', e.target.value as Values['delivery'])} />
      <TextField id="rs-notices-smtp-host" label={msg('patronSettings.smtpHost')} value={values.smtpHost} onChange={(e) => set('smtpHost', e.target.value)} error={errorAt('patronNotices.smtp')} />
      <InputField id="rs-notices-smtp-port" type="number" label={msg('patronSettings.smtpPort')} value={values.smtpPort} onChange={(e) => set('smtpPort', e.target.value)} />
      <TextField id="rs-notices-smtp-user" label={msg('patronSettings.smtpUser')} value={values.smtpUser} onChange={(e) => set('smtpUser', e.target.value)} />
      <InputField id="rs-notices-smtp-password" type="password" label={msg('patronSettings.smtpPassword')} value={values.smtpPassword} onChange={(e) => set('smtpPassword', e.target.value)} />
      <TextField id="rs-notices-from" label={msg('patronSettings.from')} value={values.from} onChange={(e) => set('from', e.target.value)} />
      <TextField id="rs-notices-library" label={msg('patronSettings.libraryName')} value={values.libraryName} onChange={(e) => set('libraryName', e.target.value)} />
      <InputField id="rs-notices-hold-days" type="number" label={msg('patronSettings.holdShelfDays')} value={values.holdShelfDays}
        onChange={(e) => set('holdShelfDays', e.target.value)} error={errorAt('patronNotices.holdShelfDays')} />

      <Headline size="medium" tag="h3">{msg('patronSettings.copies')}</Headline>
      <Select id="rs-copies-keep" label={msg('patronSettings.copyKeep')} value={values.copyKeep}
        dataOptions={(['link', 'store'] as const).map((k) => ({ value: k, label: msg(`patronSettings.copyKeep.${k}`) }))}
        onChange={(e) => set('copyKeep', e.target.value as Values['copyKeep'])} error={copyError('patronNotices.copyDelivery.keep')} />
      {values.copyKeep === 'link' ? (
        <InputField id="rs-notices-link-days" type="number" label={msg('patronSettings.documentLinkDays')} value={values.documentLinkDays}
          onChange={(e) => set('documentLinkDays', e.target.value)} error={errorAt('patronNotices.documentLinkDays')} />
      ) : (
        <>
          <Checkbox id="rs-copies-once" label={msg('patronSettings.copyOnce')} checked={values.copyOnce} onChange={(e) => set('copyOnce', e.target.checked)}
            error={errorAt('patronNotices.copyDelivery.servedFor')} />
          <InputField id="rs-copies-days" type="number" label={msg('patronSettings.copyDays')} value={values.copyDays} disabled={values.copyOnce}
            onChange={(e) => set('copyDays', e.target.value)} error={errorAt('patronNotices.copyDelivery.days')} />
        </>
      )}
      <TextField id="rs-copies-patron-page" label={msg('patronSettings.patronPageUrl')} value={values.patronPageUrl}
        onChange={(e) => set('patronPageUrl', e.target.value)} error={errorAt('patronNotices.patronPageUrl')} />
      <TemplateEditor values={values} setValues={setValues} />
    </EditorFrame>
  );
}

/** Settings → Patron requests. */
export function PatronSettingsPage({ label }: { label?: ReactNode }) {
  const id = 'rs-settings-patrons';
  return <WithTenantSettings id={id} label={label}>{(stored) => <PatronSettingsForm id={id} label={label} stored={stored as unknown as PatronSettings} />}</WithTenantSettings>;
}
