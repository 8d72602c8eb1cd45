/** A directed edge of a dependency graph: `source` must finish before `target` starts. */
export interface GraphEdge {
  readonly source: string;
  readonly target: string;
}

/** Successor lists for every node that has outgoing edges. */
export function successors(edges: Iterable<GraphEdge>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  return out;
}

/**
 * A path of node ids from `from` to `to` following edges, or null when there is none.
 * Iterative breadth-first search: never recurses, so a 10,000-node chain cannot overflow.
 */
export function findPath(edges: Iterable<GraphEdge>, from: string, to: string): string[] | null {
  const next = successors(edges);
  const cameFrom = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    if (node === to) {
      const path: string[] = [];
      for (let at: string | null | undefined = to; at != null; at = cameFrom.get(at)) path.push(at);
      return path.reverse();
    }
    for (const succ of [...(next.get(node) ?? [])].sort()) {
      if (!cameFrom.has(succ)) {
        cameFrom.set(succ, node);
        queue.push(succ);
      }
    }
  }
  return null;
}
