import assert from 'node:assert/strict';
import { enableTenant, purgeTenant, startModule, tenantClient, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';
import { fillTemplate, unknownFields } from '../../src/notices/render.ts';
import { DEFAULT_TEMPLATES } from '../../src/notices/default-templates.ts';
import { NOTICE_KINDS, NOTICE_LOCALES } from '../../src/notices/notice-types.ts';

describe('patron notices: templates, settings and preview', () => {
  let mod: RunningModule;
  let tenant: string;
  let staff: ReturnType<typeof tenantClient>;

  before(async () => {
    mod = await startModule();
    tenant = uniqueTenant('notices');
    await enableTenant(mod.url, tenant);
    staff = tenantClient(mod.url, tenant);
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  it('fills named fields, keeps doubled braces literal and shows a dash for a value the request lacks', () => {
    assert.equal(fillTemplate('{title} by {author} {{x}} {pickupLocation}', { title: 'Emma', author: 'Austen' }), 'Emma by Austen {x} –');
    assert.deepEqual(unknownFields('{title} {colour} {{ok}}'), ['colour']);
  });

  it('ships a text for every kind in English and German, naming only known fields', () => {
    for (const locale of NOTICE_LOCALES) {
      for (const kind of NOTICE_KINDS) {
        const t = DEFAULT_TEMPLATES[locale][kind];
        assert.deepEqual([...unknownFields(t.subject), ...unknownFields(t.body)], [], `${locale} ${kind}`);
      }
    }
  });

  it('refuses a template naming a field notices do not have, and names it', async () => {
    const res = await staff.put('/resource-sharing/settings', {
      patronNotices: { enabled: true, templates: { de: { overdue: { subject: 'Überfällig: {title}', body: 'Hallo {vorname}' } } } },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].code, 'notices.unknownField');
    assert.equal(res.body.errors[0].parameters[0].key, 'patronNotices.templates.de.overdue.body');
    assert.equal(res.body.errors[0].parameters[0].value, '{vorname}');
  });

  it('never shows the SMTP password, and keeps it when the masked value comes back', async () => {
    const put = await staff.put('/resource-sharing/settings', {
      patronNotices: { enabled: true, delivery: 'smtp', smtp: { host: 'mail.example.org', port: 587, secure: false, user: 'ill', password: 'very-secret' } },
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.patronNotices.smtp.password, '********');
    const again = await staff.put('/resource-sharing/settings', { patronNotices: { ...put.body.patronNotices, libraryName: 'Alpha' } });
    assert.equal(again.status, 200);
    const stored = await mod.db.query<{ value: { smtp: { password: string } } }>(
      `SELECT value FROM ${tenant}_mod_resource_sharing.settings WHERE key = 'patronNotices'`,
    );
    assert.equal(stored.rows[0].value.smtp.password, 'very-secret');
  });

  it('previews a notice from the stored text or the one being edited, in either language, sending nothing', async () => {
    const en = await staff.post('/resource-sharing/settings/patron-notices/preview', { kind: 'readyForPickup' });
    assert.equal(en.status, 200, JSON.stringify(en.body));
    assert.equal(en.body.subject, '"The Left Hand of Darkness" is ready for you');
    assert.match(en.body.body, /Dear Alice Reader,/);
    assert.equal(en.body.locale, 'en');
    assert.ok(en.body.fields.includes('pickupUntil'));

    const edited = await staff.post('/resource-sharing/settings/patron-notices/preview', {
      kind: 'cancelled', locale: 'de', template: { subject: 'Storniert: {title}', body: '{patronName}: {reason} ({requestId})' },
    });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.subject, 'Storniert: The Left Hand of Darkness');
    assert.equal(edited.body.body, 'Alice Reader: The patron asked us to (SAMPLE-1001)');
    assert.equal(edited.body.defaultTemplate.subject, DEFAULT_TEMPLATES.de.cancelled.subject);

    const bad = await staff.post('/resource-sharing/settings/patron-notices/preview', { kind: 'cancelled', template: { subject: '{nope}', body: 'x' } });
    assert.equal(bad.status, 422);
    const unknownKind = await staff.post('/resource-sharing/settings/patron-notices/preview', { kind: 'birthday' });
    assert.equal(unknownKind.status, 422);
  });

  it('previews the copy-ready notice the way the library keeps copies: the supplier\'s link, or the library\'s page for a stored copy', async () => {
    const link = await staff.post('/resource-sharing/settings/patron-notices/preview', { kind: 'copyReady' });
    assert.match(link.body.body, /https:\/\/documents\.example\.org\/copies\/sample\.pdf/);
    const set = await staff.put('/resource-sharing/settings', {
      patronNotices: { enabled: false, copyDelivery: { keep: 'store', servedFor: 'once' }, patronPageUrl: 'https://library.example.org/ill' },
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    for (const [locale, until] of [['en', 'until your first download'], ['de', 'bis zum ersten Herunterladen']]) {
      const stored = await staff.post('/resource-sharing/settings/patron-notices/preview', { kind: 'copyReady', locale });
      assert.ok(stored.body.body.includes('https://library.example.org/ill'), stored.body.body);
      assert.ok(stored.body.body.includes(until), stored.body.body);
      assert.ok(!stored.body.body.includes('documents.example.org'), 'no supplier link for a stored copy');
    }
  });
});
