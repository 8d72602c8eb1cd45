import { canvasBench } from './canvasBench';
import { documentBench } from './documentBench';
import { exportBench } from './exportBench';
import { report, type BenchRow } from './harness';
import { planningBench } from './planningBench';
import { reflectionBench } from './reflectionBench';
import { syncBench } from './syncBench';

// Every scenario group runs in this one process, one after the other, so ratios compare
// measurements taken under the same conditions. The computations come first, before the
// browser and the sync servers (Chromium, a hundred clients, Redis) have run on the machine.
const rows: BenchRow[] = [];
console.log('Baton bench: medians of several runs on this machine\n');
rows.push(...documentBench());
rows.push(...planningBench());
rows.push(...exportBench());
rows.push(...reflectionBench());
rows.push(...(await canvasBench()));
rows.push(...(await syncBench()));
report(rows);
