import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { referenceFile } from '../../../test/support/shared.ts';
import { emitMessage, parseMessage, type Iso18626Version, type MessageKind, type ParseSuccess } from '../../src/iso18626/index.ts';
import { validateAgainstXsd } from './xsd.ts';

const SAMPLE_DIRS: Array<{ dir: string; version: Iso18626Version }> = [
  { dir: 'minimal-v1_2', version: '2017' },
  { dir: 'minimal-2021', version: '2021' },
  { dir: 'oclc-circill', version: '2017' },
];

/** The ISO 18626 sample corpus (reference files: the suite is skipped without them). */
let samplesDir = '';

function samplePath(dir: string, file = ''): string {
  return path.join(samplesDir, dir, file);
}

/** The message kind a sample file name announces (OCLC and minimal naming). */
function expectedKind(file: string): MessageKind {
  const f = file.toLowerCase();
  if (f.startsWith('requestconfirmation')) return 'requestConfirmation';
  if (f.startsWith('supplyingagencymessageconfirmation')) return 'supplyingAgencyMessageConfirmation';
  if (f.startsWith('requestingagencymessageconfirmation') || f.startsWith('requestingagencyconfirmation')) {
    return 'requestingAgencyMessageConfirmation';
  }
  if (f.startsWith('supplyingagencymessage')) return 'supplyingAgencyMessage';
  if (f.startsWith('requestingagencymessage')) return 'requestingAgencyMessage';
  return 'request';
}

function parseSample(dir: string, file: string): ParseSuccess {
  const result = parseMessage(readFileSync(samplePath(dir, file), 'utf8'));
  if (!result.ok) assert.fail(`${dir}/${file}: ${JSON.stringify(result.error)}`);
  return result;
}

