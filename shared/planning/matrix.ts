import type { PlanSnapshot } from '../model';
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
 * Ids sorted, each once: two replicas that drew the same dependency offline merge into two
 * parallel edges, which must not list a neighbour twice.
 */
function sortedOnce(list: string[] | undefined): string[] {
  if (!list) return [];
  list.sort();
  return list.filter((id, i) => i === 0 || id !== list[i - 1]);
}

/** The dependency matrix over scheduled items, in schedule order (ties by title, then id). */
export function computeMatrix(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>, schedule: Schedule): MatrixRow[] {
  const dependsOn = new Map<string, string[]>();
  const blocks = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, value: string) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const e of snapshot.edges.values()) {
    if (!snapshot.nodes.has(e.source) || !snapshot.nodes.has(e.target)) continue;
    push(dependsOn, e.target, e.source);
    push(blocks, e.source, e.target);
  }
  const cycle = new Set(schedule.ok ? [] : schedule.cycle);
  // Siblings share a parent, so the workstream is looked up once per parent.
  const workstreamByParent = new Map<string | undefined, string | null>();
  const rows: { row: MatrixRow; start: number }[] = [];
  for (const n of snapshot.nodes.values()) {
    if (!SCHEDULED_KINDS.has(n.kind)) continue;
    const item = schedule.ok ? schedule.byId.get(n.id) : undefined;
    let workstream = workstreamByParent.get(n.parent);
    if (workstream === undefined) {
      workstream = workstreamOf(snapshot.nodes, n);
      workstreamByParent.set(n.parent, workstream);
    }
    rows.push({
      start: item?.earlyStart ?? 0,
      row: {
        id: n.id,
        component: n.title,
        kind: n.kind,
        owner: n.kind === 'task' ? n.owner : undefined,
        workstream,
        dependsOn: sortedOnce(dependsOn.get(n.id)),
        blocks: sortedOnce(blocks.get(n.id)),
        critical: item ? item.critical : null,
        slack: item ? item.slack : null,
        inCycle: cycle.has(n.id),
      },
    });
  }
  // Code-unit order, not locale order: the same on every machine, and fast at 10,000 rows.
  rows.sort((a, b) => a.start - b.start || (a.row.component < b.row.component ? -1 : a.row.component > b.row.component ? 1 : a.row.id < b.row.id ? -1 : 1));
  return rows.map((r) => r.row);
}
