/** @jsxRuntime automatic @jsxImportSource react */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { FormattedMessage } from 'react-intl';
import type { CalloutApi, CalloutMessage } from '../core/callout-context';
import { css } from './class-names';

interface ShownCallout extends CalloutMessage {
  id: string;
}

let calloutCounter = 0;

/**
 * Toasts portaled into #OverlayContainer (document.body when absent). Used through its ref:
 * `sendCallout({ type = 'success', message, timeout = 6000 (0 = sticky), dedupe })` -> id.
 */
export const Callout = forwardRef<CalloutApi>(function Callout(_props, ref) {
  const [shown, setShown] = useState<ShownCallout[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const removeCallout = useCallback((id: string) => {
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
    setShown((list) => list.filter((c) => c.id !== id));
  }, []);

  const sendCallout = useCallback((callout: CalloutMessage) => {
    calloutCounter += 1;
    const id = `callout-${calloutCounter}`;
    setShown((list) => {
      const kept = callout.dedupe ? list.filter((c) => c.message !== callout.message) : list;
      return [...kept, { ...callout, id }];
    });
    const timeout = callout.timeout ?? 6000;
    if (timeout > 0) timers.current.set(id, setTimeout(() => removeCallout(id), timeout));
    return id;
  }, [removeCallout]);

  useImperativeHandle(ref, () => ({ sendCallout, removeCallout }), [sendCallout, removeCallout]);
  useEffect(() => () => { timers.current.forEach((t) => clearTimeout(t)); }, []);

  const [target, setTarget] = useState<Element | null>(null);
  useEffect(() => { setTarget(document.getElementById('OverlayContainer') ?? document.body); }, []);
  if (!target) return null;
  return createPortal(
    <div className={css('calloutBase')} data-test-callout>
      {shown.map((c) => (
        <div key={c.id} id={c.id} className={css('message', c.type ?? 'success')} data-test-callout-element role={c.type === 'error' ? 'alert' : 'status'}>
          <div className={css('calloutMessage')}>{c.message}</div>
          <FormattedMessage id="stripes-components.dismissCallout">
            {(label) => (
              <button type="button" className={css('iconButton', 'calloutCloseButton')} data-test-callout-close-button aria-label={String(label)} onClick={() => removeCallout(c.id)}>
                <span aria-hidden="true">×</span>
              </button>
            )}
          </FormattedMessage>
        </div>
      ))}
    </div>,
    target,
  );
});
