// The shared directory: a consortium's directory service (CrossLink's Directory API,
// `GET /directory/entries` answering `{items: [Entry], about: {count, nextLink?}}`) read on a
// timer and merged into this library's directory. Local entries win: an institution already typed
// in here (by any of its symbols) is left alone. Entries read from the service carry
// `source: 'shared'`; those the service no longer lists are removed (unless a rota profile uses them).
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { allEntries, symbolKey, type DirectoryEntry, type DirectoryEntryInput, type PostalAddress } from '../directory/index.ts';
import { createEntry, deleteEntry, updateEntry } from '../directory/directory-store.ts';
import { entryErrors } from '../directory/entry-validation.ts';
import { HttpError } from '../okapi/errors.ts';
import { getSettings } from '../settings/settings-store.ts';
import { runExclusive } from '../workflow/timer-lock.ts';

/** The parts of a CrossLink directory Entry we read (the service sends more). */
interface SharedEntry {
  id?: string;
  name?: string;
  type?: string;
  description?: string;
  contactName?: string;
  email?: string;
  phoneNumber?: string;
  symbols?: { authority?: string; symbol?: string }[];
  endpoints?: { name?: string; type?: string; address?: string }[];
  addresses?: { type?: string; addressComponents?: { seq?: number; type?: string; value?: string }[] }[];
  illConfig?: { iso18626Url?: string };
}

export interface SharedDirectoryRun {
  job: 'shared-directory';
  ran: boolean;
  skipped?: string;
  url?: string;
  /** entries the service listed */
  read?: number;
  created?: number;
  updated?: number;
  unchanged?: number;
  removed?: number;
  /** entries not taken over, each with the reason (local wins, invalid, ...); at most 50 */
  notTaken?: { name: string; symbols: string; reason: string }[];
  error?: string;
}

const PAGE = 200;
const MAX_PAGES = 50;
const TIMEOUT_MS = 10_000;
const MAX_BYTES = 20 * 1024 * 1024;

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  if (text.length > MAX_BYTES) throw new Error(`${url} answered more than ${MAX_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${url} did not answer JSON: ${text.slice(0, 100)}`);
  }
}

/** Every entry the service lists, page by page (following `about.nextLink`, else offset). */
export async function readSharedEntries(url: string): Promise<SharedEntry[]> {
  const out: SharedEntry[] = [];
  const first = new URL(url);
  if (!first.searchParams.has('limit')) first.searchParams.set('limit', String(PAGE));
  let next: string | undefined = first.toString();
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const body = (await getJson(next)) as { items?: unknown; about?: { count?: number; nextLink?: string } };
    if (!body || typeof body !== 'object' || !Array.isArray(body.items)) throw new Error(`${next} did not answer {items: [...]} (the directory API shape)`);
    const items = body.items.filter((i): i is SharedEntry => !!i && typeof i === 'object');
    out.push(...items);
    const count = typeof body.about?.count === 'number' ? body.about.count : undefined;
    if (body.about?.nextLink) next = new URL(body.about.nextLink, next).toString();
    else if (items.length > 0 && (count === undefined ? items.length >= PAGE : out.length < count)) {
      const u: URL = new URL(next);
      u.searchParams.set('offset', String(Number(u.searchParams.get('offset') ?? 0) + items.length));
      next = u.toString();
    } else next = undefined;
  }
  return out;
}

function address(entry: SharedEntry, ...types: string[]): PostalAddress | undefined {
  for (const type of types) {
    const a = entry.addresses?.find((x) => x.type?.toLowerCase() === type.toLowerCase());
    if (!a?.addressComponents?.length) continue;
    const parts = [...a.addressComponents].sort((x, y) => (x.seq ?? 0) - (y.seq ?? 0));
    const of = (t: string) => parts.filter((p) => p.type === t && p.value?.trim()).map((p) => p.value!.trim());
    const street = of('Thoroughfare');
    const out: PostalAddress = {};
    if (street[0]) out.line1 = street[0];
    if (street.length > 1 || of('Other').length) out.line2 = [...street.slice(1), ...of('Other')].join(', ');
    if (of('Locality')[0]) out.locality = of('Locality')[0];
    if (of('AdministrativeArea')[0]) out.region = of('AdministrativeArea')[0];
    if (of('PostalCode')[0]) out.postalCode = of('PostalCode')[0];
    const country = of('CountryCode')[0]?.toUpperCase();
    if (country && /^[A-Z]{2}$/.test(country)) out.country = country;
    if (Object.keys(out).length) return out;
  }
  return undefined;
}

