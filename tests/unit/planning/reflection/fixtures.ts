import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baselineSchema, parsePlanJson, type Baseline, type PlanJson, type PlanSnapshot } from '../../../../shared/model';

const dir = fileURLToPath(new URL('../../../fixtures/activity/', import.meta.url));

/** A plan's snapshot from interchange JSON, as plain Maps: no Yjs. */
export function snapshotFromPlanJson(plan: PlanJson): PlanSnapshot {
  const byId = <T extends { id: string }>(list: readonly T[] | undefined) => new Map((list ?? []).map((x) => [x.id as string, x]));
  const { title, requirements, phase, timelineStart, timelineEnd, agentEcosystem } = plan;
  const meta = Object.fromEntries(Object.entries({ title, requirements, phase, timelineStart, timelineEnd, agentEcosystem }).filter(([, v]) => v !== undefined));
  return {
    meta: meta as PlanSnapshot['meta'],
    personas: byId(plan.personas),
    nodes: byId(plan.nodes),
    edges: byId(plan.edges),
    handoffs: byId(plan.handoffs),
    sessions: byId(plan.sessions),
    phases: byId(plan.phases),
    baselines: byId(plan.baselines),
    retroNotes: byId(plan.retroNotes),
    retroVotes: byId(plan.retroVotes),
    broadcasts: plan.broadcasts ?? [],
    activity: plan.activity ?? [],
    playbook: plan.playbook ?? {},
    reflection: plan.reflection ?? {},
    problems: [],
  };
}

/** A fixture plan from tests/fixtures/activity, checked by the interchange parser. */
export function loadPlan(name: string): PlanSnapshot {
  const parsed = parsePlanJson(readFileSync(`${dir}${name}`, 'utf8'));
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.error)}`);
  return snapshotFromPlanJson(parsed.value);
}

/** A fixture baseline, checked by its schema. */
export function loadBaseline(name: string): Baseline {
  return baselineSchema.parse(JSON.parse(readFileSync(`${dir}${name}`, 'utf8')));
}
