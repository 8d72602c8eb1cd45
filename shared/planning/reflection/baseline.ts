import { fail, ok, type Baseline, type BaselineItem, type PlanSnapshot, type RecordId, type Result } from '../../model';
import { describeCycle, type Schedule } from '../criticalPath';

/** Who and when, supplied by the caller so that taking a baseline stays pure. */
export interface BaselineStamp {
  readonly id: string;
  readonly name: string;
  readonly takenAt: string;
}

/**
 * "Set baseline": freezes the current schedule. A plan with a dependency cycle has no
 * schedule to freeze, so that is returned as a problem naming the cycle.
 */
export function takeBaseline(snapshot: Pick<PlanSnapshot, 'meta' | 'nodes'>, schedule: Schedule, stamp: BaselineStamp): Result<Baseline> {
  if (!schedule.ok) return fail([{ path: 'edges', message: `no schedule to freeze: the plan has a dependency cycle (${describeCycle(schedule.cycle, snapshot.nodes)})` }]);
  const tasks: Record<string, BaselineItem> = {};
  // Items by id, so the same schedule always gives the same JSON.
  const items = [...schedule.items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const item of items) tasks[item.id] = { plannedStart: item.earlyStart, plannedFinish: item.earlyFinish, estimateDays: item.duration };
  const baseline: Baseline = {
    id: stamp.id as RecordId,
    name: stamp.name,
    takenAt: stamp.takenAt,
    ...(snapshot.meta.timelineStart !== undefined ? { start: snapshot.meta.timelineStart } : {}),
    projectDays: schedule.projectDays,
    tasks,
  };
  return ok(baseline);
}

/** The baseline with this id among a plan's baselines, or undefined. */
export function chooseBaseline<B extends { readonly id: string }>(baselines: readonly B[], id: string | undefined): B | undefined {
  return id === undefined ? undefined : baselines.find((b) => b.id === id);
}
