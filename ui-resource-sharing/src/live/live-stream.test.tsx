import '../../test/setup.ts';
import assert from 'node:assert/strict';
import { subscribeLive, type LiveEvent } from './live-stream.ts';

/** A module that answers the event stream: each connection gets the chunks its turn gives, then ends. */
function fakeModule(turns: string[][]) {
  const calls: Array<{ url: string; headers: Record<string, string>; credentials?: string }> = [];
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) }, credentials: init?.credentials });
    const chunks = turns[calls.length - 1];
    if (!chunks) return new Response('gone', { status: 404 });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  }) as typeof fetch;
  return { calls, restore: () => { globalThis.fetch = original; } };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(ok());
};

describe('ui-resource-sharing: the live event stream', () => {
  it('sends the Okapi headers, passes changes on, reconnects after retry with Last-Event-ID and asks to resync', async () => {
    const module = fakeModule([
      ['retry: 30\n: resource-sharing events\n\n', 'id: ab-1\nevent: request\ndata: {"id":"r1","role":"borrowing","state":"REQ_SHIPPED","version":3}\n\n', ': heartbeat\n\n'],
      ['retry: 30\n\n', 'id: cd-1\nevent: resync\ndata: {"reason":"missed"}\n\n'],
    ]);
    const events: LiveEvent[] = [];
    const stop = subscribeLive({ okapiUrl: 'http://okapi', tenant: 'northfield', token: 'tok', path: 'events' }, (e) => events.push(e));
    try {
      await until(() => module.calls.length === 3);
      assert.equal(module.calls[0].url, 'http://okapi/resource-sharing/events');
      assert.equal(module.calls[0].headers['X-Okapi-Tenant'], 'northfield');
      assert.equal(module.calls[0].headers['X-Okapi-Token'], 'tok');
      assert.equal(module.calls[0].credentials, 'include');
      assert.equal(module.calls[0].headers['Last-Event-ID'], undefined);
      assert.equal(module.calls[1].headers['Last-Event-ID'], 'ab-1', 'the reconnect says what it saw last');
      assert.deepEqual(events, [
        { type: 'request', change: { id: 'r1', role: 'borrowing', state: 'REQ_SHIPPED', version: 3 } },
        { type: 'resync' }, // reconnected: the screen reads again
        { type: 'resync' }, // and the module said so too
      ]);
    } finally {
      stop();
      module.restore();
    }
  });

  it('shares one stream among listeners, closes it with the last one, and sends the patron token its own way', async () => {
    const module = fakeModule([[': open\n\n'], [': open\n\n']]);
    const conn = { okapiUrl: 'http://okapi', tenant: 'northfield', token: 'patron-jwt', path: 'patron/events' as const };
    const stopA = subscribeLive(conn, () => undefined);
    const stopB = subscribeLive(conn, () => undefined);
    try {
      await until(() => module.calls.length >= 1);
      assert.equal(module.calls[0].url, 'http://okapi/resource-sharing/patron/events');
      assert.equal(module.calls[0].headers['X-Patron-Token'], 'patron-jwt');
      assert.equal(module.calls[0].headers['X-Okapi-Token'], undefined);
      stopA();
      stopB();
      const after = module.calls.length;
      await new Promise((r) => setTimeout(r, 2500));
      assert.equal(module.calls.length, after, 'no reconnect once nobody listens');
      assert.ok(after <= 2);
    } finally {
      stopA();
      stopB();
      module.restore();
    }
  });
});