/** A shared entry as our directory writes it; null when it names no institution we could use. */
export function fromSharedEntry(entry: SharedEntry, url: string, partners: boolean): DirectoryEntryInput | null {
  const symbols = (entry.symbols ?? [])
    .filter((s) => s.authority?.trim() && s.symbol?.trim())
    .map((s) => ({ authority: s.authority!.trim().toUpperCase(), symbol: s.symbol!.trim() }));
  if (!entry.name?.trim() || !symbols.length) return null;
  const endpoint = entry.illConfig?.iso18626Url || entry.endpoints?.find((e) => e.type?.toUpperCase() === 'ISO18626' && e.address)?.address;
  const contact = { ...(entry.contactName ? { name: entry.contactName } : {}), ...(entry.email ? { email: entry.email } : {}), ...(entry.phoneNumber ? { phone: entry.phoneNumber } : {}) };
  const shipping = address(entry, 'Shipping', 'Default');
  return {
    name: entry.name.trim(),
    symbols,
    ...(entry.description ? { description: entry.description } : {}),
    ...(endpoint ? { iso18626Endpoint: endpoint } : {}),
    ...(Object.keys(contact).length ? { contacts: [contact] } : {}),
    ...(shipping ? { shippingAddress: shipping } : {}),
    partner: partners && !!endpoint,
    source: 'shared',
    sourceUrl: url,
  };
}

/** The fields the service decides, to tell whether a stored shared entry changed. */
function described(e: DirectoryEntryInput): string {
  const { name, symbols, description, iso18626Endpoint, contacts, shippingAddress, sourceUrl } = e;
  return canonical({ name, symbols: symbols.map(symbolKey).sort(), description, iso18626Endpoint, contacts, shippingAddress, sourceUrl });
}

/** JSON with object keys sorted (jsonb gives them back in its own order). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Reads the shared directory of `tenant` (setting `sharedDirectory`) and merges it into ours. */
export async function refreshSharedDirectory(db: Database, tenant: string): Promise<SharedDirectoryRun> {
  const { sharedDirectory } = await getSettings(db, tenant);
  if (!sharedDirectory) return { job: 'shared-directory', ran: false, skipped: 'no shared directory is set (setting sharedDirectory)' };
  const url = sharedDirectory.url;
  const run: SharedDirectoryRun = { job: 'shared-directory', ran: true, url, read: 0, created: 0, updated: 0, unchanged: 0, removed: 0, notTaken: [] };
  const note = (e: { name?: string; symbols?: { authority?: string; symbol?: string }[] }, reason: string) => {
    if (run.notTaken!.length < 50) run.notTaken!.push({ name: e.name ?? '(no name)', symbols: (e.symbols ?? []).map((s) => `${s.authority}:${s.symbol}`).join(' '), reason });
  };
  let remote: SharedEntry[];
  try {
    remote = await readSharedEntries(url);
  } catch (err) {
    // The service is down or answers nonsense: keep what we have, say why.
    return { ...run, error: (err as Error).message };
  }
  run.read = remote.length;
  const stored = await allEntries(db, tenant);
  const owner = new Map<string, DirectoryEntry>();
  for (const e of stored) for (const s of e.symbols) owner.set(symbolKey(s), e);
  const seen = new Set<string>();
  for (const item of remote) {
    const input = fromSharedEntry(item, url, sharedDirectory.partners ?? true);
    if (!input) {
      note(item, 'no name or no symbol');
      continue;
    }
    const errors = entryErrors(input);
    if (errors.length) {
      note(item, errors.map((e) => e.message).join('; '));
      continue;
    }
    const matches = [...new Set(input.symbols.map((s) => owner.get(symbolKey(s))).filter((e): e is DirectoryEntry => !!e))];
    if (matches.some((m) => m.self)) {
      note(item, 'this is our own library');
      continue;
    }
    if (matches.some((m) => m.source !== 'shared')) {
      note(item, 'a local entry has this symbol (local entries win)');
      if (matches.length === 1 && matches[0].source === 'shared') seen.add(matches[0].id);
      continue;
    }
    if (matches.length > 1) {
      note(item, 'its symbols belong to several entries here');
      for (const m of matches) seen.add(m.id);
      continue;
    }
    const [current] = matches;
    try {
      if (!current) {
        const created = await db.transaction((tx) => createEntry(tx, tenant, input));
        for (const s of created.symbols) owner.set(symbolKey(s), created);
        seen.add(created.id);
        run.created! += 1;
      } else {
        seen.add(current.id);
        if (described(current) === described(input)) {
          run.unchanged! += 1;
          continue;
        }
        // Our relation to the institution (partner, secrets, viaBroker, ...) stays as set here.
        const { partner: _ignored, ...described_ } = input;
        await db.transaction((tx) => updateEntry(tx, tenant, current.id, described_, { keepLocalFields: true }));
        run.updated! += 1;
      }
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      note(item, err.message);
    }
  }
  for (const e of stored) {
    if (e.source !== 'shared' || e.sourceUrl !== url || seen.has(e.id)) continue;
    try {
      await db.transaction((tx) => deleteEntry(tx, tenant, e.id));
      run.removed! += 1;
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      note(e, `no longer in the shared directory, kept: ${err.message}`);
    }
  }
  return run;
}

/** `POST /resource-sharing/timers/shared-directory`: the `_timer` handler (every 5 minutes). */
export function registerBrokerRoutes(app: FastifyInstance, db: Database): void {
  app.post('/resource-sharing/timers/shared-directory', async (req) => {
    const run = await runExclusive(db, req.tenant, 'shared-directory', () => refreshSharedDirectory(db, req.tenant));
    return run.ran ? run.result : { job: 'shared-directory', ran: false, skipped: 'already running' };
  });
}
