import { canvasBench } from './canvasBench';
import { documentBench } from './documentBench';
import { exportBench } from './exportBench';
import { report, type BenchRow } from './harness';
import { planningBench } from './planningBench';
import { syncBench } from './syncBench';

// Every scenario group runs in this one process, one after the other, so ratios compare
// measurements taken under the same conditions.
const rows: BenchRow[] = [];
console.log('Baton bench: medians of several runs on this machine\n');
rows.push(...documentBench());
rows.push(...planningBench());
rows.push(...exportBench());
rows.push(...(await canvasBench()));
rows.push(...(await syncBench()));
rows.push(...(await import('./reflectionBench')).reflectionBench());
report(rows);
