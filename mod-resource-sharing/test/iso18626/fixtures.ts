// Message models with every optional part filled, one per message kind and schema version.
// Each uses only what its version can carry, so emit -> parse gives the same model back.
import type {
  Address,
  AgencyId,
  Iso18626Message,
  Iso18626Version,
  MessageKind,
  PhysicalAddress,
  RequestConfirmation,
  RequestingAgencyMessage,
  RequestingAgencyMessageConfirmation,
  RequestMessage,
  SupplyingAgencyMessage,
  SupplyingAgencyMessageConfirmation,
} from '../../src/iso18626/index.ts';

const AGENCY_SCHEME = 'http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0';
export const SUPPLIER: AgencyId = { type: 'ISIL', typeScheme: AGENCY_SCHEME, value: 'DK-820010' };
export const REQUESTER: AgencyId = { type: 'ISIL', value: 'US-REQ' };
const CONSORTIUM: AgencyId = { type: 'ISIL', value: 'CONSORTIUM' };
export const T0 = new Date('2025-01-15T10:00:00Z');
const at = (iso: string): Date => new Date(iso);
/** A note with the free-text conventions peers rely on, markup characters and line breaks. */
export const TRICKY_NOTE = '#seq:12# MOCK:DK-820010:LOANED #ReShareAddLoanCondition# a < b & c > "d" \'e\'\n  second line\r\nthird ✓';

function physical(version: Iso18626Version, line1: string): PhysicalAddress {
  return {
    line1,
    line2: 'Room 2',
    locality: 'Montréal',
    postalCode: 'H2L 2P3',
    // 2021 turned region into a plain string: the scheme cannot survive there.
    region: version === '2017' ? { value: 'CA-QC', scheme: 'https://www.iso.org/iso-3166-2' } : { value: 'CA-QC' },
    country: { value: 'CA', scheme: 'https://www.iso.org/iso-3166-country-codes.html' },
  };
}
const email = (data: string): Address => ({
  electronicAddress: { electronicAddressType: { value: 'Email' }, electronicAddressData: data },
});
const usd = (amount: string) => ({ currencyCode: 'USD', currencyScheme: 'https://www.iso.org/iso-4217', monetaryValue: amount });

