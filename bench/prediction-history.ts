// `npm run bench prediction-history`: what the predictions cost a rota build on PostgreSQL. Loads
// BENCH_ROWS borrowing requests (default 50,000 over three years, 20 partners, each sent, then
// shipped or answered Unfilled in the audit), then times reading the attempts, training the model,
// and the whole preview of a rota through the HTTP API (first, and with the tenant's model cached).
import { usePostgres } from './postgres-env.ts';
import { summary } from './stats.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const LENDERS = 20;
const CALLS = Number(process.env.BENCH_QUERIES ?? 20);

export async function run(): Promise<void> {
  usePostgres();
  const { startModule, enableTenant, purgeTenant, tenantClient } = await import('../test/support/module-harness.ts');
  const { schemaOf } = await import('../mod-resource-sharing/src/db/tenant-schema.ts');
  const { predictionAttempts, MODEL_MAX_AGE_MS } = await import('../mod-resource-sharing/src/rota/prediction-history.ts');
  const { PredictionModel } = await import('../mod-resource-sharing/src/rota/predictions.ts');
  const mod = await startModule();
  const tenant = 'bench_predictions';
  const s = schemaOf(tenant);
  await purgeTenant(mod.url, tenant);
  await enableTenant(mod.url, tenant);
  const api = tenantClient(mod.url, tenant);
  try {
    for (let l = 0; l < LENDERS; l++) {
      const res = await api.post('/resource-sharing/directory/entries', {
        name: `Lender ${l}`,
        symbols: [{ authority: 'ISIL', symbol: `BENCH-${l}` }],
        partner: true,
        iso18626Endpoint: `http://127.0.0.1:9/${l}`,
      });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    }
    const t0 = performance.now();
    // requests: lender g % 20, created over 3 years, 70 % filled after (g % 9) + 1 days, else Unfilled after 1 day
    await mod.db.query(
      `INSERT INTO ${s}.requests (id, hrid, role, state, needs_attention, version, created_date, updated_date, jsonb)
       SELECT id, 'P-' || g, 'borrowing', CASE WHEN g % 10 < 7 THEN 'REQ_REQUEST_COMPLETE' ELSE 'REQ_END_OF_ROTA' END, false, 1, c, c + interval '10 days',
              jsonb_build_object('id', id, 'hrid', 'P-' || g, 'role', 'borrowing', 'serviceType', CASE WHEN g % 3 = 0 THEN 'copy' ELSE 'loan' END,
                                 'supplierSymbol', 'ISIL:BENCH-' || (g % ${LENDERS}), 'citation', jsonb_build_object('title', 'Bench ' || g, 'format', CASE WHEN g % 8 = 0 THEN 'dvd' ELSE 'book' END))
         FROM (SELECT g, gen_random_uuid() AS id, now() - (g::float / $1 * 1095) * interval '1 day' AS c FROM generate_series(1, $1) g) x`,
      [ROWS],
    );
    await mod.db.query(
      `INSERT INTO ${s}.request_audit (id, request_id, ts, actor_type, actor_id, action, to_state)
       SELECT gen_random_uuid(), r.id, r.created_date, 'system', NULL, 'sendToNextSupplier', 'REQ_SENT_TO_SUPPLIER' FROM ${s}.requests r
       UNION ALL
       SELECT gen_random_uuid(), r.id, r.created_date + ((substr(r.hrid, 3)::int % 9) + 1) * interval '1 day', 'partner', r.jsonb->>'supplierSymbol', 'ship', 'REQ_SHIPPED'
         FROM ${s}.requests r WHERE r.state = 'REQ_REQUEST_COMPLETE'
       UNION ALL
       SELECT gen_random_uuid(), r.id, r.created_date + interval '1 day', 'partner', r.jsonb->>'supplierSymbol', 'unfilled', 'REQ_UNFILLED'
         FROM ${s}.requests r WHERE r.state = 'REQ_END_OF_ROTA'`,
    );
    await mod.db.query(`VACUUM ANALYZE ${s}.requests`);
    await mod.db.query(`VACUUM ANALYZE ${s}.request_audit`);
    console.log(`loaded ${ROWS} requests with their audit in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const read: number[] = [];
    const train: number[] = [];
    let attempts = 0;
    for (let i = 0; i < CALLS; i++) {
      const a = performance.now();
      const list = await predictionAttempts(mod.db, tenant);
      const b = performance.now();
      new PredictionModel(list, new Date()).predict('x', 'loan');
      train.push(performance.now() - b);
      read.push(b - a);
      attempts = list.length;
    }
    console.log(`read the attempts (${attempts}): ${summary(read)}`);
    console.log(`train the model: ${summary(train)}`);
    const { partnerHistory } = await import('../mod-resource-sharing/src/rota/partner-history.ts');
    const rules: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const a = performance.now();
      await partnerHistory(mod.db, tenant, Array.from({ length: LENDERS }, (_, l) => `ISIL:BENCH-${l}`));
      rules.push(performance.now() - a);
    }
    console.log(`for comparison, the rules' partner history (partner-history.ts, before this change): ${summary(rules)}`);
    const preview: number[] = [];
    for (let i = 0; i <= CALLS; i++) {
      const a = performance.now();
      const res = await api.post('/resource-sharing/rotas/preview', { serviceType: 'loan', citation: { title: 'Bench', format: 'book' } });
      preview.push(performance.now() - a);
      if (res.status !== 200 || res.body.entries.length !== LENDERS) throw new Error(JSON.stringify(res.body).slice(0, 500));
    }
    const first = preview.shift()!;
    console.log(`rota preview with ${LENDERS} partners (no SRU): first (trains the tenant's model) ${first.toFixed(0)} ms; then (model cached ${MODEL_MAX_AGE_MS / 60_000} min) ${summary(preview)}`);
  } finally {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  }
}
