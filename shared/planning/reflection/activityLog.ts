import { taskStatusSchema, type ActivityEntry, type TaskNode, type TaskStatus } from '../../model';
import { whenMs, workingDaysBetweenTimes } from './workingTime';

/** An activity entry with its time read once. */
export interface TimedEntry {
  readonly entry: ActivityEntry;
  readonly ms: number;
}

/** How the stored log looked before it was put in order. */
export interface LogStats {
  /** Entries the document holds, copies included. */
  readonly stored: number;
  /** Copies of an entry already seen (same id): counted once. */
  readonly duplicates: number;
  /** Entries after `asOf`: left out. */
  readonly afterAsOf: number;
  /** Entries stored after one with a later time: they came from another machine, or a clock behind. */
  readonly outOfOrder: number;
  /** Entries the evidence is computed from (distinct, up to `asOf`). */
  readonly used: number;
}

/** The log in time order, by entity, up to `asOf`. */
export interface OrderedLog {
  /** Task facts (created, removed, status, owner, estimate) by task id, each list by time then id. */
  readonly tasks: ReadonlyMap<string, readonly TimedEntry[]>;
  /** Handoff facts by handoff id, each list by time then id. */
  readonly handoffs: ReadonlyMap<string, readonly TimedEntry[]>;
  /** Handoffs the log records only after `asOf`: they did not exist yet. */
  readonly handoffsAfterAsOf: ReadonlySet<string>;
  readonly stats: LogStats;
}

const byTimeThenId = (a: TimedEntry, b: TimedEntry) => a.ms - b.ms || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0);

/** A total order on two copies of one id, so which copy is kept never depends on storage order. */
function earlierCopy(a: TimedEntry, b: TimedEntry): boolean {
  if (a.ms !== b.ms) return a.ms < b.ms;
  const ka = JSON.stringify(a.entry);
  const kb = JSON.stringify(b.entry);
  return ka < kb;
}

/**
 * Puts the log in order: entries from several machines arrive in any order, so each entity's
 * entries are sorted by time, then id; copies of one entry (same id) count once; entries
 * after `asOf` are left out, so evidence as of a past day is what was known that day.
 */
export function orderLog(activity: readonly ActivityEntry[], asOfMs: number): OrderedLog {
  const kept = new Map<string, TimedEntry>();
  let duplicates = 0;
  let outOfOrder = 0;
  let latest = -Infinity;
  for (const entry of activity) {
    const timed: TimedEntry = { entry, ms: whenMs(entry.at) };
    const seen = kept.get(entry.id);
    if (seen) {
      duplicates++;
      if (earlierCopy(timed, seen)) kept.set(entry.id, timed);
      continue;
    }
    kept.set(entry.id, timed);
    if (timed.ms < latest) outOfOrder++;
    else latest = timed.ms;
  }
  const tasks = new Map<string, TimedEntry[]>();
  const handoffs = new Map<string, TimedEntry[]>();
  const handoffsAfterAsOf = new Set<string>();
  let afterAsOf = 0;
  for (const timed of kept.values()) {
    const { kind, entity } = timed.entry;
    if (!(timed.ms <= asOfMs)) {
      afterAsOf++;
      if (kind === 'handoff') handoffsAfterAsOf.add(entity);
      continue;
    }
    const table = kind === 'handoff' ? handoffs : tasks;
    const list = table.get(entity);
    if (list) list.push(timed);
    else table.set(entity, [timed]);
  }
  for (const list of tasks.values()) if (list.length > 1) list.sort(byTimeThenId);
  for (const list of handoffs.values()) if (list.length > 1) list.sort(byTimeThenId);
  for (const id of handoffs.keys()) handoffsAfterAsOf.delete(id);
  return {
    tasks,
    handoffs,
    handoffsAfterAsOf,
    stats: { stored: activity.length, duplicates, afterAsOf, outOfOrder, used: kept.size - afterAsOf },
  };
}

/** A task's status from some moment on. */
export interface StatusChange {
  readonly ms: number;
  readonly to: TaskStatus;
}