export function fullRequest(version: Iso18626Version): RequestMessage {
  const is2021 = version === '2021';
  return {
    kind: 'request',
    header: {
      supplyingAgencyId: SUPPLIER,
      requestingAgencyId: REQUESTER,
      ...(is2021 ? { consortialId: CONSORTIUM } : {}),
      multipleItemRequestId: 'MIR-7',
      timestamp: T0,
      requestingAgencyRequestId: 'REQ-0001',
      ...(is2021 ? {} : { supplyingAgencyRequestId: 'SUP-9001' }),
      requestingAgencyAuthentication: { accountId: 'acct-1', securityCode: 's3cret' },
    },
    bibliographicInfo: {
      supplierUniqueRecordId: 'WILLSUPPLY_LOANED',
      title: 'The Hobbit & the <Dragon>',
      author: 'Tolkien, J.R.R.',
      ...(is2021 ? { authorId: '0000000121441970' } : {}),
      subtitle: 'There and back again',
      seriesTitle: 'Middle-earth',
      edition: '2nd',
      titleOfComponent: 'Chapter 1',
      authorOfComponent: 'Tolkien',
      volume: '1',
      ...(is2021 ? { additionalVolumes: ['2', '3'] } : {}),
      issue: '4',
      pagesRequested: '1-20',
      estimatedNoPages: '20',
      bibliographicItemId: [
        { identifierCode: { value: 'ISBN', scheme: 'http://illtransactions.org/ISO18626/OpenCodeList/BibliographicItemIdCodeList-V1.0' }, identifier: '9780261103283' },
        { identifierCode: { value: 'ISSN' }, identifier: '1234-5678' },
      ],
      sponsor: 'Sponsor',
      informationSource: 'WorldCat',
      bibliographicRecordId: [
        { identifierCode: { value: 'OCLC' }, identifier: '777' },
        { identifierCode: { value: 'LCCN' }, identifier: '2001012345' },
      ],
    },
    publicationInfo: {
      publisher: 'Allen & Unwin',
      ...(is2021 ? { publisherId: '0000000404090566' } : {}),
      publicationType: { value: 'Book', scheme: 'http://illtransactions.org/ISO18626/OpenCodeList/PublicationTypeList-V1.0' },
      publicationDate: '1937',
      placeOfPublication: 'London',
    },
    serviceInfo: {
      requestType: 'Retry',
      requestSubType: ['PatronRequest', 'BookingRequest'],
      requestingAgencyPreviousRequestId: 'REQ-0000',
      serviceType: 'Loan',
      serviceLevel: { value: 'Rush' },
      preferredFormat: { value: 'Printed' },
      needBeforeDate: at('2025-03-01T00:00:00Z'),
      copyrightCompliance: { value: 'US-CCG' },
      anyEdition: 'Y',
      ...(is2021 ? { preferredEdition: 'ThisEdition' as const, loanCondition: [{ value: 'LibraryUseOnly' }, { value: 'NoReproduction' }] } : {}),
      startDate: at('2025-02-01T09:30:00.250Z'),
      endDate: at('2025-02-10T17:00:00Z'),
      note: TRICKY_NOTE,
    },
    supplierInfo: [
      {
        sortOrder: 0,
        supplierCode: SUPPLIER,
        supplierDescription: 'http://localhost:9999/iso18626',
        bibliographicRecordId: { identifierCode: { value: 'OCLC' }, identifier: '777' },
        callNumber: 'PR6039.O32',
        summaryHoldings: 'v.1-3',
        availabilityNote: 'On shelf',
      },
      { sortOrder: 1, supplierCode: { type: 'ISIL', value: 'DK-2' } },
    ],
    requestedDeliveryInfo: [
      {
        sortOrder: 0,
        address: { physicalAddress: physical(version, '1 Library Way') },
        ...(is2021 ? { deliveryMethod: { value: 'Courier' }, courierName: { value: 'UPS' } } : {}),
      },
      { sortOrder: 1, address: email('ill@example.org') },
    ],
    requestingAgencyInfo: {
      name: 'Requesting Library',
      contactName: 'ILL Desk',
      address: [email('ill@example.org'), { electronicAddress: { electronicAddressType: { value: 'URL' }, electronicAddressData: 'http://localhost:8081/iso18626?a=1&b=2' } }],
    },
    patronInfo: {
      patronId: 'P-42',
      surname: "O'Brien",
      givenName: 'Siobhán',
      patronType: { value: 'Faculty' },
      sendToPatron: 'N',
      address: [{ physicalAddress: physical(version, '2 Home St') }],
    },
    billingInfo: {
      paymentMethod: { value: 'IFLAVoucher' },
      maximumCosts: usd('35.00'),
      billingMethod: { value: 'Account' },
      billingName: 'Requesting Library',
      address: { physicalAddress: physical(version, '3 Billing Rd') },
    },
  };
}

export function fullSupplyingAgencyMessage(version: Iso18626Version): SupplyingAgencyMessage {
  const is2021 = version === '2021';
  const m: SupplyingAgencyMessage = {
    kind: 'supplyingAgencyMessage',
    header: {
      supplyingAgencyId: SUPPLIER,
      requestingAgencyId: REQUESTER,
      ...(is2021 ? {} : { multipleItemRequestId: 'MIR-7' }),
      timestamp: at('2025-01-16T09:00:00Z'),
      requestingAgencyRequestId: 'REQ-0001',
      supplyingAgencyRequestId: 'SUP-9001',
      ...(is2021 ? {} : { requestingAgencyAuthentication: { accountId: 'acct-2' } }),
    },
    messageInfo: {
      reasonForMessage: 'StatusChange',
      answerYesNo: 'Y',
      note: TRICKY_NOTE,
      reasonUnfilled: { value: 'NotOnShelf' },
      reasonRetry: { value: 'CostExceedsMaxCost', scheme: 'https://illtransactions.org/opencode/2017/' },
      offeredCosts: usd('12.50'),
      retryAfter: at('2025-02-01T00:00:00Z'),
      retryBefore: at('2025-03-01T00:00:00Z'),
    },
    statusInfo: {
      status: 'Loaned',
      expectedDeliveryDate: at('2025-01-20T00:00:00Z'),
      dueDate: at('2025-02-28T23:59:59Z'),
      lastChange: at('2025-01-16T09:00:00Z'),
    },
    deliveryInfo: {
      dateSent: at('2025-01-16T08:00:00Z'),
      itemId: 'BARCODE-0001',
      sentVia: { value: 'Mail' },
      sentToPatron: false,
      loanCondition: { value: 'LibraryUseOnly' },
      deliveredFormat: { value: 'Printed' },
      deliveryCosts: usd('3.00'),
    },
    returnInfo: {
      returnAgencyId: SUPPLIER,
      name: 'ILL Dept',
      physicalAddress: physical(version, '535 Avenue Viger E'),
    },
  };
  if (is2021) {
    m.retryInfo = {
      loanCondition: [{ value: 'NoReproduction' }],
      edition: ['1st', '3rd'],
      itemFormat: [{ value: 'PDF' }],
      volume: ['2'],
      serviceType: 'Copy',
      serviceLevel: [{ value: 'Normal' }],
      deliveryMethod: [{ value: 'URL' }],
      courierName: [{ value: 'DHL' }],
      additionalOfferedCosts: [usd('20.00')],
      paymentMethod: [{ value: 'Invoice' }],
    };
    m.deliveryInfo = {
      ...m.deliveryInfo!,
      additionalItemIds: ['BARCODE-0002'],
      url: 'https://example.org/doc?id=1&x=2',
      address: { physicalAddress: physical(version, '1 Library Way') },
      additionalLoanConditions: [{ value: 'SignatureRequired' }],
      serviceType: 'Loan',
      additionalDeliveryCosts: [{ currencyCode: 'EUR', monetaryValue: '1.5' }],
      paymentMethod: { value: 'Invoice' },
    };
    m.shippingInfo = {
      courierName: { value: 'UPS' },
      trackingId: ['1Z999', '1Z998'],
      insurance: 'Y',
      insuranceThirdParty: 'N',
      thirdPartyName: 'Insurer',
      insuranceCosts: [usd('2.00')],
    };
  }
  return m;
}

