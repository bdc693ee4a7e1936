import type { DirectoryEntry, PostalAddress } from './config-types';

// The directory entry form's values and their conversion. Fields the form does not edit
// (contacts, countries, SRU indexes, ...) are kept from the stored entry.

export const ADDRESS_FIELDS = ['line1', 'line2', 'locality', 'region', 'postalCode', 'country'] as const;
export type AddressValues = Record<(typeof ADDRESS_FIELDS)[number], string>;

export interface DirectoryValues {
  original?: DirectoryEntry;
  name: string;
  description: string;
  symbols: Array<{ authority: string; symbol: string }>;
  self: boolean;
  partner: boolean;
  /** broker mode `both`: the library is asked through the broker, not directly */
  viaBroker: boolean;
  iso18626Endpoint: string;
  iso18626Version: '2017' | '2021';
  sharedSecret: string;
  accountId: string;
  sruEndpoint: string;
  hasPolicy: boolean;
  returnables: boolean;
  copies: boolean;
  formats: string;
  loanPeriodDays: string;
  shippingAddress: AddressValues;
  returnAddress: AddressValues;
}

const emptyAddress = (): AddressValues => ({ line1: '', line2: '', locality: '', region: '', postalCode: '', country: '' });

export const EMPTY_ENTRY: DirectoryValues = {
  name: '',
  description: '',
  symbols: [{ authority: 'ISIL', symbol: '' }],
  self: false,
  partner: true,
  viaBroker: false,
  iso18626Endpoint: '',
  iso18626Version: '2017',
  sharedSecret: '',
  accountId: '',
  sruEndpoint: '',
  hasPolicy: false,
  returnables: true,
  copies: true,
  formats: '',
  loanPeriodDays: '',
  shippingAddress: emptyAddress(),
  returnAddress: emptyAddress(),
};

const addressValues = (a?: PostalAddress): AddressValues => ({ ...emptyAddress(), ...Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, a?.[f] ?? ''])) });

export function toDirectoryValues(e: DirectoryEntry): DirectoryValues {
  return {
    original: e,
    name: e.name,
    description: e.description ?? '',
    symbols: e.symbols.map((s) => ({ ...s })),
    self: e.self === true,
    partner: e.partner === true,
    viaBroker: e.viaBroker === true,
    iso18626Endpoint: e.iso18626Endpoint ?? '',
    iso18626Version: e.iso18626Version ?? '2017',
    sharedSecret: e.sharedSecret ?? '',
    accountId: e.accountId ?? '',
    sruEndpoint: e.sruEndpoint ?? '',
    hasPolicy: Boolean(e.lendingPolicy),
    returnables: e.lendingPolicy?.returnables ?? true,
    copies: e.lendingPolicy?.copies ?? true,
    formats: (e.lendingPolicy?.formats ?? []).join(', '),
    loanPeriodDays: e.lendingPolicy?.loanPeriodDays === undefined ? '' : String(e.lendingPolicy.loanPeriodDays),
    shippingAddress: addressValues(e.shippingAddress),
    returnAddress: addressValues(e.returnAddress),
  };
}

function address(a: AddressValues): PostalAddress | undefined {
  const out: PostalAddress = {};
  for (const f of ADDRESS_FIELDS) if (a[f].trim()) out[f] = f === 'country' ? a[f].trim().toUpperCase() : a[f].trim();
  return Object.keys(out).length ? out : undefined;
}

export function toDirectoryEntry(v: DirectoryValues): DirectoryEntry {
  const { metadata: _metadata, ...kept } = (v.original ?? {}) as DirectoryEntry & { metadata?: unknown };
  const out: DirectoryEntry = {
    ...kept,
    name: v.name.trim(),
    symbols: v.symbols.map((s) => ({ authority: s.authority.trim().toUpperCase(), symbol: s.symbol.trim() })),
    self: v.self,
    partner: v.partner,
    iso18626Version: v.iso18626Version,
  };
  if (v.viaBroker) out.viaBroker = true;
  else delete out.viaBroker;
  const optional = { description: v.description, iso18626Endpoint: v.iso18626Endpoint, sharedSecret: v.sharedSecret, accountId: v.accountId, sruEndpoint: v.sruEndpoint };
  for (const [k, val] of Object.entries(optional)) {
    if (val.trim()) out[k] = val.trim();
    else delete out[k];
  }
  if (v.hasPolicy) {
    const formats = v.formats.split(',').map((f) => f.trim()).filter(Boolean);
    out.lendingPolicy = {
      returnables: v.returnables,
      copies: v.copies,
      ...(formats.length ? { formats } : {}),
      ...(v.loanPeriodDays.trim() ? { loanPeriodDays: Number(v.loanPeriodDays) } : {}),
    };
  } else delete out.lendingPolicy;
  for (const which of ['shippingAddress', 'returnAddress'] as const) {
    const a = address(v[which]);
    if (a) out[which] = a;
    else delete out[which];
  }
  return out;
}

const URL_RE = /^https?:\/\/\S+$/;

export function validateDirectoryEntry(v: DirectoryValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = 'validation.required';
  if (v.symbols.length === 0) errors.symbols = 'editor.directory.symbolRequired';
  v.symbols.forEach((s, i) => {
    if (!s.authority.trim()) errors[`symbols[${i}].authority`] = 'validation.required';
    if (!s.symbol.trim()) errors[`symbols[${i}].symbol`] = 'validation.required';
  });
  if (v.iso18626Endpoint.trim() && !URL_RE.test(v.iso18626Endpoint.trim())) errors.iso18626Endpoint = 'validation.url';
  if (v.sruEndpoint.trim() && !URL_RE.test(v.sruEndpoint.trim())) errors.sruEndpoint = 'validation.url';
  if (v.hasPolicy && v.loanPeriodDays.trim() && !/^\d+$/.test(v.loanPeriodDays.trim())) errors['lendingPolicy.loanPeriodDays'] = 'validation.wholeNumber';
  for (const which of ['shippingAddress', 'returnAddress'] as const) {
    const c = v[which].country.trim();
    if (c && !/^[A-Za-z]{2}$/.test(c)) errors[`${which}.country`] = 'validation.country';
  }
  return errors;
}
