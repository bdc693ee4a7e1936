// One of every NCIP message the codec emits, with optional fields filled in, for schema validation
// and round-trip tests. Dates are in the emitter's canonical form so round trips compare equal.
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { referenceFile } from '../../../test/support/shared.ts';
import type { InitiationHeader, NcipMessage } from '../../src/host/ncip/ncip-types.ts';

export const header: InitiationHeader = {
  fromAgencyId: 'DK-820010',
  fromAgencyAuthentication: 's3cret',
  toAgencyId: 'KOHA-MAIN',
  applicationProfileType: 'EZBORROW',
};
const responseHeader = { fromAgencyId: 'KOHA-MAIN', toAgencyId: 'DK-820010' };

export const requestMessages: NcipMessage[] = [
  {
    service: 'LookupUser',
    header,
    userId: { value: 'P123', agencyId: 'KOHA-MAIN', type: 'Barcode' },
    userElementTypes: ['Name Information', 'User Privilege', 'Block Or Trap'],
    loanedItemsDesired: true,
  },
  {
    service: 'LookupUser',
    header: { fromAgencyId: 'DK-820010', toAgencyId: 'KOHA-MAIN' },
    authenticationInput: [
      { data: 'frodo', type: 'Username', format: 'text/plain' },
      { data: '1234', type: 'PIN', format: 'text/plain' },
    ],
  },
  {
    service: 'AcceptItem',
    header,
    requestId: { value: 'ILL-42', agencyId: 'DK-820010' },
    requestedActionType: 'Hold For Pickup',
    userId: { value: 'P123' },
    itemId: { value: 'LND-0001', agencyId: 'DK-820010' },
    dateForReturn: '2026-03-01T12:00:00Z',
    itemOptionalFields: {
      bibliographicDescription: {
        author: 'Le Guin, Ursula K.',
        isbn: '9780441478125',
        edition: '1st',
        publicationDate: '1969',
        publisher: 'Ace',
        title: 'The Left Hand of Darkness & other <stories>',
      },
      callNumber: 'ILL-42',
      location: ['Main Library', 'ILL shelf'],
    },
    pickupLocation: 'MAIN-DESK',
    pickupExpiryDate: '2026-02-15T00:00:00Z',
  },
  {
    service: 'RequestItem',
    header,
    userId: { value: 'INST-DK-820010' },
    itemIds: [{ value: 'BC-777' }],
    requestId: { value: 'ILL-43' },
    requestType: 'Page',
    requestScopeType: 'Item',
    needBeforeDate: '2026-04-01T00:00:00Z',
    pickupLocation: 'ILL-OFFICE',
    itemElementTypes: ['Bibliographic Description'],
  },
  {
    service: 'RequestItem',
    header,
    userId: { value: 'INST-DK-820010' },
    bibliographicIds: [{ kind: 'record', identifier: 'b1234567', agencyId: 'KOHA-MAIN' }],
    requestType: 'Hold',
    requestScopeType: 'Bibliographic Item',
  },
  {
    service: 'CheckOutItem',
    header,
    userId: { value: 'INST-DK-820010' },
    itemId: { value: 'BC-777' },
    requestId: { value: 'ILL-43' },
    desiredDateDue: '2026-05-01T00:00:00Z',
    itemElementTypes: ['Bibliographic Description'],
  },
  { service: 'CheckInItem', header, itemId: { value: 'BC-777' }, itemElementTypes: ['Circulation Status'], userElementTypes: ['User Id'] },
  { service: 'DeleteItem', header, itemId: { value: 'LND-0001' } },
  { service: 'CancelRequestItem', header, userId: { value: 'INST-DK-820010' }, requestId: { value: 'REQ-9' }, itemId: { value: 'BC-777' }, requestType: 'Page', requestScopeType: 'Item' },
  { service: 'CancelRequestItem', header, userId: { value: 'P123' }, itemId: { value: 'LND-0001' }, requestType: 'Hold' },
];

export const responseMessages: NcipMessage[] = [
  {
    service: 'LookupUserResponse',
    header: responseHeader,
    userId: { value: 'P123' },
    userOptionalFields: {
      name: { given: 'Frodo', surname: 'Baggins' },
      emails: ['frodo@example.org'],
      privileges: [{ agencyId: 'KOHA-MAIN', type: 'Adult', validToDate: '2027-01-01T00:00:00Z', status: 'Active', description: 'Adult card' }],
      blocks: [{ agencyId: 'KOHA-MAIN', type: 'Block Check Out', validFromDate: '2026-01-01T00:00:00Z' }],
      userIds: [{ value: 'P123', type: 'Barcode' }],
    },
  },
  { service: 'AcceptItemResponse', header: responseHeader, requestId: { value: 'ILL-42' }, itemId: { value: 'LND-0001' } },
  { service: 'RequestItemResponse', header: responseHeader, requestId: { value: 'REQ-9' }, itemId: { value: 'BC-777' }, userId: { value: 'INST-DK-820010' }, requestType: 'Page', requestScopeType: 'Item' },
  { service: 'CheckOutItemResponse', header: responseHeader, itemId: { value: 'BC-777' }, userId: { value: 'INST-DK-820010' }, dateDue: '2026-05-01T00:00:00Z', renewalCount: 0 },
  { service: 'CheckOutItemResponse', itemId: { value: 'BC-778' }, userId: { value: 'P1' }, indeterminateLoanPeriod: true },
  { service: 'CheckInItemResponse', header: responseHeader, itemId: { value: 'BC-777' }, userId: { value: 'INST-DK-820010' }, itemOptionalFields: { circulationStatus: 'Available On Shelf' } },
  { service: 'DeleteItemResponse', header: responseHeader, itemId: { value: 'LND-0001' } },
  { service: 'CancelRequestItemResponse', header: responseHeader, requestId: { value: 'REQ-9' }, userId: { value: 'INST-DK-820010' } },
  {
    service: 'Problem',
    responseTo: 'CheckOutItem',
    header: responseHeader,
    problems: [{ type: 'Unknown User', detail: 'No such patron', element: 'UserIdentifierValue', value: 'P999' }],
  },
  { service: 'Problem', responseTo: null, problems: [{ type: 'Invalid Message Syntax Error', detail: 'unexpected element' }] },
];

let xsd: string | undefined;

/** The official NCIP 2.02 schema (a reference file: the test in `ctx` is skipped without it). */
export function ncipXsd(ctx: Mocha.Context): string {
  xsd ??= readFileSync(referenceFile(ctx, 'standards', 'ncip', 'ncip_v2_02.xsd'), 'utf8');
  return xsd;
}

/** Validate documents against ncip_v2_02.xsd (it imports nothing else); returns the errors. */
export async function schemaErrors(ctx: Mocha.Context, docs: { name: string; xml: string }[]): Promise<string[]> {
  const xsd = ncipXsd(ctx);
  const result = await validateXML({
    xml: docs.map((d) => ({ fileName: d.name, contents: d.xml })),
    schema: [{ fileName: 'ncip_v2_02.xsd', contents: xsd }],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
