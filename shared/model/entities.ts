import * as z from 'zod';
import { edgeIdSchema, nodeIdSchema, personaIdSchema, recordIdSchema } from './ids';

// Every schema is strict: an unknown field is refused, never silently dropped, so a typo in
// a hand-written plan is reported instead of losing what the user meant.
// Optional fields carry no defaults: what is stored is exactly what was given, which keeps
// JSON -> plan -> JSON identical. Readers apply defaults (see defaults.ts).

const text = (max = 100_000) => z.string().max(max, `expected at most ${max} characters`);
/**
 * Free text people write together (a Y.Text in the document). An empty text is the same as
 * none: a shared text exists from the start, empty, so "" and absent cannot be told apart.
 */
const collaborativeText = () =>
  text()
    .transform((v) => (v === '' ? undefined : v))
    .optional();
/**
 * A list field (a Y.Array in the document, see shared/doc/layout.ts). Empty is the same as
 * absent, as for collaborative texts: the document reads an empty list as none, so the plan
 * has one form either way and JSON -> plan -> JSON gives back what went in.
 */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .transform((v) => (v.length ? v : undefined))
    .optional();
const line = () => z.string().min(1).max(2000);
const title = z.string().min(1, 'expected a non-empty title').max(500, 'expected at most 500 characters');

/** A calendar date, `YYYY-MM-DD`. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
/** A point in time, ISO 8601 with time and zone. */
export const isoTimeSchema = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time' });
/** A date or a date-time: plans are written by hand as often as by the app. */
export const whenSchema = z.union([isoTimeSchema, isoDateSchema], { message: 'expected a date (YYYY-MM-DD) or an ISO 8601 date-time' });

/** Plan-wide facts shown in every document header. */
export const planMetaSchema = z.strictObject({
  title,
  requirements: collaborativeText(),
  phase: text(200).optional(),
  timelineStart: isoDateSchema.optional(),
  timelineEnd: isoDateSchema.optional(),
  agentEcosystem: collaborativeText(),
  /** The baseline the reflection compares against (one of `baselines`). */
  baseline: recordIdSchema.optional(),
});
export type PlanMeta = z.infer<typeof planMetaSchema>;

/** Fields of the plan meta that are collaborative text. */
export const PLAN_META_TEXT_FIELDS = ['requirements', 'agentEcosystem'] as const;

export const personaKindSchema = z.enum(['human', 'agent']);
export const colourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb');

/** A participant: a person or an AI agent with a role and a weekly capacity. */
export const personaSchema = z.strictObject({
  id: personaIdSchema,
  name: z.string().min(1, 'expected a non-empty name').max(200),
  role: text(200).optional(),
  kind: personaKindSchema,
  capacity: z.number().min(0, 'expected a capacity of at least 0').max(7, 'expected a capacity of at most 7 days per week').optional(),
  colour: colourSchema.optional(),
});
export type Persona = z.infer<typeof personaSchema>;

export const positionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });
export type Position = z.infer<typeof positionSchema>;

/** One line of a checklist (milestone criteria, gate criteria). */
export const checklistItemSchema = z.strictObject({ text: z.string().min(1).max(2000), done: z.boolean().optional() });
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

const nodeBase = {
  id: nodeIdSchema,
  title,
  description: collaborativeText(),
  parent: nodeIdSchema.optional(),
  position: positionSchema.optional(),
};

export const taskStatusSchema = z.enum(['todo', 'active', 'blocked', 'done']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;
export const levelSchema = z.enum(['low', 'medium', 'high']);

/** The root of a decomposition. */
export const featureNodeSchema = z.strictObject({ ...nodeBase, kind: z.literal('feature') });
/** A lane of parallel work with a lead persona. */
export const workstreamNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('workstream'),
  lead: personaIdSchema.optional(),
  support: list(personaIdSchema),
  startWeek: z.number().int().min(1).max(520).optional(),
  endWeek: z.number().int().min(1).max(520).optional(),
  deliverables: list(line()),
});
/** A task or component: the unit that is owned, estimated and scheduled. */
export const taskNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('task'),
  owner: personaIdSchema.optional(),
  status: taskStatusSchema.optional(),
  estimateDays: z.number().min(0, 'expected an estimate of at least 0 days').max(10_000).optional(),
  progress: z.number().min(0, 'expected a progress of at least 0').max(100, 'expected a progress of at most 100').optional(),
  startedAt: whenSchema.optional(),
  finishedAt: whenSchema.optional(),
});
/** A milestone or integration checkpoint; lasts zero days in the schedule. */
export const milestoneNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('milestone'),
  due: isoDateSchema.optional(),
  criteria: list(checklistItemSchema),
});
/** A quality gate with its criteria and what happens on pass or fail. */
export const gateNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('gate'),
  trigger: text(2000).optional(),
  criteria: list(checklistItemSchema),
  responsible: personaIdSchema.optional(),
  passAction: text(2000).optional(),
  failAction: text(2000).optional(),
});
/** A risk with its assessment and mitigation. */
export const riskNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('risk'),
  probability: levelSchema.optional(),
  impact: levelSchema.optional(),
  mitigation: collaborativeText(),
  owner: personaIdSchema.optional(),
  state: z.enum(['open', 'closed']).optional(),
  session: recordIdSchema.optional(),
});
/** A decision, or a conflict when it lists competing positions. */
export const decisionNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('decision'),
  rationale: collaborativeText(),
  impact: text(2000).optional(),
  owner: personaIdSchema.optional(),
  positions: list(line()),
  session: recordIdSchema.optional(),
});
/** A shared artifact or contract between personas. */
export const artifactNodeSchema = z.strictObject({
  ...nodeBase,
  kind: z.literal('artifact'),
  contract: z.boolean().optional(),
  createdBy: personaIdSchema.optional(),
  usedBy: list(personaIdSchema),
  status: z.enum(['draft', 'proposed', 'agreed', 'changed', 'retired']).optional(),
});

