import { planJsonSchema, type PlanJson } from '../../shared/model';

/** A small seeded PRNG (mulberry32), so generated plans are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sizes of a generated plan. */
export interface PlanSize {
  readonly tasks: number;
  readonly dependencies: number;
  readonly workstreams: number;
  readonly personas?: number;
}

const STATUSES = ['todo', 'active', 'blocked', 'done'] as const;

/**
 * A large, acyclic, positioned plan: tasks spread over workstream lanes, dependencies only
 * from lower to higher task numbers (so never a cycle), estimates 1–10 days.
 */
export function generatePlan(size: PlanSize, seed = 42): PlanJson {
  const random = seededRandom(seed);
  const personaCount = size.personas ?? 7;
  const personas = Array.from({ length: personaCount }, (_, i) => ({
    id: `p${i}`,
    name: `Persona ${i}`,
    kind: i % 4 === 3 ? 'agent' : 'human',
    capacity: 5,
  }));
  const perLane = Math.ceil(size.tasks / size.workstreams);
  const nodes: Record<string, unknown>[] = [];
  for (let w = 0; w < size.workstreams; w++) {
    nodes.push({ id: `ws${w}`, kind: 'workstream', title: `Workstream ${w}`, lead: `p${w % personaCount}`, position: { x: 0, y: w * 400 } });
  }
  for (let t = 0; t < size.tasks; t++) {
    const lane = Math.floor(t / perLane);
    const col = t % perLane;
    nodes.push({
      id: `t${t}`,
      kind: 'task',
      title: `Task ${t}`,
      parent: `ws${lane}`,
      owner: `p${Math.floor(random() * personaCount)}`,
      status: STATUSES[Math.floor(random() * STATUSES.length)],
      estimateDays: 1 + Math.floor(random() * 10),
      position: { x: 40 + (col % 25) * 240, y: lane * 400 + 40 + Math.floor(col / 25) * 90 },
    });
  }
  const edges: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  while (edges.length < size.dependencies) {
    const a = Math.floor(random() * size.tasks);
    // Mostly near neighbours (realistic chains), sometimes far across lanes.
    const span = random() < 0.8 ? 1 + Math.floor(random() * 30) : 1 + Math.floor(random() * size.tasks);
    const b = a + span;
    if (b >= size.tasks) continue;
    const key = `${a}>${b}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ id: `e${edges.length}`, kind: 'dependency', source: `t${a}`, target: `t${b}` });
  }
  return planJsonSchema.parse({ format: 'baton-plan', version: 1, title: `Generated plan (${size.tasks} tasks)`, personas, nodes, edges });
}
