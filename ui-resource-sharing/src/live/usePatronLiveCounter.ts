import { useEffect, useState } from 'react';
import { subscribeLive } from './live-stream';

/**
 * A number that grows with each change of the signed-in patron's own requests (their stream,
 * through the patron token), so "My requests" reads its list again. 0 until something changes.
 */
export function usePatronLiveCounter(okapiUrl: string, tenant: string, token: string | undefined): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!token) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = subscribeLive({ okapiUrl, tenant, token, path: 'patron/events' }, () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        setCount((n) => n + 1);
      }, 100);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [okapiUrl, tenant, token]);
  return count;
}
