import type { PlanSnapshot } from '../model';
import { blockingByPersona, computeBlocking, crossPersonaDependencies, type CrossPersonaDependency, type PersonaBlocking, type TaskBlocking } from './blocking';
import { computeSchedule, type Schedule } from './criticalPath';
import { computeLoad, type LoadReport } from './load';
import { computeMatrix, type MatrixRow } from './matrix';
import { computeRollups } from './rollups';

/** Everything the engine knows about a plan, computed once per snapshot for all views. */
export interface PlanAnalysis {
  readonly schedule: Schedule;
  readonly blocking: ReadonlyMap<string, TaskBlocking>;
  readonly personaBlocking: readonly PersonaBlocking[];
  readonly crossPersona: readonly CrossPersonaDependency[];
  readonly load: LoadReport;
  readonly rollups: ReturnType<typeof computeRollups>;
  readonly matrix: readonly MatrixRow[];
}

/** Runs the whole engine over a snapshot; `today` (YYYY-MM-DD) decides what counts as late. */
export function analysePlan(snapshot: PlanSnapshot, today?: string): PlanAnalysis {
  const schedule = computeSchedule(snapshot);
  const blocking = computeBlocking(snapshot);
  return {
    schedule,
    blocking,
    personaBlocking: blockingByPersona(snapshot, blocking),
    crossPersona: crossPersonaDependencies(snapshot),
    load: computeLoad(snapshot, schedule),
    rollups: computeRollups(snapshot, { schedule, blocking, today }),
    matrix: computeMatrix(snapshot, schedule),
  };
}
