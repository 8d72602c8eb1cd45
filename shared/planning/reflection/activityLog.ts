import { taskStatusSchema, type ActivityEntry, type TaskNode, type TaskStatus } from '../../model';
import { whenMs, workingDaysBetweenTimes } from './workingTime';

/** How the stored log looked before it was put in order. */
export interface LogStats {
  /** Entries the document holds, copies included. */
  readonly stored: number;
  /** Copies of an entry already seen (same id, same time): counted once. */
  readonly duplicates: number;
  /** Entries after `asOf`: left out. */
  readonly afterAsOf: number;
  /** Entries stored after one with a later time: they came from another machine, or a clock behind. */
  readonly outOfOrder: number;
  /** Entries the evidence is computed from (distinct, up to `asOf`). */
  readonly used: number;
}

/** One entity's entries: positions in the stored log, in time order, those up to `asOf` first. */
export interface EntityEntries {
  readonly at: readonly number[];
  /** How many of `at` are up to `asOf`. */
  readonly used: number;
}

/** The log in time order, by entity, up to `asOf`, as positions into the stored log (no copies of 50,000 entries). */
export interface OrderedLog {
  readonly activity: readonly ActivityEntry[];
  /** Each stored entry's time in ms. */
  readonly ms: Float64Array;
  /** Task facts (created, removed, status, owner, estimate) by task id. */
  readonly tasks: ReadonlyMap<string, EntityEntries>;
  /** Handoff facts by handoff id. */
  readonly handoffs: ReadonlyMap<string, EntityEntries>;
  readonly stats: LogStats;
}

const NO_ENTRIES: EntityEntries = { at: [], used: 0 };

/** Entries of one entity (an empty list when the log has none). */
export const entriesOf = (table: ReadonlyMap<string, EntityEntries>, id: string): EntityEntries => table.get(id) ?? NO_ENTRIES;

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/** Days from 1970-01-01 to a civil date (proleptic Gregorian), without allocating a Date. */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * An ISO date-time in ms. The form the app writes (`toISOString`: `2025-03-03T09:15:00.000Z`,
 * or without the milliseconds) is read by hand, which is several times quicker than
 * Date.parse over 50,000 entries; anything else (offsets, other precisions) goes to whenMs.
 */
export function isoMs(s: string): number {
  const n = s.length;
  if ((n === 24 || n === 20) && s.charCodeAt(n - 1) === 90 /* Z */ && s.charCodeAt(10) === 84 /* T */ && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58 && (n === 20 || s.charCodeAt(19) === 46)) {
    const y = two(s, 0) * 100 + two(s, 2);
    const mo = two(s, 5);
    const d = two(s, 8);
    const h = two(s, 11);
    const mi = two(s, 14);
    const se = two(s, 17);
    const frac = n === 24 ? digit(s, 20) * 100 + two(s, 21) : 0;
    const value = (daysFromCivil(y, mo, d) * 24 + h) * 3_600_000 + mi * 60_000 + se * 1000 + frac;
    // A non-digit anywhere makes a NaN; an out-of-range field is left to Date.parse to judge.
    if (value === value && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && se <= 59 && frac >= 0) return value;
  }
  return whenMs(s);
}

/**
 * Puts the log in order: entries from several machines arrive in any order, so each entity's
 * entries are sorted by time, then id; copies of one entry (same id and time) count once;
 * entries after `asOf` go last and are not used, so evidence as of a past day is what was
 * known that day.
 */
