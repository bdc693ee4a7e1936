import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { Button, HTML, Link, Select, TextField, including } from '@bigtest/interactor';
import { FieldError } from '../../test/interactors.ts';
import { Banner, DateField } from '../../test/work-interactors.ts';
import { PATRON_TOKEN, PatronFake } from '../../test/patron-fake.ts';
import type { PatronRequestView } from './patron-api.ts';

type PatronHarness = typeof import('../../test/patron-harness.tsx');

const RequestRow = HTML.extend('patron request row')
  .selector('[data-test-patron-request]')
  .locator((el) => el.getAttribute('data-test-patron-request') ?? '')
  .filters({ status: (el) => el.querySelector('[data-test-patron-status]')?.textContent?.trim() ?? '' });

const ON_LOAN: PatronRequestView = {
  id: '00000000-0000-4000-8000-000000000001', hrid: 'NORTH-7', title: 'Frankenstein', author: 'Shelley, Mary', serviceType: 'loan',
  status: 'onLoan', stateName: 'Received', dueDate: '2026-04-20T23:59:59.000Z', canRenew: true,
};
const IN_TRANSIT: PatronRequestView = {
  id: '00000000-0000-4000-8000-000000000002', hrid: 'NORTH-8', title: 'Dracula', serviceType: 'loan', status: 'onItsWay', stateName: 'Shipped', canRenew: false,
};

