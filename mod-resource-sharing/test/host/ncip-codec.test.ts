import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { referenceFile } from '../../../test/support/shared.ts';
import { emitNcip } from '../../src/host/ncip/ncip-emit.ts';
import { parseNcip, parseNcipResponse } from '../../src/host/ncip/ncip-parse.ts';
import { NcipProblemError, NcipSyntaxError } from '../../src/host/ncip/ncip-problem.ts';
import { header, requestMessages, responseMessages, schemaErrors } from './ncip-fixtures.ts';

/** The NCIP sample corpus (reference files: the test in `ctx` is skipped without them). */
const sampleDir = (ctx: Mocha.Context, dir: string) => referenceFile(ctx, 'standards', 'ncip', 'samples', dir);
const samples = (ctx: Mocha.Context, dir: string, file: string) => readFileSync(`${sampleDir(ctx, dir)}/${file}`, 'utf8');

describe('NCIP codec', () => {
  describe('emitting', () => {
    it('every message it emits validates against ncip_v2_02.xsd', async function () {
      const docs = [...requestMessages, ...responseMessages].map((m, i) => ({ name: `${i}-${m.service}.xml`, xml: emitNcip(m) }));
      assert.deepEqual(await schemaErrors(this, docs), []);
    });

    it('the schema check catches an element out of order (the validation is real)', async function () {
      const xml = emitNcip(requestMessages[2]).replace(/(<RequestedActionType>[^<]*<\/RequestedActionType>)\s*(<UserId>[\s\S]*?<\/UserId>)/, '$2$1');
      const errors = await schemaErrors(this, [{ name: 'swapped.xml', xml }]);
      assert.equal(errors.length, 1);
      assert.match(errors[0], /UserId.*not expected/);
    });

    it('writes a namespaced NCIPMessage with ncip:version and the header in schema order', () => {
      const xml = emitNcip(requestMessages[0]);
      assert.match(xml, /<NCIPMessage xmlns="http:\/\/www\.niso\.org\/2008\/ncip" xmlns:ncip="http:\/\/www\.niso\.org\/2008\/ncip" ncip:version="[^"]+">/);
      const order = ['<FromAgencyId>', '<FromAgencyAuthentication>', '<ToAgencyId>', '<ApplicationProfileType>'].map((t) => xml.indexOf(t));
      assert.ok(order.every((p, i) => p > 0 && (i === 0 || p > order[i - 1])), xml);
      assert.match(xml, /<ApplicationProfileType>EZBORROW<\/ApplicationProfileType>/);
    });

    it('leaves out the profile and agency authentication when the settings have none', () => {
      const xml = emitNcip({ service: 'DeleteItem', header: { fromAgencyId: 'A', toAgencyId: 'B' }, itemId: { value: 'X' } });
      assert.doesNotMatch(xml, /ApplicationProfileType|FromAgencyAuthentication/);
    });

    it('escapes markup in values and writes dates as UTC xs:dateTime', () => {
      const xml = emitNcip({ ...requestMessages[2], dateForReturn: '2026-03-01T13:00:00+01:00' } as typeof requestMessages[number]);
      assert.match(xml, /<Title>The Left Hand of Darkness &amp; other &lt;stories&gt;<\/Title>/);
      assert.match(xml, /<DateForReturn>2026-03-01T12:00:00Z<\/DateForReturn>/);
    });

    it('refuses to send a message the schema would reject', () => {
      assert.throws(() => emitNcip({ service: 'RequestItem', userId: { value: 'U' }, requestType: 'Page', requestScopeType: 'Item' }), /ItemId or a BibliographicId/);
      assert.throws(() => emitNcip({ service: 'CheckOutItem', userId: { value: 'U' }, itemId: { value: 'I' }, desiredDateDue: 'next week' }), /not a date/);
    });
  });

  describe('parsing', () => {
    it('reads back every message it emits unchanged', () => {
      for (const m of [...requestMessages, ...responseMessages]) assert.deepEqual(parseNcip(emitNcip(m)), m, m.service);
    });

    it('parses each minimal sample message', function () {
      const dir = sampleDir(this, 'minimal');
      const parsed = readdirSync(dir).map((f) => parseNcip(readFileSync(`${dir}/${f}`, 'utf8')));
      assert.deepEqual(parsed.map((m) => m.service).sort(), [
        'AcceptItem', 'CancelRequestItem', 'CheckInItem', 'CheckOutItem', 'DeleteItem', 'LookupUser', 'LookupUser', 'Problem', 'RequestItem',
      ]);
      const accept = parseNcip(samples(this, 'minimal', 'AcceptItem.xml'));
      assert.equal(accept.service, 'AcceptItem');
      if (accept.service !== 'AcceptItem') return;
      assert.deepEqual(accept.header, { fromAgencyId: 'ILL-BROKER', fromAgencyAuthentication: 'secret', toAgencyId: 'LOCAL-ILS' });
      assert.equal(accept.requestedActionType, 'Hold For Pickup');
      assert.equal(accept.itemId?.value, 'BARCODE-0001');
      assert.equal(accept.pickupLocation, 'Main Library');
      assert.equal(accept.itemOptionalFields?.bibliographicDescription?.title, 'Lord of the Rings');

      const byAuth = parseNcip(samples(this, 'minimal', 'LookupUser-by-auth.xml'));
      assert.ok(byAuth.service === 'LookupUser' && 'authenticationInput' in byAuth);
      assert.deepEqual(byAuth.authenticationInput, [{ data: 'frodo', type: 'username', format: 'text/plain' }]);

      const request = parseNcip(samples(this, 'minimal', 'RequestItem.xml'));
      assert.ok(request.service === 'RequestItem');
      assert.deepEqual(request.bibliographicIds, [{ kind: 'record', identifier: 'b1234567', code: 'SYSNUMBER' }]);
    });

    it('parses OCLC circIll samples with a prefix, schemes and a 2.01 version string', function () {
      const out = parseNcip(samples(this, 'oclc-circill', 'CheckOutItemToInstitutionForILL.xml'));
      assert.ok(out.service === 'CheckOutItem' && 'userId' in out);
      assert.equal(out.userId.value, 'NDOSU');
      assert.equal(out.userId.type, 'OCLC Institution Symbol');
      assert.equal(out.itemId.value, 'ABCDE');
      assert.equal(out.desiredDateDue, '2018-02-01T12:34:56Z');
      assert.equal(out.header?.applicationProfileType, '2.00');

      const user = parseNcip(samples(this, 'oclc-circill', 'LookupUserResponseSample1_v2_01.xml'));
      assert.ok(user.service === 'LookupUserResponse');
      assert.equal(user.userId.value, '987181');

      const accept = parseNcip(samples(this, 'oclc-circill', 'AcceptItem.xml'));
      assert.ok(accept.service === 'AcceptItem');
      assert.equal(accept.itemOptionalFields?.bibliographicDescription?.isbn, '98765432');
      assert.equal(accept.requestedActionType, 'Circulate');
    });

    it('parses every circIll sample of the seven services and their responses', function () {
      const dir = sampleDir(this, 'oclc-circill');
      const ours = /^(AcceptItem|CancelRequestItem|CheckInItem|CheckIn|CheckOutItem|LookupUser|RequestItem)/;
      const files = readdirSync(dir).filter((f) => ours.test(f));
      assert.ok(files.length >= 20, `only ${files.length} samples`);
      for (const f of files) assert.doesNotThrow(() => parseNcip(readFileSync(`${dir}/${f}`, 'utf8')), f);
    });

    it('turns Problem elements into a typed error naming the problem', function () {
      const xml = samples(this, 'minimal', 'Response-Problem.xml');
      assert.throws(
        () => parseNcipResponse(xml, 'CheckOutItem'),
        (e: unknown) => {
          assert.ok(e instanceof NcipProblemError);
          assert.equal(e.service, 'CheckOutItem');
          assert.equal(e.problemType, 'Unknown User');
          assert.deepEqual(e.problems, [{ type: 'Unknown User', detail: 'f123', element: 'UserIdentifierValue', value: 'f123' }]);
          assert.equal(e.message, 'NCIP CheckOutItem failed: Unknown User: f123 (UserIdentifierValue = f123)');
          return true;
        },
      );
    });

    it('reports problems from each circIll Problem sample', function () {
      const xml = samples(this, 'oclc-circill', 'CheckOutItemResponseItemUnknown.xml');
      assert.throws(() => parseNcipResponse(xml, 'CheckOutItem'), (e: unknown) => e instanceof NcipProblemError && /Unknown Item/i.test(e.message));
    });

    it('refuses DTDs and entity declarations before parsing', () => {
      const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><NCIPMessage xmlns="${'http://www.niso.org/2008/ncip'}"><DeleteItem><ItemId><ItemIdentifierValue>&e;</ItemIdentifierValue></ItemId></DeleteItem></NCIPMessage>`;
      assert.throws(() => parseNcip(xxe), (e: unknown) => e instanceof NcipSyntaxError && /DTD/.test(e.message));
    });

    it('refuses another namespace, a non-NCIP root and malformed XML', () => {
      assert.throws(() => parseNcip('<NCIPMessage xmlns="urn:other"><DeleteItem/></NCIPMessage>'), /namespace urn:other/);
      assert.throws(() => parseNcip('<ISO18626Message/>'), /not NCIPMessage/);
      assert.throws(() => parseNcip('<NCIPMessage><DeleteItem></NCIPMessage>'), NcipSyntaxError);
    });

    it('decodes character references and keeps leading zeros in identifiers', () => {
      const m = parseNcip(
        '<NCIPMessage xmlns="http://www.niso.org/2008/ncip"><DeleteItem><ItemId><ItemIdentifierValue>00123&#38;&amp;</ItemIdentifierValue></ItemId></DeleteItem></NCIPMessage>',
      );
      assert.ok(m.service === 'DeleteItem');
      assert.equal(m.itemId.value, '00123&&');
    });

    it('carries the agency header through', () => {
      const m = parseNcip(emitNcip(requestMessages[0]));
      assert.deepEqual(m.service === 'LookupUser' && m.header, header);
    });
  });
});
