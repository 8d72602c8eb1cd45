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

/** The dependency matrix over scheduled items, in schedule order (ties by title). */
export function computeMatrix(snapshot: Pick<PlanSnapshot, 'nodes' | 'edges'>, schedule: Schedule): MatrixRow[] {
  const dependsOn = new Map<string, string[]>();
  const blocks = new Map<string, string[]>();
  for (const e of snapshot.edges.values()) {
    if (!snapshot.nodes.has(e.source) || !snapshot.nodes.has(e.target)) continue;
    (dependsOn.get(e.target) ?? dependsOn.set(e.target, []).get(e.target)!).push(e.source);
    (blocks.get(e.source) ?? blocks.set(e.source, []).get(e.source)!).push(e.target);
  }
  const cycle = new Set(schedule.ok ? [] : schedule.cycle);
  const rows: MatrixRow[] = [];
  for (const n of snapshot.nodes.values()) {
    if (!SCHEDULED_KINDS.has(n.kind)) continue;
    const item = schedule.ok ? schedule.byId.get(n.id) : undefined;
    rows.push({
      id: n.id,
      component: n.title,
      kind: n.kind,
      owner: n.kind === 'task' ? n.owner : undefined,
      workstream: workstreamOf(snapshot.nodes, n),
      dependsOn: (dependsOn.get(n.id) ?? []).sort(),
      blocks: (blocks.get(n.id) ?? []).sort(),
      critical: item ? item.critical : null,
      slack: item ? item.slack : null,
      inCycle: cycle.has(n.id),
    });
  }
  const start = (id: string) => (schedule.ok ? (schedule.byId.get(id)?.earlyStart ?? 0) : 0);
  return rows.sort((a, b) => start(a.id) - start(b.id) || a.component.localeCompare(b.component) || (a.id < b.id ? -1 : 1));
}
