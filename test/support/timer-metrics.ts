// How many `_timer` handler calls a running module has answered, per handler, from its
// GET /admin/metrics (mod_rs_timer_runs_total, summed over the outcomes).
export async function timerRunsByHandler(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/admin/metrics`)).text();
  const runs = new Map<string, number>();
  for (const m of text.matchAll(/^mod_rs_timer_runs_total\{[^}]*timer="([^"]+)"[^}]*\}\s+(\S+)$/gm)) {
    runs.set(m[1], (runs.get(m[1]) ?? 0) + Number(m[2]));
  }
  return runs;
}
