import { taskStatus, type ActivityEntry, type PlanNode, type PlanSnapshot, type TaskNode } from '../model';
import type { PlanAnalysis } from './analysis';
import type { CrossPersonaDependency } from './blocking';
import { compareText } from './sortedBy';

// What a coordination session starts from: where each persona stands, and what changed since
// the previous session. States (active, blocked, upcoming, pending, open) are the plan as it
// is; events (completed, resolved, created, updated, opened) are those the activity log places
// in the session's window. The log comes from several machines in any order, so its entries
// are put in time order (then id) before anything is read from them.

/**
 * The stretch a session covers: after `from` (exclusive; none: from the beginning) up to `to`
 * (inclusive; none: up to now). A bare date (YYYY-MM-DD) stands for the end of that day (UTC).
 */
export interface SessionWindow {
  readonly from?: string;
  readonly to?: string;
  /** Whose task status to report, in this order; by default every persona, by name then id. */
  readonly personas?: readonly string[];
}

/** An active task and how far along it is. */
export interface SessionActiveTask {
  readonly task: string;
  readonly progress?: number;
}

/** A task that cannot proceed: marked blocked, or waiting on unfinished prerequisites (by title, then id). */
export interface SessionBlockedTask {
  readonly task: string;
  readonly marked: boolean;
  readonly waitingOn: readonly string[];
}

/** Something that happened in the window, and when (as the log or the plan wrote it). */
export interface SessionFact {
  readonly id: string;
  /** Undefined when the plan does not record when (an imported plan with no log, at a first session). */
  readonly at?: string;
}

/** A todo task and its earliest start in working days (undefined when the plan has no schedule). */
export interface SessionUpcomingTask {
  readonly task: string;
  readonly earlyStart?: number;
}

/** Where one persona's tasks stand, each list by title then id except `upcoming` (by earliest start first). */
export interface PersonaSessionStatus {
  readonly persona: string;
  readonly active: readonly SessionActiveTask[];
  readonly blocked: readonly SessionBlockedTask[];
  /** Tasks done now whose last completion falls in the window. */
  readonly completed: readonly SessionFact[];
  readonly upcoming: readonly SessionUpcomingTask[];
}

/** A cross-persona dependency whose prerequisite was finished in the window. */
export interface SessionResolvedDependency {
  readonly dependency: CrossPersonaDependency;
  readonly at?: string;
}

/** A contract created or whose status changed in the window: its latest such change. */
export interface SessionContractUpdate {
  readonly id: string;
  /** The status before; null when the change was its creation. */
  readonly from: string | null;
  readonly to: string;
  readonly at?: string;
}

/** A risk opened (recorded, or reopened) in the window, and whether it is still open. */
export interface SessionOpenedRisk extends SessionFact {
  readonly open: boolean;
}

