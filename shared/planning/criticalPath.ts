import type { Dependency, PlanNode, PlanSnapshot } from '../model';
import { findCycle, kahnOrder, packGraph, type IndexedGraph } from './graph';

/** Whether a node of this kind takes part in the schedule; milestones and gates last zero days. */
export const isScheduledKind = (kind: PlanNode['kind']): boolean => kind === 'task' || kind === 'milestone' || kind === 'gate';

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

/**
 * The scheduled part of a plan packed as a graph (tasks, milestones and gates numbered by id,
 * the dependencies between them), with the node behind each number. `outside` holds the
 * dependencies with an end that is missing or not scheduled.
 */
export interface ScheduledGraph extends IndexedGraph<Dependency> {
  readonly nodes: readonly PlanNode[];
  /** The maps it was built from: a graph is only reused for the very same plan. */
  readonly from: Pick<PlanSnapshot, 'nodes' | 'edges'>;
}

/** Packs the scheduled nodes of a plan and the dependencies among them. */
export function scheduledGraph(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>): ScheduledGraph {
  const nodes: PlanNode[] = [];
  for (const n of snapshot.nodes.values()) if (isScheduledKind(n.kind)) nodes.push(n);
  // Map keys are distinct, so a plain comparison sort by id needs no de-duplication.
  nodes.sort((a, b) => (a.id < b.id ? -1 : 1));
  const ids = nodes.map((n) => n.id);
  return { ...packGraph(ids, snapshot.edges.values(), snapshot.edges.size), nodes, from: { nodes: snapshot.nodes, edges: snapshot.edges } };
}

/**
 * A schedule's items by id, read through the packed graph's index (id to node number), so a
 * schedule does not build a second 10,000-entry map. Iterates in schedule order.
 */
class ItemsById implements ReadonlyMap<string, ScheduledItem> {
  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly itemAt: readonly ScheduledItem[],
    private readonly items: readonly ScheduledItem[],
  ) {}
  get size(): number {
    return this.items.length;
  }
  get(id: string): ScheduledItem | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.itemAt[i];
  }
  has(id: string): boolean {
    return this.index.has(id);
  }
  forEach(callback: (item: ScheduledItem, id: string, map: ReadonlyMap<string, ScheduledItem>) => void, thisArg?: unknown): void {
    for (const item of this.items) callback.call(thisArg, item, item.id, this);
  }
  *entries(): MapIterator<[string, ScheduledItem]> {
    for (const item of this.items) yield [item.id, item];
  }
  *keys(): MapIterator<string> {
    for (const item of this.items) yield item.id;
  }
  values(): MapIterator<ScheduledItem> {
    return this.items.values();
  }
  [Symbol.iterator](): MapIterator<[string, ScheduledItem]> {
    return this.entries();
  }
}

/** What a schedule was computed from, for the views that follow it over the same plan. */
interface ScheduleBasis {
  readonly graph: ScheduledGraph;
  /** Node numbers in schedule order (ok schedules only). */
  readonly order: Int32Array | null;
  /** The item of each node number (ok schedules only). */
  readonly itemAt: readonly ScheduledItem[] | null;
}
const bases = new WeakMap<Schedule, ScheduleBasis>();

/**
 * The graph, order and items behind `schedule`, when it was computed from this very plan;
 * otherwise the plan's graph built afresh (and no order or items). The matrix and the forecast
 * use it so one analysis packs the plan once.
 */
export function scheduleBasis(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>, schedule: Schedule): ScheduleBasis {
  const basis = bases.get(schedule);
  if (basis && basis.graph.from.nodes === snapshot.nodes && basis.graph.from.edges === snapshot.edges) return basis;
  return { graph: scheduledGraph(snapshot), order: null, itemAt: null };
}

/**
 * The critical path method over tasks, milestones and gates: earliest and latest start and
 * finish, slack, the critical flag, and the project length. Pure and deterministic; a
 * cycle (which a merge of two offline edits can create) is returned, never thrown.
 */
export function computeSchedule(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>): Schedule {
  const graph = scheduledGraph(snapshot);
  const order = kahnOrder(graph);
  if (!order) {
    const failed: Schedule = { ok: false, cycle: findCycle(graph) };
    bases.set(failed, { graph, order: null, itemAt: null });
    return failed;
  }

  const count = graph.ids.length;
  const duration = new Float64Array(count);
  const unestimated: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = graph.nodes[i]!;
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
  const itemAt: ScheduledItem[] = new Array(count);
  // The rounded figures stay in typed arrays too, so the critical-edge pass reads no objects.
  const critical = new Uint8Array(count);
  for (let o = 0; o < count; o++) {
    const i = order[o]!;
    const n = graph.nodes[i]!;
    const slack = Math.max(0, clean(ls[i]! - es[i]!));
    es[i] = clean(es[i]!);
    ef[i] = clean(ef[i]!);
    critical[i] = slack < EPSILON ? 1 : 0;
    const item: ScheduledItem = Object.freeze({
      id: n.id,
      title: n.title,
      kind: n.kind as ScheduledItem['kind'],
      duration: duration[i]!,
      earlyStart: es[i]!,
      earlyFinish: ef[i]!,
      lateStart: clean(ls[i]!),
      lateFinish: clean(lf[i]!),
      slack,
      critical: critical[i] === 1,
    });
    items[o] = item;
    itemAt[i] = item;
  }
  const criticalEdges = new Set<string>();
  const { edges, edgeSource, edgeTarget } = graph;
  for (let k = 0; k < edges.length; k++) {
    const s = edgeSource[k]!;
    const t = edgeTarget[k]!;
    if (critical[s] && critical[t] && Math.abs(ef[s]! - es[t]!) < EPSILON) criticalEdges.add(edges[k]!.id);
  }
  const byId = new ItemsById(graph.index, itemAt, items);
  const schedule: Schedule = { ok: true, projectDays: clean(projectDays), items, byId, unestimated: unestimated.sort(), criticalEdges };
  bases.set(schedule, { graph, order, itemAt });
  return schedule;
}

/** A cycle named by the titles of its nodes, in dependency order: "A → B → C → A". */
export function describeCycle(cycle: readonly string[], nodes: ReadonlyMap<string, { title: string }>): string {
  const titles = cycle.map((id) => nodes.get(id)?.title ?? id);
  return [...titles, titles[0]].join(' → ');
}
