import type { PlanFragment } from '../../shared/doc';
import { newId, type PlanNode, type PlanSnapshot } from '../../shared/model';

/** The MIME type of copied plan fragments on the system clipboard. */
export const FRAGMENT_MIME = 'application/x-baton-fragment';
const FRAGMENT_FORMAT = 'baton-fragment';
/** Pasted and duplicated nodes land this far from the originals, so both stay visible. */
export const PASTE_OFFSET = 40;

/** Copied nodes: the nodes, the dependencies among them, and the personas they name. */
export interface CopiedFragment {
  readonly format: typeof FRAGMENT_FORMAT;
  readonly nodes: readonly PlanNode[];
  readonly edges: readonly { source: string; target: string; type?: string; note?: string }[];
  readonly personas: readonly Record<string, unknown>[];
}

/** The selected nodes (a workstream brings its members) as a fragment to copy. */
export function copyFragment(snapshot: PlanSnapshot, selected: ReadonlySet<string>): CopiedFragment | null {
  const ids = new Set<string>();
  for (const id of selected) if (snapshot.nodes.has(id)) ids.add(id);
  // Copying a lane copies what is in it: walk children until nothing new is added.
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of snapshot.nodes.values()) {
      if (!ids.has(n.id) && n.parent !== undefined && ids.has(n.parent)) {
        ids.add(n.id);
        grew = true;
      }
    }
  }
  if (!ids.size) return null;
  const nodes = [...ids].sort().map((id) => snapshot.nodes.get(id)!);
  const edges = [...snapshot.edges.values()]
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map(({ source, target, type, note }) => ({ source, target, ...(type ? { type } : {}), ...(note ? { note } : {}) }));
  const personaIds = new Set<string>();
  for (const n of nodes) for (const key of ['owner', 'lead', 'responsible', 'createdBy'] as const) {
    const v = (n as Record<string, unknown>)[key];
    if (typeof v === 'string') personaIds.add(v);
  }
  const personas = [...personaIds].flatMap((id) => {
    const p = snapshot.personas.get(id);
    return p ? [{ ...p }] : [];
  });
  return { format: FRAGMENT_FORMAT, nodes, edges, personas };
}

/** Reads a fragment from clipboard text; anything else is not ours and yields null. */
export function readFragment(text: string): CopiedFragment | null {
  try {
    const value = JSON.parse(text) as Partial<CopiedFragment>;
    if (value?.format !== FRAGMENT_FORMAT || !Array.isArray(value.nodes) || !Array.isArray(value.edges) || !Array.isArray(value.personas)) return null;
    return value as CopiedFragment;
  } catch {
    return null;
  }
}

/**
 * The fragment ready to insert into a plan: fresh ids, positions offset, parents kept when
 * they were copied too or exist in this plan, and the ids of the new nodes (to select them).
 * Personas already in the plan are not added again (insertFragment skips them).
 */
export function prepareFragment(fragment: CopiedFragment, target: PlanSnapshot, offset = PASTE_OFFSET): { fragment: PlanFragment; newIds: string[] } {
  const idMap = new Map<string, string>();
  for (const n of fragment.nodes) idMap.set(n.id, newId('n'));
  const nodes = fragment.nodes.map((n) => {
    const copy: Record<string, unknown> = { ...n, id: idMap.get(n.id)! };
    if (n.position) copy.position = { x: n.position.x + offset, y: n.position.y + offset };
    if (n.parent !== undefined) {
      const parent = idMap.get(n.parent) ?? (target.nodes.has(n.parent) ? n.parent : undefined);
      if (parent === undefined) delete copy.parent;
      else copy.parent = parent;
    }
    return copy;
  });
  const edges = fragment.edges.map((e) => ({ ...e, id: newId('e'), source: idMap.get(e.source)!, target: idMap.get(e.target)! }));
  return { fragment: { nodes, edges, personas: fragment.personas }, newIds: [...idMap.values()] };
}
