import { loadPlanJson, PlanDocument } from '../../shared/doc';
import { analysePlan, computeBlocking, computeLoad, computeMatrix, computeSchedule } from '../../shared/planning';
import { generatePlan } from '../support/generatePlan';
import { median, sample, sampleSteady, STEADY_WARM_UP, steadyNote, type BenchRow } from './harness';

/** Rows for the planning engine at 10,000 tasks and 20,000 dependencies. */
export function planningBench(): BenchRow[] {
  const plan = generatePlan({ tasks: 10_000, dependencies: 20_000, workstreams: 100, personas: 12 }, 7);
  const doc = new PlanDocument({ actor: 'bench' });
  loadPlanJson(doc.ydoc, plan);
  const snapshot = doc.getSnapshot();
  const size = '10,000 tasks, 20,000 deps';
  const rows: BenchRow[] = [];

  const scheduleThenMatrix = () => {
    const schedule = computeSchedule(snapshot);
    computeMatrix(snapshot, schedule);
  };
  // The median is the steady state a user editing the plan sees (every edit re-runs it), so
  // it is taken once V8 has optimised the code; the first, cold run is printed beside it.
  const { cold, times: scheduleAndMatrix } = sampleSteady(15, scheduleThenMatrix);
  rows.push({ scenario: 'schedule + matrix', size, median: median(scheduleAndMatrix), runs: scheduleAndMatrix.length, target: 'median < 50 ms', note: steadyNote(cold) });

  const schedule = computeSchedule(snapshot);
  const load = sample(15, () => undefined, () => void computeLoad(snapshot, schedule), STEADY_WARM_UP);
  rows.push({ scenario: 'load per persona per week', size: `${size}, 12 personas`, median: median(load), runs: load.length });

  const blocking = sample(15, () => undefined, () => void computeBlocking(snapshot), STEADY_WARM_UP);
  rows.push({ scenario: 'blocked / blocking per task', size, median: median(blocking), runs: blocking.length });

  const all = sample(9, () => undefined, () => void analysePlan(snapshot, '2026-01-15'));
  rows.push({ scenario: 'whole analysis (all views)', size, median: median(all), runs: all.length });
  doc.destroy();
  return rows;
}