/** Any node on the canvas, told apart by `kind`. */
export const planNodeSchema = z.discriminatedUnion('kind', [
  featureNodeSchema,
  workstreamNodeSchema,
  taskNodeSchema,
  milestoneNodeSchema,
  gateNodeSchema,
  riskNodeSchema,
  decisionNodeSchema,
  artifactNodeSchema,
]);
export type PlanNode = z.infer<typeof planNodeSchema>;
export type NodeKind = PlanNode['kind'];
export type NodeOfKind<K extends NodeKind> = Extract<PlanNode, { kind: K }>;
export type TaskNode = NodeOfKind<'task'>;
export type WorkstreamNode = NodeOfKind<'workstream'>;
/** Every node kind, in the order the toolbar offers them. */
export const NODE_KINDS: readonly NodeKind[] = ['feature', 'workstream', 'task', 'milestone', 'gate', 'risk', 'decision', 'artifact'];
/** Node fields that are collaborative text, whatever the kind. */
export const NODE_TEXT_FIELDS = ['description', 'mitigation', 'rationale'] as const;

export const dependencyTypeSchema = z.enum(['technical', 'data', 'api', 'infra']);
/** Source must finish before target starts. */
export const dependencySchema = z.strictObject({
  id: edgeIdSchema,
  kind: z.literal('dependency'),
  source: nodeIdSchema,
  target: nodeIdSchema,
  type: dependencyTypeSchema.optional(),
  note: text(2000).optional(),
});
export type Dependency = z.infer<typeof dependencySchema>;

/** A task passing from one persona to another. */
export const handoffSchema = z.strictObject({
  id: recordIdSchema,
  task: nodeIdSchema,
  from: personaIdSchema,
  to: personaIdSchema,
  reason: text(2000).optional(),
  requirements: collaborativeText(),
  due: whenSchema.optional(),
  status: z.enum(['pending', 'completed']).optional(),
  completedAt: whenSchema.optional(),
  notes: collaborativeText(),
});
export type Handoff = z.infer<typeof handoffSchema>;
export const HANDOFF_TEXT_FIELDS = ['requirements', 'notes'] as const;

export const actionItemSchema = z.strictObject({
  id: recordIdSchema,
  text: z.string().min(1).max(2000),
  persona: personaIdSchema.optional(),
  due: whenSchema.optional(),
  done: z.boolean().optional(),
  /** The task this item was turned into. */
  task: nodeIdSchema.optional(),
});
export type ActionItem = z.infer<typeof actionItemSchema>;
/** A coordination meeting (the Persona Coordination Template). */
export const coordinationSessionSchema = z.strictObject({
  id: recordIdSchema,
  date: whenSchema,
  type: z.enum(['planning', 'handoff', 'review', 'problem-solving']),
  participants: list(personaIdSchema),
  objectives: list(line()),
  actionItems: list(actionItemSchema),
  escalations: list(line()),
  nextPoint: z
    .strictObject({
      when: whenSchema.optional(),
      objectives: z.array(z.string().min(1).max(2000)).optional(),
      participants: z.array(personaIdSchema).optional(),
    })
    .optional(),
  notes: collaborativeText(),
});
export type CoordinationSession = z.infer<typeof coordinationSessionSchema>;
export const SESSION_TEXT_FIELDS = ['notes'] as const;

/** A phase or sprint of the PACT action phase. */
export const phaseSchema = z.strictObject({
  id: recordIdSchema,
  name: z.string().min(1).max(500),
  order: z.number().int().min(0).optional(),
  duration: text(200).optional(),
  agents: list(personaIdSchema),
  deliverables: list(line()),
  checkpoints: list(line()),
  triggers: list(line()),
});
export type Phase = z.infer<typeof phaseSchema>;