describe('ui-resource-sharing: patron request page', () => {
  let h: PatronHarness;
  let mounted: { unmount(): void } | undefined;

  before(async () => { h = await import('../../test/patron-harness.tsx'); });
  afterEach(() => { mounted?.unmount(); mounted = undefined; });

  it('signs the patron in with card number and PIN, refusing a wrong PIN', async () => {
    const fake = new PatronFake();
    mounted = h.mountPatronPage({ fake });
    await TextField('Library card number*').fillIn('1001');
    await TextField('PIN*').fillIn('9999');
    await Button('Sign in').click();
    await Banner('Library card number or PIN is not right.').exists();
    await TextField('PIN*').fillIn('1234');
    await Button('Sign in').click();
    await HTML('Signed in as Ada Lovelace').exists();
    await Button('Send request').exists();
    await HTML('You have no interlibrary loan requests.').exists();
    assert.equal(fake.callsTo('/resource-sharing/patron/requests', 'GET')[0]?.headers.get('Authorization'), `Bearer ${PATRON_TOKEN}`);
  });

  it('fills the form from an OpenURL 1.0 link and sends the request', async () => {
    const fake = new PatronFake();
    fake.openUrlResult = {
      citation: { title: 'Proceedings of the LMS', articleTitle: 'On computable numbers', author: 'Turing, Alan', issn: '0024-6115', volume: '42', pages: '230-265', publicationDate: '1936', format: 'article' },
      serviceType: 'copy',
      version: '1.0',
      source: 'info:sid/example.org:search',
    };
    const search = '?url_ver=Z39.88-2004&rft.genre=article&rft.atitle=On%20computable%20numbers&rft.jtitle=Proceedings%20of%20the%20LMS&locale=en';
    mounted = h.mountPatronPage({ fake, search, token: PATRON_TOKEN });
    await TextField('Title (book or journal)*').has({ value: 'Proceedings of the LMS' });
    await TextField('Article or chapter title').has({ value: 'On computable numbers' });
    await TextField('Pages').has({ value: '230-265' });
    await Select('I would like').has({ value: 'a copy of an article or chapter' });
    await Banner(including('We filled in the details from info:sid/example.org:search')).exists();
    // the OpenURL goes to the backend as it came, without the page's own `locale`
    const asked = new URLSearchParams(fake.callsTo('/resource-sharing/patron/openurl')[0].search);
    assert.equal(asked.get('rft.atitle'), 'On computable numbers');
    assert.equal(asked.get('locale'), null);

    await Select('Pick up at*').choose('Branch desk');
    await DateField('Not needed after').fillIn('2026-06-30');
    await Button('Send request').click();
    await Banner(including('your request for "Proceedings of the LMS" was placed (request number NORTH-101)')).exists();
    assert.deepEqual(fake.callsTo('/resource-sharing/patron/requests', 'POST')[0].body, {
      citation: {
        format: 'article', title: 'Proceedings of the LMS', author: 'Turing, Alan', issn: '0024-6115', publicationDate: '1936', volume: '42',
        articleTitle: 'On computable numbers', pages: '230-265',
      },
      serviceType: 'copy',
      pickupLocation: 'BRANCH',
      neededBefore: '2026-06-30',
    });
    await RequestRow('NORTH-101').has({ status: 'Requested' });
    // the form is empty again for the next request
    await TextField('Title (book or journal)*').has({ value: '' });
  });

  it('shows the request the patron already has instead of placing the same one twice, and lets the page drop the OpenURL', async () => {
    const fake = new PatronFake([IN_TRANSIT]);
    fake.openUrlResult = { citation: { title: 'Dracula', author: 'Stoker, Bram' }, serviceType: 'loan', version: '0.1' };
    let dropped = 0;
    mounted = h.mountPatronPage({ fake, token: PATRON_TOKEN, search: '?genre=book&title=Dracula&aulast=Stoker', onRequestPlaced: () => { dropped += 1; } });
    await TextField('Title (book or journal)*').has({ value: 'Dracula' });
    await Select('Pick up at*').choose('Branch desk');
    await Button('Send request').click();
    await Banner(including('You already asked for "Dracula" (request NORTH-8)')).exists();
    assert.equal(dropped, 1);
    await TextField('Title (book or journal)*').has({ value: '' });
  });

  it('shows what is missing before sending anything', async () => {
    const fake = new PatronFake();
    mounted = h.mountPatronPage({ fake, token: PATRON_TOKEN });
    await DateField('Not needed after').fillIn('2026-03-01');
    await Button('Send request').click();
    await FieldError('Please enter the title.').exists();
    await FieldError('Please choose where you will pick it up.').exists();
    await FieldError('This date has already passed.').exists();
    await Banner('Please correct the marked fields.').exists();
    assert.equal(fake.callsTo('/resource-sharing/patron/requests', 'POST').length, 0);
  });

  it("shows the backend's field problems in the patron's language", async () => {
    const fake = new PatronFake();
    fake.rejectNextRequest = [
      { message: 'Choose one of the pickup locations offered', code: 'patron.pickupLocation', parameters: [{ key: 'pickupLocation', value: 'CIRC' }] },
      { message: 'citation.title must NOT have more than 4000 characters', code: 'validation.maxLength', parameters: [{ key: 'citation.title', value: 'x' }] },
    ];
    mounted = h.mountPatronPage({ fake, token: PATRON_TOKEN, locale: 'de-DE' });
    await TextField('Titel (Buch oder Zeitschrift)*').fillIn('Der Zauberberg');
    await Select('Abholen in*').choose('Circulation desk');
    await Button('Bestellung absenden').click();
    await FieldError('Bitte wählen Sie einen der angebotenen Abholorte.').exists();
    await FieldError('Diese Angabe ist zu lang.').exists();
    await Banner('Bitte korrigieren Sie die markierten Felder.').exists();
    assert.equal(fake.callsTo('/resource-sharing/patron/requests', 'POST').length, 1);
  });

  it('lists my requests with a translated status and renews a loan that can be renewed', async () => {
    const fake = new PatronFake([ON_LOAN, IN_TRANSIT]);
    mounted = h.mountPatronPage({ fake, token: PATRON_TOKEN });
    await RequestRow('NORTH-7').has({ status: 'On loan to you' });
    await RequestRow('NORTH-8').has({ status: 'On its way to us' });
    await RequestRow('NORTH-8').find(Button(including('Renew'))).absent();
    await RequestRow('NORTH-7').find(Button(including('Renew'))).click();
    await Banner(including('Renewal of "Frankenstein" requested.')).exists();
    assert.equal(fake.callsTo(`/resource-sharing/patron/requests/${ON_LOAN.id}/renew`, 'POST').length, 1);
    await RequestRow('NORTH-7').find(Button(including('Renew'))).absent();
  });

  it('says where and until when an item waits, and opens a delivered copy until its link expires', async () => {
    const ready: PatronRequestView = {
      id: '00000000-0000-4000-8000-000000000003', hrid: 'NORTH-9', title: 'Emma', serviceType: 'loan', status: 'readyForPickup',
      pickupLocationName: 'Branch library', pickupUntil: '2026-05-08T10:00:00.000Z', canRenew: false,
    };
    const copy: PatronRequestView = {
      id: '00000000-0000-4000-8000-000000000004', hrid: 'NORTH-10', title: 'On computable numbers', serviceType: 'copy', status: 'copyReady',
      documentUrl: 'https://docs.example.org/copy/42.pdf', documentExpires: '2026-05-20T10:00:00.000Z', canRenew: false,
    };
    const expired: PatronRequestView = {
      id: '00000000-0000-4000-8000-000000000005', hrid: 'NORTH-11', title: 'Old copy', serviceType: 'copy', status: 'completed',
      documentExpired: true, canRenew: false,
    };
    const fake = new PatronFake([ready, copy, expired]);
    mounted = h.mountPatronPage({ fake, token: PATRON_TOKEN });
    await RequestRow('NORTH-9').has({ status: 'Ready for you to collect' });
    await RequestRow('NORTH-9').has({ text: including('At Branch library') });
    await RequestRow('NORTH-9').has({ text: including('Collect by May 8, 2026') });
    await RequestRow('NORTH-10').has({ status: 'Your copy is ready' });
    await RequestRow('NORTH-10').find(Link(including('Open your copy'))).has({ href: 'https://docs.example.org/copy/42.pdf' });
    await RequestRow('NORTH-10').has({ text: including('available until May 20, 2026') });
    await RequestRow('NORTH-11').has({ text: including('The link to your copy has expired') });
    await RequestRow('NORTH-11').find(Link(including('Open your copy'))).absent();
  });

  it('opens a copy the library stores with the patron\'s token (no token in a link) and says so when it was fetched once already', async () => {
    const stored: PatronRequestView = {
      id: '00000000-0000-4000-8000-000000000006', hrid: 'NORTH-12', title: 'On the Engine', serviceType: 'copy', status: 'copyReady',
      documentUrl: '/resource-sharing/patron/requests/00000000-0000-4000-8000-000000000006/copy', copyStored: true, copyFilename: 'engine-ch3.pdf', canRenew: false,
    };
    const fake = new PatronFake([stored]);
    const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
    fake.copies.set(stored.id, { content: pdf, contentType: 'application/pdf', filename: 'Kapitel 3 – Engine.pdf', once: true });
    const saved: Array<{ download: string; href: string }> = [];
    const blobs: Blob[] = [];
    const keep = (e: Event) => {
      const a = e.target as HTMLAnchorElement;
      if (a.tagName === 'A' && a.download) { saved.push({ download: a.download, href: a.href }); e.preventDefault(); }
    };
    const originalCreate = URL.createObjectURL;
    URL.createObjectURL = (b: Blob | MediaSource) => { blobs.push(b as Blob); return 'blob:patron-copy'; };
    document.addEventListener('click', keep, true);
    try {
      mounted = h.mountPatronPage({ fake, token: PATRON_TOKEN });
      await RequestRow('NORTH-12').has({ status: 'Your copy is ready' });
      await RequestRow('NORTH-12').find(Link(including('Open your copy'))).absent();
      await RequestRow('NORTH-12').find(Button(including('Open your copy'))).click();
      for (let i = 0; i < 100 && saved.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(saved, [{ download: 'Kapitel 3 – Engine.pdf', href: 'blob:patron-copy' }], 'saved under the name the module gave');
      assert.deepEqual(new Uint8Array(await blobs[0].arrayBuffer()), pdf);
      const call = fake.callsTo(`/resource-sharing/patron/requests/${stored.id}/copy`, 'GET')[0];
      assert.equal(call.headers.get('Authorization'), `Bearer ${PATRON_TOKEN}`);
      assert.equal(call.search, '', 'no token in the URL');

      await RequestRow('NORTH-12').find(Button(including('Open your copy'))).click();
      await Banner(including('"On the Engine" is no longer available')).exists();
      assert.equal(saved.length, 1);
    } finally {
      URL.createObjectURL = originalCreate;
      document.removeEventListener('click', keep, true);
    }
  });

  it('switches the whole page to German', async () => {
    const fake = new PatronFake([IN_TRANSIT]);
    mounted = h.mountPatronPage({ fake, token: PATRON_TOKEN });
    await Select('Language').choose('Deutsch');
    await RequestRow('NORTH-8').has({ status: 'Unterwegs zu uns' });
    await Button('Bestellung absenden').exists();
  });
});
