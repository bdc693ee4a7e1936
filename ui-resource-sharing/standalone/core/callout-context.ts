import { createContext, useContext, type ReactNode } from 'react';

export type CalloutType = 'success' | 'error' | 'warning' | 'info';

export interface CalloutMessage {
  type?: CalloutType;
  message: ReactNode;
  /** ms; 0 = stays until closed; default 6000 */
  timeout?: number;
  dedupe?: boolean;
}

export interface CalloutApi {
  sendCallout(callout: CalloutMessage): string;
  removeCallout?(id: string): void;
}

const queued: CalloutMessage[] = [];
/** Before the root Callout mounts, callouts are queued (as stripes-core does). */
export const queueingCallout: CalloutApi & { drain(): CalloutMessage[] } = {
  sendCallout(callout) { queued.push(callout); return `queued-${queued.length}`; },
  drain() { return queued.splice(0, queued.length); },
};

export const CalloutContext = createContext<CalloutApi>(queueingCallout);

export function useCallout(): CalloutApi {
  return useContext(CalloutContext);
}
