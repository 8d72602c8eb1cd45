import type { Baseline, PlanSnapshot, TaskNode, TaskStatus } from '../../model';
import { computeSchedule, scheduleBasis, type Schedule } from '../criticalPath';
import { workstreamOf } from '../rollups';
import { compareText } from '../sortedBy';
import { doneFrom, entriesOf, orderLog, replayHandoff, replayTask, type LogStats, type TaskHistory } from './activityLog';
import { agentEvidence, countIssues, type AgentEvidence, type IssueCount } from './agentMetrics';
import { forecastFinish, forecastSchedule, type Forecast } from './forecast';
import { clean, DAY_MS, whenMs, workingDaysBetweenTimes } from './workingTime';

/** What the reflection is computed against. */
export interface ReflectionOptions {
  /** The moment the evidence stands at (ISO date-time, or a date meaning the end of that day); later facts are left out. */
  readonly asOf: string;
  /** The baseline chosen to compare with; without one, slip and adherence are null with a note. */
  readonly baseline?: Baseline;
  /** The current schedule, when the caller has computed it already. */
  readonly schedule?: Schedule;
  /** Rows in each top-blockers list (10). */
  readonly top?: number;
}

/** What happened to one task. Durations are working days (see workingTime.ts). */
export interface TaskEvidence {
  readonly id: string;
  readonly title: string;
  readonly owner: string | null;
  readonly workstream: string | null;
  /** Facts from the activity log, or (a plan imported without a log) from startedAt / finishedAt. */
  readonly source: 'log' | 'fields';
  /** Status as of `asOf`. */
  readonly status: TaskStatus;
  /** The baseline's estimate, else the estimate as of `asOf`, else null. */
  readonly plannedDays: number | null;
  readonly plannedFrom: 'baseline' | 'estimate' | null;
  /** First move to active, as written. */
  readonly startedAt: string | null;
  /** Final move to done, as written, when the task is done. */
  readonly finishedAt: string | null;
  /** Days in flight (active or blocked) from the first start to the final done; null until done, or if never started. */
  readonly actualDays: number | null;
  /** Days in flight so far (equals actualDays once done). */
  readonly inFlightDays: number;
  /** actualDays / plannedDays: above 1 took longer than planned. */
  readonly accuracy: number | null;
  /** Days in status blocked, up to done or `asOf`, whether before or after the start. */
  readonly blockedDays: number;
  readonly blockedSpans: number;
  /** Times it went from done back to work. */
  readonly reopened: number;
  /** Working days from the plan start: the baseline's planned finish, the forecast finish, and the difference. */
  readonly baselineFinish: number | null;
  readonly forecastFinish: number | null;
  readonly finishSlipDays: number | null;
}

/** Planned against actual over a group of tasks (a workstream, a persona's, the plan's). */
export interface GroupEvidence {
  readonly tasks: number;
  readonly started: number;
  readonly done: number;
  /** Done tasks with an actual duration and a planned one above zero: the ones accuracy is computed over. */
  readonly measured: number;
  /** Planned days of every task in the group. */
  readonly plannedDays: number;
  /** Planned and actual days of the measured tasks. */
  readonly measuredPlannedDays: number;
  readonly actualDays: number;
  /** actualDays / measuredPlannedDays (a ratio of sums, so long tasks weigh more). */
  readonly accuracy: number | null;
  readonly blockedDays: number;
  /** Earliest planned start to latest planned finish of its tasks (baseline, else the current schedule). */
  readonly plannedSpanDays: number | null;
  /** First start to last finish, once every task is done. */
  readonly actualSpanDays: number | null;
}

/** A workstream's evidence; `id` null gathers tasks outside any workstream. */
export interface WorkstreamEvidence extends GroupEvidence {
  readonly id: string | null;
  readonly title: string;
}