describe('iso18626 codec: the reference samples', () => {
  before(function () {
    samplesDir = referenceFile(this, 'standards', 'iso18626', 'samples');
  });

  for (const { dir, version } of SAMPLE_DIRS) {
    it(`parses every sample in ${dir} as ${version} with the kind its name announces`, () => {
      const files = readdirSync(samplePath(dir)).filter((f) => f.endsWith('.xml'));
      assert.ok(files.length >= 7, `${dir} has samples`);
      for (const file of files) {
        const parsed = parseSample(dir, file);
        assert.equal(parsed.message.kind, expectedKind(file), file);
        assert.equal(parsed.version, version, file);
      }
    });
  }

  it('reads the details of OCLC samples (any prefix, ns1:version="v1_2_2017", schemes)', () => {
    const req = parseSample('oclc-circill', 'RequestFullWSILLMappingSample1.xml');
    assert.equal(req.versionAttribute, 'v1_2_2017');
    assert.equal(req.message.kind, 'request');
    if (req.message.kind !== 'request') return;
    assert.deepEqual(req.message.header.supplyingAgencyId, {
      type: 'ISIL',
      typeScheme: 'http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0',
      value: 'OCLC-ABCDE',
    });
    assert.equal(req.message.header.multipleItemRequestId, 'What is this?');
    assert.equal(req.message.header.timestamp.toISOString(), '2018-02-08T08:34:54.000Z');
    assert.equal(req.message.bibliographicInfo.title, 'Something about elephants');
    assert.deepEqual(req.message.bibliographicInfo.bibliographicItemId?.[0], {
      identifierCode: { value: 'ISBN', scheme: 'http://illtransactions.org/ISO18626/OpenCodeList/BibliographicItemIdCodeList-V1.0' },
      identifier: '9760199591787',
    });
    assert.equal(req.message.serviceInfo?.serviceType, 'CopyOrLoan');
    assert.deepEqual(req.message.serviceInfo?.requestSubType, ['TransferRequest']);
    assert.deepEqual(req.message.billingInfo?.maximumCosts, {
      currencyCode: 'USD',
      currencyScheme: 'https://www.iso.org/iso-4217-currency-codes.html',
      monetaryValue: '99.99',
    });

    const loaned = parseSample('oclc-circill', 'SupplyingAgencyMessageLoaned.xml');
    assert.equal(loaned.message.kind, 'supplyingAgencyMessage');
    if (loaned.message.kind !== 'supplyingAgencyMessage') return;
    assert.equal(loaned.message.statusInfo.status, 'Loaned');
    assert.equal(loaned.message.statusInfo.dueDate?.toISOString(), '2021-03-11T05:00:00.000Z');
    assert.equal(loaned.message.deliveryInfo?.sentToPatron, false);
    assert.equal(loaned.message.returnInfo?.physicalAddress?.locality, 'Montréal');
    assert.equal(loaned.message.header.multipleItemRequestId, undefined, 'an empty multipleItemRequestId is absent');

    const err = parseSample('oclc-circill', 'RequestConfirmationSampleError.xml');
    assert.equal(err.message.kind, 'requestConfirmation');
    if (err.message.kind !== 'requestConfirmation') return;
    assert.equal(err.message.confirmationHeader.messageStatus, 'ERROR');
    assert.deepEqual(err.message.errorData, { errorType: 'BadlyFormedMessage', errorValue: 'Some explanation of the error here' });
  });

  it('maps 2021 element names onto the model (deliveryMethod, itemFormat, retryInfo, shippingInfo)', () => {
    const loaned = parseSample('minimal-2021', 'supplyingAgencyMessage-loaned.xml');
    assert.equal(loaned.message.kind, 'supplyingAgencyMessage');
    if (loaned.message.kind !== 'supplyingAgencyMessage') return;
    assert.deepEqual(loaned.message.deliveryInfo?.sentVia, { value: 'Mail' });
    assert.deepEqual(loaned.message.deliveryInfo?.deliveredFormat, { value: 'Printed' });
    assert.equal(loaned.message.deliveryInfo?.serviceType, 'Loan');
    assert.deepEqual(loaned.message.shippingInfo, { courierName: { value: 'UPS' }, trackingId: ['1Z999'] });

    const retry = parseSample('minimal-2021', 'supplyingAgencyMessage-retrypossible.xml');
    assert.equal(retry.message.kind, 'supplyingAgencyMessage');
    if (retry.message.kind !== 'supplyingAgencyMessage') return;
    assert.deepEqual(retry.message.messageInfo.offeredCosts, { currencyCode: 'USD', monetaryValue: '35.00' });
    assert.equal(retry.message.messageInfo.retryBefore?.toISOString(), '2025-02-01T00:00:00.000Z');
    assert.equal(retry.message.retryInfo, undefined, 'nothing retry-specific beyond the moved fields');

    const hold = parseSample('minimal-2021', 'requestingAgencyMessage-HoldReturn.xml');
    assert.equal(hold.message.kind === 'requestingAgencyMessage' && hold.message.action, 'HoldReturn');
  });

  it('re-emits every sample in its own version as a schema-valid message', async function () {
    this.timeout(60_000);
    const docs: Record<Iso18626Version, Record<string, string>> = { '2017': {}, '2021': {} };
    for (const { dir, version } of SAMPLE_DIRS) {
      for (const file of readdirSync(samplePath(dir)).filter((f) => f.endsWith('.xml'))) {
        const parsed = parseSample(dir, file);
        const xml = emitMessage(parsed.message, version);
        docs[version][`${dir}/${file}`] = xml;
        // and reading our own output gives the same model back
        const again = parseMessage(xml);
        assert.ok(again.ok);
        assert.deepEqual(again.message, parsed.message, file);
      }
    }
    for (const version of ['2017', '2021'] as const) {
      const result = await validateAgainstXsd(this, version, docs[version]);
      assert.deepEqual(result.errorsByName, {});
      assert.equal(result.valid, true);
    }
  });
});
