// One Server-Sent Events stream per module URL, tenant and user (or patron), shared by every
// screen that wants live updates. The stream is read with fetch and the `eventsource-parser`
// package: the browser's own EventSource cannot send X-Okapi-Tenant and X-Okapi-Token, which Okapi
// needs to route and authorise the call. It reconnects by itself after the module's `retry:`,
// sending Last-Event-ID; after a reconnect every listener is told to resync (read again what it
// shows), since a restarted module cannot replay what happened while it was down.
import { createParser } from 'eventsource-parser';

export interface LiveConnection {
  okapiUrl: string;
  tenant: string;
  /** staff: the Okapi token (undefined with cookie authentication); patron: the patron token */
  token?: string;
  /** `events` (staff) or `patron/events` */
  path: 'events' | 'patron/events';
}

/** A change the module announced: which request, and where it stands now. */
export interface RequestChange {
  id: string;
  hrid?: string;
  role?: 'borrowing' | 'lending';
  state: string;
  version: number;
  needsAttention?: boolean;
}

export type LiveEvent = { type: 'request'; change: RequestChange } | { type: 'resync' };
export type LiveListener = (event: LiveEvent) => void;

interface Shared {
  close(): void;
  listeners: Set<LiveListener>;
}

const streams = new Map<string, Shared>();

/** Reads the stream until closed; answers how to stop it. */
function open(conn: LiveConnection, listeners: Set<LiveListener>): () => void {
  const headers: Record<string, string> = { Accept: 'text/event-stream', 'X-Okapi-Tenant': conn.tenant };
  if (conn.token) headers[conn.path === 'events' ? 'X-Okapi-Token' : 'X-Patron-Token'] = conn.token;
  const emit = (event: LiveEvent) => listeners.forEach((l) => l(event));
  const abort = new AbortController();
  let retryMs = 2000;
  let lastEventId: string | undefined;
  let connections = 0;
  const parser = createParser({
    onRetry: (ms) => {
      retryMs = ms;
    },
    onEvent: (e) => {
      if (e.id) lastEventId = e.id;
      if (e.event === 'resync') emit({ type: 'resync' });
      else if (e.event === 'request') {
        try {
          emit({ type: 'request', change: JSON.parse(e.data) as RequestChange });
        } catch {
          // not ours to show
        }
      }
    },
  });
  const connect = async (): Promise<void> => {
    const response = await fetch(`${conn.okapiUrl}/resource-sharing/${conn.path}`, {
      headers: lastEventId ? { ...headers, 'Last-Event-ID': lastEventId } : headers,
      credentials: conn.path === 'events' ? 'include' : 'same-origin',
      cache: 'no-store',
      signal: abort.signal,
    });
    // 4xx: not allowed or not there (an older module); asking again will not help
    if (response.status >= 400 && response.status < 500) return;
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    if (connections++ > 0) emit({ type: 'resync' });
    parser.reset();
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    throw new Error('stream ended');
  };
  const loop = (): void => {
    connect().then(
      (): void => undefined,
      () => {
        if (!abort.signal.aborted) setTimeout(loop, retryMs);
      },
    );
  };
  loop();
  return () => abort.abort();
}

/** Listens to the stream of `conn` (opening it for the first listener); answers the removal. */
export function subscribeLive(conn: LiveConnection, listener: LiveListener): () => void {
  const key = [conn.okapiUrl, conn.tenant, conn.path, conn.token ?? ''].join('\n');
  let shared = streams.get(key);
  if (!shared) {
    const listeners = new Set<LiveListener>();
    shared = { listeners, close: open(conn, listeners) };
    streams.set(key, shared);
  }
  const current = shared;
  current.listeners.add(listener);
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      current.close();
      streams.delete(key);
    }
  };
}
