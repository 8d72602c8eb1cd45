import * as Y from 'yjs';
import { loadPlanJson, PlanDocument } from '../../shared/doc';
import type { PlanJson } from '../../shared/model';
import { generatePlan } from '../support/generatePlan';
import { median, sample, type BenchRow } from './harness';

const TASKS = 5_000;

function loadedPlan(plan: PlanJson, actor: string): PlanDocument {
  const doc = new PlanDocument({ actor });
  loadPlanJson(doc.ydoc, plan);
  return doc;
}

/** Rows for the plan document: build, encode, load, and one remote edit, incremental vs full rebuild. */
export function documentBench(): BenchRow[] {
  const plan = generatePlan({ tasks: TASKS, dependencies: 7_500, workstreams: 50 });
  const size = `${TASKS} tasks, 7,500 deps`;
  const rows: BenchRow[] = [];

  const build = sample(7, () => undefined, () => loadedPlan(plan, 'bench').destroy());
  rows.push({ scenario: 'build plan document (JSON -> Y.Doc + snapshot)', size, median: median(build), runs: build.length });

  const source = loadedPlan(plan, 'bench');
  const state = source.encodeState();
  const encode = sample(9, () => undefined, () => void source.encodeState());
  rows.push({ scenario: 'encode plan (Y update)', size: `${size}, ${(state.byteLength / 1024).toFixed(0)} KiB`, median: median(encode), runs: encode.length });
  const load = sample(7, () => new PlanDocument({ actor: 'reader' }), (doc) => {
    doc.applyUpdate(state);
    doc.destroy();
  });
  rows.push({ scenario: 'load plan (apply update + snapshot)', size, median: median(load), runs: load.length });

  // One remote edit at a time, each to a different task, prepared in advance on the author's replica.
  const EDITS = 41;
  const updates: Uint8Array[] = [];
  const stop = source.onUpdate((u, origin) => origin === source.origin && updates.push(u));
  for (let i = 0; i < EDITS + 2; i++) source.commands.updateNode(`t${i * 97}`, { title: `Edited task ${i}` });
  stop();

  const incremental = new PlanDocument({ actor: 'receiver' });
  incremental.applyUpdate(state);
  let next = 0;
  const incrementalTimes = sample(EDITS, () => updates[next++]!, (u) => void incremental.applyUpdate(u));

  // The reference reads the same plan types (a Y.Doc only lists types once they are asked for).
  const reference = new Y.Doc();
  Y.applyUpdate(reference, state);
  for (const name of ['meta', 'personas', 'nodes', 'edges', 'handoffs', 'sessions', 'phases', 'playbook', 'reflection']) reference.getMap(name);
  for (const name of ['broadcasts', 'activity']) reference.getArray(name);
  next = 0;
  const referenceTimes = sample(EDITS, () => updates[next++]!, (u) => {
    Y.applyUpdate(reference, u);
    reference.toJSON();
  });
  const inc = median(incrementalTimes);
  const ref = median(referenceTimes);
  rows.push({
    scenario: 'one remote edit -> snapshot (incremental)',
    size,
    median: inc,
    runs: incrementalTimes.length,
    reference: { name: 'full toJSON rebuild', median: ref },
    ratio: inc / ref,
    target: 'ratio <= 0.2 (5x faster)',
  });
  return rows;
}
