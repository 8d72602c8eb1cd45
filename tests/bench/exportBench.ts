import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeBatonFile, loadPlanJson, PlanDocument } from '../../shared/doc';
import { TEXT_FORMATS } from '../../shared/export/formats';
import { generatePlan } from '../support/generatePlan';
import { collectGarbage, median, sampleSteady, steadyNote, type BenchRow } from './harness';

/** Processes timed for the CLI row; the first has no compile cache yet. */
const CLI_RUNS = 7;

/** Rows for the exporters at 5,000 tasks, and the CLI end to end (the built dist/cli.cjs). */
export function exportBench(): BenchRow[] {
  const plan = generatePlan({ tasks: 5_000, dependencies: 7_500, workstreams: 50 });
  const doc = new PlanDocument({ actor: 'bench' });
  loadPlanJson(doc.ydoc, plan);
  const snapshot = doc.getSnapshot();
  collectGarbage(); // the plan's JSON and the building of its document
  const size = '5000 tasks, 7,500 deps';
  const rows: BenchRow[] = [];
  // The Export dialog renders its preview again on every change of format or option, so the
  // median is the steady state; the CLI row below is the cold case, a process per export.
  for (const format of TEXT_FORMATS) {
    const { cold, times } = sampleSteady(7, () => void format.render(snapshot));
    const bytes = format.render(snapshot).length;
    rows.push({ scenario: `export ${format.id}`, size: `${size}, ${(bytes / 1024).toFixed(0)} KiB out`, median: median(times), runs: times.length, target: 'median < 150 ms', note: steadyNote(cold) });
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'baton-bench-'));
  try {
    const input = path.join(dir, 'plan.baton');
    writeFileSync(input, encodeBatonFile(doc.encodeState()));
    const cli = path.resolve('dist/cli.cjs');
    // A cache directory of its own, so the first run always starts without a compile cache
    // (and writes it) and the later ones use it, as a user's first and later commands do.
    const env = { ...process.env, BATON_CACHE_DIR: path.join(dir, 'compile-cache') };
    const times: number[] = [];
    // The reference is Node's own start (`node -e 0`), timed between the CLI's runs: the part
    // of every command that is Node's and this machine's, not Baton's.
    const nodeStarts: number[] = [];
    for (let i = 0; i < CLI_RUNS; i++) {
      let start = performance.now();
      execFileSync(process.execPath, [cli, 'export', input, '--format', 'feature-plan', '-o', path.join(dir, `out-${i}.md`)], { stdio: 'ignore', env });
      times.push(performance.now() - start);
      start = performance.now();
      execFileSync(process.execPath, ['-e', '0'], { stdio: 'ignore', env });
      nodeStarts.push(performance.now() - start);
    }
    const reference = median(nodeStarts);
    const cliMedian = median(times);
    rows.push({
      scenario: 'CLI: baton export (process start to file written)',
      size,
      median: cliMedian,
      runs: times.length,
      reference: { name: 'node -e 0', median: reference },
      ratio: cliMedian / reference,
      target: 'median < 1.5 s',
      note:
        `first run (no compile cache yet) ${times[0]!.toFixed(0)} ms; the others ${times.slice(1).map((t) => t.toFixed(0)).join(', ')} ms` +
        (process.env.NODE_EXTRA_CA_CERTS ? '; NODE_EXTRA_CA_CERTS is set here, and Node reads those certificates at every start' : ''),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  doc.destroy();
  return rows;
}
