import type { z } from 'zod';
import {
  baselineSchema,
  coordinationSessionSchema,
  dependencySchema,
  handoffSchema,
  personaSchema,
  phaseSchema,
  planNodeSchema,
  retroNoteSchema,
  retroVoteSchema,
  type ActivityEntry,
  type Baseline,
  type CoordinationSession,
  type Dependency,
  type Handoff,
  type Persona,
  type Phase,
  type PlanMeta,
  type PlanNode,
  type Playbook,
  type Reflection,
  type RetroNote,
  type RetroVote,
  type StatusBroadcast,
} from './entities';
import type { Problem } from './result';

/**
 * A frozen, plain-data picture of a plan at one moment. Views, planning and exporters read
 * only this. Between two snapshots every entity that did not change is the same object, and
 * so is every table none of whose entities changed, so identity checks can skip work.
 */
export interface PlanSnapshot {
  readonly meta: PlanMeta;
  readonly personas: ReadonlyMap<string, Persona>;
  readonly nodes: ReadonlyMap<string, PlanNode>;
  readonly edges: ReadonlyMap<string, Dependency>;
  readonly handoffs: ReadonlyMap<string, Handoff>;
  readonly sessions: ReadonlyMap<string, CoordinationSession>;
  readonly phases: ReadonlyMap<string, Phase>;
  /** Frozen schedules to compare against ("Set baseline"). */
  readonly baselines: ReadonlyMap<string, Baseline>;
  readonly retroNotes: ReadonlyMap<string, RetroNote>;
  readonly retroVotes: ReadonlyMap<string, RetroVote>;
  /** Status broadcasts in the order the document holds them. */
  readonly broadcasts: readonly StatusBroadcast[];
  /** The activity log in the order the document holds them (sort by `at` for a timeline). */
  readonly activity: readonly ActivityEntry[];
  readonly playbook: Readonly<Playbook>;
  readonly reflection: Readonly<Reflection>;
  /** Entities in the document that break the schema (say, from an old or faulty peer); they are left out above. */
  readonly problems: readonly Problem[];
}

/** Names of the keyed entity tables of a snapshot. */
export type TableName = 'personas' | 'nodes' | 'edges' | 'handoffs' | 'sessions' | 'phases' | 'baselines' | 'retroNotes' | 'retroVotes';
export const TABLE_NAMES: readonly TableName[] = ['personas', 'nodes', 'edges', 'handoffs', 'sessions', 'phases', 'baselines', 'retroNotes', 'retroVotes'];

/** The schema every record of each table must meet. */
export const TABLE_SCHEMAS: Readonly<Record<TableName, z.ZodType>> = {
  personas: personaSchema,
  nodes: planNodeSchema,
  edges: dependencySchema,
  handoffs: handoffSchema,
  sessions: coordinationSessionSchema,
  phases: phaseSchema,
  baselines: baselineSchema,
  retroNotes: retroNoteSchema,
  retroVotes: retroVoteSchema,
};

/** Values of a table sorted by id: the one order that is the same on every replica. */
export function sortedById<T extends { id: string }>(table: ReadonlyMap<string, T>): T[] {
  return [...table.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
