import type { RequestAction, ResourceSharingRequest } from '../src/types/request.ts';

function request(n: number, fields: Partial<ResourceSharingRequest> & Pick<ResourceSharingRequest, 'role' | 'state'>): ResourceSharingRequest {
  const day = String(n).padStart(2, '0');
  return {
    id: `11111111-1111-4111-8111-0000000000${day}`,
    hrid: `DIKU-${1000 + n}`,
    stateModel: fields.role === 'borrowing' ? 'requester' : 'responder',
    needsAttention: false,
    serviceType: 'loan',
    citation: { title: `Title ${n}` },
    _version: 1,
    metadata: { createdDate: `2026-03-${day}T09:00:00.000Z`, updatedDate: `2026-03-${day}T10:00:00.000Z` },
    ...fields,
  };
}

export const SAMPLE_REQUESTS: ResourceSharingRequest[] = [
  request(1, { role: 'borrowing', state: 'REQ_IDLE', citation: { title: 'The Name of the Rose', author: 'Eco, Umberto', isbn: '9780156001311' }, patron: { name: 'Ada Lovelace', barcode: 'P-100', pickupLocation: 'Main desk', neededBefore: '2026-05-01' } }),
  request(2, { role: 'borrowing', state: 'REQ_SHIPPED', citation: { title: 'Gödel, Escher, Bach', author: 'Hofstadter, Douglas' }, patron: { name: 'Alan Turing', barcode: 'P-200' }, supplierSymbol: 'ISIL:DK-820010', dueDate: '2026-04-20T23:59:59.000Z', patronDueDate: '2026-04-16T23:59:59.000Z', itemBarcode: 'IT-9' }),
  request(3, { role: 'borrowing', state: 'REQ_SHIPPED', needsAttention: true, citation: { title: 'Roses of Picardy' }, patron: { name: 'Grace Hopper', barcode: 'P-300' }, supplierSymbol: 'ISIL:DE-12' }),
  request(4, { role: 'lending', state: 'RES_IDLE', citation: { title: 'A Lending Title' }, requesterSymbol: 'ISIL:US-NYPL' }),
];

export const WILL_SUPPLY: RequestAction = { code: 'respondYes', displayName: 'Will supply', parameters: [{ name: 'note', type: 'string', required: false }] };
export const CANNOT_SUPPLY: RequestAction = {
  code: 'supplierCannotSupply',
  displayName: 'Cannot supply',
  parameters: [{ name: 'reason', type: 'enum', displayName: 'Reason', required: true, values: ['not-owned', 'in-use'] }],
};
export const SHIP: RequestAction = {
  code: 'supplierShip',
  displayName: 'Ship',
  parameters: [{ name: 'itemBarcode', type: 'string', required: true }, { name: 'dueDate', type: 'date', required: true }],
};
export const CANCEL: RequestAction = { code: 'requesterCancel', displayName: 'Cancel request', parameters: [] };
