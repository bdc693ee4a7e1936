import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, CheckBox, HTML, Select, TextField, including } from '@bigtest/interactor';
import { loadHarness, type Harness } from '../../test/setup.ts';
import { FakeConfigBackend } from '../../test/fake-config-backend.ts';
import { FieldErrorAt } from '../../test/editor-interactors.ts';
import { Callout, TextArea } from '../../test/interactors.ts';

const Preview = HTML.extend('notice preview').selector('[data-test-notice-preview]');

const DEFAULT = { subject: '"{title}" is ready for you', body: 'Dear {patronName}, collect it at {pickupLocation} until {pickupUntil}.' };

/** The config backend plus the module's notice preview, which fills a template with a sample request. */
class PatronSettingsBackend extends FakeConfigBackend {
  private readonly configFetch = (this as FakeConfigBackend).fetch;
  override readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (!request.url.endsWith('/resource-sharing/settings/patron-notices/preview')) return this.configFetch(request);
    const body = JSON.parse(await request.text()) as { kind: string; template?: { subject: string; body: string } };
    this.previews.push(body);
    const t = body.template ?? DEFAULT;
    const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_m, f: string) => ({ title: 'Emma', patronName: 'Alice Reader', pickupLocation: 'Main desk', pickupUntil: 'May 8' } as Record<string, string>)[f] ?? '–');
    return new Response(JSON.stringify({ kind: body.kind, subject: fill(t.subject), body: fill(t.body), defaultTemplate: DEFAULT, fields: ['title', 'patronName'] }), {
      status: 200, headers: { 'Content-Type': 'application/json' },
    });
  };
  previews: Array<{ kind: string; template?: unknown }> = [];
}

/** The module's answers to a PUT of patronNotices: its schema (days 1–365) and the patron page a stored copy's notice needs. */
class CopySettingsBackend extends PatronSettingsBackend {
  private readonly noticeFetch = (this as PatronSettingsBackend).fetch;
  override readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.method === 'PUT' && new URL(request.url).pathname === '/resource-sharing/settings') {
      const n = (JSON.parse(await request.clone().text()) as { patronNotices?: Record<string, any> }).patronNotices;
      const refuse = (key: string, message: string, code: string) => new Response(JSON.stringify({ errors: [{ message, code, parameters: [{ key, value: '' }] }], total_records: 1 }), {
        status: 422, headers: { 'Content-Type': 'application/json' },
      });
      if (n?.copyDelivery?.days > 365) return refuse('patronNotices.copyDelivery.days', 'patronNotices.copyDelivery.days must be <= 365', 'validation.maximum');
      if (n?.enabled && n.copyDelivery?.keep === 'store' && !n.patronPageUrl) {
        return refuse('patronNotices.patronPageUrl', 'Copies are stored and copy-ready notices go: give the address of the patron page the notice links to', 'notices.patronPageUrlRequired');
      }
    }
    return this.noticeFetch(request);
  };
}

/** What a module holds: defaults partly stored, a masked SMTP password, and keys this page does not know (a newer module's). */
const STORED_NOTICES = {
  enabled: true,
  send: ['received', 'copyReady'],
  delivery: 'smtp',
  smtp: { host: 'mail.example.org', port: 587, secure: false, password: '********', tlsMinVersion: 'TLSv1.3' },
  libraryName: 'Alpha Library',
  copyDelivery: { keep: 'link', keepAfterDays: 90 },
  quietHours: { from: '22:00', to: '07:00' },
};

