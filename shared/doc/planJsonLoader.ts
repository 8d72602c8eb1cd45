import * as Y from 'yjs';
import type { PlanJson, TableName } from '../model';
import { newEntityMap } from './entityCodec';
import { CURRENT_SCHEMA_VERSION } from './migrations';
import { createSharedTexts, listFieldsOf, PLAN_ID_KEY, SCHEMA_VERSION_KEY, TEXT_FIELDS, planTypes } from './layout';
import { LOAD_ORIGIN } from './origins';
import { newYText } from './ytext';

const META_FIELDS = ['title', 'requirements', 'phase', 'timelineStart', 'timelineEnd', 'agentEcosystem', 'baseline'] as const;

/**
 * Writes a parsed interchange plan into an empty document, in one transaction with the load
 * origin (an import is not an undoable edit). Parse with `parsePlanJson` first.
 */
export function loadPlanJson(doc: Y.Doc, plan: PlanJson, origin: unknown = LOAD_ORIGIN): void {
  const types = planTypes(doc);
  doc.transact(() => {
    types.meta.set(SCHEMA_VERSION_KEY, CURRENT_SCHEMA_VERSION);
    types.meta.set(PLAN_ID_KEY, doc.guid);
    for (const key of META_FIELDS) {
      const value = plan[key];
      if (value === undefined) continue;
      types.meta.set(key, TEXT_FIELDS.meta.includes(key) ? newYText(value) : value);
    }
    const tables: Record<TableName, readonly { id: string }[]> = {
      personas: plan.personas,
      nodes: plan.nodes,
      edges: plan.edges,
      handoffs: plan.handoffs ?? [],
      sessions: plan.sessions ?? [],
      phases: plan.phases ?? [],
      baselines: plan.baselines ?? [],
      retroNotes: plan.retroNotes ?? [],
      retroVotes: plan.retroVotes ?? [],
    };
    for (const [name, records] of Object.entries(tables) as [TableName, readonly { id: string }[]][]) {
      for (const record of records) types.tables[name].set(record.id, newEntityMap(record as Record<string, unknown>, TEXT_FIELDS[name], listFieldsOf(name, record as Record<string, unknown>)));
    }
    if (plan.broadcasts?.length) types.broadcasts.push(plan.broadcasts.map((b) => Object.freeze(structuredClone(b))));
    if (plan.activity?.length) types.activity.push(plan.activity.map((a) => Object.freeze(structuredClone(a))));
    for (const [key, text] of Object.entries(plan.playbook ?? {})) types.playbook.set(key, newYText(text));
    for (const [key, text] of Object.entries(plan.reflection ?? {})) if (text !== undefined) types.reflection.set(key, newYText(text));
    createSharedTexts(types);
  }, origin);
}
