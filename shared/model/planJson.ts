import * as z from 'zod';
import {
  activityEntrySchema,
  baselineSchema,
  coordinationSessionSchema,
  dependencySchema,
  handoffSchema,
  isoDateSchema,
  personaSchema,
  phaseSchema,
  planNodeSchema,
  planMetaSchema,
  playbookSchema,
  reflectionSchema,
  retroNoteSchema,
  retroVoteSchema,
  statusBroadcastSchema,
  type PlanNode,
} from './entities';
import { problemsFromZod } from './problems';
import { fail, ok, type Problem, type Result } from './result';
import { sortedById, type PlanSnapshot } from './snapshot';

/** The `format` marker of interchange JSON. */
export const PLAN_JSON_FORMAT = 'baton-plan';
/** The interchange JSON version this build reads and writes. */
export const PLAN_JSON_VERSION = 1;

/** Interchange JSON, version 1: the whole plan as one JSON object (README: "File format"). */
export const planJsonSchema = z.strictObject({
  format: z.literal(PLAN_JSON_FORMAT),
  version: z.literal(PLAN_JSON_VERSION),
  title: z.string().min(1, 'expected a non-empty title').max(500),
  requirements: planMetaSchema.shape.requirements,
  phase: z.string().max(200).optional(),
  timelineStart: isoDateSchema.optional(),
  timelineEnd: isoDateSchema.optional(),
  agentEcosystem: planMetaSchema.shape.agentEcosystem,
  baseline: planMetaSchema.shape.baseline,
  personas: z.array(personaSchema),
  nodes: z.array(planNodeSchema),
  edges: z.array(dependencySchema),
  handoffs: z.array(handoffSchema).optional(),
  sessions: z.array(coordinationSessionSchema).optional(),
  phases: z.array(phaseSchema).optional(),
  baselines: z.array(baselineSchema).optional(),
  retroNotes: z.array(retroNoteSchema).optional(),
  retroVotes: z.array(retroVoteSchema).optional(),
  broadcasts: z.array(statusBroadcastSchema).optional(),
  activity: z.array(activityEntrySchema).optional(),
  playbook: playbookSchema.optional(),
  reflection: reflectionSchema.optional(),
});
export type PlanJson = z.infer<typeof planJsonSchema>;

/** Persona references a node may hold, single or as a list. */
const PERSONA_REF_FIELDS = ['owner', 'lead', 'responsible', 'createdBy'] as const;
const PERSONA_LIST_FIELDS = ['support', 'usedBy'] as const;

function duplicates(list: readonly { id: string }[], name: string, problems: Problem[]): void {
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) problems.push({ path: `${name}[${i}].id`, message: `duplicate id "${item.id}" (also ${name}[${first}])` });
    else seen.set(item.id, i);
  });
}

/** Cross-references that a schema cannot see: unique ids, edges and fields that point at things that exist. */
export function checkReferences(plan: PlanJson): Problem[] {
  const problems: Problem[] = [];
  duplicates(plan.personas, 'personas', problems);
  duplicates(plan.nodes, 'nodes', problems);
  duplicates(plan.edges, 'edges', problems);
  duplicates(plan.handoffs ?? [], 'handoffs', problems);
  duplicates(plan.sessions ?? [], 'sessions', problems);
  duplicates(plan.phases ?? [], 'phases', problems);
  duplicates(plan.baselines ?? [], 'baselines', problems);
  duplicates(plan.retroNotes ?? [], 'retroNotes', problems);
  duplicates(plan.retroVotes ?? [], 'retroVotes', problems);
  if (plan.baseline !== undefined && !(plan.baselines ?? []).some((b) => b.id === plan.baseline)) {
    problems.push({ path: 'baseline', message: `no baseline with id "${plan.baseline}"` });
  }
  const notes = new Set((plan.retroNotes ?? []).map((n) => n.id as string));
  (plan.retroVotes ?? []).forEach((v, i) => {
    if (!notes.has(v.note)) problems.push({ path: `retroVotes[${i}].note`, message: `no retrospective note with id "${v.note}"` });
  });
  const personas = new Set(plan.personas.map((p) => p.id as string));
  const nodes = new Set(plan.nodes.map((n) => n.id as string));
  const persona = (path: string, id: string | undefined) => {
    if (id !== undefined && !personas.has(id)) problems.push({ path, message: `no persona with id "${id}"` });
  };
  plan.nodes.forEach((node, i) => {
    const fields = node as Record<string, unknown>;
    if (node.parent !== undefined) {
      if (node.parent === node.id) problems.push({ path: `nodes[${i}].parent`, message: 'a node cannot be its own parent' });
      else if (!nodes.has(node.parent)) problems.push({ path: `nodes[${i}].parent`, message: `no node with id "${node.parent}"` });
    }
    for (const f of PERSONA_REF_FIELDS) persona(`nodes[${i}].${f}`, fields[f] as string | undefined);
    for (const f of PERSONA_LIST_FIELDS) ((fields[f] as string[] | undefined) ?? []).forEach((id, j) => persona(`nodes[${i}].${f}[${j}]`, id));
  });
  plan.edges.forEach((edge, i) => {
    if (!nodes.has(edge.source)) problems.push({ path: `edges[${i}].source`, message: `no node with id "${edge.source}"` });
    if (!nodes.has(edge.target)) problems.push({ path: `edges[${i}].target`, message: `no node with id "${edge.target}"` });
  });
  (plan.handoffs ?? []).forEach((h, i) => {
    if (!nodes.has(h.task)) problems.push({ path: `handoffs[${i}].task`, message: `no node with id "${h.task}"` });
    persona(`handoffs[${i}].from`, h.from);
    persona(`handoffs[${i}].to`, h.to);
  });
  return problems;
}

