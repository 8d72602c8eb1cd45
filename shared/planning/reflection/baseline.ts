import { z } from 'zod';
import { fail, isoDateSchema, isoTimeSchema, ok, type PlanSnapshot, type Result } from '../../model';
import { describeCycle, type Schedule } from '../criticalPath';

// A baseline lives here until the document stores baselines (a plan keeps several; the
// reflection compares against the one chosen). The schema is ready for shared/model.

/** What a baseline froze for one scheduled item, in working days from the plan start. */
export const baselineItemSchema = z.strictObject({
  plannedStart: z.number().finite().min(0),
  plannedFinish: z.number().finite().min(0),
  estimateDays: z.number().finite().min(0),
});
export type BaselineItem = z.infer<typeof baselineItemSchema>;

/** A frozen schedule: every scheduled item's planned start and finish, and the project length. */
export const baselineSchema = z.strictObject({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  /** When it was taken (the caller's clock). */
  takenAt: isoTimeSchema,
  /** The plan's timeline start when it was taken: day 0 of `plannedStart`, when the plan had one. */
  start: isoDateSchema.optional(),
  projectDays: z.number().finite().min(0),
  /** By node id: tasks, and milestones and gates (zero days), so a checkpoint's slip shows too. */
  tasks: z.record(z.string(), baselineItemSchema),
});
export type Baseline = z.infer<typeof baselineSchema>;

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
    id: stamp.id,
    name: stamp.name,
    takenAt: stamp.takenAt,
    ...(snapshot.meta.timelineStart !== undefined ? { start: snapshot.meta.timelineStart } : {}),
    projectDays: schedule.projectDays,
    tasks,
  };
  return ok(baseline);
}

/** The baseline with this id among a plan's baselines, or undefined. */
export function chooseBaseline(baselines: readonly Baseline[], id: string | undefined): Baseline | undefined {
  return id === undefined ? undefined : baselines.find((b) => b.id === id);
}
