// Fans request changes out to the open event streams of this module instance. One LISTEN per
// instance (PostgreSQL: every instance hears every commit; PGlite: this process); each stream says
// which changes its caller may see. The last changes are kept so a client that reconnects with
// Last-Event-ID gets what it missed; when that is not possible (another instance, a restart, a
// lost LISTEN connection) the client is told to `resync` (refetch what it shows).
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { parseRequestChange, REQUEST_CHANNEL, type RequestChange } from './request-events.ts';

export interface LiveSubscriber {
  tenant: string;
  /** what the caller may see of a change (undefined: nothing) */
  view(change: RequestChange): Record<string, unknown> | undefined;
  send(id: string, event: string, data: Record<string, unknown>): void;
}

const KEEP = 2000;

export class LiveHub {
  /** changes the ids of this instance's events apart from another instance's or an earlier run's */
  readonly boot = randomBytes(4).toString('hex');
  private seq = 0;
  private readonly recent: { seq: number; change: RequestChange }[] = [];
  private readonly subscribers = new Set<LiveSubscriber>();
  private listening?: Promise<(() => Promise<void>) | undefined>;

  constructor(private readonly db: Database) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** Starts listening (once); answers false when the database cannot notify. */
  async start(): Promise<boolean> {
    this.listening ??= this.db.listen
      ? this.db.listen(REQUEST_CHANNEL, (p) => this.deliver(p), () => this.gap())
      : Promise.resolve(undefined);
    try {
      return (await this.listening) !== undefined;
    } catch (err) {
      // the database could not be reached: the next stream tries again
      this.listening = undefined;
      throw err;
    }
  }

  async stop(): Promise<void> {
    const unlisten = await this.listening?.catch(() => undefined);
    this.listening = undefined;
    await unlisten?.();
  }

  /**
   * Adds a stream; replays what it missed after `lastEventId` when this instance still has it,
   * else sends `resync` when it names an event we cannot replay. Answers the removal.
   */
  subscribe(sub: LiveSubscriber, lastEventId?: string): () => void {
    if (lastEventId) {
      const [boot, n] = lastEventId.split('-');
      const after = Number(n);
      const oldest = this.recent[0]?.seq ?? this.seq + 1;
      if (boot === this.boot && Number.isInteger(after) && after >= oldest - 1) {
        for (const { seq, change } of this.recent) if (seq > after) this.offer(sub, seq, change);
      } else {
        sub.send(this.eventId(this.seq), 'resync', { reason: 'missed' });
      }
    }
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }

  private eventId(seq: number): string {
    return `${this.boot}-${seq}`;
  }

  private offer(sub: LiveSubscriber, seq: number, change: RequestChange): void {
    if (sub.tenant !== change.tenant) return;
    const data = sub.view(change);
    if (data) sub.send(this.eventId(seq), 'request', data);
  }

  private deliver(payload: string): void {
    const change = parseRequestChange(payload);
    if (!change) return;
    const seq = ++this.seq;
    this.recent.push({ seq, change });
    if (this.recent.length > KEEP) this.recent.shift();
    for (const sub of this.subscribers) this.offer(sub, seq, change);
  }

  /** Notifications may have been lost: every stream refetches, and no replay crosses the gap. */
  private gap(): void {
    this.seq++;
    this.recent.length = 0;
    for (const sub of this.subscribers) sub.send(this.eventId(this.seq), 'resync', { reason: 'gap' });
  }
}
