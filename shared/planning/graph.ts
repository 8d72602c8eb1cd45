/** A directed edge of a dependency graph: `source` must finish before `target` starts. */
export interface GraphEdge {
  readonly source: string;
  readonly target: string;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
    for (const succ of [...(next.get(node) ?? [])].sort(byId)) {
      if (!cameFrom.has(succ)) {
        cameFrom.set(succ, node);
        queue.push(succ);
      }
    }
  }
  return null;
}

/** A topological order, or the first cycle found (its nodes in edge order, first not repeated). */
export type TopologicalResult = { readonly order: readonly string[]; readonly cycle: null } | { readonly order: null; readonly cycle: readonly string[] };

/** A binary min-heap of ids, so Kahn's algorithm breaks ties by id in O(log n). */
class IdHeap {
  private readonly items: string[] = [];
  get size(): number {
    return this.items.length;
  }
  push(id: string): void {
    const a = this.items;
    a.push(id);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= a[i]!) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): string {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Kahn's algorithm over `nodes` (edges to or from other ids are ignored). Ties go to the
 * smaller id, so every replica computes the same order. Never throws, never hangs: on a
 * cycle it returns the cycle instead.
 */
export function topologicalOrder(nodes: readonly string[], edges: readonly GraphEdge[]): TopologicalResult {
  const known = new Set(nodes);
  const indegree = new Map<string, number>();
  for (const n of nodes) indegree.set(n, 0);
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!known.has(e.source) || !known.has(e.target)) continue;
    indegree.set(e.target, indegree.get(e.target)! + 1);
    const list = next.get(e.source);
    if (list) list.push(e.target);
    else next.set(e.source, [e.target]);
  }
  const ready = new IdHeap();
  for (const [n, d] of indegree) if (d === 0) ready.push(n);
  const order: string[] = [];
  while (ready.size) {
    const n = ready.pop();
    order.push(n);
    for (const s of next.get(n) ?? []) {
      const d = indegree.get(s)! - 1;
      indegree.set(s, d);
      if (d === 0) ready.push(s);
    }
  }
  if (order.length === known.size) return { order, cycle: null };
  const left = new Set([...indegree].filter(([, d]) => d > 0).map(([n]) => n));
  return { order: null, cycle: cycleWithin(left, edges) };
}

/**
 * A cycle among `left`, the nodes Kahn could not order. Each of them still has a
 * predecessor inside `left` (that is why its in-degree never reached zero), so walking
 * predecessors from any of them never dead-ends and must come back to a node already seen:
 * the stretch between is a cycle.
 */
function cycleWithin(left: ReadonlySet<string>, edges: readonly GraphEdge[]): string[] {
  const preds = new Map<string, string[]>();
  for (const e of edges) {
    if (!left.has(e.source) || !left.has(e.target)) continue;
    const list = preds.get(e.target);
    if (list) list.push(e.source);
    else preds.set(e.target, [e.source]);
  }
  const seenAt = new Map<string, number>();
  const walk: string[] = [];
  let at = [...left].sort(byId)[0]!;
  while (!seenAt.has(at)) {
    seenAt.set(at, walk.length);
    walk.push(at);
    at = preds.get(at)!.reduce((min, p) => (p < min ? p : min));
  }
  // The walk went against the edges; turn the cycle round so it reads in dependency order.
  const cycle = walk.slice(seenAt.get(at)!).reverse();
  // Start at the smallest id so the same cycle is always named the same way.
  const smallest = cycle.indexOf([...cycle].sort(byId)[0]!);
  return [...cycle.slice(smallest), ...cycle.slice(0, smallest)];
}
