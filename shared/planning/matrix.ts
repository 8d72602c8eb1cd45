import type { PlanSnapshot } from '../model';
import { scheduleBasis, type Schedule } from './criticalPath';
import { workstreamOf } from './rollups';

/** One row of the dependency matrix: Component | Depends On | Blocks | Critical Path | Slack. */
export interface MatrixRow {
  readonly id: string;
  readonly component: string;
  readonly kind: string;
  readonly owner?: string;
  readonly workstream: string | null;
  /** Ids of direct prerequisites. */
  readonly dependsOn: readonly string[];
  /** Ids of direct dependents. */
  readonly blocks: readonly string[];
  /** On the critical path; null when a cycle prevents a schedule. */
  readonly critical: boolean | null;
  readonly slack: number | null;
  /** On the cycle that prevents a schedule. */
  readonly inCycle: boolean;
}

const NONE: readonly string[] = Object.freeze([]);
let scratch = new Int32Array(64);

/**
 * The ids of the neighbours `flat[from..to)` (node numbers, which follow id order), sorted and
 * each once: two replicas that drew the same dependency offline merge into two parallel
 * edges, which must not list a neighbour twice. `extra` holds neighbours that are not
 * scheduled (a dependency on a note, say), by id; most rows have none and one or two
 * neighbours, so the common cases skip the general sort.
 */
function neighbourIds(ids: readonly string[], flat: Int32Array, from: number, to: number, extra: readonly string[] | undefined): readonly string[] {
  const n = to - from;
  if (extra) {
    const all = [...extra];
    for (let k = from; k < to; k++) all.push(ids[flat[k]!]!);
    return [...new Set(all)].sort();
  }
  if (n === 0) return NONE;
  if (n === 1) return [ids[flat[from]!]!];
  if (n === 2) {
    const a = flat[from]!;
    const b = flat[from + 1]!;
    return a === b ? [ids[a]!] : a < b ? [ids[a]!, ids[b]!] : [ids[b]!, ids[a]!];
  }
  // Insertion sort into a scratch buffer: rows have a handful of neighbours.
  if (scratch.length < n) scratch = new Int32Array(Math.max(n, 2 * scratch.length));
  let size = 0;
  for (let k = from; k < to; k++) {
    const v = flat[k]!;
    let at = size;
    while (at > 0 && scratch[at - 1]! > v) at--;
    if (at > 0 && scratch[at - 1] === v) continue;
    scratch.copyWithin(at + 1, at, size);
    scratch[at] = v;
    size++;
  }
  const out: string[] = new Array(size);
  for (let k = 0; k < size; k++) out[k] = ids[scratch[k]!]!;
  return out;
}

/** Appends `value` to the list kept under `key`. */
function addTo(lists: Map<number, string[]>, key: number, value: string): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/**
 * The dependency matrix over scheduled items, in schedule order (ties by title, then id).
 * It reads the packed graph the schedule was computed on, so one analysis packs a
 * 10,000-task plan once; dependencies on nodes that are not scheduled come in as extras.
 */
export function computeMatrix(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>, schedule: Schedule): MatrixRow[] {
  const { nodes } = snapshot;
  const { graph, itemAt } = scheduleBasis(snapshot, schedule);
  const { ids, index, predStart, pred, succStart, succ } = graph;
  const count = ids.length;
  const extraDeps = new Map<number, string[]>();
  const extraBlocks = new Map<number, string[]>();
  for (const e of graph.outside) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    const t = index.get(e.target);
    if (t !== undefined) addTo(extraDeps, t, e.source);
    const s = index.get(e.source);
    if (s !== undefined) addTo(extraBlocks, s, e.target);
  }

  const cycle = new Set(schedule.ok ? [] : schedule.cycle);
  // Siblings share a parent, so the workstream is looked up once per parent.
  const workstreamByParent = new Map<string | undefined, string | null>();
  const rows: MatrixRow[] = new Array(count);
  const starts = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const n = graph.nodes[i]!;
    const item = itemAt ? itemAt[i] : schedule.ok ? schedule.byId.get(n.id) : undefined;
    let workstream = workstreamByParent.get(n.parent);
    if (workstream === undefined) {
      workstream = workstreamOf(nodes, n);
      workstreamByParent.set(n.parent, workstream);
    }
    starts[i] = item?.earlyStart ?? 0;
    rows[i] = {
      id: n.id,
      component: n.title,
      kind: n.kind,
      owner: n.kind === 'task' ? n.owner : undefined,
      workstream,
      dependsOn: neighbourIds(ids, pred, predStart[i]!, predStart[i + 1]!, extraDeps.get(i)),
      blocks: neighbourIds(ids, succ, succStart[i]!, succStart[i + 1]!, extraBlocks.get(i)),
      critical: item ? item.critical : null,
      slack: item ? item.slack : null,
      inCycle: cycle.size > 0 && cycle.has(n.id),
    };
  }
  return inScheduleOrder(rows, starts);
}

/**
 * Rows by start, then component title, then id (code-unit order, not locale order: the same
 * on every machine, and fast at 10,000 rows). Row numbers follow ids, so the last tie-break
 * compares numbers.
 */
function inScheduleOrder(rows: readonly MatrixRow[], starts: Float64Array): MatrixRow[] {
  const order: number[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) order[i] = i;
  order.sort((a, b) => {
    const d = starts[a]! - starts[b]!;
    if (d !== 0) return d;
    const ca = rows[a]!.component;
    const cb = rows[b]!.component;
    return ca < cb ? -1 : ca > cb ? 1 : a - b;
  });
  return order.map((i) => rows[i]!);
}
