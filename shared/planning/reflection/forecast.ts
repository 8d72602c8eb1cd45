import type { PlanSnapshot } from '../../model';
import { scheduleBasis, type Schedule } from '../criticalPath';
import type { TaskHistory } from './activityLog';
import { workingDaysBetweenTimes } from './workingTime';

/** What happened and what is left, laid out from the plan start (typed arrays: 5,000 items, no object each). */
export interface Forecast {
  /** Working days from the plan start to the last finish, actual or forecast. */
  readonly projectDays: number;
  /** Every task is done: the length is what happened, not a forecast. */
  readonly final: boolean;
  /** The node number of each scheduled item, and the position of each node number in `start` and `finish` (-1: none). */
  readonly index: ReadonlyMap<string, number>;
  readonly position: Int32Array;
  /** Working days from the plan start, by position. */
  readonly start: Float64Array;
  readonly finish: Float64Array;
  /** The chain of prerequisites that ends at the last finish, first to last. */
  readonly chain: readonly string[];
}

/** An item's forecast finish, or undefined when it is not scheduled. */
export function forecastFinish(forecast: Forecast, id: string): number | undefined {
  const i = forecast.index.get(id);
  const at = i === undefined ? -1 : forecast.position[i]!;
  return at < 0 ? undefined : forecast.finish[at];
}

/**
 * The critical path method run over facts: a done task sits where it started and finished;
 * a running task finishes once its estimate minus the time it has been in flight is spent
 * from `asOf` on; a task not started starts at `openFrom` or when its prerequisites finish,
 * whichever is later, and takes its estimate as it stood at `asOf`. Milestones and gates
 * take no time. The chain follows, from the last finish back, the prerequisite that finished
 * last before each item.
 *
 * `openFrom` is `asOf`, except that evidence as of a whole day leaves that day open to work
 * not started yet: set a baseline in the morning, and its tasks can still start today rather
 * than be forecast a day late.
 */
export function forecastSchedule(
  snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>,
  schedule: Extract<Schedule, { ok: true }>,
  histories: ReadonlyMap<string, TaskHistory>,
  anchorMs: number,
  asOfMs: number,
  openFromMs = asOfMs,
): Forecast {
  const { items } = schedule;
  const count = items.length;
  // Prerequisites as compressed rows over schedule positions: predStart[o]..predStart[o + 1] in pred.
  const { graph, order } = scheduleBasis(snapshot, schedule);
  const nodeAt = order ?? Int32Array.from(items, (item) => graph.index.get(item.id)!);
  const position = new Int32Array(graph.ids.length).fill(-1);
  for (let o = 0; o < count; o++) position[nodeAt[o]!] = o;
  const predStart = new Int32Array(count + 1);
  for (let o = 0; o < count; o++) predStart[o + 1] = predStart[o]! + graph.predStart[nodeAt[o]! + 1]! - graph.predStart[nodeAt[o]!]!;
  const pred = new Int32Array(predStart[count]!);
  for (let o = 0; o < count; o++) {
    const i = nodeAt[o]!;
    let w = predStart[o]!;
    for (let k = graph.predStart[i]!; k < graph.predStart[i + 1]!; k++) pred[w++] = position[graph.pred[k]!]!;
  }

  const offset = (ms: number) => workingDaysBetweenTimes(anchorMs, ms);
  const now = offset(asOfMs);
  const open = offset(openFromMs);
  const start = new Float64Array(count);
  const finish = new Float64Array(count);
  const driver = new Int32Array(count).fill(-1);
  let final = true;
  let end = -1;
  let projectDays = 0;
  // Items are in topological order, so every prerequisite is laid out before its dependents.
  for (let i = 0; i < count; i++) {
    const item = items[i]!;
    let latest = -Infinity;
    let by = -1;
    for (let k = predStart[i]!; k < predStart[i + 1]!; k++) {
      const p = pred[k]!;
      const f = finish[p]!;
      // Ties go to the smaller id, so the chain does not depend on edge order.
      if (f > latest || (f === latest && by >= 0 && items[p]!.id < items[by]!.id)) {
        latest = f;
        by = p;
      }
    }
    const ready = Math.max(latest, 0);
    const history = item.kind === 'task' ? histories.get(item.id) : undefined;
    // The estimate as it stood at asOf (the log's), else the plan's.
    const duration = history?.estimateDays !== undefined ? (history.estimateDays ?? 0) : item.duration;
    let s: number;
    let f: number;
    if (!history) {
      s = f = ready;
    } else if (history.status === 'done') {
      if (history.finishedMs !== null) {
        f = offset(history.finishedMs);
        s = history.startedMs !== null ? Math.min(offset(history.startedMs), f) : f;
      } else {
        // Done, but when is not recorded: as planned after its prerequisites, and no later than asOf.
        f = Math.min(now, ready + duration);
        s = Math.min(ready, f);
      }
    } else if (history.startedMs !== null) {
      final = false;
      s = offset(history.startedMs);
      f = now + Math.max(0, duration - history.inFlightDays);
    } else {
      final = false;
      s = Math.max(ready, open);
      f = s + duration;
      if (latest < open) by = -1; // it waits for openFrom, not for a prerequisite
    }
    start[i] = s;
    finish[i] = f;
    driver[i] = by;
    if (end < 0 || f >= projectDays) {
      projectDays = f;
      end = i;
    }
  }
  const chain: string[] = [];
  for (let at = end, guard = 0; at >= 0 && guard <= count; at = driver[at]!, guard++) chain.push(items[at]!.id);
  return { projectDays: Math.max(0, projectDays), final, index: graph.index, position, start, finish, chain: chain.reverse() };
}
