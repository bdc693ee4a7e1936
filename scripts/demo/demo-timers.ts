// Calls the module's `_timer` routes for each tenant on an interval, as Okapi does in a FOLIO
// installation: the outbox sweep (delivery and retries) and the workflow sweep (stalled requests).

export const TIMER_PATHS = ['/resource-sharing/timers/outbox', '/resource-sharing/timers/workflow'];

export interface TimerHandle {
  stop(): Promise<void>;
}

export function startDemoTimers(baseUrl: string, tenants: string[], intervalMs = 5_000): TimerHandle {
  let running: Promise<void> | undefined;
  const tick = async () => {
    for (const tenant of tenants) {
      for (const path of TIMER_PATHS) {
        try {
          await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'x-okapi-tenant': tenant } });
        } catch {
          // the server is going down, or busy: the next tick tries again
        }
      }
    }
  };
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
