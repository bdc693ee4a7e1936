// Counting refused messages (authentication failures) without letting a flood of them cost the
// library. Anyone can send messages in a partner's name; each refusal used to write the counter at
// once, and each write is a change to the settings or directory tables: one UPDATE on the same
// row (refusals queued on its lock), a config-change notification to every instance of the module
// and the tenant's cache forgotten, so that every genuine message after it read the directory and
// settings again. Now the first refusal of a quiet spell is written at once (staff see it, and it
// is counted before the sender hears ERROR); the ones that follow within WINDOW_MS are added up
// in memory and written together when the window ends, as long as refusals keep coming. A flood
// costs one write per counter per window, whatever its rate. What an instance had added up and
// not yet written is lost if it stops within that window (at most one window of refusals).
import { isTenantGone } from '../db/tenant-schema.ts';
import { backgroundLog } from '../metrics/json-log.ts';

/** How long refusals are added up before they are written together. */
export const WINDOW_MS = 1_000;

/** Writes `count` more refusals, the last of them for `reason`. */
export type WriteRefusals = (count: number, reason: string) => Promise<void>;

interface Window {
  /** refusals added up since the last write */
  pending: number;
  reason: string;
  write: WriteRefusals;
}

const windows = new WeakMap<object, Map<string, Window>>();

/**
 * Counts one refusal of the counter `key` (a tenant and an entry, say) kept by `owner` (the
 * database). Resolves once it is written when it opens a window, at once otherwise; a failed
 * write rejects (the first) or is logged (the later ones).
 */
export function countRefusal(owner: object, key: string, reason: string, write: WriteRefusals): Promise<void> {
  let byKey = windows.get(owner);
  if (!byKey) windows.set(owner, (byKey = new Map()));
  const open = byKey.get(key);
  if (open) {
    open.pending += 1;
    open.reason = reason;
    open.write = write;
    return Promise.resolve();
  }
  const window: Window = { pending: 0, reason, write };
  byKey.set(key, window);
  const counters = byKey;
  const close = () => {
    if (window.pending === 0) {
      counters.delete(key);
      return;
    }
    const { pending, reason: last } = window;
    window.pending = 0;
    // the window stays open while this write runs and for one more spell after it
    window
      .write(pending, last)
      .catch((err: unknown) => {
        // a tenant purged meanwhile has nothing left to count on
        if (!isTenantGone(err)) backgroundLog.error({ err, counter: key, refusals: pending }, 'could not count refused messages');
      })
      .finally(() => setTimeout(close, WINDOW_MS).unref());
  };
  return write(1, reason).finally(() => setTimeout(close, WINDOW_MS).unref());
}
