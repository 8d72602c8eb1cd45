import {
  dependencySchema,
  personaSchema,
  planMetaSchema,
  planNodeSchema,
  type Dependency,
  type Persona,
  type PlanMeta,
  type PlanNode,
  type PlanSnapshot,
  type TaskStatus,
} from '../../../shared/model';

/** A task in shorthand: `estimate` is `estimateDays`; the title defaults to the id. */
export interface TaskSpec {
  readonly id: string;
  readonly title?: string;
  readonly estimate?: number;
  readonly owner?: string;
  readonly status?: TaskStatus;
  readonly parent?: string;
  readonly progress?: number;
}

/** A node other than a task (milestone, gate, workstream, ...) by id, kind and parent. */
export interface OtherSpec {
  readonly id: string;
  readonly title?: string;
  readonly parent?: string;
}

/** A persona by id alone (capacity unset, so the default applies) or with a capacity. */
export type PersonaSpec = string | { readonly id: string; readonly name?: string; readonly capacity?: number };

/** A dependency as `[source, target]`, or with an explicit edge id. */
export type EdgeSpec = readonly [string, string] | { readonly id: string; readonly source: string; readonly target: string };

/** A plan in a few lines: what the planning tests need, nothing else. */
export interface PlanSpec {
  readonly tasks?: readonly (TaskSpec | string)[];
  readonly milestones?: readonly (OtherSpec | string)[];
  readonly gates?: readonly (OtherSpec | string)[];
  readonly workstreams?: readonly (OtherSpec | string)[];
  /** Any further nodes, exactly as stored (risks, decisions, features). */
  readonly nodes?: readonly Record<string, unknown>[];
  readonly edges?: readonly EdgeSpec[];
  readonly personas?: readonly PersonaSpec[];
  readonly meta?: Partial<PlanMeta>;
  /** Insert every table in reverse order, to show results do not depend on Map order. */
  readonly reversed?: boolean;
}

const other = (kind: 'milestone' | 'gate' | 'workstream', s: OtherSpec | string): Record<string, unknown> => {
  const spec = typeof s === 'string' ? { id: s } : s;
  return { id: spec.id, kind, title: spec.title ?? spec.id, ...(spec.parent !== undefined ? { parent: spec.parent } : {}) };
};

const task = (s: TaskSpec | string): Record<string, unknown> => {
  const spec = typeof s === 'string' ? { id: s } : s;
  const out: Record<string, unknown> = { id: spec.id, kind: 'task', title: spec.title ?? spec.id };
  if (spec.estimate !== undefined) out.estimateDays = spec.estimate;
  if (spec.owner !== undefined) out.owner = spec.owner;
  if (spec.status !== undefined) out.status = spec.status;
  if (spec.parent !== undefined) out.parent = spec.parent;
  if (spec.progress !== undefined) out.progress = spec.progress;
  return out;
};

/** Edge ids read `e-source-target`; a repeated pair gets `-2`, `-3`, ... so ids stay unique. */
function edgeRecords(edges: readonly EdgeSpec[]): Record<string, unknown>[] {
  const seen = new Map<string, number>();
  return edges.map((e) => {
    if (!Array.isArray(e)) {
      const { id, source, target } = e as { id: string; source: string; target: string };
      return { id, kind: 'dependency', source, target };
    }
    const [source, target] = e as readonly [string, string];
    const base = `e-${source}-${target}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { id: n === 1 ? base : `${base}-${n}`, kind: 'dependency', source, target };
  });
}

function table<T extends { id: string }>(records: readonly Record<string, unknown>[], parse: (r: unknown) => T, reversed: boolean): Map<string, T> {
  const map = new Map<string, T>();
  const list = reversed ? [...records].reverse() : records;
  // Every entity goes through its schema, so a test cannot build a plan the app could not hold.
  for (const r of list) map.set(String(r.id), Object.freeze(parse(r)));
  return map;
}

/**
 * A PlanSnapshot from a compact description: Maps of frozen, schema-checked plain objects,
 * as the snapshot builder hands them to the planning engine, without any Yjs.
 */
export function snapshotOf(spec: PlanSpec): PlanSnapshot {
  const reversed = spec.reversed ?? false;
  const nodes = [
    ...(spec.workstreams ?? []).map((w) => other('workstream', w)),
    ...(spec.tasks ?? []).map(task),
    ...(spec.milestones ?? []).map((m) => other('milestone', m)),
    ...(spec.gates ?? []).map((g) => other('gate', g)),
    ...(spec.nodes ?? []),
  ];
  const personas = (spec.personas ?? []).map((p) => {
    const s = typeof p === 'string' ? { id: p } : p;
    return { id: s.id, name: s.name ?? s.id, kind: 'human', ...(s.capacity !== undefined ? { capacity: s.capacity } : {}) };
  });
  return Object.freeze({
    meta: Object.freeze(planMetaSchema.parse({ title: 'Test plan', ...spec.meta })),
    personas: table<Persona>(personas, (r) => personaSchema.parse(r), reversed),
    nodes: table<PlanNode>(nodes, (r) => planNodeSchema.parse(r), reversed),
    edges: table<Dependency>(edgeRecords(spec.edges ?? []), (r) => dependencySchema.parse(r), reversed),
    handoffs: new Map(),
    sessions: new Map(),
    phases: new Map(),
    baselines: new Map(),
    retroNotes: new Map(),
    retroVotes: new Map(),
    broadcasts: [],
    activity: [],
    playbook: Object.freeze({}),
    reflection: Object.freeze({}),
    problems: [],
  });
}

