import * as Y from 'yjs';
import {
  HANDOFF_TEXT_FIELDS,
  NODE_TEXT_FIELDS,
  PLAN_META_TEXT_FIELDS,
  REFLECTION_SECTIONS,
  SESSION_TEXT_FIELDS,
  type NodeKind,
  type TableName,
} from '../model';

/**
 * The shape of a plan's Y.Doc. Every keyed table is a Y.Map of entity id -> Y.Map of fields,
 * so two people editing different fields of one task both keep their change; free text is
 * Y.Text, so two people typing in one description both keep their words. The activity log
 * and status broadcasts are append-only Y.Arrays of frozen JSON records.
 */
export interface PlanTypes {
  readonly meta: Y.Map<unknown>;
  readonly tables: Readonly<Record<TableName, Y.Map<Y.Map<unknown>>>>;
  readonly playbook: Y.Map<Y.Text>;
  readonly reflection: Y.Map<Y.Text>;
  readonly broadcasts: Y.Array<unknown>;
  readonly activity: Y.Array<unknown>;
}

/** Fields of each table that are stored as Y.Text rather than plain values. */
export const TEXT_FIELDS: Readonly<Record<TableName | 'meta', readonly string[]>> = {
  meta: PLAN_META_TEXT_FIELDS,
  personas: [],
  nodes: NODE_TEXT_FIELDS,
  edges: [],
  handoffs: HANDOFF_TEXT_FIELDS,
  sessions: SESSION_TEXT_FIELDS,
  phases: [],
  baselines: [],
  retroNotes: [],
  retroVotes: [],
};

/**
 * Fields of each table that are lists teammates add to at the same time: stored as a Y.Array,
 * of Y.Maps for records with ids (action items) or of plain values (objectives, escalations,
 * a phase's deliverables, a session's participants), so that concurrent inserts, removals and
 * edits of different entries all survive. Nodes have theirs by kind (NODE_LIST_FIELDS).
 */
export const LIST_FIELDS: Readonly<Record<Exclude<TableName, 'nodes'>, readonly string[]>> = {
  personas: [],
  edges: [],
  handoffs: [],
  sessions: ['actionItems', 'objectives', 'escalations', 'participants'],
  phases: ['deliverables', 'checkpoints', 'triggers', 'agents'],
  baselines: [],
  retroNotes: [],
  retroVotes: [],
};

/**
 * The list fields of each kind of node. By kind, not for all nodes: every list field gets an
 * empty Y.Array up front, and 5,000 tasks with arrays they never use would weigh on every
 * plan's load for nothing.
 */
export const NODE_LIST_FIELDS: Readonly<Record<NodeKind, readonly string[]>> = {
  feature: [],
  workstream: ['support', 'deliverables'],
  task: [],
  milestone: ['criteria'],
  gate: ['criteria'],
  risk: [],
  decision: ['positions'],
  artifact: ['usedBy'],
};

const NO_LISTS: readonly string[] = [];

/** The list fields of one record of `table` (a node's depend on its kind). */
export function listFieldsOf(table: TableName, record: Readonly<Record<string, unknown>>): readonly string[] {
  if (table !== 'nodes') return LIST_FIELDS[table];
  return Object.hasOwn(NODE_LIST_FIELDS, record.kind as string) ? NODE_LIST_FIELDS[record.kind as NodeKind] : NO_LISTS;
}

/** Key in `meta` holding the layout version the migrations bring a document up to. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';
/** Key in `meta` holding the plan's id, so a `.baton` file knows which plan it is a copy of. */
export const PLAN_ID_KEY = 'planId';
/** Bookkeeping keys of `meta` that are not part of the plan's meta as users see it. */
export const INTERNAL_META_KEYS: readonly string[] = [SCHEMA_VERSION_KEY, PLAN_ID_KEY];

/**
 * Creates the plan's collaborative texts empty, up front: teammates who first write in the
 * same section while apart then write into one Y.Text (made on first use, one would win).
 */
export function createSharedTexts(types: PlanTypes): void {
  for (const key of TEXT_FIELDS.meta) if (!types.meta.has(key)) types.meta.set(key, new Y.Text());
  for (const key of REFLECTION_SECTIONS) if (!types.reflection.has(key)) types.reflection.set(key, new Y.Text());
}

/** The shared types of a plan document (created on first access, as Yjs does). */
export function planTypes(doc: Y.Doc): PlanTypes {
  return {
    meta: doc.getMap('meta'),
    tables: {
      personas: doc.getMap('personas'),
      nodes: doc.getMap('nodes'),
      edges: doc.getMap('edges'),
      handoffs: doc.getMap('handoffs'),
      sessions: doc.getMap('sessions'),
      phases: doc.getMap('phases'),
      baselines: doc.getMap('baselines'),
      retroNotes: doc.getMap('retroNotes'),
      retroVotes: doc.getMap('retroVotes'),
    },
    playbook: doc.getMap('playbook'),
    reflection: doc.getMap('reflection'),
    broadcasts: doc.getArray('broadcasts'),
    activity: doc.getArray('activity'),
  };
}
