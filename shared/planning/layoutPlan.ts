import type { Dependency, PlanJson, PlanNode, Position } from '../model';
import { autoLayout, type LayoutNodeInput } from './autoLayout';

/** Card size the canvas draws (wider and taller than ELK's defaults, to fit the status line). */
const CARD = { width: 190, height: 88 } as const;

function layoutNodes(nodes: Iterable<PlanNode>): LayoutNodeInput[] {
  return [...nodes].map((n) => ({ id: n.id, kind: n.kind, parent: n.parent, ...(n.kind === 'workstream' ? {} : CARD) }));
}

/** New positions for every node of a plan, left to right with workstreams kept as lanes. */
export async function layoutAll(nodes: Iterable<PlanNode>, edges: Iterable<Dependency>): Promise<{ id: string; position: Position }[]> {
  const boxes = await autoLayout({ nodes: layoutNodes(nodes), edges: [...edges] });
  return [...boxes].map(([id, box]) => ({ id, position: { x: Math.round(box.x), y: Math.round(box.y) } }));
}

/**
 * The plan with a position for every node that had none (an imported file written by hand
 * or by a script); nodes that had one keep it.
 */
export async function placeUnpositioned(plan: PlanJson): Promise<PlanJson> {
  const missing = new Set(plan.nodes.filter((n) => !n.position).map((n) => n.id as string));
  if (!missing.size) return plan;
  const boxes = await autoLayout({ nodes: layoutNodes(plan.nodes), edges: plan.edges, onlyUnpositioned: missing });
  return {
    ...plan,
    nodes: plan.nodes.map((n) => {
      const box = boxes.get(n.id);
      return n.position || !box ? n : { ...n, position: { x: Math.round(box.x), y: Math.round(box.y) } };
    }),
  };
}