export function orderLog(activity: readonly ActivityEntry[], asOfMs: number): OrderedLog {
  const count = activity.length;
  const ms = new Float64Array(count);
  const tasks = new Map<string, number[]>();
  const handoffs = new Map<string, number[]>();
  // One edit writes several entries about one task side by side: reuse the last list then.
  let lastEntity = '';
  let lastHandoff = false;
  let last: number[] | undefined;
  for (let i = 0; i < count; i++) {
    const entry = activity[i]!;
    ms[i] = isoMs(entry.at);
    const handoff = entry.kind === 'handoff';
    if (last !== undefined && entry.entity === lastEntity && handoff === lastHandoff) {
      last.push(i);
      continue;
    }
    const table = handoff ? handoffs : tasks;
    last = table.get(entry.entity);
    if (last) last.push(i);
    else table.set(entry.entity, (last = [i]));
    lastEntity = entry.entity;
    lastHandoff = handoff;
  }
  const byTimeThenId = (a: number, b: number) => {
    const d = ms[a]! - ms[b]!;
    if (d !== 0) return d;
    const ia = activity[a]!.id;
    const ib = activity[b]!.id;
    // Copies tie, and the sort is stable: the copy stored first stays first.
    return ia < ib ? -1 : ia > ib ? 1 : a - b;
  };
  // Lists are short (a task's few entries) and mostly in order already: an insertion sort
  // does them without the scratch space Array.prototype.sort allocates on every call.
  const sortList = (list: number[]) => {
    if (list.length > 32) {
      list.sort(byTimeThenId);
      return;
    }
    for (let r = 1; r < list.length; r++) {
      const v = list[r]!;
      let w = r - 1;
      while (w >= 0 && byTimeThenId(list[w]!, v) > 0) {
        list[w + 1] = list[w]!;
        w--;
      }
      list[w + 1] = v;
    }
  };
  const kept = new Uint8Array(count);
  let duplicates = 0;
  let afterAsOf = 0;
  const finish = (table: Map<string, number[]>) => {
    const out = new Map<string, EntityEntries>();
    for (const [id, list] of table) {
      if (list.length > 1) sortList(list);
      let w = 0;
      let used = 0;
      for (let r = 0; r < list.length; r++) {
        const i = list[r]!;
        // Times first: they sit in one typed array, while each id is a string somewhere on the heap.
        if (w > 0 && ms[list[w - 1]!] === ms[i] && activity[list[w - 1]!]!.id === activity[i]!.id) {
          duplicates++;
          continue;
        }
        list[w++] = i;
        kept[i] = 1;
        if (ms[i]! <= asOfMs) used++;
        else afterAsOf++;
      }
      list.length = w;
      out.set(id, { at: list, used });
    }
    return out;
  };
  const orderedTasks = finish(tasks);
  const orderedHandoffs = finish(handoffs);
  let outOfOrder = 0;
  let latest = -Infinity;
  for (let i = 0; i < count; i++) {
    if (!kept[i]) continue;
    if (ms[i]! < latest) outOfOrder++;
    else latest = ms[i]!;
  }
  return {
    activity,
    ms,
    tasks: orderedTasks,
    handoffs: orderedHandoffs,
    stats: { stored: count, duplicates, afterAsOf, outOfOrder, used: count - duplicates - afterAsOf },
  };
}

const STATUS_CODES: readonly TaskStatus[] = ['todo', 'active', 'blocked', 'done'];
const DONE_CODE = STATUS_CODES.indexOf('done');

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
  /** Blocked working days by the owner at the time (a task handed over mid-block is split); null when never blocked. */
  readonly blockedByOwner: ReadonlyMap<string, number> | null;
  /** Times the task went from done back to another status. */
  readonly reopened: number;
  /** The estimate as of `asOf` by the log (null: cleared); undefined when the log never recorded one. */
  readonly estimateDays: number | null | undefined;
  /**
   * Status changes in time order (created counts as one), for "was it done at time t": flat
   * pairs of ms and status code (an index of STATUS_CODES), one array rather than an object each.
   */
  readonly changes: readonly number[];
  /** Status entries whose `from` disagrees with the status replayed so far (clock skew or a concurrent edit). */
  readonly anomalies: readonly string[];
}

const STATUSES = new Set<string>(taskStatusSchema.options);
const NONE: readonly never[] = Object.freeze([]);
const asStatus = (v: unknown): TaskStatus | null => (typeof v === 'string' && STATUSES.has(v) ? (v as TaskStatus) : null);

/**
 * Replays a task's status, owner and estimate entries (in time order) up to `asOfMs`. Time
 * before the first fact about the task is not counted: nobody knows what it was then.
 */
export function replayTask(task: TaskNode, log: OrderedLog, asOfMs: number): TaskHistory {
  const { activity, ms: times } = log;
  const { at: positions, used } = entriesOf(log.tasks, task.id);
  // The owner before the first recorded owner change is that change's `from`; with no change, the current owner.
  let owner: string | undefined = task.owner;
  for (let k = 0; k < used; k++) {
    const e = activity[positions[k]!]!;
    if (e.kind === 'owner') {
      owner = typeof e.from === 'string' ? e.from : undefined;
      break;
    }
  }
  const r = new Replay(owner);
  let sawStatus = false;
  let estimateDays: number | null | undefined;
  for (let k = 0; k < used; k++) {
    const entry = activity[positions[k]!]!;
    const ms = times[positions[k]!]!;
    switch (entry.kind) {
      case 'created': {
        sawStatus = true;
        r.close(ms);
        r.enter(asStatus(entry.to) ?? 'todo', ms, entry.at);
        break;
      }
      case 'removed': {
        r.close(ms);
        r.enter(null, ms, entry.at);
        break;
      }
      case 'status': {
        const next = asStatus(entry.to);
        if (next === null) break;
        sawStatus = true;
        const from = asStatus(entry.from);
        if (r.status === null) {
          // The first thing known: the task was `from` until now, for how long nobody knows.
          r.status = from;
          r.since = ms;
          r.blockedFrom = ms;
        } else if (from !== null && from !== r.status) {
          (r.anomalies ??= []).push(entry.id);
        }
        r.close(ms);
        r.enter(next, ms, entry.at);
        break;
      }
      case 'estimate': {
        estimateDays = typeof entry.to === 'number' ? entry.to : null;
        break;
      }
      case 'owner': {
        r.close(ms);
        r.since = ms;
        r.owner = typeof entry.to === 'string' ? entry.to : undefined;
        break;
      }
      default:
        break;
    }
  }
  if (!sawStatus) return { ...fromFields(task, asOfMs), estimateDays };
  r.close(asOfMs);
  if (r.status === 'blocked' && asOfMs > r.blockedFrom) r.blockedSpans.push([r.blockedFrom, asOfMs]);
  const final: TaskStatus = r.status ?? 'todo';
  const started = r.startedMs === r.startedMs; // not NaN
  return {
    source: 'log',
    status: final,
    startedMs: started ? r.startedMs : null,
    startedAt: r.startedAt,
    finishedMs: final === 'done' ? r.finishedMs : null,
    finishedAt: final === 'done' ? r.finishedAt : null,
    inFlightDays: r.inFlight,
    blockedDays: r.blocked,
    blockedSpans: r.blockedSpans.length ? r.blockedSpans : NONE,
    blockedByOwner: r.blockedByOwner,
    reopened: r.reopened,
    estimateDays,
    changes: r.changes,
    anomalies: r.anomalies ?? NONE,
  };
}

