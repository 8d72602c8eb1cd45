import type { Dependency, PlanNode, PlanSnapshot } from '../model';
import { topologicalOrder } from './graph';

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
  const items: PlanNode[] = [];
  for (const n of snapshot.nodes.values()) if (SCHEDULED_KINDS.has(n.kind)) items.push(n);
  const edges = scheduledEdges(snapshot.nodes, snapshot.edges.values());
  const topo = topologicalOrder(
    items.map((n) => n.id),
    edges,
  );
  if (topo.cycle) return { ok: false, cycle: topo.cycle };

  const index = new Map<string, number>();
  topo.order.forEach((id, i) => index.set(id, i));
  const count = topo.order.length;
  const duration = new Float64Array(count);
  const unestimated: string[] = [];
  const nodeAt: PlanNode[] = new Array(count);
  for (const n of items) {
    const i = index.get(n.id)!;
    nodeAt[i] = n;
    if (n.kind === 'task') {
      if (n.estimateDays === undefined) unestimated.push(n.id);
      duration[i] = n.estimateDays ?? 0;
    }
  }
  // Predecessor and successor lists as index arrays: fast enough for 10,000 tasks.
  const preds: number[][] = Array.from({ length: count }, () => []);
  const succs: number[][] = Array.from({ length: count }, () => []);
  for (const e of edges) {
    const s = index.get(e.source)!;
    const t = index.get(e.target)!;
    preds[t]!.push(s);
    succs[s]!.push(t);
  }
  const es = new Float64Array(count);
  const ef = new Float64Array(count);
  let projectDays = 0;
  for (let i = 0; i < count; i++) {
    let start = 0;
    for (const p of preds[i]!) if (ef[p]! > start) start = ef[p]!;
    es[i] = start;
    ef[i] = start + duration[i]!;
    if (ef[i]! > projectDays) projectDays = ef[i]!;
  }
  const ls = new Float64Array(count);
  const lf = new Float64Array(count);
  for (let i = count - 1; i >= 0; i--) {
    let finish = projectDays;
    for (const s of succs[i]!) if (ls[s]! < finish) finish = ls[s]!;
    lf[i] = finish;
    ls[i] = finish - duration[i]!;
  }
  const result: ScheduledItem[] = new Array(count);
  const byId = new Map<string, ScheduledItem>();
  for (let i = 0; i < count; i++) {
    const n = nodeAt[i]!;
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
    result[i] = item;
    byId.set(n.id, item);
  }
  const criticalEdges = new Set<string>();
  for (const e of edges) {
    const s = byId.get(e.source)!;
    const t = byId.get(e.target)!;
    if (s.critical && t.critical && Math.abs(s.earlyFinish - t.earlyStart) < EPSILON) criticalEdges.add(e.id);
  }
  return { ok: true, projectDays: clean(projectDays), items: result, byId, unestimated: unestimated.sort(), criticalEdges };
}

/** A cycle named by the titles of its nodes, in dependency order: "A → B → C → A". */
export function describeCycle(cycle: readonly string[], nodes: ReadonlyMap<string, { title: string }>): string {
  const titles = cycle.map((id) => nodes.get(id)?.title ?? id);
  return [...titles, titles[0]].join(' → ');
}
