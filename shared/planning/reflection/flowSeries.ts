import { taskStatusSchema, type PlanSnapshot, type TaskStatus } from '../../model';
import { orderLog } from './activityLog';
import { clean, DAY_MS, whenMs } from './workingTime';

/** The tasks in each status, and the estimate days of all and of the done ones, at the end of one day. */
export interface FlowPoint {
  /** The day (YYYY-MM-DD, UTC); the figures stand at its end, or at `asOf` on the last day. */
  readonly date: string;
  readonly todo: number;
  readonly active: number;
  readonly blocked: number;
  readonly done: number;
  /** Estimate days of every task that existed: the burn-up's scope line. */
  readonly scopeDays: number;
  /** Estimate days of the done tasks: the burn-up's work line. */
  readonly doneDays: number;
}

/** A burn-up and cumulative flow over time. */
export interface FlowSeries {
  readonly points: readonly FlowPoint[];
  /** Calendar days between points (1, or more when the range is longer than `maxPoints` days). */
  readonly stepDays: number;
  /** Tasks the log knows nothing about (a plan imported without one), placed from their startedAt / finishedAt. */
  readonly fromFields: number;
}

/** What the series is computed over. */
export interface FlowOptions {
  /** The last moment counted (ISO date-time, or a date meaning the end of that day). */
  readonly asOf: string;
  /** The first day shown (YYYY-MM-DD); by default the day of the first fact. */
  readonly from?: string;
  /** At most this many points (60); a longer range is sampled every few days, the last day always kept. */
  readonly maxPoints?: number;
}

const STATUSES = new Set<string>(taskStatusSchema.options);
const asStatus = (v: unknown): TaskStatus | null => (typeof v === 'string' && STATUSES.has(v) ? (v as TaskStatus) : null);
const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const STATUS_INDEX: Readonly<Record<TaskStatus, number>> = { todo: 0, active: 1, blocked: 2, done: 3 };

/** One change to the running totals: at `ms`, a task leaves one state (status, estimate) and enters another. */
interface Step {
  readonly ms: number;
  readonly from: { readonly status: TaskStatus; readonly days: number } | null;
  readonly to: { readonly status: TaskStatus; readonly days: number } | null;
}

/**
 * The burn-up and cumulative flow of a plan's tasks, one point per day from the first fact to
 * `asOf`, replayed from the activity log (ordered as the reflection orders it: by time, copies
 * once, nothing after `asOf`). A task exists from its first entry until removed, in the status
 * and with the estimate its entries say (before the first estimate entry, that entry's `from`;
 * with none, its current estimate).
 * A task the log never mentions counts from the first day: todo, active from its startedAt,
 * done from its finishedAt (or its current status throughout when those are not set). Calendar
 * days, not working days: the chart reads like a calendar. Pure: the same input, the same series.
 * Throws a RangeError for an unreadable `asOf` or `from` (a caller's mistake).
 */
