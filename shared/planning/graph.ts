import { compareText } from './sortedBy';

/** A directed edge of a dependency graph: `source` must finish before `target` starts. */
export interface GraphEdge {
  readonly source: string;
  readonly target: string;
}

const byId = compareText;

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

/** A binary min-heap of small integers (node ranks), so Kahn's algorithm breaks ties by id in O(log n). */
class RankHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(rank: number): void {
    const a = this.items;
    a.push(rank);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= rank) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = rank;
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    const n = a.length;
    if (n) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && a[r]! < a[l]! ? r : l;
        if (a[m]! >= last) break;
        a[i] = a[m]!;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}

/**
 * A dependency graph in compact form: nodes numbered by id order (so a smaller number is a
 * smaller id), successor and predecessor lists as flat integer arrays. Built once, used by
 * every pass of the schedule; fast enough for 10,000 tasks and 20,000 dependencies.
 */
export interface IndexedGraph<E extends GraphEdge = GraphEdge> {
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly succStart: Int32Array;
  readonly succ: Int32Array;
  readonly predStart: Int32Array;
  readonly pred: Int32Array;
  /** The edges used (both ends among the nodes), in input order. */
  readonly edges: readonly E[];
  /** The node numbers of each used edge's ends, aligned with `edges`. */
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** The edges left out because an end is not among the nodes, in input order. */
  readonly outside: readonly E[];
}

/** Numbers the nodes by id and packs the edges among them (others are ignored). */
export function indexGraph<E extends GraphEdge>(nodes: readonly string[], edges: Iterable<E>): IndexedGraph<E> {
  return packGraph([...new Set(nodes)].sort(byId), edges, Array.isArray(edges) ? edges.length : undefined);
}

const grown = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
  const b = new Int32Array(Math.max(64, a.length * 2));
  b.set(a);
  return b;
};

/**
 * Packs `edges` over `ids`, which must be distinct and sorted by id (the caller may already
 * hold them so). Edges with an end outside `ids` are kept aside in `outside`. `expectedEdges`
 * sizes the edge arrays up front (they grow if it is short).
 */
export function packGraph<E extends GraphEdge>(ids: readonly string[], edges: Iterable<E>, expectedEdges = 64): IndexedGraph<E> {
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
  const n = ids.length;
  const used: E[] = [];
  const outside: E[] = [];
  let edgeSource = new Int32Array(expectedEdges);
  let edgeTarget = new Int32Array(edgeSource.length);
  let m = 0;
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) {
      outside.push(e);
      continue;
    }
    if (m === edgeSource.length) {
      edgeSource = grown(edgeSource);
      edgeTarget = grown(edgeTarget);
    }
    used.push(e);
    edgeSource[m] = s;
    edgeTarget[m] = t;
    m++;
  }
  edgeSource = edgeSource.subarray(0, m);
  edgeTarget = edgeTarget.subarray(0, m);
  const succStart = new Int32Array(n + 1);
  const predStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    succStart[edgeSource[k]! + 1]!++;
    predStart[edgeTarget[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    succStart[i + 1]! += succStart[i]!;
    predStart[i + 1]! += predStart[i]!;
  }
  const succ = new Int32Array(m);
  const pred = new Int32Array(m);
  const sFill = succStart.slice(0, n);
  const pFill = predStart.slice(0, n);
  for (let k = 0; k < m; k++) {
    succ[sFill[edgeSource[k]!]!++] = edgeTarget[k]!;
    pred[pFill[edgeTarget[k]!]!++] = edgeSource[k]!;
  }
  return { ids, index, succStart, succ, predStart, pred, edges: used, edgeSource, edgeTarget, outside };
}

/** Kahn's algorithm on an indexed graph: node numbers in topological order (ties by id), or null on a cycle. */
export function kahnOrder(graph: IndexedGraph): Int32Array | null {
  const n = graph.ids.length;
  const indegree = new Int32Array(n);
  for (let i = 0; i < n; i++) indegree[i] = graph.predStart[i + 1]! - graph.predStart[i]!;
  const ready = new RankHeap();
  for (let i = 0; i < n; i++) if (indegree[i] === 0) ready.push(i);
  const order = new Int32Array(n);
  let count = 0;
  while (ready.size) {
    const v = ready.pop();
    order[count++] = v;
    for (let k = graph.succStart[v]!; k < graph.succStart[v + 1]!; k++) {
      const w = graph.succ[k]!;
      if (--indegree[w]! === 0) ready.push(w);
    }
  }
  return count === n ? order : null;
}

/**
 * Kahn's algorithm over `nodes` (edges to or from other ids are ignored). Ties go to the
 * smaller id, so every replica computes the same order. Never throws, never hangs: on a
 * cycle it returns the cycle instead.
 */
export function topologicalOrder(nodes: readonly string[], edges: readonly GraphEdge[]): TopologicalResult {
  const graph = indexGraph(nodes, edges);
  const order = kahnOrder(graph);
  if (order) return { order: Array.from(order, (i) => graph.ids[i]!), cycle: null };
  return { order: null, cycle: findCycle(graph) };
}

/**
 * A cycle of a graph Kahn could not order. Peel off, as Kahn does, every node that can be
 * ordered; each node left still has a predecessor left (that is why it stayed), so walking
 * predecessors from the smallest one never dead-ends and must come back to a node already
 * seen: the stretch between is a cycle.
 */
export function findCycle(graph: IndexedGraph): string[] {
  const n = graph.ids.length;
  const indegree = new Int32Array(n);
  for (let i = 0; i < n; i++) indegree[i] = graph.predStart[i + 1]! - graph.predStart[i]!;
  const removed = new Uint8Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue.push(i);
  while (queue.length) {
    const v = queue.pop()!;
    removed[v] = 1;
    for (let k = graph.succStart[v]!; k < graph.succStart[v + 1]!; k++) if (--indegree[graph.succ[k]!]! === 0) queue.push(graph.succ[k]!);
  }
  let at = removed.indexOf(0);
  if (at < 0) return [];
  const seenAt = new Map<number, number>();
  const walk: number[] = [];
  while (!seenAt.has(at)) {
    seenAt.set(at, walk.length);
    walk.push(at);
    let next = -1;
    // The smallest remaining predecessor: ranks follow ids, so the walk is deterministic.
    for (let k = graph.predStart[at]!; k < graph.predStart[at + 1]!; k++) {
      const p = graph.pred[k]!;
      if (!removed[p] && (next < 0 || p < next)) next = p;
    }
    at = next;
  }
  // The walk went against the edges; turn the cycle round so it reads in dependency order,
  // starting at its smallest id so the same cycle is always named the same way.
  const cycle = walk.slice(seenAt.get(at)!).reverse();
  const smallest = cycle.indexOf(Math.min(...cycle));
  return [...cycle.slice(smallest), ...cycle.slice(0, smallest)].map((i) => graph.ids[i]!);
}
