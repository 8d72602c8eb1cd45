import { taskStatus, type PlanNode, type PlanSnapshot, type TaskNode } from '../model';
import type { TaskBlocking } from './blocking';
import { workingDaysBetween } from './calendar';
import type { Schedule } from './criticalPath';

/** How a workstream or the plan is doing. */
export type RollupStatus = 'on-track' | 'at-risk' | 'complete';

/** Progress and health of a group of tasks. */
export interface Rollup {
  /** 0–100, weighted by estimate (by count when nothing is estimated). */
  readonly progress: number;
  readonly status: RollupStatus;
  readonly tasks: number;
  readonly done: number;
  /**
   * Critical tasks marked blocked, or waiting on a prerequisite past their latest start. Merely
   * waiting for a prerequisite is the normal state of a plan, not a risk.
   */
  readonly blockedCritical: readonly string[];
  /** Tasks not done whose latest finish has passed (needs the plan start and today). */
  readonly late: readonly string[];
}

/** A workstream's roll-up. */
export interface WorkstreamRollup extends Rollup {
  readonly id: string;
  readonly title: string;
}

/** Inputs that come from outside the plan: the day it is, so the function stays pure. */
export interface RollupContext {
  readonly schedule: Schedule;
  readonly blocking: ReadonlyMap<string, TaskBlocking>;
  /** Today as YYYY-MM-DD; without it nothing counts as late. */
  readonly today?: string;
}

/** The workstream a node belongs to: the nearest workstream among its ancestors. */
export function workstreamOf(nodes: ReadonlyMap<string, PlanNode>, node: PlanNode): string | null {
  const seen = new Set<string>();
  let at: PlanNode | undefined = node.parent !== undefined ? nodes.get(node.parent) : undefined;
  while (at && !seen.has(at.id)) {
    if (at.kind === 'workstream') return at.id;
    seen.add(at.id);
    at = at.parent !== undefined ? nodes.get(at.parent) : undefined;
  }
  return null;
}

function rollup(tasks: readonly TaskNode[], snapshot: Pick<PlanSnapshot, 'meta'>, ctx: RollupContext): Rollup {
  const anyEstimate = tasks.some((t) => (t.estimateDays ?? 0) > 0);
  let weight = 0;
  let achieved = 0;
  let done = 0;
  const blockedCritical: string[] = [];
  const late: string[] = [];
  const elapsed = snapshot.meta.timelineStart && ctx.today ? workingDaysBetween(snapshot.meta.timelineStart, ctx.today) : null;
  for (const t of tasks) {
    const status = taskStatus(t);
    const w = anyEstimate ? (t.estimateDays ?? 0) : 1;
    const progress = status === 'done' ? 100 : Math.min(100, t.progress ?? 0);
    weight += w;
    achieved += (w * progress) / 100;
    if (status === 'done') {
      done++;
      continue;
    }
    const item = ctx.schedule.ok ? ctx.schedule.byId.get(t.id) : undefined;
    const stuck = status === 'blocked' || (elapsed !== null && item !== undefined && elapsed >= item.lateStart && (ctx.blocking.get(t.id)?.waitingOn.length ?? 0) > 0);
    if (item?.critical && stuck) blockedCritical.push(t.id);
    // `elapsed` counts the working days before today, so a latest finish of 3 days (the end of
    // the third day) has passed from the fourth day on: on Monday, work due Friday is late.
    if (item && elapsed !== null && elapsed >= item.lateFinish) late.push(t.id);
  }
  const progress = weight > 0 ? Math.round((achieved / weight) * 1000) / 10 : 0;
  const complete = tasks.length > 0 && done === tasks.length;
  const status: RollupStatus = complete ? 'complete' : blockedCritical.length || late.length ? 'at-risk' : 'on-track';
  return { progress: complete ? 100 : progress, status, tasks: tasks.length, done, blockedCritical: blockedCritical.sort(), late: late.sort() };
}

/** The calendar day after a YYYY-MM-DD date. */
const dayAfter = (date: string) => new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1)).toISOString().slice(0, 10);

/** Progress and status per workstream (sorted by title) and for the whole plan. */
export function computeRollups(
  snapshot: Pick<PlanSnapshot, 'nodes' | 'meta'>,
  ctx: RollupContext,
): { readonly plan: Rollup & { readonly overTimeline: boolean }; readonly workstreams: readonly WorkstreamRollup[] } {
  const byWorkstream = new Map<string, TaskNode[]>();
  const all: TaskNode[] = [];
  for (const n of snapshot.nodes.values()) {
    if (n.kind === 'workstream' && !byWorkstream.has(n.id)) byWorkstream.set(n.id, []);
    if (n.kind !== 'task') continue;
    all.push(n);
    const ws = workstreamOf(snapshot.nodes, n);
    if (ws) (byWorkstream.get(ws) ?? byWorkstream.set(ws, []).get(ws)!).push(n);
  }
  const workstreams = [...byWorkstream].map(([id, tasks]) => ({ id, title: snapshot.nodes.get(id)!.title, ...rollup(tasks, snapshot, ctx) }));
  workstreams.sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
  const { timelineStart, timelineEnd } = snapshot.meta;
  // The timeline end is its last day (a plan of 3 to 7 March is one working week), so count it in.
  const overTimeline = Boolean(ctx.schedule.ok && timelineStart && timelineEnd && ctx.schedule.projectDays > workingDaysBetween(timelineStart, dayAfter(timelineEnd)));
  const plan = rollup(all, snapshot, ctx);
  return { plan: { ...plan, status: plan.status === 'on-track' && overTimeline ? 'at-risk' : plan.status, overTimeline }, workstreams };
}