describe('ui-resource-sharing: patron request settings', () => {
  let h: Harness;
  let mounted: ReturnType<Harness['mountApp']>;
  before(async () => { h = await loadHarness(); });
  afterEach(() => mounted?.unmount());

  it('turns patron requests and notices on, with pickup locations and an SMTP server, and checks the secret first', async () => {
    const backend = new PatronSettingsBackend();
    mounted = h.mountApp({ path: '/settings/resource-sharing/patrons', backend });
    await CheckBox(including('Patrons may place requests')).click();
    await TextField(including('Patron token secret')).fillIn('too-short');
    await Button('Save').click();
    await FieldErrorAt('rs-patron-secret').has({ text: 'The secret needs at least 16 characters.' });
    assert.equal(backend.callsTo('/resource-sharing/settings', 'PUT').length, 0);

    await TextField(including('Patron token secret')).fillIn('a-secret-long-enough-1234');
    await TextArea(including('Pickup locations')).fillIn('MAIN = Main desk\nBRANCH = Branch library');
    await CheckBox('Send notices to patrons').click();
    await CheckBox('Overdue').click();
    await Select('Sent through').choose('The SMTP server below');
    await TextField('SMTP server').fillIn('mail.example.org');
    await TextField('SMTP port').fillIn('587');
    await Button('Save').click();
    await Callout(including('Settings saved.')).exists();
    const put = backend.callsTo('/resource-sharing/settings', 'PUT')[0].body as Record<string, any>;
    assert.deepEqual(put.patronRequests, {
      enabled: true, tokenSecret: 'a-secret-long-enough-1234', pickupLocations: [{ code: 'MAIN', name: 'Main desk' }, { code: 'BRANCH', name: 'Branch library' }],
    });
    assert.equal(put.patronNotices.enabled, true);
    assert.equal(put.patronNotices.delivery, 'smtp');
    assert.deepEqual(put.patronNotices.smtp, { host: 'mail.example.org', port: 587, secure: false });
    assert.ok(!put.patronNotices.send.includes('overdue'));
    assert.equal(put.patronNotices.send.length, 7);
  });

  it('previews a notice, edits its text and saves it for that language', async () => {
    const backend = new PatronSettingsBackend();
    mounted = h.mountApp({ path: '/settings/resource-sharing/patrons', backend });
    await Button('Preview').click();
    await Preview().has({ text: including('"Emma" is ready for you') });
    await TextField('Subject').has({ value: DEFAULT.subject });
    await TextField('Subject').fillIn('Ready: {title} for {patronName}');
    await Button('Preview').click();
    await Preview().has({ text: including('Ready: Emma for Alice Reader') });
    assert.deepEqual(backend.previews[1], { kind: 'readyForPickup', locale: 'en', template: { subject: 'Ready: {title} for {patronName}', body: DEFAULT.body } });
    await Button('Save').click();
    await Callout(including('Settings saved.')).exists();
    const put = backend.callsTo('/resource-sharing/settings', 'PUT')[0].body as Record<string, any>;
    assert.deepEqual(put.patronNotices.templates, { en: { readyForPickup: { subject: 'Ready: {title} for {patronName}', body: DEFAULT.body } } });
  });

  it('stores copies for a number of days, with the module\'s refusals shown on their fields, and keeps what it does not edit', async () => {
    const backend = new CopySettingsBackend();
    backend.settings = { ...backend.settings, patronNotices: structuredClone(STORED_NOTICES) } as typeof backend.settings;
    mounted = h.mountApp({ path: '/settings/resource-sharing/patrons', backend });
    await Select('How the patron gets the copy').has({ value: "Pass the supplier's link on to the patron" });
    assert.equal(document.querySelector('#rs-copies-days'), null, 'no days while the supplier\'s link is passed on');
    await TextField("Days a patron can open the supplier's link").has({ value: '14' });
    await Select('How the patron gets the copy').choose('Store the copy and serve it to the patron from the library');
    assert.equal(document.querySelector('#rs-notices-link-days'), null, "no supplier link's days while copies are stored");
    await CheckBox('Serve a stored copy once (the first download)').has({ checked: false });
    await TextField('Days a stored copy is served').has({ value: '14' });
    await TextField('Days a stored copy is served').fillIn('400');
    await Button('Save').click();
    await FieldErrorAt('rs-copies-days').has({ text: 'patronNotices.copyDelivery.days must be <= 365' });

    await TextField('Days a stored copy is served').fillIn('7');
    await Button('Save').click();
    await FieldErrorAt('rs-copies-patron-page').has({ text: including('give the address of the patron page') });
    await FieldErrorAt('rs-copies-days').has({ text: '' });

    await TextField(including('Address of the patron page')).fillIn('https://library.example.org/ill/my-requests');
    await Button('Save').click();
    await Callout(including('Settings saved.')).exists();
    const puts = backend.callsTo('/resource-sharing/settings', 'PUT');
    const sent = puts[puts.length - 1].body as Record<string, any>;
    assert.deepEqual(sent.patronNotices, {
      ...STORED_NOTICES,
      copyDelivery: { keep: 'store', days: 7, keepAfterDays: 90 }, // servedFor untouched: absent as read (the module's default, days)
      patronPageUrl: 'https://library.example.org/ill/my-requests',
    }, 'what was read, changed only where the user changed it');
    assert.ok(!('patronRequests' in sent), 'the module answered no patronRequests and the user changed none: none is sent');
  });

  it('serves a stored copy once: the days are not asked for, and a second save changes only that', async () => {
    const backend = new CopySettingsBackend();
    backend.settings = { ...backend.settings, patronNotices: { ...structuredClone(STORED_NOTICES), copyDelivery: { keep: 'store', servedFor: 'days', days: 10 }, patronPageUrl: 'https://library.example.org/ill' } } as typeof backend.settings;
    mounted = h.mountApp({ path: '/settings/resource-sharing/patrons', backend });
    await TextField('Days a stored copy is served').has({ value: '10' });
    await CheckBox('Serve a stored copy once (the first download)').click();
    await TextField('Days a stored copy is served').is({ disabled: true });
    await Button('Save').click();
    await Callout(including('Settings saved.')).exists();
    const sent = backend.callsTo('/resource-sharing/settings', 'PUT')[0].body as Record<string, any>;
    assert.deepEqual(sent.patronNotices.copyDelivery, { keep: 'store', servedFor: 'once', days: 10 });
    assert.deepEqual(sent.patronNotices.quietHours, STORED_NOTICES.quietHours);
    assert.equal(sent.patronNotices.smtp.password, '********', 'the masked password goes back as read, so the module keeps it');
  });
});