/** A persona's evidence: tasks it owns now, blocked time while it owned them, handoffs. */
export interface PersonaEvidence extends Omit<GroupEvidence, 'blockedDays' | 'plannedSpanDays' | 'actualSpanDays'> {
  readonly persona: string;
  readonly name: string;
  /** Blocked days of tasks while this persona owned them. */
  readonly blockedDays: number;
  readonly handoffsSent: number;
  readonly handoffsReceived: number;
  /** Mean latency of the completed handoffs it received. */
  readonly handoffLatencyDays: number | null;
  /** Times a task of its (owned now) was waited on by a blocked dependent. */
  readonly waitsCaused: number;
}

/** A task that spent long blocked. */
export interface BlockedTask {
  readonly id: string;
  readonly title: string;
  readonly owner: string | null;
  readonly blockedDays: number;
  readonly blockedSpans: number;
}

/** A prerequisite that dependents waited on: blocked while it was not done. */
export interface WaitedPrerequisite {
  readonly id: string;
  readonly title: string;
  readonly owner: string | null;
  /** Blocked stretches of dependents that began while this task was not done. */
  readonly waits: number;
  /** Days of those stretches until this task was done. */
  readonly waitedDays: number;
  readonly waitedBy: readonly string[];
}

/** One link of the forecast's critical chain against the baseline. */
export interface ChainLink {
  readonly id: string;
  readonly title: string;
  readonly forecastFinish: number;
  readonly baselineFinish: number | null;
  readonly slipDays: number | null;
}

/** Where day 0 of the plan is. */
export interface PlanAnchor {
  readonly date: string;
  /** The baseline's start, the plan's timeline start, the first start of work, or the day the baseline was taken. */
  readonly from: 'baseline' | 'timeline' | 'first-start' | 'baseline-taken';
}

/** The schedule laid over facts. */
export interface ForecastEvidence {
  readonly anchor: PlanAnchor;
  /** Working days from the plan start to `asOf`. */
  readonly asOfDay: number;
  /** Length of the current plan's schedule, as if nothing had happened yet. */
  readonly plannedDays: number;
  /** Actual (when final) or forecast length. */
  readonly projectDays: number;
  readonly final: boolean;
  /** Task, milestone and gate ids of the chain ending at the last finish. */
  readonly chain: readonly string[];
}

/** The project's length against the baseline's. */
export interface CriticalPathSlip {
  readonly baselineDays: number;
  readonly forecastDays: number;
  /** Every task done: forecastDays is what happened. */
  readonly final: boolean;
  /** forecastDays − baselineDays: positive is late. */
  readonly days: number;
  /** days / baselineDays × 100; null for a zero-day baseline. */
  readonly percent: number | null;
  readonly chain: readonly ChainLink[];
}

/**
 * Work done against work the baseline planned to be done by `asOf`, in estimate days: each
 * baseline task counts its estimate, earned once done, planned in proportion to how much of
 * its baseline window has passed. Tasks removed since are left out of both.
 */
export interface TimelineAdherence {
  readonly asOfDay: number;
  readonly plannedValueDays: number;
  readonly earnedValueDays: number;
  /** (earned − planned) / planned × 100: + ahead of the baseline, − behind; null before anything was due. */
  readonly percent: number | null;
  /** Baseline tasks due to finish by `asOf`, and how many of them are done. */
  readonly dueByNow: number;
  readonly doneOfDue: number;
  /** Done baseline tasks that finished by their planned finish, and after it. */
  readonly finishedOnTime: number;
  readonly finishedLate: number;
}

/** Why a figure is missing. */
export interface EvidenceNote {
  readonly code: 'no-baseline' | 'cycle' | 'no-start';
  readonly message: string;
}

/** One handoff's life. */
export interface HandoffEvidence {
  readonly id: string;
  readonly task: string;
  readonly from: string;
  readonly to: string;
  readonly status: 'pending' | 'completed';
  readonly createdAt: string | null;
  readonly completedAt: string | null;
  /** Working days from recorded to completed. */
  readonly latencyDays: number | null;
}