/** The PACT status JSON an agent broadcasts, as the template spells it. */
export const pactStatusSchema = z.strictObject({
  agent_id: z.string().min(1).max(200),
  status: z.enum(['working', 'blocked', 'completed', 'error']),
  current_task: z.string().max(2000).optional(),
  progress_percentage: z.number().min(0).max(100).optional(),
  estimated_completion: z.string().max(200).optional(),
  blocking_issues: z.array(z.string().max(2000)).optional(),
  next_coordination_point: z.string().max(2000).optional(),
  outputs_ready: z.array(z.string().max(2000)).optional(),
});
export type PactStatus = z.infer<typeof pactStatusSchema>;
/** A received status broadcast: the PACT JSON plus when it arrived. */
export const statusBroadcastSchema = z.strictObject({
  id: recordIdSchema,
  receivedAt: isoTimeSchema,
  status: pactStatusSchema,
});
export type StatusBroadcast = z.infer<typeof statusBroadcastSchema>;

/** The six reflection sections of the PACT template, as collaborative texts. */
export const REFLECTION_SECTIONS = [
  'executionEffectiveness',
  'coordinationChallenges',
  'agentPerformance',
  'processImprovements',
  'lessonsLearned',
  'recommendations',
] as const;
export type ReflectionSection = (typeof REFLECTION_SECTIONS)[number];
export const reflectionSchema = z.strictObject(
  Object.fromEntries(REFLECTION_SECTIONS.map((k) => [k, text().optional()])) as Record<ReflectionSection, z.ZodOptional<z.ZodString>>,
);
export type Reflection = z.infer<typeof reflectionSchema>;

/** What a baseline froze for one scheduled item, in working days from the plan start. */
export const baselineItemSchema = z.strictObject({
  plannedStart: z.number().finite().min(0),
  plannedFinish: z.number().finite().min(0),
  estimateDays: z.number().finite().min(0),
});
export type BaselineItem = z.infer<typeof baselineItemSchema>;

/** "Set baseline": a frozen schedule, every scheduled item's planned start and finish and the project length. */
export const baselineSchema = z.strictObject({
  id: recordIdSchema,
  name: z.string().min(1, 'expected a non-empty name').max(200),
  /** When it was taken. */
  takenAt: isoTimeSchema,
  /** The plan's timeline start when it was taken: day 0 of `plannedStart`, when the plan had one. */
  start: isoDateSchema.optional(),
  projectDays: z.number().finite().min(0),
  /** By node id: tasks, and milestones and gates (zero days), so a checkpoint's slip shows too. */
  tasks: z.record(z.string(), baselineItemSchema),
});
export type Baseline = z.infer<typeof baselineSchema>;

/** The three columns of the retrospective board. */
export const RETRO_COLUMNS = ['went-well', 'to-improve', 'ideas'] as const;
export type RetroColumn = (typeof RETRO_COLUMNS)[number];
/** One retrospective note, written by a participant in one column; notes can be grouped and voted on. */
export const retroNoteSchema = z.strictObject({
  id: recordIdSchema,
  column: z.enum(RETRO_COLUMNS),
  text: z.string().trim().min(1, 'expected a non-empty note').max(2000),
  /** The participant's display name. */
  author: z.string().min(1).max(200),
  createdAt: isoTimeSchema.optional(),
  /** Notes with the same group label are shown (and counted) together. */
  group: z.string().trim().min(1).max(200).optional(),
  /** What the team made of it: an action item (a task) or a process improvement. */
  outcome: z.enum(['action-item', 'process-improvement']).optional(),
  /** The task an action-item note became. */
  task: nodeIdSchema.optional(),
});
export type RetroNote = z.infer<typeof retroNoteSchema>;
/** One participant's vote for a note; its id is note and voter together, so a vote counts once. */
export const retroVoteSchema = z.strictObject({
  id: recordIdSchema,
  note: recordIdSchema,
  voter: z.string().min(1).max(200),
});
export type RetroVote = z.infer<typeof retroVoteSchema>;

/** Playbook prose keyed by section (communication, isolation, emergency, review, ...). */
export const playbookKeySchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{0,63}$/, 'expected a section key of letters, digits and -');
export const playbookSchema = z.record(playbookKeySchema, text());
export type Playbook = z.infer<typeof playbookSchema>;

/** What the activity log records: the facts the retrospective is computed from. */
export const activityKindSchema = z.enum(['created', 'removed', 'status', 'owner', 'estimate', 'handoff']);
export type ActivityKind = z.infer<typeof activityKindSchema>;
const activityValue = z.union([z.string().max(2000), z.number(), z.null()]);
/** One append-only activity entry: who changed what, when, from which value to which. */
export const activityEntrySchema = z.strictObject({
  id: recordIdSchema,
  at: isoTimeSchema,
  actor: z.string().min(1).max(200),
  kind: activityKindSchema,
  entity: z.string().min(1).max(200),
  from: activityValue.optional(),
  to: activityValue.optional(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;
