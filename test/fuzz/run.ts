// `npm run fuzz`: the boundary fuzzer's long run (see fuzz.ts). FUZZ_MESSAGES (20,000), FUZZ_SEED,
// FUZZ_CONCURRENCY (8), FUZZ_TIME_LIMIT_S (1,500). PostgreSQL from DB_* (default: the local
// server of bench/postgres-env.ts). Exits 1 on any 5xx, crash or integrity problem.
import { usePostgres } from '../../bench/postgres-env.ts';
import { printReport, runFuzz } from './fuzz.ts';

usePostgres();
const report = await runFuzz({
  messages: Number(process.env.FUZZ_MESSAGES ?? 20_000),
  seed: Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000),
  concurrency: Number(process.env.FUZZ_CONCURRENCY ?? 8),
  timeLimitMs: Number(process.env.FUZZ_TIME_LIMIT_S ?? 1500) * 1000,
  restShare: 0.2,
  log: (line) => console.log(`fuzz: ${line}`),
});
printReport(report);
const failed = report.serverErrors.length > 0 || report.crashes > 0 || report.integrity.length > 0;
process.exit(failed ? 1 : 0);