/** Everything a new coordination session is pre-filled with. */
export interface SessionPrefill {
  readonly personas: readonly PersonaSessionStatus[];
  /** Open cross-persona dependencies, by target title, source title, edge id. */
  readonly identified: readonly CrossPersonaDependency[];
  /** Resolved in the window, in time order. */
  readonly resolved: readonly SessionResolvedDependency[];
  /** Handoffs pending now (`at`: when recorded, if logged), by due date, task title, id. */
  readonly pendingHandoffs: readonly SessionFact[];
  /** Handoffs completed in the window, in time order. */
  readonly completedHandoffs: readonly SessionFact[];
  /** Artifacts (not contracts) created in the window, in time order. */
  readonly artifactsCreated: readonly SessionFact[];
  readonly contractUpdates: readonly SessionContractUpdate[];
  readonly risksOpened: readonly SessionOpenedRisk[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * A date or date-time in ms. A bare date is the last millisecond of its day, as the exporters
 * count it: a task finished "on 2025-03-03" is finished before a session that day ends.
 */
function whenMs(when: string): number {
  if (!DATE_ONLY.test(when)) return Date.parse(when);
  return Date.UTC(Number(when.slice(0, 4)), Number(when.slice(5, 7)) - 1, Number(when.slice(8, 10))) + DAY_MS - 1;
}

/** Earlier first; an undated fact before every dated one. */
const byWhen = (a: string | undefined, b: string | undefined): number => (a === undefined ? -Infinity : whenMs(a)) - (b === undefined ? -Infinity : whenMs(b)) || 0;

const compare = compareText;

/** One log entry with its time read once. */
interface Timed {
  readonly entry: ActivityEntry;
  readonly ms: number;
}

/** The log by entity, each entity's entries in time order (then id); copies of one entry count once. */
function logByEntity(activity: readonly ActivityEntry[]): Map<string, Timed[]> {
  const out = new Map<string, Timed[]>();
  for (const entry of activity) {
    const ms = Date.parse(entry.at);
    if (Number.isNaN(ms)) continue;
    const list = out.get(entry.entity) ?? out.set(entry.entity, []).get(entry.entity)!;
    list.push({ entry, ms });
  }
  for (const [id, list] of out) {
    list.sort((a, b) => a.ms - b.ms || compare(a.entry.id, b.entry.id));
    out.set(
      id,
      list.filter((t, i) => i === 0 || t.entry.id !== list[i - 1]!.entry.id),
    );
  }
  return out;
}

/** Computes what a session covering `window` starts from (see SessionWindow and SessionPrefill). */
export function sessionPrefill(snapshot: PlanSnapshot, analysis: PlanAnalysis, window: SessionWindow = {}): SessionPrefill {
  const fromMs = window.from !== undefined ? whenMs(window.from) : undefined;
  const toMs = window.to !== undefined ? whenMs(window.to) : undefined;
  const inWindow = (ms: number) => (fromMs === undefined || ms > fromMs) && (toMs === undefined || ms <= toMs);
  // Facts the plan holds without saying when (no log) are new only at a first session.
  const undated = fromMs === undefined;
  const log = logByEntity(snapshot.activity);
  const title = (id: string) => snapshot.nodes.get(id)?.title ?? id;
  const byTitle = (a: string, b: string) => compare(title(a), title(b)) || compare(a, b);
  const byTime = (a: SessionFact, b: SessionFact) => byWhen(a.at, b.at) || compare(a.id, b.id);

  /** The last time in the window an entity's log entries matching `test` were written. */
  const lastInWindow = (id: string, test: (e: ActivityEntry) => boolean): Timed | undefined => {
    let found: Timed | undefined;
    for (const t of log.get(id) ?? []) if (test(t.entry) && inWindow(t.ms)) found = t;
    return found;
  };
  const hasLog = (id: string, test: (e: ActivityEntry) => boolean) => (log.get(id) ?? []).some((t) => test(t.entry));

  // When a done task was finished, in the window: a task the log knows about is judged by the
  // log alone (done by the end of the window, by a move made within it; a task reopened before
  // the window ends was not completed then); an imported one by its finishedAt.
  const isStatus = (e: ActivityEntry) => e.kind === 'status';
  const finishedInWindow = (task: TaskNode): { at?: string } | undefined => {
    if (taskStatus(task) !== 'done') return undefined;
    if (hasLog(task.id, isStatus)) {
      let last: Timed | undefined;
      for (const t of log.get(task.id)!) if (isStatus(t.entry) && (toMs === undefined || t.ms <= toMs)) last = t;
      return last && last.entry.to === 'done' && inWindow(last.ms) ? { at: last.entry.at } : undefined;
    }
    if (task.finishedAt !== undefined) return inWindow(whenMs(task.finishedAt)) ? { at: task.finishedAt } : undefined;
    return undefined;
  };

  const tasks = [...snapshot.nodes.values()].filter((n): n is TaskNode => n.kind === 'task').sort((a, b) => compare(a.title, b.title) || compare(a.id, b.id));
  const start = (t: TaskNode) => (analysis.schedule.ok ? analysis.schedule.byId.get(t.id)?.earlyStart : undefined);
  const personaIds =
    window.personas ??
    [...snapshot.personas.values()].sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id)).map((p) => p.id);
  const personas = personaIds.map((persona): PersonaSessionStatus => {
    const own = tasks.filter((t) => t.owner === persona);
    const completed: SessionFact[] = [];
    for (const t of own) {
      const done = finishedInWindow(t);
      // Only a dated completion is "since the last session"; an undated one cannot be placed.
      if (done?.at !== undefined) completed.push({ id: t.id, at: done.at });
    }
    return {
      persona,
      active: own.filter((t) => taskStatus(t) === 'active').map((t) => (t.progress !== undefined ? { task: t.id, progress: t.progress } : { task: t.id })),
      blocked: own
        .filter((t) => analysis.blocking.get(t.id)?.blocked)
        .map((t) => ({ task: t.id, marked: taskStatus(t) === 'blocked', waitingOn: [...(analysis.blocking.get(t.id)?.waitingOn ?? [])].sort(byTitle) })),
      completed,
      // `own` is in title order and the sort is stable: earliest start, then title, then id.
      upcoming: own
        .filter((t) => taskStatus(t) === 'todo')
        .map((t): SessionUpcomingTask => {
          const at = start(t);
          return at !== undefined ? { task: t.id, earlyStart: at } : { task: t.id };
        })
        .sort((a, b) => (a.earlyStart ?? 0) - (b.earlyStart ?? 0)),
    };
  });