/**
 * Reads interchange JSON from text (or an already-parsed value). Refuses anything malformed
 * with every problem named by its path, e.g. `nodes[3].estimateDays: expected a number`.
 */
export function parsePlanJson(input: string | unknown): Result<PlanJson> {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return fail([{ path: '', message: `not JSON: ${(e as Error).message}` }]);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail([{ path: '', message: 'expected a JSON object with "format": "baton-plan"' }]);
  }
  const fields = value as Record<string, unknown>;
  if (fields.format !== PLAN_JSON_FORMAT) {
    return fail([{ path: 'format', message: `expected "${PLAN_JSON_FORMAT}"; this is not a Baton plan` }]);
  }
  if (typeof fields.version === 'number' && fields.version > PLAN_JSON_VERSION) {
    return fail([{ path: 'version', message: `version ${fields.version} is newer than this Baton reads (${PLAN_JSON_VERSION}); update Baton` }]);
  }
  const parsed = planJsonSchema.safeParse(value);
  if (!parsed.success) return fail(problemsFromZod(parsed.error, value));
  const problems = checkReferences(parsed.data);
  return problems.length ? fail(problems) : ok(parsed.data);
}

/** Drops references to things that no longer exist (a teammate deleted them while we linked them). */
function withoutDanglingRefs(node: PlanNode, personas: ReadonlySet<string>, nodes: ReadonlySet<string>): PlanNode {
  const copy: Record<string, unknown> = { ...node };
  if (node.parent !== undefined && (!nodes.has(node.parent) || node.parent === node.id)) delete copy.parent;
  for (const f of PERSONA_REF_FIELDS) if (copy[f] !== undefined && !personas.has(copy[f] as string)) delete copy[f];
  for (const f of PERSONA_LIST_FIELDS) if (Array.isArray(copy[f])) copy[f] = (copy[f] as string[]).filter((id) => personas.has(id));
  return copy as PlanNode;
}

/**
 * The snapshot as interchange JSON, in one canonical order (tables by id, fields in schema
 * order), so the same plan always gives the same bytes. References left dangling by
 * concurrent deletes are dropped so the output always parses.
 */
export function toPlanJson(snapshot: PlanSnapshot): PlanJson {
  const personaIds = new Set(snapshot.personas.keys());
  const nodeIds = new Set(snapshot.nodes.keys());
  const nonEmpty = <T>(list: readonly T[]): T[] | undefined => (list.length ? [...list] : undefined);
  // Sections by key: replicas may hold the playbook's keys in different orders.
  const playbookKeys = Object.keys(snapshot.playbook).sort();
  const playbook = playbookKeys.length ? Object.fromEntries(playbookKeys.map((k) => [k, snapshot.playbook[k]])) : undefined;
  const reflection = Object.keys(snapshot.reflection).length ? snapshot.reflection : undefined;
  const noteIds = new Set(snapshot.retroNotes.keys());
  const { baseline, ...meta } = snapshot.meta;
  const draft = {
    format: PLAN_JSON_FORMAT,
    version: PLAN_JSON_VERSION,
    ...meta,
    baseline: baseline !== undefined && snapshot.baselines.has(baseline) ? baseline : undefined,
    personas: sortedById(snapshot.personas),
    nodes: sortedById(snapshot.nodes).map((n) => withoutDanglingRefs(n, personaIds, nodeIds)),
    edges: sortedById(snapshot.edges).filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target)),
    handoffs: nonEmpty(sortedById(snapshot.handoffs).filter((h) => nodeIds.has(h.task) && personaIds.has(h.from) && personaIds.has(h.to))),
    sessions: nonEmpty(sortedById(snapshot.sessions)),
    phases: nonEmpty(sortedById(snapshot.phases)),
    baselines: nonEmpty(sortedById(snapshot.baselines)),
    retroNotes: nonEmpty(sortedById(snapshot.retroNotes)),
    retroVotes: nonEmpty(sortedById(snapshot.retroVotes).filter((v) => noteIds.has(v.note))),
    broadcasts: nonEmpty(snapshot.broadcasts),
    activity: nonEmpty(snapshot.activity),
    playbook,
    reflection,
  };
  // Parsing puts every object's fields in schema order and drops undefined ones: one canonical form.
  return planJsonSchema.parse(JSON.parse(JSON.stringify(draft)));
}

/** Interchange JSON as text: two-space indent and a final newline, the form committed to repositories. */
export function stringifyPlanJson(plan: PlanJson): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
