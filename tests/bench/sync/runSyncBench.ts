import { tmpdir } from 'node:os';
import path from 'node:path';
import { report } from '../harness';
import { syncBench } from '../syncBench';

// Only the sync rows (tests/bench/run.ts runs them with every other group):
//   npx tsx tests/bench/sync/runSyncBench.ts    (BATON_BENCH_REDIS_SECONDS=10 for a short Redis run)
console.log('Baton sync bench: loopback, real servers and stock providers\n');
report(await syncBench(), path.join(tmpdir(), 'baton-sync-bench-results.json'));
