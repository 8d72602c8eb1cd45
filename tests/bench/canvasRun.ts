/**
 * The canvas rows alone (what `npm run bench` runs among the others), for working on the
 * canvas without waiting for every other group: `npm run build && npx tsx tests/bench/canvasRun.ts`.
 * Writes .tmp/canvas-bench-results.json (ignored by git), so the full bench's results file is left alone.
 */
import { mkdirSync } from 'node:fs';
import { canvasBench } from './canvasBench';
import { report } from './harness';

console.log('Baton canvas bench: medians of several runs on this machine\n');
mkdirSync('.tmp', { recursive: true });
report(await canvasBench(), '.tmp/canvas-bench-results.json');