export function flowSeries(snapshot: Pick<PlanSnapshot, 'nodes' | 'activity'>, options: FlowOptions): FlowSeries {
  const asOfMs = whenMs(options.asOf, true);
  if (Number.isNaN(asOfMs)) throw new RangeError(`asOf is not a date or ISO date-time: ${options.asOf}`);
  const fromMs = options.from === undefined ? NaN : whenMs(options.from);
  if (options.from !== undefined && Number.isNaN(fromMs)) throw new RangeError(`from is not a date: ${options.from}`);
  const maxPoints = Math.max(2, Math.floor(options.maxPoints ?? 60));
  const log = orderLog(snapshot.activity, asOfMs);
  const steps: Step[] = [];
  let first = Infinity;

  for (const [id, entries] of log.tasks) {
    const node = snapshot.nodes.get(id);
    // A task removed since has no node; a node of another kind is not a task (the log only records tasks).
    if (node !== undefined && node.kind !== 'task') continue;
    const currentEstimate = node?.kind === 'task' ? (node.estimateDays ?? 0) : 0;
    let exists = false;
    let status: TaskStatus = 'todo';
    let days = initialEstimate(log, entries.at, currentEstimate);
    for (let k = 0; k < entries.used; k++) {
      const position = entries.at[k]!;
      const entry = log.activity[position]!;
      const ms = log.ms[position]!;
      const before = exists ? { status, days } : null;
      switch (entry.kind) {
        case 'created':
          exists = true;
          status = asStatus(entry.to) ?? 'todo';
          break;
        case 'removed':
          exists = false;
          break;
        case 'status': {
          const next = asStatus(entry.to);
          if (next === null) continue;
          exists = true;
          status = next;
          break;
        }
        case 'estimate':
          days = typeof entry.to === 'number' ? entry.to : 0;
          if (!exists) continue;
          break;
        default:
          continue;
      }
      const after = exists ? { status, days } : null;
      if (before?.status === after?.status && before?.days === after?.days) continue;
      steps.push({ ms, from: before, to: after });
      if (ms < first) first = ms;
    }
  }

  // Tasks without a log: present from the start of the range, moved on by their own times.
  let fromFields = 0;
  for (const node of snapshot.nodes.values()) {
    if (node.kind !== 'task' || log.tasks.has(node.id)) continue;
    fromFields++;
    const days = node.estimateDays ?? 0;
    for (const [ms, from, to] of fieldTransitions(node.status ?? 'todo', node.startedAt, node.finishedAt, asOfMs)) {
      steps.push({ ms, from: from === null ? null : { status: from, days }, to: { status: to, days } });
      if (ms < first && ms > -Infinity) first = ms;
    }
  }
  steps.sort((a, b) => a.ms - b.ms);

  // An asOf at midnight is the end of the day before.
  const lastDay = dayStart(asOfMs === dayStart(asOfMs) ? asOfMs - 1 : asOfMs);
  const startDay = Math.min(lastDay, dayStart(Number.isNaN(fromMs) ? Math.min(first, asOfMs) : fromMs));
  const dayCount = Math.max(1, Math.round((lastDay - startDay) / DAY_MS) + 1);
  const stepDays = Math.ceil(dayCount / maxPoints);
  const counts = [0, 0, 0, 0];
  let scope = 0;
  let doneDays = 0;
  const apply = (side: Step['from'], sign: number) => {
    if (side === null) return;
    counts[STATUS_INDEX[side.status]]! += sign;
    scope += sign * side.days;
    if (side.status === 'done') doneDays += sign * side.days;
  };
  const points: FlowPoint[] = [];
  let next = 0;
  // Days from the last one back by whole steps, so the last day is always a point.
  const firstShown = (dayCount - 1) % stepDays;
  for (let d = firstShown; d < dayCount; d += stepDays) {
    const day = startDay + d * DAY_MS;
    const end = Math.min(day + DAY_MS, asOfMs);
    // Midnight belongs to the day it starts; the last point takes everything up to asOf.
    while (next < steps.length && (steps[next]!.ms < end || end === asOfMs)) {
      apply(steps[next]!.from, -1);
      apply(steps[next]!.to, 1);
      next++;
    }
    points.push({ date: isoDay(day), todo: counts[0]!, active: counts[1]!, blocked: counts[2]!, done: counts[3]!, scopeDays: clean(scope), doneDays: clean(doneDays) });
  }
  return { points, stepDays, fromFields };
}

/** A task's estimate before its first estimate entry: that entry's `from` (none: 0), else its current estimate. */
function initialEstimate(log: ReturnType<typeof orderLog>, positions: readonly number[], current: number): number {
  for (const position of positions) {
    const entry = log.activity[position]!;
    if (entry.kind === 'estimate') return typeof entry.from === 'number' ? entry.from : 0;
  }
  return current;
}

/**
 * The status changes of a task the log never mentions, from its fields, as [ms, from, to]: the
 * first at -Infinity (what it was from the start). Times after `asOf` did not happen yet; a
 * start written after the finish is dropped rather than undoing the done.
 */
function fieldTransitions(status: TaskStatus, startedAt: string | undefined, finishedAt: string | undefined, asOfMs: number): [number, TaskStatus | null, TaskStatus][] {
  const started = startedAt !== undefined ? whenMs(startedAt) : NaN;
  const finished = finishedAt !== undefined ? whenMs(finishedAt) : NaN;
  const startedBy = started <= asOfMs;
  // A bare finish date is done by the end of that day; on the chart it counts on that day.
  const finishedBy = finishedAt !== undefined && whenMs(finishedAt, true) <= asOfMs;
  if (status === 'todo') return [[-Infinity, null, 'todo']];
  if (status === 'done') {
    if (finishedAt === undefined) return [[-Infinity, null, 'done']];
    const out: [number, TaskStatus | null, TaskStatus][] = [[-Infinity, null, 'todo']];
    let current: TaskStatus = 'todo';
    if (startedBy && !(finished <= started)) {
      out.push([started, 'todo', 'active']);
      current = 'active';
    }
    if (finishedBy) out.push([finished, current, 'done']);
    return out;
  }
  // Active or blocked.
  if (startedAt === undefined) return [[-Infinity, null, status]];
  return startedBy ? [[-Infinity, null, 'todo'], [started, 'todo', status]] : [[-Infinity, null, 'todo']];
}