/** What happened to one task, as of `asOf`. */
export interface TaskHistory {
  /** Where the facts come from: the activity log, the task's own startedAt / finishedAt, or nowhere. */
  readonly source: 'log' | 'fields';
  readonly status: TaskStatus;
  /** The first move to active, in ms and as written. */
  readonly startedMs: number | null;
  readonly startedAt: string | null;
  /** The final move to done, when the task is done, in ms and as written. */
  readonly finishedMs: number | null;
  readonly finishedAt: string | null;
  /**
   * Working days in flight (active or blocked) from the first start: up to the final done for
   * a done task (its actual duration), up to `asOf` otherwise. Back in todo, or done before a
   * reopen, does not count.
   */
  readonly inFlightDays: number;
  readonly blockedDays: number;
  /** Each stretch in status blocked, [from, to) in ms (the last may run to `asOf`). */
  readonly blockedSpans: readonly (readonly [number, number])[];
  /** Blocked working days by the owner at the time (a task handed over mid-block is split). */
  readonly blockedByOwner: ReadonlyMap<string, number>;
  /** Times the task went from done back to another status. */
  readonly reopened: number;
  /** The estimate as of `asOf` by the log (null: cleared); undefined when the log never recorded one. */
  readonly estimateDays: number | null | undefined;
  /** Status changes in time order (created counts as one), for "was it done at time t". */
  readonly changes: readonly StatusChange[];
  /** Status entries whose `from` disagrees with the status replayed so far (clock skew or a concurrent edit). */
  readonly anomalies: readonly string[];
}

const STATUSES = new Set<string>(taskStatusSchema.options);
const asStatus = (v: unknown): TaskStatus | null => (typeof v === 'string' && STATUSES.has(v) ? (v as TaskStatus) : null);

/**
 * Replays a task's status and owner entries (already in time order) up to `asOfMs`. Time
 * before the first fact about the task is not counted: nobody knows what it was then.
 */
export function replayTask(task: TaskNode, entries: readonly TimedEntry[], asOfMs: number): TaskHistory {
  let status: TaskStatus | null = null;
  let since = 0;
  // The owner before the first recorded owner change is that change's `from`; with no change, the current owner.
  const firstOwner = entries.find((e) => e.entry.kind === 'owner');
  let owner: string | undefined = firstOwner ? (typeof firstOwner.entry.from === 'string' ? firstOwner.entry.from : undefined) : task.owner;
  let startedMs: number | null = null;
  let startedAt: string | null = null;
  let finishedMs: number | null = null;
  let finishedAt: string | null = null;
  let inFlight = 0;
  let blocked = 0;
  let blockedFrom = 0;
  let reopened = 0;
  let sawStatus = false;
  let estimateDays: number | null | undefined;
  const blockedSpans: [number, number][] = [];
  const blockedByOwner = new Map<string, number>();
  const changes: StatusChange[] = [];
  const anomalies: string[] = [];

  const close = (until: number) => {
    if (status === null) return;
    const days = workingDaysBetweenTimes(since, until);
    if (status === 'blocked') {
      blocked += days;
      if (owner !== undefined) blockedByOwner.set(owner, (blockedByOwner.get(owner) ?? 0) + days);
    }
    if ((status === 'active' || status === 'blocked') && startedMs !== null) inFlight += days;
  };
  const enter = (next: TaskStatus | null, at: number, when: string) => {
    if (status === 'blocked' && next !== 'blocked' && at > blockedFrom) blockedSpans.push([blockedFrom, at]);
    if (next === 'blocked' && status !== 'blocked') blockedFrom = at;
    if (status === 'done' && next !== null && next !== 'done') reopened++;
    if (next === 'active' && startedMs === null) {
      startedMs = at;
      startedAt = when;
    }
    if (next === 'done') {
      finishedMs = at;
      finishedAt = when;
    }
    if (next !== null && next !== status) changes.push({ ms: at, to: next });
    status = next;
    since = at;
  };

  for (const { entry, ms } of entries) {
    switch (entry.kind) {
      case 'created': {
        sawStatus = true;
        close(ms);
        enter(asStatus(entry.to) ?? 'todo', ms, entry.at);
        break;
      }
      case 'removed': {
        close(ms);
        enter(null, ms, entry.at);
        break;
      }
      case 'status': {
        const next = asStatus(entry.to);
        if (next === null) break;
        sawStatus = true;
        const from = asStatus(entry.from);
        if (status === null) {
          // The first thing known: the task was `from` until now, for how long nobody knows.
          status = from;
          since = ms;
          blockedFrom = ms;
        } else if (from !== null && from !== status) {
          anomalies.push(entry.id);
        }
        close(ms);
        enter(next, ms, entry.at);
        break;
      }
      case 'estimate': {
        estimateDays = typeof entry.to === 'number' ? entry.to : null;
        break;
      }
      case 'owner': {
        close(ms);
        since = ms;
        owner = typeof entry.to === 'string' ? entry.to : undefined;
        break;
      }
      default:
        break;
    }
  }
  if (!sawStatus) return { ...fromFields(task, asOfMs), estimateDays };
  close(asOfMs);
  if (status === 'blocked' && asOfMs > blockedFrom) blockedSpans.push([blockedFrom, asOfMs]);
  const final: TaskStatus = status ?? 'todo';
  return {
    source: 'log',
    status: final,
    startedMs,
    startedAt,
    finishedMs: final === 'done' ? finishedMs : null,
    finishedAt: final === 'done' ? finishedAt : null,
    inFlightDays: inFlight,
    blockedDays: blocked,
    blockedSpans,
    blockedByOwner,
    reopened,
    estimateDays,
    changes,
    anomalies,
  };
}

