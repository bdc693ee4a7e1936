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
});