  // analysis.crossPersona comes by target title, source title, edge id; filters keep that order.
  const identified = analysis.crossPersona.filter((d) => !d.resolved);
  const resolved: SessionResolvedDependency[] = [];
  for (const d of analysis.crossPersona) {
    if (!d.resolved) continue;
    const source = snapshot.nodes.get(d.source);
    const done = source?.kind === 'task' ? finishedInWindow(source) : undefined;
    if (done?.at !== undefined) resolved.push({ dependency: d, at: done.at });
    // A prerequisite finished at no recorded time: new only when nothing came before.
    else if (undated && source?.kind === 'task' && !hasLog(source.id, isStatus) && source.finishedAt === undefined) resolved.push({ dependency: d });
  }
  // Stable: resolved at the same time, they stay in title order.
  const resolvedAt = new Map(resolved.map((r) => [r, r.at === undefined ? -Infinity : whenMs(r.at)]));
  const resolvedInOrder = resolved.sort((a, b) => resolvedAt.get(a)! - resolvedAt.get(b)! || 0);

  const handoffs = [...snapshot.handoffs.values()];
  const isHandoff = (e: ActivityEntry) => e.kind === 'handoff';
  const pendingHandoffs = handoffs
    .filter((h) => (h.status ?? 'pending') === 'pending')
    .sort((a, b) => compare(a.due ?? '\uffff', b.due ?? '\uffff') || byTitle(a.task, b.task) || compare(a.id, b.id))
    .map((h): SessionFact => {
      const recorded = (log.get(h.id) ?? []).find((t) => isHandoff(t.entry) && t.entry.from === null);
      return recorded ? { id: h.id, at: recorded.entry.at } : { id: h.id };
    });
  const completedHandoffs: SessionFact[] = [];
  for (const h of handoffs) {
    if (h.status !== 'completed') continue;
    const logged = hasLog(h.id, (e) => isHandoff(e) && e.to === 'completed');
    const last = lastInWindow(h.id, (e) => isHandoff(e) && e.to === 'completed');
    if (last) completedHandoffs.push({ id: h.id, at: last.entry.at });
    else if (!logged && h.completedAt !== undefined && inWindow(whenMs(h.completedAt))) completedHandoffs.push({ id: h.id, at: h.completedAt });
    else if (!logged && h.completedAt === undefined && undated) completedHandoffs.push({ id: h.id });
  }
  completedHandoffs.sort(byTime);

  // Artifacts and risks: their creation and status (state) changes, as activityRecorder logs them.
  const isCreated = (e: ActivityEntry) => e.kind === 'created';
  const nodesOf = <K extends PlanNode['kind']>(kind: K) => [...snapshot.nodes.values()].filter((n): n is Extract<PlanNode, { kind: K }> => n.kind === kind);
  const artifactsCreated: SessionFact[] = [];
  const contractUpdates: SessionContractUpdate[] = [];
  for (const a of nodesOf('artifact')) {
    const logged = hasLog(a.id, (e) => isCreated(e) || isStatus(e));
    if (!a.contract) {
      const created = lastInWindow(a.id, isCreated);
      if (created) artifactsCreated.push({ id: a.id, at: created.entry.at });
      else if (!logged && undated) artifactsCreated.push({ id: a.id });
      continue;
    }
    const change = lastInWindow(a.id, (e) => isCreated(e) || isStatus(e));
    const to = (v: unknown) => (typeof v === 'string' ? v : (a.status ?? 'draft'));
    if (change) contractUpdates.push({ id: a.id, from: change.entry.kind === 'created' ? null : typeof change.entry.from === 'string' ? change.entry.from : null, to: to(change.entry.to), at: change.entry.at });
    else if (!logged && undated) contractUpdates.push({ id: a.id, from: null, to: a.status ?? 'draft' });
  }
  artifactsCreated.sort(byTime);
  contractUpdates.sort(byTime);

  const risksOpened: SessionOpenedRisk[] = [];
  for (const r of nodesOf('risk')) {
    const open = (r.state ?? 'open') === 'open';
    const opening = lastInWindow(r.id, (e) => (isCreated(e) || isStatus(e)) && e.to === 'open');
    if (opening) risksOpened.push({ id: r.id, at: opening.entry.at, open });
    else if (undated && open && !hasLog(r.id, (e) => isCreated(e) || isStatus(e))) risksOpened.push({ id: r.id, open });
  }
  risksOpened.sort(byTime);

  return { personas, identified, resolved: resolvedInOrder, pendingHandoffs, completedHandoffs, artifactsCreated, contractUpdates, risksOpened };
}
