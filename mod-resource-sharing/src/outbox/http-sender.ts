// The default sender: one HTTP POST of the message body with a timeout.
import type { OutboxMessage, SendResponse } from './outbox-types.ts';

const MAX_RESPONSE_CHARS = 256 * 1024;

export async function httpSend(msg: OutboxMessage, signal?: AbortSignal): Promise<SendResponse> {
  const res = await fetch(msg.url, {
    method: 'POST',
    headers: { 'content-type': msg.kind === 'iso18626' ? 'application/xml' : 'application/json' },
    body: msg.body,
    signal,
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, body: text.length > MAX_RESPONSE_CHARS ? text.slice(0, MAX_RESPONSE_CHARS) : text };
}
