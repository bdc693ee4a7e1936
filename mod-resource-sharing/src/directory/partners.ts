// Partner agreements. A library exchanges requests only with the institutions it has marked as
// partners in its own directory (`partner: true`); what the other side has is irrelevant, each
// side decides alone. The ISO 18626 endpoint asks `isPartner` before accepting a request, the
// sender asks `partnerEndpoint` where (and how) to deliver a message.
import type { Sql } from '../db/database.ts';
import { findEntryBySymbol } from './directory-store.ts';
import { LOCAL_FIELDS, MAINTAINED_FIELDS, POLICY_FIELDS, type DirectoryEntry, type Iso18626Version } from './directory-types.ts';

/** Is `symbol` (`AUTHORITY:CODE`, any case) one of our partners? Our own entry never is. */
export async function isPartner(sql: Sql, tenant: string, symbol: string): Promise<boolean> {
  const entry = await findEntryBySymbol(sql, tenant, symbol);
  return !!entry && entry.partner && !entry.self;
}

export interface PartnerEndpoint {
  /** the partner's ISO 18626 endpoint */
  url: string;
  version: Iso18626Version;
  /** requestingAgencyAuthentication.securityCode, when agreed */
  sharedSecret?: string;
  /** requestingAgencyAuthentication.accountId, when agreed */
  accountId?: string;
  /** our Retry keeps the request's id (the partner wants it so); default: a new id naming the previous */
  retryKeepsRequestId?: boolean;
  /** the partner's directory entry id and name */
  entryId: string;
  name: string;
}

/** Where to send ISO 18626 messages for `symbol`; null unless it is a partner with an endpoint. */
export async function partnerEndpoint(sql: Sql, tenant: string, symbol: string): Promise<PartnerEndpoint | null> {
  const entry = await findEntryBySymbol(sql, tenant, symbol);
  if (!entry || !entry.partner || entry.self || !entry.iso18626Endpoint) return null;
  const out: PartnerEndpoint = { url: entry.iso18626Endpoint, version: entry.iso18626Version, entryId: entry.id, name: entry.name };
  if (entry.sharedSecret) out.sharedSecret = entry.sharedSecret;
  if (entry.accountId) out.accountId = entry.accountId;
  if (entry.retryKeepsRequestId) out.retryKeepsRequestId = true;
  return out;
}

/** The entry as others may see it: without secrets and without our relation to it. */
export function publicEntry(entry: DirectoryEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { ...entry };
  for (const f of [...LOCAL_FIELDS, ...POLICY_FIELDS, ...MAINTAINED_FIELDS]) delete out[f];
  delete out._version;
  delete out.metadata;
  return out;
}
