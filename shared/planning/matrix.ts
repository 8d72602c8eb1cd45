import type { Dependency, PlanNode, PlanSnapshot } from '../model';
import { SCHEDULED_KINDS, type Schedule } from './criticalPath';
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

/**
 * `flat[from..to)` sorted, each id once: two replicas that drew the same dependency offline
 * merge into two parallel edges, which must not list a neighbour twice. Most rows have one
 * or two neighbours, so the common cases skip the general sort.
 */
function sortedOnce(flat: readonly string[], from: number, to: number): string[] {
  const n = to - from;
  if (n === 0) return [];
  if (n === 1) return [flat[from]!];
  const list = flat.slice(from, to);
  if (n === 2) {
    const [a, b] = list as [string, string];
    return a === b ? [a] : a < b ? list : [b, a];
  }
  list.sort();
  let w = 1;
  for (let r = 1; r < n; r++) if (list[r] !== list[w - 1]) list[w++] = list[r]!;
  list.length = w;
  return list;
}

/**
 * The dependency matrix over scheduled items, in schedule order (ties by title, then id).
 * Neighbours are gathered into two flat arrays indexed by row (counted, then filled), so a
 * 10,000-row matrix allocates little more than its rows.
 */
export function computeMatrix(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>, schedule: Schedule): MatrixRow[] {
  const { nodes } = snapshot;
  const scheduled: PlanNode[] = [];
  const rowOf = new Map<string, number>();
  for (const n of nodes.values()) {
    if (!SCHEDULED_KINDS.has(n.kind)) continue;
    rowOf.set(n.id, scheduled.length);
    scheduled.push(n);
  }
  const count = scheduled.length;
  const depStart = new Int32Array(count + 1);
  const blkStart = new Int32Array(count + 1);
  const edges: Dependency[] = [];
  for (const e of snapshot.edges.values()) {
    if (!nodes.has(e.source) || !nodes.has(e.target)) continue;
    edges.push(e);
    const t = rowOf.get(e.target);
    if (t !== undefined) depStart[t + 1]!++;
    const s = rowOf.get(e.source);
    if (s !== undefined) blkStart[s + 1]!++;
  }
  for (let i = 0; i < count; i++) {
    depStart[i + 1]! += depStart[i]!;
    blkStart[i + 1]! += blkStart[i]!;
  }
  const depFlat: string[] = new Array(depStart[count]);
  const blkFlat: string[] = new Array(blkStart[count]);
  const depFill = depStart.slice(0, count);
  const blkFill = blkStart.slice(0, count);
  for (const e of edges) {
    const t = rowOf.get(e.target);
    if (t !== undefined) depFlat[depFill[t]!++] = e.source;
    const s = rowOf.get(e.source);
    if (s !== undefined) blkFlat[blkFill[s]!++] = e.target;
  }

  const cycle = new Set(schedule.ok ? [] : schedule.cycle);
  // Siblings share a parent, so the workstream is looked up once per parent.
  const workstreamByParent = new Map<string | undefined, string | null>();
  const rows: MatrixRow[] = new Array(count);
  const starts = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const n = scheduled[i]!;
    const item = schedule.ok ? schedule.byId.get(n.id) : undefined;
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
      dependsOn: sortedOnce(depFlat, depStart[i]!, depStart[i + 1]!),
      blocks: sortedOnce(blkFlat, blkStart[i]!, blkStart[i + 1]!),
      critical: item ? item.critical : null,
      slack: item ? item.slack : null,
      inCycle: cycle.has(n.id),
    };
  }
  // Code-unit order, not locale order: the same on every machine, and fast at 10,000 rows.
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => {
    const d = starts[a]! - starts[b]!;
    if (d !== 0) return d;
    const ra = rows[a]!;
    const rb = rows[b]!;
    return ra.component < rb.component ? -1 : ra.component > rb.component ? 1 : ra.id < rb.id ? -1 : 1;
  });
  return order.map((i) => rows[i]!);
}
