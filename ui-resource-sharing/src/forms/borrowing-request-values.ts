import type { NewBorrowingRequest, RotaPreviewQuery, ServiceType } from '../types/request';

export interface BorrowingRequestValues {
  title: string;
  author: string;
  isbn: string;
  issn: string;
  articleTitle: string;
  pages: string;
  patronBarcode: string;
  patronName: string;
  pickupLocation: string;
  neededBefore: string;
  serviceType: ServiceType;
  notes: string;
}

export const EMPTY_BORROWING_REQUEST: BorrowingRequestValues = {
  title: '', author: '', isbn: '', issn: '', articleTitle: '', pages: '', patronBarcode: '', patronName: '',
  pickupLocation: '', neededBefore: '', serviceType: 'loan', notes: '',
};

/**
 * The values with every field present: react-final-form leaves out a field that was emptied
 * (its default `parse` turns '' into undefined).
 */
export function completeBorrowingRequest(values: Partial<BorrowingRequestValues>): BorrowingRequestValues {
  const complete = { ...EMPTY_BORROWING_REQUEST };
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) Object.assign(complete, { [key]: value });
  }
  return complete;
}

export type BorrowingRequestErrors = Partial<Record<keyof BorrowingRequestValues, string>>;

/** Translation keys (without prefix) of the problems per field; empty when the form may be sent. */
export function validateBorrowingRequest(values: Partial<BorrowingRequestValues>, today: string): BorrowingRequestErrors {
  const v = completeBorrowingRequest(values);
  const errors: BorrowingRequestErrors = {};
  if (!v.title.trim()) errors.title = 'validation.titleRequired';
  if (v.isbn.trim() && !/^[0-9Xx\- ]{10,17}$/.test(v.isbn.trim())) errors.isbn = 'validation.isbn';
  if (v.issn.trim() && !/^\d{4}-?\d{3}[\dXx]$/.test(v.issn.trim())) errors.issn = 'validation.issn';
  // the date picker hands on a text that is not a date as typed
  if (v.neededBefore && !/^\d{4}-\d{2}-\d{2}$/.test(v.neededBefore)) errors.neededBefore = 'validation.date';
  else if (v.neededBefore && v.neededBefore < today) errors.neededBefore = 'validation.neededBeforePast';
  return errors;
}

function optional(value: string): string | undefined {
  const t = value.trim();
  return t === '' ? undefined : t;
}

/** What the rota preview is built from: the request's attributes that choose and rank its rota. */
export function toRotaPreviewQuery(values: Partial<BorrowingRequestValues>): RotaPreviewQuery {
  const { serviceType, citation, patron } = toNewBorrowingRequest(values);
  return { serviceType, citation, ...(patron?.neededBefore ? { patron: { neededBefore: patron.neededBefore } } : {}) };
}

/** The POST body: empty fields left out. */
export function toNewBorrowingRequest(values: Partial<BorrowingRequestValues>): NewBorrowingRequest {
  const v = completeBorrowingRequest(values);
  const patron = {
    barcode: optional(v.patronBarcode),
    name: optional(v.patronName),
    pickupLocation: optional(v.pickupLocation),
    neededBefore: optional(v.neededBefore),
    notes: optional(v.notes),
  };
  const hasPatron = Object.values(patron).some((x) => x !== undefined);
  return {
    serviceType: v.serviceType,
    citation: {
      title: v.title.trim(),
      author: optional(v.author),
      isbn: optional(v.isbn),
      issn: optional(v.issn),
      articleTitle: v.serviceType === 'copy' ? optional(v.articleTitle) : undefined,
      pages: v.serviceType === 'copy' ? optional(v.pages) : undefined,
    },
    ...(hasPatron ? { patron } : {}),
  };
}
