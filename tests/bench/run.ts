import { canvasBench } from './canvasBench';
import { documentBench } from './documentBench';
import { exportBench } from './exportBench';
import { collectGarbage, report, type BenchRow } from './harness';
import { planningBench } from './planningBench';
import { reflectionBench } from './reflectionBench';
import { syncBench } from './syncBench';

// Every scenario group runs in this one process, one after the other, so ratios compare
// measurements taken under the same conditions. The computations come first, before the
// browser and the sync servers (Chromium, a hundred clients, Redis) have run on the machine.
// Each group starts from a collected heap, so the garbage one group leaves (the 10,000-task
// plans of the planning rows, say) is not collected on the next group's clock.
const rows: BenchRow[] = [];
console.log('Baton bench: medians of several runs on this machine\n');
for (const group of [documentBench, planningBench, exportBench, reflectionBench, canvasBench, syncBench]) {
  collectGarbage();
  rows.push(...(await group()));
}
report(rows);