/**
 * A task the log knows nothing about (a plan imported from a file): its status, and its
 * startedAt and finishedAt fields where set and not after `asOf`. Blocked time is unknown (0).
 */
function fromFields(task: TaskNode, asOfMs: number): TaskHistory {
  const started = task.startedAt !== undefined ? whenMs(task.startedAt) : NaN;
  const finished = task.finishedAt !== undefined ? whenMs(task.finishedAt, true) : NaN;
  const startedMs = started <= asOfMs ? started : null;
  let status = task.status ?? 'todo';
  // Finished after asOf: as of then it was still running (or not yet started).
  if (status === 'done' && finished > asOfMs) status = startedMs !== null ? 'active' : 'todo';
  if (status !== 'todo' && status !== 'done' && task.startedAt !== undefined && startedMs === null) status = 'todo';
  const finishedMs = status === 'done' && finished <= asOfMs ? finished : null;
  const end = status === 'done' ? finishedMs : status === 'todo' ? null : asOfMs;
  const inFlightDays = startedMs !== null && end !== null ? Math.max(0, workingDaysBetweenTimes(startedMs, end)) : 0;
  const changes: StatusChange[] = status === 'done' ? [{ ms: finishedMs ?? -Infinity, to: 'done' }] : [];
  return {
    source: 'fields',
    status,
    startedMs,
    startedAt: startedMs !== null ? task.startedAt! : null,
    finishedMs,
    finishedAt: finishedMs !== null ? task.finishedAt! : null,
    inFlightDays,
    blockedDays: 0,
    blockedSpans: [],
    blockedByOwner: new Map(),
    reopened: 0,
    estimateDays: undefined,
    changes,
    anomalies: [],
  };
}

/** When a task next became done at or after `ms` (Infinity if never), or `ms` itself if it was done then. */
export function doneFrom(history: TaskHistory, ms: number): number {
  const { changes } = history;
  // Binary search for the last change at or before ms.
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (changes[mid]!.ms <= ms) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && changes[lo - 1]!.to === 'done') return ms;
  for (let i = lo; i < changes.length; i++) if (changes[i]!.to === 'done') return changes[i]!.ms;
  return Infinity;
}

/** A handoff's life from the log. */
export interface HandoffHistory {
  /** When it was recorded (again, after a removal undone), in ms and as written. */
  readonly createdMs: number | null;
  readonly createdAt: string | null;
  /** The final move to completed, when it ended completed. */
  readonly completedMs: number | null;
  readonly completedAt: string | null;
  readonly status: 'pending' | 'completed' | 'removed';
}

/** Replays a handoff's entries (in time order): recorded, status changes, removal. */
export function replayHandoff(entries: readonly TimedEntry[]): HandoffHistory {
  let created: TimedEntry | null = null;
  let completed: TimedEntry | null = null;
  let status: HandoffHistory['status'] = 'pending';
  for (const timed of entries) {
    const { to } = timed.entry;
    if (to === 'removed') {
      status = 'removed';
      continue;
    }
    // Recorded again after a removal (an undo): its life starts over.
    if (created === null || status === 'removed') {
      created = timed;
      completed = null;
      status = 'pending';
    }
    if (to === 'completed') {
      if (status !== 'completed') completed = timed;
      status = 'completed';
    } else status = 'pending';
  }
  const done = status === 'completed' ? completed : null;
  return { createdMs: created?.ms ?? null, createdAt: created?.entry.at ?? null, completedMs: done?.ms ?? null, completedAt: done?.entry.at ?? null, status };
}
