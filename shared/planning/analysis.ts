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

/** A value computed the first time it is asked for, then kept. */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/**
 * The engine's analysis with each part computed the first time it is read, sharing what
 * the parts have in common (the schedule, the blocking). A document export reads only some
 * parts; the figures are the same as analysePlan's. `known.schedule`, when given, must have
 * been computed from `snapshot`.
 */
export function analysePlanOnDemand(snapshot: PlanSnapshot, today?: string, known: { readonly schedule?: Schedule } = {}): PlanAnalysis {
  // A schedule the caller already computed from this very snapshot is not computed again.
  const schedule = once(() => known.schedule ?? computeSchedule(snapshot));
  const blocking = once(() => computeBlocking(snapshot));
  const personaBlocking = once(() => blockingByPersona(snapshot, blocking()));
  const crossPersona = once(() => crossPersonaDependencies(snapshot));
  const load = once(() => computeLoad(snapshot, schedule()));
  const rollups = once(() => computeRollups(snapshot, { schedule: schedule(), blocking: blocking(), today }));
  const matrix = once(() => computeMatrix(snapshot, schedule()));
  return Object.freeze({
    get schedule() {
      return schedule();
    },
    get blocking() {
      return blocking();
    },
    get personaBlocking() {
      return personaBlocking();
    },
    get crossPersona() {
      return crossPersona();
    },
    get load() {
      return load();
    },
    get rollups() {
      return rollups();
    },
    get matrix() {
      return matrix();
    },
  });
}

/** Runs the whole engine over a snapshot; `today` (YYYY-MM-DD) decides what counts as late. */
export function analysePlan(snapshot: PlanSnapshot, today?: string): PlanAnalysis {
  const parts = analysePlanOnDemand(snapshot, today);
  return {
    schedule: parts.schedule,
    blocking: parts.blocking,
    personaBlocking: parts.personaBlocking,
    crossPersona: parts.crossPersona,
    load: parts.load,
    rollups: parts.rollups,
    matrix: parts.matrix,
  };
}
