// The default sender: one HTTP POST of the message body, over kept-alive connections per partner
// host, with the caller's abort signal as its timeout. node:http rather than fetch: a message costs
// a third of the CPU (fetch's web streams and its own connection pool weigh on every message a busy
// library sends), and nothing fetch adds is wanted here: no redirect is followed (a 3xx is the
// partner's answer) and no compressed answer is asked for.
import http from 'node:http';
import https from 'node:https';
import type { OutboxMessage, SendResponse } from './outbox-types.ts';

const MAX_RESPONSE_CHARS = 256 * 1024;

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

export function httpSend(msg: OutboxMessage, signal?: AbortSignal): Promise<SendResponse> {
  return new Promise<SendResponse>((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(msg.url);
    } catch {
      reject(new Error(`not a URL: ${msg.url.slice(0, 200)}`));
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(new Error(`not an http(s) URL: ${msg.url.slice(0, 200)}`));
      return;
    }
    const body = Buffer.from(msg.body, 'utf8');
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol],
        headers: {
          'content-type': msg.kind === 'iso18626' ? 'application/xml' : 'application/json',
          'content-length': body.byteLength,
        },
        signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          // an answer is read up to the limit; the rest is not waited for
          if (text.length >= MAX_RESPONSE_CHARS) {
            resolve({ status, body: text.slice(0, MAX_RESPONSE_CHARS) });
            res.destroy();
          }
        });
        res.on('end', () => resolve({ status, body: text }));
        res.on('error', reject);
        // the answer broke off before its end (an answer cut off at the limit has already been resolved)
        res.on('close', () => {
          if (!res.complete) reject(new Error(`the answer from ${url.host} broke off`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
