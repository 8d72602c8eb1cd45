/**
 * The canvas rows alone (what `npm run bench` runs among the others), for working on the
 * canvas without waiting for every other group: `npm run build && npx tsx tests/bench/canvasRun.ts`.
 * Writes canvas-bench-results.json, so the full bench's results file is left alone.
 */
import { canvasBench } from './canvasBench';
import { report } from './harness';

console.log('Baton canvas bench: medians of several runs on this machine\n');
report(await canvasBench(), 'canvas-bench-results.json');
