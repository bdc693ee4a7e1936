// Reads a Server-Sent Events stream as a browser's EventSource would see it (fields `id`, `event`,
// `data`, `retry`, comment lines), over fetch with headers, and waits for the events a test wants.
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

export interface SseReader {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: string[];
  retry?: number;
  /** resolves with the first event (already received or to come) that `match` accepts */
  next(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseReader> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const waiting: { match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  const reader: SseReader = {
    status: res.status,
    headers: res.headers,
    events: [],
    comments: [],
    next(match, timeoutMs = 5000) {
      const seen = reader.events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(reader.events)}`)), timeoutMs);
        waiting.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    close: () => abort.abort(),
  };
  if (!res.ok || !res.body) return reader;
  const body = res.body.pipeThrough(new TextDecoderStream());
  void (async () => {
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const e: SseEvent = { event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) reader.comments.push(line.slice(1).trim());
            else if (line.startsWith('retry: ')) reader.retry = Number(line.slice(7));
            else if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) (e.data += (hasData ? '\n' : '') + line.slice(6)), (hasData = true);
          }
          if (!hasData) continue;
          reader.events.push(e);
          for (const w of [...waiting]) {
            if (w.match(e)) {
              waiting.splice(waiting.indexOf(w), 1);
              w.resolve(e);
            }
          }
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return reader;
}