/** Handoffs as of `asOf`. */
export interface HandoffSummary {
  readonly count: number;
  readonly completed: number;
  readonly pending: number;
  /** Recorded and then removed: not counted above. */
  readonly removed: number;
  readonly meanLatencyDays: number | null;
  readonly medianLatencyDays: number | null;
  readonly maxLatencyDays: number | null;
  readonly list: readonly HandoffEvidence[];
}

/** Everything the reflection view and exporters need, computed from plain data. */
export interface ReflectionEvidence {
  readonly asOf: string;
  readonly baseline: { readonly id: string; readonly name: string; readonly takenAt: string } | null;
  /** Every task of the plan, by id. */
  readonly tasks: readonly TaskEvidence[];
  readonly totals: GroupEvidence;
  /** By title, then id; tasks outside any workstream last. */
  readonly workstreams: readonly WorkstreamEvidence[];
  /** By name, then id; owners that are not personas of the plan after them, by id. */
  readonly personas: readonly PersonaEvidence[];
  readonly topBlockers: { readonly tasks: readonly BlockedTask[]; readonly prerequisites: readonly WaitedPrerequisite[] };
  readonly forecast: ForecastEvidence | null;
  readonly slip: CriticalPathSlip | null;
  readonly adherence: TimelineAdherence | null;
  /** Why forecast, slip or adherence is null. */
  readonly notes: { readonly forecast: EvidenceNote | null; readonly slip: EvidenceNote | null; readonly adherence: EvidenceNote | null };
  readonly handoffs: HandoffSummary;
  readonly agents: readonly AgentEvidence[];
  /** Blocking issues named in broadcasts, across agents, most often first. */
  readonly agentIssues: readonly IssueCount[];
  readonly log: LogStats & {
    /** Status entries whose `from` disagrees with the replayed status, by id. */
    readonly anomalies: readonly string[];
    readonly broadcasts: number;
  };
}

const dayOf = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/** Accumulates a group; every task goes through `add` once. */
class GroupTotals {
  tasks = 0;
  started = 0;
  done = 0;
  measured = 0;
  plannedDays = 0;
  measuredPlannedDays = 0;
  actualDays = 0;
  blockedDays = 0;
  plannedStart = Infinity;
  plannedFinish = -Infinity;
  firstStart = Infinity;
  lastFinish = -Infinity;
  allFinished = true;

  add(t: TaskEvidence, h: TaskHistory, window: { start: number; finish: number } | undefined): void {
    this.tasks++;
    if (h.startedMs !== null) this.started++;
    if (t.status === 'done') this.done++;
    this.plannedDays += t.plannedDays ?? 0;
    if (t.accuracy !== null) {
      this.measured++;
      this.measuredPlannedDays += t.plannedDays!;
      this.actualDays += t.actualDays!;
    }
    this.blockedDays += t.blockedDays;
    if (window) {
      this.plannedStart = Math.min(this.plannedStart, window.start);
      this.plannedFinish = Math.max(this.plannedFinish, window.finish);
    }
    if (h.finishedMs === null) this.allFinished = false;
    else {
      this.lastFinish = Math.max(this.lastFinish, h.finishedMs);
      this.firstStart = Math.min(this.firstStart, h.startedMs ?? h.finishedMs);
    }
  }

  result(): GroupEvidence {
    return {
      tasks: this.tasks,
      started: this.started,
      done: this.done,
      measured: this.measured,
      plannedDays: clean(this.plannedDays),
      measuredPlannedDays: clean(this.measuredPlannedDays),
      actualDays: clean(this.actualDays),
      accuracy: this.measuredPlannedDays > 0 ? this.actualDays / this.measuredPlannedDays : null,
      blockedDays: clean(this.blockedDays),
      plannedSpanDays: this.plannedFinish >= this.plannedStart ? clean(this.plannedFinish - this.plannedStart) : null,
      actualSpanDays: this.tasks > 0 && this.allFinished ? clean(workingDaysBetweenTimes(this.firstStart, this.lastFinish)) : null,
    };
  }
}