export function fullRequestingAgencyMessage(version: Iso18626Version): RequestingAgencyMessage {
  const is2021 = version === '2021';
  return {
    kind: 'requestingAgencyMessage',
    header: {
      supplyingAgencyId: SUPPLIER,
      requestingAgencyId: REQUESTER,
      ...(is2021 ? { consortialId: CONSORTIUM } : { multipleItemRequestId: 'MIR-7' }),
      timestamp: at('2025-01-17T12:00:00Z'),
      requestingAgencyRequestId: 'REQ-0001',
      supplyingAgencyRequestId: 'SUP-9001',
      requestingAgencyAuthentication: { accountId: 'acct-1', securityCode: 's3cret' },
    },
    // HoldReturn exists only in 2021.
    action: is2021 ? 'HoldReturn' : 'ShippedReturn',
    note: TRICKY_NOTE,
  };
}

function confirmationHeader(version: Iso18626Version) {
  return {
    supplyingAgencyId: SUPPLIER,
    requestingAgencyId: REQUESTER,
    timestamp: at('2025-01-15T10:00:01Z'),
    requestingAgencyRequestId: 'REQ-0001',
    ...(version === '2017' ? { multipleItemRequestId: 'MIR-7' } : {}),
    timestampReceived: T0,
    messageStatus: 'ERROR' as const,
  };
}

export function fullRequestConfirmation(version: Iso18626Version): RequestConfirmation {
  return {
    kind: 'requestConfirmation',
    confirmationHeader: confirmationHeader(version),
    errorData: { errorType: 'UnrecognisedDataValue', errorValue: 'requestingAgencyRequestId already exists' },
    ...(version === '2021' ? { additionalErrorData: [{ errorType: 'UnrecognisedDataElement' as const }] } : {}),
  };
}

export function fullSupplyingAgencyMessageConfirmation(version: Iso18626Version): SupplyingAgencyMessageConfirmation {
  return {
    kind: 'supplyingAgencyMessageConfirmation',
    confirmationHeader: confirmationHeader(version),
    reasonForMessage: 'RenewResponse',
    errorData: { errorType: 'UnsupportedReasonForMessageType', errorValue: 'RenewResponse' },
  };
}

export function fullRequestingAgencyMessageConfirmation(version: Iso18626Version): RequestingAgencyMessageConfirmation {
  return {
    kind: 'requestingAgencyMessageConfirmation',
    confirmationHeader: confirmationHeader(version),
    action: 'Renew',
    errorData: { errorType: 'UnsupportedActionType', errorValue: 'Renew' },
    ...(version === '2021' ? { additionalErrorData: [{ errorType: 'BadlyFormedMessage' as const, errorValue: 'x' }] } : {}),
  };
}

export const FULL_MESSAGES: Record<MessageKind, (v: Iso18626Version) => Iso18626Message> = {
  request: fullRequest,
  requestConfirmation: fullRequestConfirmation,
  supplyingAgencyMessage: fullSupplyingAgencyMessage,
  supplyingAgencyMessageConfirmation: fullSupplyingAgencyMessageConfirmation,
  requestingAgencyMessage: fullRequestingAgencyMessage,
  requestingAgencyMessageConfirmation: fullRequestingAgencyMessageConfirmation,
};
