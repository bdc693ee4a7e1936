// The fuzzer's short run, part of npm test: 1,000 mutated ISO 18626 messages and malformed REST
// calls against a module in its own process (PostgreSQL when DB_HOST is set, else PGlite). No
// answer may be a 5xx, the process may not die, and the data must pass the integrity check.
// `npm run fuzz` is the long run (20,000).
import assert from 'node:assert/strict';
import { printReport, runFuzz } from './fuzz.ts';

describe('fuzz (short run): the partner boundary holds', function () {
  this.timeout(300_000);

  it('answers 1,000 hostile messages and calls without a 5xx or a crash, leaving consistent data', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261207);
    const report = await runFuzz({ messages: 1000, seed, concurrency: 4, timeLimitMs: 240_000, restShare: 0.2 });
    const lines: string[] = [];
    printReport(report, (l) => lines.push(l));
    const summary = lines.join('\n');
    assert.equal(report.sent, 1000, summary);
    assert.equal(report.crashes, 0, summary);
    assert.deepEqual(report.serverErrors, [], summary);
    assert.deepEqual(report.integrity, [], summary);
    assert.ok(report.requestsChecked > 10, `the run reached the workflow: ${summary}`);
    assert.ok((report.byStatus['200'] ?? 0) > 50, `valid messages were accepted: ${summary}`);
  });
});