function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The reflection's evidence: planned against actual per task, workstream and persona; blocked
 * time and the top blockers; the forecast, its slip against the baseline and adherence to it;
 * handoff latency; per-agent figures from status broadcasts. The activity log is put in time
 * order first (entries from several machines arrive in any order; copies count once), and
 * nothing after `asOf` is used. Pure: the same snapshot and options give the same evidence.
 * Throws a RangeError for an unreadable `asOf` (a caller's mistake, not the plan's).
 */
export function reflectionEvidence(snapshot: PlanSnapshot, options: ReflectionOptions): ReflectionEvidence {
  const asOfMs = whenMs(options.asOf, true);
  if (Number.isNaN(asOfMs)) throw new RangeError(`asOf is not a date or ISO date-time: ${options.asOf}`);
  const { baseline } = options;
  const top = options.top ?? 10;
  const schedule = options.schedule ?? computeSchedule(snapshot);
  const log = orderLog(snapshot.activity, asOfMs);

  // Task histories, in id order so every list below comes out the same on every replica.
  // The schedule's packed graph holds the scheduled nodes sorted by id already.
  const taskNodes = scheduleBasis(snapshot, schedule).graph.nodes.filter((n): n is TaskNode => n.kind === 'task');
  const histories = new Map<string, TaskHistory>();
  const anomalies: string[] = [];
  let firstStart = Infinity;
  for (const task of taskNodes) {
    const h = replayTask(task, log, asOfMs);
    histories.set(task.id, h);
    for (const a of h.anomalies) anomalies.push(a);
    if (h.startedMs !== null && h.startedMs < firstStart) firstStart = h.startedMs;
  }

  // Day 0: what the baseline counted from, else the plan's, else when work began.
  const anchor: PlanAnchor | null = baseline?.start
    ? { date: baseline.start, from: 'baseline' }
    : snapshot.meta.timelineStart
      ? { date: snapshot.meta.timelineStart, from: 'timeline' }
      : firstStart < Infinity
        ? { date: dayOf(firstStart), from: 'first-start' }
        : baseline
          ? { date: baseline.takenAt.slice(0, 10), from: 'baseline-taken' }
          : null;
  const anchorMs = anchor ? whenMs(anchor.date) : NaN;
  const offset = (ms: number) => workingDaysBetweenTimes(anchorMs, ms);

  let forecast: Forecast | null = null;
  let forecastNote: EvidenceNote | null = null;
  if (!schedule.ok) forecastNote = { code: 'cycle', message: 'the plan has a dependency cycle, so there is no schedule to forecast' };
  else if (!anchor) forecastNote = { code: 'no-start', message: 'no timeline start and no work started yet: nothing to count the days from' };
  // A whole day's start (whenMs without endOfDay); for a date-time, the moment itself.
  else forecast = forecastSchedule(snapshot, schedule, histories, anchorMs, asOfMs, whenMs(options.asOf));

  const tasks: TaskEvidence[] = [];
  const workstreams = new Map<string | null, GroupTotals>();
  for (const n of snapshot.nodes.values()) if (n.kind === 'workstream') workstreams.set(n.id, new GroupTotals());
  const personas = new Map<string, GroupTotals>();
  const personaBlocked = new Map<string, number>();
  const totals = new GroupTotals();
  // Tasks of one lane share a parent, so the walk up to the workstream is done once per parent.
  const workstreamByParent = new Map<string | undefined, string | null>();
  for (const task of taskNodes) {
    const h = histories.get(task.id)!;
    const frozen = baseline?.tasks[task.id];
    let workstream = workstreamByParent.get(task.parent);
    if (workstream === undefined) {
      workstream = workstreamOf(snapshot.nodes, task);
      workstreamByParent.set(task.parent, workstream);
    }
    // Without a baseline, the estimate as it stood at asOf (the log's), else the plan's.
    const estimate = h.estimateDays !== undefined ? h.estimateDays : (task.estimateDays ?? null);
    const plannedDays = frozen ? frozen.estimateDays : estimate;
    const actualDays = h.status === 'done' && h.startedMs !== null && h.finishedMs !== null ? clean(h.inFlightDays) : null;
    const forecastAt = forecast ? forecastFinish(forecast, task.id) : undefined;
    const evidence: TaskEvidence = {
      id: task.id,
      title: task.title,
      owner: task.owner ?? null,
      workstream,
      source: h.source,
      status: h.status,
      plannedDays,
      plannedFrom: frozen ? 'baseline' : estimate !== null ? 'estimate' : null,
      startedAt: h.startedAt,
      finishedAt: h.finishedAt,
      actualDays,
      inFlightDays: clean(h.inFlightDays),
      accuracy: actualDays !== null && plannedDays !== null && plannedDays > 0 ? actualDays / plannedDays : null,
      blockedDays: clean(h.blockedDays),
      blockedSpans: h.blockedSpans.length,
      reopened: h.reopened,
      baselineFinish: frozen ? frozen.plannedFinish : null,
      forecastFinish: forecastAt !== undefined ? clean(forecastAt) : null,
      finishSlipDays: frozen && forecastAt !== undefined ? clean(forecastAt - frozen.plannedFinish) : null,
    };
    tasks.push(evidence);
    const current = schedule.ok ? schedule.byId.get(task.id) : undefined;
    const window = frozen ? { start: frozen.plannedStart, finish: frozen.plannedFinish } : current ? { start: current.earlyStart, finish: current.earlyFinish } : undefined;
    totals.add(evidence, h, window);
    const ws = workstreams.get(evidence.workstream) ?? workstreams.set(evidence.workstream, new GroupTotals()).get(evidence.workstream)!;
    ws.add(evidence, h, window);
    if (task.owner !== undefined) (personas.get(task.owner) ?? personas.set(task.owner, new GroupTotals()).get(task.owner)!).add(evidence, h, window);
    if (h.blockedByOwner) for (const [owner, days] of h.blockedByOwner) personaBlocked.set(owner, (personaBlocked.get(owner) ?? 0) + days);
  }

  // Prerequisites waited on: each blocked stretch of a task that began while a direct
  // prerequisite task was not done is one wait on it, lasting until it was done.
  const prerequisites = new Map<string, Set<string>>();
  for (const e of snapshot.edges.values()) {
    // Only tasks that were ever blocked matter; most never were.
    if (!histories.get(e.target)?.blockedSpans.length || !histories.has(e.source) || e.source === e.target) continue;
    (prerequisites.get(e.target) ?? prerequisites.set(e.target, new Set()).get(e.target)!).add(e.source);
  }
  const waits = new Map<string, { waits: number; days: number; by: Set<string> }>();
  for (const [target, sources] of prerequisites) {
    const spans = histories.get(target)!.blockedSpans;
    for (const source of sources) {
      const h = histories.get(source)!;
      for (const [from, to] of spans) {
        const done = doneFrom(h, from);
        if (done <= from) continue;
        const w = waits.get(source) ?? waits.set(source, { waits: 0, days: 0, by: new Set() }).get(source)!;
        w.waits++;
        w.days += workingDaysBetweenTimes(from, Math.min(done, to));
        w.by.add(target);
      }
    }
  }
  const titleOf = (id: string) => snapshot.nodes.get(id)?.title ?? id;
  const ownerOf = (id: string) => (snapshot.nodes.get(id) as TaskNode | undefined)?.owner ?? null;
  const blockedTasks: BlockedTask[] = tasks
    .filter((t) => t.blockedDays > 0)
    .sort((a, b) => b.blockedDays - a.blockedDays || b.blockedSpans - a.blockedSpans || compareText(a.id, b.id))
    .slice(0, top)
    .map((t) => ({ id: t.id, title: t.title, owner: t.owner, blockedDays: t.blockedDays, blockedSpans: t.blockedSpans }));
  const waited: WaitedPrerequisite[] = [...waits]
    .map(([id, w]) => ({ id, title: titleOf(id), owner: ownerOf(id), waits: w.waits, waitedDays: clean(w.days), waitedBy: [...w.by].sort(compareText) }))
    .sort((a, b) => b.waits - a.waits || b.waitedDays - a.waitedDays || compareText(a.id, b.id));

  // Handoffs: the log says when each was recorded and completed; the handoff's own
  // completedAt stands in when the log did not see the completion.
  const handoffList: HandoffEvidence[] = [];
  let removedHandoffs = 0;
  const handoffIds = new Set<string>([...snapshot.handoffs.keys(), ...log.handoffs.keys()]);
  for (const id of [...handoffIds].sort(compareText)) {
    const entries = entriesOf(log.handoffs, id);
    // Recorded only after asOf: it did not exist yet.
    if (entries.at.length > 0 && entries.used === 0) continue;
    const replay = entries.used > 0 ? replayHandoff(log, entries) : null;
    const h = snapshot.handoffs.get(id);
    if (replay?.status === 'removed' || !h) {
      removedHandoffs++;
      continue;
    }
    const fieldDone = h.status === 'completed' && h.completedAt !== undefined && whenMs(h.completedAt) <= asOfMs ? h.completedAt : null;
    const fromLog = replay?.completedAt != null;
    const completedAt = fromLog ? replay!.completedAt : fieldDone;
    const completedMs = fromLog ? replay!.completedMs! : fieldDone !== null ? whenMs(fieldDone) : NaN;
    const createdMs = replay?.createdMs ?? null;
    handoffList.push({
      id,
      task: h.task,
      from: h.from,
      to: h.to,
      status: completedAt !== null ? 'completed' : 'pending',
      createdAt: replay?.createdAt ?? null,
      completedAt,
      latencyDays: createdMs !== null && completedAt !== null ? clean(Math.max(0, workingDaysBetweenTimes(createdMs, completedMs))) : null,
    });
  }
  const latencies = handoffList.flatMap((h) => (h.latencyDays !== null ? [h.latencyDays] : []));
  const completedHandoffs = handoffList.filter((h) => h.status === 'completed').length;
  const handoffs: HandoffSummary = {
    count: handoffList.length,
    completed: completedHandoffs,
    pending: handoffList.length - completedHandoffs,
    removed: removedHandoffs,
    meanLatencyDays: latencies.length ? clean(latencies.reduce((s, v) => s + v, 0) / latencies.length) : null,
    medianLatencyDays: median(latencies),
    maxLatencyDays: latencies.length ? Math.max(...latencies) : null,
    list: handoffList,
  };

  // Personas: everyone in the plan, then anyone else who owned a task.
  const personaIds = [...snapshot.personas.values()]
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id))
    .map((p) => p.id);
  const others = new Set<string>([...personas.keys(), ...personaBlocked.keys()]);
  for (const id of personaIds) others.delete(id);
  const personaRows: PersonaEvidence[] = [...personaIds, ...[...others].sort(compareText)].map((id) => {
    const group = (personas.get(id) ?? new GroupTotals()).result();
    const received = handoffList.filter((h) => h.to === id);
    const receivedLatency = received.flatMap((h) => (h.latencyDays !== null ? [h.latencyDays] : []));
    let waitsCaused = 0;
    for (const [source, w] of waits) if (ownerOf(source) === id) waitsCaused += w.waits;
    return {
      persona: id,
      name: snapshot.personas.get(id)?.name ?? id,
      tasks: group.tasks,
      started: group.started,
      done: group.done,
      measured: group.measured,
      plannedDays: group.plannedDays,
      measuredPlannedDays: group.measuredPlannedDays,
      actualDays: group.actualDays,
      accuracy: group.accuracy,
      blockedDays: clean(personaBlocked.get(id) ?? 0),
      handoffsSent: handoffList.filter((h) => h.from === id).length,
      handoffsReceived: received.length,
      handoffLatencyDays: receivedLatency.length ? clean(receivedLatency.reduce((s, v) => s + v, 0) / receivedLatency.length) : null,
      waitsCaused,
    };
  });

  const workstreamRows: WorkstreamEvidence[] = [...workstreams]
    .filter(([id, g]) => id !== null || g.tasks > 0)
    .map(([id, g]) => ({ id, title: id === null ? 'No workstream' : titleOf(id), ...g.result() }))
    .sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : compareText(a.title, b.title) || compareText(a.id, b.id)));

  // Against the baseline.
  let slip: CriticalPathSlip | null = null;
  let adherence: TimelineAdherence | null = null;
  const noBaseline: EvidenceNote = { code: 'no-baseline', message: 'no baseline chosen: set a baseline to compare the plan with' };
  if (baseline && forecast) {
    const days = forecast.projectDays - baseline.projectDays;
    slip = {
      baselineDays: baseline.projectDays,
      forecastDays: clean(forecast.projectDays),
      final: forecast.final,
      days: clean(days),
      percent: baseline.projectDays > 0 ? (days / baseline.projectDays) * 100 : null,
      chain: forecast.chain.map((id) => {
        const finish = forecastFinish(forecast!, id)!;
        const frozen = baseline.tasks[id];
        return { id, title: titleOf(id), forecastFinish: clean(finish), baselineFinish: frozen?.plannedFinish ?? null, slipDays: frozen ? clean(finish - frozen.plannedFinish) : null };
      }),
    };
  }
  if (baseline) {
    const now = offset(asOfMs);
    let planned = 0;
    let earned = 0;
    let dueByNow = 0;
    let doneOfDue = 0;
    let onTime = 0;
    let late = 0;
    for (const id in baseline.tasks) {
      const frozen = baseline.tasks[id]!;
      const h = histories.get(id);
      if (!h) continue; // removed since, or a milestone
      const window = frozen.plannedFinish - frozen.plannedStart;
      const share = window > 0 ? Math.min(1, Math.max(0, (now - frozen.plannedStart) / window)) : now >= frozen.plannedFinish ? 1 : 0;
      planned += frozen.estimateDays * share;
      const done = h.status === 'done';
      if (done) earned += frozen.estimateDays;
      if (frozen.plannedFinish <= now) {
        dueByNow++;
        if (done) doneOfDue++;
      }
      if (done && h.finishedMs !== null) {
        if (offset(h.finishedMs) <= frozen.plannedFinish + 1e-9) onTime++;
        else late++;
      }
    }
    adherence = {
      asOfDay: clean(now),
      plannedValueDays: clean(planned),
      earnedValueDays: clean(earned),
      percent: planned > 0 ? ((earned - planned) / planned) * 100 : null,
      dueByNow,
      doneOfDue,
      finishedOnTime: onTime,
      finishedLate: late,
    };
  }

  const { agents, distinct } = agentEvidence(snapshot.broadcasts, asOfMs);
  return {
    asOf: options.asOf,
    baseline: baseline ? { id: baseline.id, name: baseline.name, takenAt: baseline.takenAt } : null,
    tasks,
    totals: totals.result(),
    workstreams: workstreamRows,
    personas: personaRows,
    topBlockers: { tasks: blockedTasks, prerequisites: waited.slice(0, top) },
    forecast:
      forecast && anchor && schedule.ok
        ? { anchor, asOfDay: clean(offset(asOfMs)), plannedDays: schedule.projectDays, projectDays: clean(forecast.projectDays), final: forecast.final, chain: forecast.chain }
        : null,
    slip,
    adherence,
    notes: {
      forecast: forecastNote,
      slip: slip ? null : baseline ? forecastNote : noBaseline,
      adherence: adherence ? null : noBaseline,
    },
    handoffs,
    agents,
    agentIssues: countIssues(distinct),
    log: { ...log.stats, anomalies: anomalies.sort(compareText), broadcasts: distinct.length },
  };
}
