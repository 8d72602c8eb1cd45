import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** One row of the bench table. */
export interface BenchRow {
  readonly scenario: string;
  readonly size: string;
  /** Median wall time in milliseconds (or the unit named in `unit`). */
  readonly median: number;
  readonly unit?: string;
  readonly runs: number;
  /** The reference measured in the same run, where there is one. */
  readonly reference?: { readonly name: string; readonly median: number };
  /** median / reference.median. */
  readonly ratio?: number;
  /** The target, for the reader: e.g. "ratio <= 0.2". */
  readonly target?: string;
  readonly note?: string;
}

/**
 * A full garbage collection where Node exposes one (`npm run bench` passes --expose-gc), so
 * the garbage a set-up or an earlier group leaves is not collected on a timed run's clock.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Times `run` `runs` times after `warmup` untimed runs; `setup` runs before each timed run
 * and is not counted. Returns every sample in milliseconds.
 */
export function sample<T>(runs: number, setup: () => T, run: (input: T) => void, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) run(setup());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = setup();
    const start = performance.now();
    run(input);
    times.push(performance.now() - start);
  }
  return times;
}

/** Untimed runs before the timed ones where the steady state is what counts: V8 takes about ten runs of a 5,000- or 10,000-task plan to optimise the code. */
export const STEADY_WARM_UP = 10;

/** The first (cold) run's time, then `runs` timed runs after STEADY_WARM_UP more: for rows whose median is the steady state a user sees on every edit. */
export function sampleSteady(runs: number, run: () => void): { readonly cold: number; readonly times: number[] } {
  const [cold] = sample(1, () => undefined, run, 0);
  return { cold: cold!, times: sample(runs, () => undefined, run, STEADY_WARM_UP - 1) };
}

/** The note of a row timed by sampleSteady. */
export const steadyNote = (cold: number): string => `first (cold) run ${cold.toFixed(1)} ms; median after ${STEADY_WARM_UP} warm-up runs`;

/** Async variant of `sample`. */
export async function sampleAsync<T>(runs: number, setup: () => Promise<T> | T, run: (input: T) => Promise<void>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run(await setup());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = await setup();
    const start = performance.now();
    await run(input);
    times.push(performance.now() - start);
  }
  return times;
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(3));

/** Prints the table and writes bench-results.json. */
export function report(rows: readonly BenchRow[], file = 'bench-results.json'): void {
  const header = ['scenario', 'size', 'median', 'reference', 'ratio', 'target'];
  const lines = rows.map((r) => [
    r.scenario,
    r.size,
    `${fmt(r.median)} ${r.unit ?? 'ms'}`,
    r.reference ? `${r.reference.name}: ${fmt(r.reference.median)} ${r.unit ?? 'ms'}` : '',
    r.ratio !== undefined ? r.ratio.toFixed(3) : '',
    r.target ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(row(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(row(l));
  for (const r of rows) if (r.note) console.log(`  ${r.scenario}: ${r.note}`);
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
}
