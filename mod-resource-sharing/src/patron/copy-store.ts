// Copies the library keeps for its patrons (patronNotices.copyDelivery.keep = store). When a copy's
// link arrives, patron-side.ts marks the request's copy pending; right after the commit (the outbox
// kick, and every outbox timer call) the module fetches the file — http(s) only, at most
// MAX_COPY_BYTES, within COPY_FETCH_TIMEOUT_MS — and stores it in the tenant's patron_copies table.
// A fetch that fails flags the request (attention copyNotStored, lastError) and the patron keeps
// the supplier's link. Either way the copy-ready notice, held back while the copy was pending, is
// queued in the same transaction (the library's patron page for a stored copy, never the
// supplier's link). Served to the request's patron only: once, or until its expiry.
import type { FastifyReply } from 'fastify';
import type { Database, Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { backgroundLog } from '../metrics/json-log.ts';
import { kickOutbox, registerDrainTask } from '../outbox/index.ts';
import { getRequest, saveRequest } from '../requests/request-store.ts';
import type { ResourceSharingRequest, StoredCopyState } from '../requests/request-types.ts';
import { getSettings } from '../settings/settings-store.ts';
import type { Settings } from '../settings/settings-types.ts';
import { copyDeliveryOf } from '../notices/notice-settings.ts';
import { enqueueNotice } from '../notices/notice-outbox.ts';

export const MAX_COPY_BYTES = 50 * 1024 * 1024;
export const COPY_FETCH_TIMEOUT_MS = 60_000;
export const COPY_NOT_STORED = 'copyNotStored';

export interface CopyFetchLimits {
  maxBytes: number;
  timeoutMs: number;
}

let limits: CopyFetchLimits = { maxBytes: MAX_COPY_BYTES, timeoutMs: COPY_FETCH_TIMEOUT_MS };

/** The limits of every fetch of this process; tests shorten the timeout (no argument: the defaults again). */
export function configureCopyStore(changes?: Partial<CopyFetchLimits>): void {
  limits = changes ? { ...limits, ...changes } : { maxBytes: MAX_COPY_BYTES, timeoutMs: COPY_FETCH_TIMEOUT_MS };
}
const ACTOR = { type: 'system', id: 'copy-store' } as const;
/** states in which a copy that was just stored (or not) is announced to the patron */
const COPY_READY_STATES = new Set(['REQ_DOCUMENT_DELIVERED', 'REQ_REQUEST_COMPLETE']);

export interface FetchedCopy {
  content: Buffer;
  contentType: string;
  filename: string;
}

function filenameOf(url: URL, disposition: string | null): string {
  const quoted = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const raw = quoted ? quoted[1] : url.pathname.split('/').filter(Boolean).pop();
  let name = raw ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    /* keep it as sent */
  }
  name = name.replace(/[\\/\r\n"]/g, '_').trim().slice(0, 200);
  return name || 'copy';
}

/** Fetches a supplier's link; throws an Error saying why not (status, size, timeout, scheme). */
export async function fetchCopy(link: string, opts: Partial<CopyFetchLimits> = {}): Promise<FetchedCopy> {
  const maxBytes = opts.maxBytes ?? limits.maxBytes;
  const timeoutMs = opts.timeoutMs ?? limits.timeoutMs;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new Error(`not a URL: ${link.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`cannot fetch a ${url.protocol} link`);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new Error(`the supplier's link answered HTTP ${res.status}`);
    }
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new Error(`the copy is ${declared} bytes, more than the ${maxBytes} kept`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          controller.abort();
          throw new Error(`the copy is more than the ${maxBytes} bytes kept`);
        }
        chunks.push(Buffer.from(chunk));
      }
    }
    if (size === 0) throw new Error("the supplier's link answered an empty file");
    const contentType = (res.headers.get('content-type') ?? 'application/octet-stream').slice(0, 200);
    return { content: Buffer.concat(chunks), contentType, filename: filenameOf(url, res.headers.get('content-disposition')) };
  } catch (err) {
    if (controller.signal.aborted && !(err instanceof Error && err.message.includes('bytes kept'))) {
      throw new Error(`the supplier's link did not answer within ${timeoutMs} ms`);
    }
    if (err instanceof Error && err.message.startsWith('fetch failed')) {
      const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`the supplier's link could not be fetched: ${cause?.code ?? cause?.message ?? err.message}`);
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

async function saveCopyState(
  tx: Sql,
  tenant: string,
  settings: Settings,
  req: ResourceSharingRequest,
  copy: StoredCopyState,
  message: string,
): Promise<void> {
  const next: ResourceSharingRequest = { ...req, patronSide: { ...req.patronSide, storedCopy: copy } };
  if (copy.status === 'failed') {
    next.attention = [...new Set([...(req.attention ?? []), COPY_NOT_STORED])];
    next.needsAttention = true;
    next.lastError = `Copy not stored: ${copy.error ?? 'unknown'}`.slice(0, 1000);
  }
  // the copy-ready notice waited for this (notices/patron-side.ts): the library's link, or the
  // supplier's when storing failed; not for a request that was cancelled or closed meanwhile
  if (COPY_READY_STATES.has(next.state)) await enqueueNotice(tx, tenant, settings, next, 'copyReady', { params: {} }, new Date());
  await saveRequest(tx, tenant, next, ACTOR, { action: 'storeCopy', message });
}

/** Fetches and stores one pending copy; answers whether it recorded the outcome (false: no longer pending, nothing done). */
export async function storeCopy(db: Database, tenant: string, requestId: string, opts: Partial<CopyFetchLimits> = {}): Promise<boolean> {
  const before = await getRequest(db, tenant, requestId);
  if (before?.patronSide?.storedCopy?.status !== 'pending' || !before.documentUrl) return false;
  const link = before.documentUrl;
  let fetched: FetchedCopy | undefined;
  let problem = '';
  try {
    fetched = await fetchCopy(link, opts);
  } catch (err) {
    problem = err instanceof Error ? err.message : String(err);
  }
  return db.transaction(async (tx) => {
    const req = await getRequest(tx, tenant, requestId, { forUpdate: true });
    // another worker stored it meanwhile, or a new link arrived: leave it
    if (req?.patronSide?.storedCopy?.status !== 'pending' || req.documentUrl !== link) return false;
    const settings = await getSettings(tx, tenant);
    if (!fetched) {
      await saveCopyState(tx, tenant, settings, req, { status: 'failed', error: problem.slice(0, 500) }, `The copy could not be stored (${problem}); the patron keeps the supplier's link`);
      return true;
    }
    const { servedFor } = copyDeliveryOf(settings);
    const expires = servedFor === 'days' ? (req.patronSide?.documentExpires ?? null) : null;
    await tx.query(
      `INSERT INTO ${schemaOf(tenant)}.patron_copies (request_id, content, content_type, filename, size, source_url, served_for, expires)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (request_id) DO UPDATE SET content = EXCLUDED.content, content_type = EXCLUDED.content_type, filename = EXCLUDED.filename,
         size = EXCLUDED.size, source_url = EXCLUDED.source_url, stored_date = now(), served_for = EXCLUDED.served_for,
         expires = EXCLUDED.expires, served_count = 0, last_served = NULL`,
      [requestId, fetched.content, fetched.contentType, fetched.filename, fetched.content.length, link, servedFor, expires],
    );
    await saveCopyState(
      tx,
      tenant,
      settings,
      req,
      { status: 'stored', contentType: fetched.contentType, filename: fetched.filename, size: fetched.content.length, storedDate: new Date().toISOString() },
      `The copy (${fetched.filename}, ${fetched.content.length} bytes) is stored for the patron`,
    );
    return true;
  });
}

/** Fetches running in this process, by tenant and request; at most MAX_PARALLEL_FETCHES at once (each holds up to 50 MB). */
const fetching = new Map<string, Promise<void>>();
const MAX_PARALLEL_FETCHES = 2;

/**
 * Starts fetching the tenant's pending copies and returns without waiting for them: a supplier's
 * file server that stalls must not hold up the outbox drain this runs in (every other message of
 * the library would wait up to the timeout for each copy). A copy already being fetched in this
 * process is not fetched twice; the ones over the limit wait for the next kick or timer call. A
 * fetch that recorded its outcome kicks the outbox, which sends the copy-ready notice it queued.
 */
export async function storePendingCopies(db: Database, tenant: string): Promise<void> {
  if (fetching.size >= MAX_PARALLEL_FETCHES) return;
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM ${schemaOf(tenant)}.requests
      WHERE role = 'borrowing' AND jsonb->'patronSide'->'storedCopy'->>'status' = 'pending'
      ORDER BY updated_date LIMIT 10`,
  );
  for (const { id } of rows) {
    const key = `${tenant}/${id}`;
    if (fetching.has(key)) continue;
    if (fetching.size >= MAX_PARALLEL_FETCHES) break;
    const run = storeCopy(db, tenant, id)
      .then((recorded) => (recorded ? kickOutbox(db, tenant) : undefined))
      .catch((err: unknown) => backgroundLog.warn({ err, tenant, requestId: id }, 'storing a copy failed; the next outbox drain tries again'))
      .finally(() => fetching.delete(key));
    fetching.set(key, run);
  }
}

/** Waits for the fetches this process is running (tests, shutdown). */
export async function copyFetchesSettled(): Promise<void> {
  while (fetching.size) await Promise.allSettled([...fetching.values()]);
}

export interface ServedCopy {
  content: Buffer;
  contentType: string;
  filename: string;
}

/**
 * The stored copy for the patron: counted, and refused once it was served (`once`) or after its
 * expiry. Answers 'gone' then, 'none' when there is no stored copy.
 */
export async function serveCopy(sql: Sql, tenant: string, requestId: string, opts: { count: boolean }): Promise<ServedCopy | 'gone' | 'none'> {
  const s = schemaOf(tenant);
  const sqlText = opts.count
    ? `UPDATE ${s}.patron_copies SET served_count = served_count + 1, last_served = now()
        WHERE request_id = $1 AND (served_for <> 'once' OR served_count = 0) AND (expires IS NULL OR expires > now())
        RETURNING content, content_type, filename`
    : `SELECT content, content_type, filename FROM ${s}.patron_copies WHERE request_id = $1`;
  const { rows } = await sql.query<{ content: Uint8Array; content_type: string; filename: string }>(sqlText, [requestId]);
  if (rows[0]) return { content: Buffer.from(rows[0].content), contentType: rows[0].content_type, filename: rows[0].filename };
  if (!opts.count) return 'none';
  const { rows: exists } = await sql.query(`SELECT 1 FROM ${s}.patron_copies WHERE request_id = $1`, [requestId]);
  return exists.length ? 'gone' : 'none';
}

/** Copies are fetched with every outbox drain (kick after a commit, timer call); server.ts installs it. */
export function installCopyStore(): void {
  registerDrainTask(storePendingCopies);
}

/** Sends a stored copy as a download (the filename quoted safely, also in UTF-8). */
export function sendCopy(reply: FastifyReply, copy: ServedCopy): FastifyReply {
  const ascii = copy.filename.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .header('content-type', copy.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(copy.filename)}`)
    .header('cache-control', 'private, no-store')
    .send(copy.content);
}

/** 410 with a FOLIO errors body: the copy was served already (once) or its days are over. */
export function copyGone(reply: FastifyReply, requestHrid: string): FastifyReply {
  return reply.code(410).send({
    errors: [{ message: 'This copy is no longer available: it could be fetched once, or its days are over. Ask the library for it again.', code: 'patron.copyGone', parameters: [{ key: 'request', value: requestHrid }] }],
  });
}
