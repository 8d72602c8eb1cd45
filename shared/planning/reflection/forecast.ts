import type { PlanSnapshot } from '../../model';
import { scheduledEdges, type Schedule } from '../criticalPath';
import type { TaskHistory } from './activityLog';
import { workingDaysBetweenTimes } from './workingTime';

/** One scheduled item in the forecast, in working days from the plan start. */
export interface ForecastItem {
  readonly start: number;
  readonly finish: number;
  /** The prerequisite whose finish came last before this item: the previous link of its chain. */
  readonly driver: string | null;
}

/** What happened and what is left, laid out from the plan start. */
export interface Forecast {
  /** Working days from the plan start to the last finish, actual or forecast. */
  readonly projectDays: number;
  /** Every task is done: the length is what happened, not a forecast. */
  readonly final: boolean;
  readonly byId: ReadonlyMap<string, ForecastItem>;
  /** The chain of prerequisites that ends at the last finish, first to last. */
  readonly chain: readonly string[];
}

/**
 * The critical path method run over facts: a done task sits where it started and finished;
 * a running task finishes once its estimate minus the time it has been in flight is spent
 * from `asOf` on; a task not started starts at `asOf` or when its prerequisites finish,
 * whichever is later, and takes its estimate as it stood at `asOf`. Milestones and gates take no time.
 */
export function forecastSchedule(
  snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>,
  schedule: Extract<Schedule, { ok: true }>,
  histories: ReadonlyMap<string, TaskHistory>,
  anchorMs: number,
  asOfMs: number,
): Forecast {
  const preds = new Map<string, string[]>();
  for (const e of scheduledEdges(snapshot.nodes, snapshot.edges.values())) {
    const list = preds.get(e.target);
    if (list) list.push(e.source);
    else preds.set(e.target, [e.source]);
  }
  const offset = (ms: number) => workingDaysBetweenTimes(anchorMs, ms);
  const now = offset(asOfMs);
  const byId = new Map<string, ForecastItem>();
  let final = true;
  let end: string | null = null;
  let projectDays = 0;
  for (const item of schedule.items) {
    let latest = -Infinity;
    let driver: string | null = null;
    for (const p of preds.get(item.id) ?? []) {
      const f = byId.get(p)!.finish;
      // Ties go to the smaller id, so the chain does not depend on edge order.
      if (f > latest || (f === latest && driver !== null && p < driver)) {
        latest = f;
        driver = p;
      }
    }
    const ready = Math.max(latest, 0);
    const history = item.kind === 'task' ? histories.get(item.id) : undefined;
    // The estimate as it stood at asOf (the log's), else the plan's.
    const duration = history?.estimateDays !== undefined ? (history.estimateDays ?? 0) : item.duration;
    let start: number;
    let finish: number;
    if (!history) {
      start = finish = ready;
    } else if (history.status === 'done') {
      if (history.finishedMs !== null) {
        finish = offset(history.finishedMs);
        start = history.startedMs !== null ? Math.min(offset(history.startedMs), finish) : finish;
      } else {
        // Done, but when is not recorded: as planned after its prerequisites, and no later than asOf.
        finish = Math.min(now, ready + duration);
        start = Math.min(ready, finish);
      }
    } else if (history.startedMs !== null) {
      final = false;
      start = offset(history.startedMs);
      finish = now + Math.max(0, duration - history.inFlightDays);
    } else {
      final = false;
      start = Math.max(ready, now);
      finish = start + duration;
      if (latest < now) driver = null;
    }
    byId.set(item.id, { start, finish, driver });
    if (end === null || finish >= projectDays) {
      projectDays = finish;
      end = item.id;
    }
  }
  const chain: string[] = [];
  const onChain = new Set<string>();
  for (let at = end; at !== null && !onChain.has(at); at = byId.get(at)!.driver) {
    chain.push(at);
    onChain.add(at);
  }
  return { projectDays: Math.max(0, projectDays), final, byId, chain: chain.reverse() };
}