/**
 * The state of one replay. A class rather than closures over `let`s: V8 boxes a double held in
 * a closure's context anew on every write, which over 50,000 entries is megabytes of garbage;
 * an object's number field is updated in place. Times not yet known are NaN, so every time
 * field stays a number.
 */
class Replay {
  status: TaskStatus | null = null;
  since = 0;
  startedMs = NaN;
  startedAt: string | null = null;
  finishedMs = NaN;
  finishedAt: string | null = null;
  inFlight = 0;
  blocked = 0;
  blockedFrom = 0;
  reopened = 0;
  readonly blockedSpans: [number, number][] = [];
  blockedByOwner: Map<string, number> | null = null;
  readonly changes: number[] = [];
  anomalies: string[] | null = null;

  constructor(public owner: string | undefined) {}

  /** Ends the stretch since `since`: its time goes to blocked and in flight as its status says. */
  close(until: number): void {
    const status = this.status;
    if (status === null) return;
    const days = workingDaysBetweenTimes(this.since, until);
    if (status === 'blocked') {
      this.blocked += days;
      if (this.owner !== undefined) {
        const byOwner = (this.blockedByOwner ??= new Map());
        byOwner.set(this.owner, (byOwner.get(this.owner) ?? 0) + days);
      }
    }
    // NaN compares false: before the first start nothing is in flight.
    if ((status === 'active' || status === 'blocked') && this.startedMs <= this.since) this.inFlight += days;
  }

  /** Moves to `next` (null: removed) at `at`, written `when`. */
  enter(next: TaskStatus | null, at: number, when: string): void {
    const status = this.status;
    if (status === 'blocked' && next !== 'blocked' && at > this.blockedFrom) this.blockedSpans.push([this.blockedFrom, at]);
    if (next === 'blocked' && status !== 'blocked') this.blockedFrom = at;
    if (status === 'done' && next !== null && next !== 'done') this.reopened++;
    if (next === 'active' && this.startedAt === null) {
      this.startedMs = at;
      this.startedAt = when;
    }
    if (next === 'done') {
      this.finishedMs = at;
      this.finishedAt = when;
    }
    if (next !== null && next !== status) this.changes.push(at, STATUS_CODES.indexOf(next));
    this.status = next;
    this.since = at;
  }
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
  const changes: number[] = status === 'done' ? [finishedMs ?? -Infinity, DONE_CODE] : [];
  return {
    source: 'fields',
    status,
    startedMs,
    startedAt: startedMs !== null ? task.startedAt! : null,
    finishedMs,
    finishedAt: finishedMs !== null ? task.finishedAt! : null,
    inFlightDays,
    blockedDays: 0,
    blockedSpans: NONE,
    blockedByOwner: null,
    reopened: 0,
    estimateDays: undefined,
    changes,
    anomalies: NONE,
  };
}

/** When a task next became done at or after `ms` (Infinity if never), or `ms` itself if it was done then. */
export function doneFrom(history: TaskHistory, ms: number): number {
  const { changes } = history;
  const pairs = changes.length / 2;
  // Binary search for the first change after ms.
  let lo = 0;
  let hi = pairs;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (changes[2 * mid]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && changes[2 * lo - 1] === DONE_CODE) return ms;
  for (let i = lo; i < pairs; i++) if (changes[2 * i + 1] === DONE_CODE) return changes[2 * i]!;
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

/** Replays a handoff's entries up to `asOf` (in time order): recorded, status changes, removal. */
export function replayHandoff(log: OrderedLog, entries: EntityEntries): HandoffHistory {
  let created: number | null = null;
  let completed: number | null = null;
  let status: HandoffHistory['status'] = 'pending';
  for (let k = 0; k < entries.used; k++) {
    const timed = entries.at[k]!;
    const { to } = log.activity[timed]!;
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
  return {
    createdMs: created !== null ? log.ms[created]! : null,
    createdAt: created !== null ? log.activity[created]!.at : null,
    completedMs: done !== null ? log.ms[done]! : null,
    completedAt: done !== null ? log.activity[done]!.at : null,
    status,
  };
}
