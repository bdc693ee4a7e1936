// The patron request form's values: filled from an OpenURL, checked before sending, turned into
// the POST body, and the backend's field problems mapped back onto the form in the patron's language.
import type { Citation, ServiceType } from '../types/request';
import type { ApiProblem, NewPatronRequest, OpenUrlResult } from './patron-api';

export interface PatronFormValues {
  title: string;
  author: string;
  isbn: string;
  issn: string;
  publicationDate: string;
  serviceType: ServiceType;
  articleTitle: string;
  volume: string;
  issue: string;
  pages: string;
  pickupLocation: string;
  neededBefore: string;
  notes: string;
  /** citation fields from the OpenURL the form does not show (OCLC number, publisher, ...): sent as they came */
  hidden: Partial<Citation>;
}

export type PatronFormField = Exclude<keyof PatronFormValues, 'hidden'>;

export const EMPTY_PATRON_FORM: PatronFormValues = {
  title: '', author: '', isbn: '', issn: '', publicationDate: '', serviceType: 'loan', articleTitle: '', volume: '', issue: '',
  pages: '', pickupLocation: '', neededBefore: '', notes: '', hidden: {},
};

const SHOWN_CITATION_FIELDS = ['title', 'author', 'isbn', 'issn', 'publicationDate', 'articleTitle', 'volume', 'issue', 'pages'] as const;

/** The form filled from an OpenURL the backend has read. */
export function valuesFromOpenUrl(result: OpenUrlResult, base: PatronFormValues = EMPTY_PATRON_FORM): PatronFormValues {
  const c = result.citation;
  const hidden: Partial<Citation> = { ...c };
  for (const f of SHOWN_CITATION_FIELDS) delete hidden[f];
  const next: PatronFormValues = { ...base, serviceType: result.serviceType, hidden };
  for (const f of SHOWN_CITATION_FIELDS) next[f] = c[f] ?? '';
  return next;
}

/** True when the query string carries more than the page's own parameters (e.g. `locale`). */
export function hasOpenUrl(search: string): boolean {
  const params = new URLSearchParams(search);
  return Array.from(params.keys()).some((k) => k !== 'locale');
}

/** The query string without the page's own parameters, for GET /patron/openurl. */
export function openUrlQuery(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('locale');
  return params.toString();
}

export type PatronFormErrors = Partial<Record<PatronFormField, string>>;

/** Translation keys (without prefix) of the problems per field; empty when the form may be sent. */
export function validatePatronForm(v: PatronFormValues, today: string, pickupRequired: boolean): PatronFormErrors {
  const errors: PatronFormErrors = {};
  if (!v.title.trim()) errors.title = 'patronForm.error.titleRequired';
  if (pickupRequired && !v.pickupLocation) errors.pickupLocation = 'patronForm.error.pickupRequired';
  if (v.neededBefore && v.neededBefore < today) errors.neededBefore = 'patronForm.error.neededBeforePast';
  if (v.neededBefore && !/^\d{4}-\d{2}-\d{2}$/.test(v.neededBefore)) errors.neededBefore = 'patronForm.error.date';
  return errors;
}

function optional(value: string): string | undefined {
  const t = value.trim();
  return t === '' ? undefined : t;
}

/** The POST body: empty fields left out; article title and pages only for a copy. */
export function toPatronRequest(v: PatronFormValues): NewPatronRequest {
  const copy = v.serviceType === 'copy';
  const citation: Citation = {
    ...v.hidden,
    title: v.title.trim(),
    author: optional(v.author),
    isbn: optional(v.isbn),
    issn: optional(v.issn),
    publicationDate: optional(v.publicationDate),
    volume: optional(v.volume),
    issue: optional(v.issue),
    articleTitle: copy ? optional(v.articleTitle) : undefined,
    pages: copy ? optional(v.pages) : undefined,
  };
  const clean = Object.fromEntries(Object.entries(citation).filter(([, x]) => x !== undefined)) as unknown as Citation;
  return {
    citation: clean,
    serviceType: v.serviceType,
    ...(v.pickupLocation ? { pickupLocation: v.pickupLocation } : {}),
    ...(v.neededBefore ? { neededBefore: v.neededBefore } : {}),
    ...(optional(v.notes) ? { notes: v.notes.trim() } : {}),
  };
}

/** The backend's error codes (its `code`) as translation keys of the patron form. */
const CODE_KEYS: Record<string, string> = {
  'patron.pickupLocation': 'patronForm.error.pickupLocation',
  'patron.neededBeforePast': 'patronForm.error.neededBeforePast',
  'validation.required': 'patronForm.error.required',
  'validation.minLength': 'patronForm.error.required',
  'validation.maxLength': 'patronForm.error.tooLong',
  'validation.format': 'patronForm.error.date',
};

/** The form field a backend field key (`citation.title`, `pickupLocation`, ...) belongs to. */
export function formFieldOf(key: string | undefined): PatronFormField | undefined {
  if (!key) return undefined;
  const name = key.replace(/^citation\./, '');
  const fields: PatronFormField[] = [...SHOWN_CITATION_FIELDS, 'serviceType', 'pickupLocation', 'neededBefore', 'notes'];
  return fields.find((f) => f === name);
}

/**
 * The backend's 422 problems as translated-message keys per form field; problems that belong to
 * no field of the form come back as `general` (shown with the backend's own words).
 */
export function problemsToFormErrors(problems: ApiProblem[]): { fields: PatronFormErrors; general: string[] } {
  const fields: PatronFormErrors = {};
  const general: string[] = [];
  for (const p of problems) {
    const field = formFieldOf(p.field);
    if (!field) {
      general.push(p.message);
      continue;
    }
    const blankTitle = field === 'title' && p.code === 'validation.pattern';
    fields[field] ??= blankTitle ? 'patronForm.error.titleRequired' : CODE_KEYS[p.code ?? ''] ?? 'patronForm.error.invalid';
  }
  return { fields, general };
}
