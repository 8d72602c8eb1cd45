import type { Dependency, PlanNode, PlanSnapshot } from '../model';
import { findCycle, indexGraph, kahnOrder } from './graph';

/** Node kinds that take part in the schedule; milestones and gates last zero days. */
export const SCHEDULED_KINDS: ReadonlySet<PlanNode['kind']> = new Set(['task', 'milestone', 'gate']);

/** One scheduled item: the critical path method's figures in working days from the plan start. */
export interface ScheduledItem {
  readonly id: string;
  readonly title: string;
  readonly kind: 'task' | 'milestone' | 'gate';
  readonly duration: number;
  readonly earlyStart: number;
  readonly earlyFinish: number;
  readonly lateStart: number;
  readonly lateFinish: number;
  readonly slack: number;
  readonly critical: boolean;
}

/** The computed schedule of a plan, or the cycle that prevents one. */
export type Schedule =
  | {
      readonly ok: true;
      /** Length of the project in working days. */
      readonly projectDays: number;
      /** Items in topological order (ties by id). */
      readonly items: readonly ScheduledItem[];
      readonly byId: ReadonlyMap<string, ScheduledItem>;
      /** Tasks without an estimate, counted as zero days. */
      readonly unestimated: readonly string[];
      /** Dependencies on the critical path (both ends critical, no gap between them). */
      readonly criticalEdges: ReadonlySet<string>;
    }
  | { readonly ok: false; readonly cycle: readonly string[] };

const EPSILON = 1e-9;
/** Rounds away floating-point dust, so 0.1 + 0.2 days of slack is 0.3, and 1e-16 is 0. */
const clean = (n: number) => Math.round(n * 1e6) / 1e6;

/** The dependencies whose both ends exist in `nodes` and are scheduled kinds. */
export function scheduledEdges(nodes: ReadonlyMap<string, PlanNode>, edges: Iterable<Dependency>): Dependency[] {
  const out: Dependency[] = [];
  for (const e of edges) {
    const s = nodes.get(e.source);
    const t = nodes.get(e.target);
    if (s && t && SCHEDULED_KINDS.has(s.kind) && SCHEDULED_KINDS.has(t.kind)) out.push(e);
  }
  return out;
}

/**
 * The critical path method over tasks, milestones and gates: earliest and latest start and
 * finish, slack, the critical flag, and the project length. Pure and deterministic; a
 * cycle (which a merge of two offline edits can create) is returned, never thrown.
 */
export function computeSchedule(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>): Schedule {
  const ids: string[] = [];
  for (const n of snapshot.nodes.values()) if (SCHEDULED_KINDS.has(n.kind)) ids.push(n.id);
  const graph = indexGraph(ids, scheduledEdges(snapshot.nodes, snapshot.edges.values()));
  const order = kahnOrder(graph);
  if (!order) return { ok: false, cycle: findCycle(graph) };

  const count = graph.ids.length;
  const duration = new Float64Array(count);
  const unestimated: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = snapshot.nodes.get(graph.ids[i]!)!;
    if (n.kind === 'task') {
      if (n.estimateDays === undefined) unestimated.push(n.id);
      duration[i] = n.estimateDays ?? 0;
    }
  }
  const { succStart, succ, predStart, pred } = graph;
  const es = new Float64Array(count);
  const ef = new Float64Array(count);
  let projectDays = 0;
  for (const i of order) {
    let start = 0;
    for (let k = predStart[i]!; k < predStart[i + 1]!; k++) if (ef[pred[k]!]! > start) start = ef[pred[k]!]!;
    es[i] = start;
    ef[i] = start + duration[i]!;
    if (ef[i]! > projectDays) projectDays = ef[i]!;
  }
  const ls = new Float64Array(count);
  const lf = new Float64Array(count);
  for (let o = count - 1; o >= 0; o--) {
    const i = order[o]!;
    let finish = projectDays;
    for (let k = succStart[i]!; k < succStart[i + 1]!; k++) if (ls[succ[k]!]! < finish) finish = ls[succ[k]!]!;
    lf[i] = finish;
    ls[i] = finish - duration[i]!;
  }
  const items: ScheduledItem[] = new Array(count);
  const byId = new Map<string, ScheduledItem>();
  for (let o = 0; o < count; o++) {
    const i = order[o]!;
    const n = snapshot.nodes.get(graph.ids[i]!)!;
    const slack = Math.max(0, clean(ls[i]! - es[i]!));
    const item: ScheduledItem = Object.freeze({
      id: n.id,
      title: n.title,
      kind: n.kind as ScheduledItem['kind'],
      duration: duration[i]!,
      earlyStart: clean(es[i]!),
      earlyFinish: clean(ef[i]!),
      lateStart: clean(ls[i]!),
      lateFinish: clean(lf[i]!),
      slack,
      critical: slack < EPSILON,
    });
    items[o] = item;
    byId.set(n.id, item);
  }
  const criticalEdges = new Set<string>();
  for (const e of graph.edges as readonly Dependency[]) {
    const s = byId.get(e.source)!;
    const t = byId.get(e.target)!;
    if (s.critical && t.critical && Math.abs(s.earlyFinish - t.earlyStart) < EPSILON) criticalEdges.add(e.id);
  }
  return { ok: true, projectDays: clean(projectDays), items, byId, unestimated: unestimated.sort(), criticalEdges };
}

/** A cycle named by the titles of its nodes, in dependency order: "A → B → C → A". */
export function describeCycle(cycle: readonly string[], nodes: ReadonlyMap<string, { title: string }>): string {
  const titles = cycle.map((id) => nodes.get(id)?.title ?? id);
  return [...titles, titles[0]].join(' → ');
}
