import type { ELK, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import { compareText } from './sortedBy';

/** A node to place: its kind decides its default size; `parent` decides its workstream group. */
export interface LayoutNodeInput {
  readonly id: string;
  readonly kind: string;
  readonly parent?: string;
  readonly width?: number;
  readonly height?: number;
}

/** A dependency to respect: `source` is placed left of `target` where the graph allows. */
export interface LayoutEdgeInput {
  readonly source: string;
  readonly target: string;
}

/** Which engine places the nodes: 'auto' picks ELK for small plans and lanes for big ones. */
export type LayoutEngine = 'auto' | 'elk' | 'lanes';

/** What autoLayout lays out; with `onlyUnpositioned`, only those ids are returned. */
export interface LayoutInput {
  readonly nodes: readonly LayoutNodeInput[];
  readonly edges: readonly LayoutEdgeInput[];
  readonly onlyUnpositioned?: ReadonlySet<string>;
  readonly engine?: LayoutEngine;
}

/** An absolute top-left position; workstreams also carry the size of their group box. */
export interface LayoutBox {
  readonly x: number;
  readonly y: number;
  readonly width?: number;
  readonly height?: number;
}

/** Default size of a task (and of any kind without its own default). */
export const TASK_SIZE = { width: 190, height: 70 } as const;
/** Default size of milestones and gates: they carry less text than a task. */
export const MARKER_SIZE = { width: 150, height: 60 } as const;
/** Smallest workstream box, so an empty lane still shows its header and can receive drops. */
export const WORKSTREAM_MIN_SIZE = { width: 240, height: 120 } as const;

// Room at the top of a workstream box for its title and lead badge.
const WORKSTREAM_PADDING = '[top=56,left=24,bottom=24,right=24]';

const byId = compareText;
const usable = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && v > 0;

function defaultSize(kind: string): { width: number; height: number } {
  return kind === 'milestone' || kind === 'gate' ? MARKER_SIZE : TASK_SIZE;
}

// Set on every graph level: layered reads options per containing node, and refuses a child
// whose hierarchy-aware steps differ from the root's.
const ELK_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '30',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  'elk.spacing.componentComponent': '60',
  'elk.layered.spacing.edgeNodeBetweenLayers': '20',
  // Positions are all we keep; edges are drawn by the canvas, so cheap edge routing is enough.
  'elk.edgeRouting': 'POLYLINE',
  // One layered run over all levels, so edges between workstreams shape both groups.
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  // Fixed seed and sorted input: the same plan must always give the same picture.
  'elk.randomSeed': '1',
};

/**
 * For each node, the workstream that contains it (nearest workstream ancestor through
 * `parent`, whatever kinds lie between), or undefined for the top level. Parent loops and
 * workstreams that would end up containing themselves are cut, so ELK always gets a tree.
 */
function containers(nodes: ReadonlyMap<string, LayoutNodeInput>): Map<string, string | undefined> {
  const container = new Map<string, string | undefined>();
  for (const [id] of nodes) {
    const seen = new Set<string>([id]);
    let at = nodes.get(id)?.parent;
    let found: string | undefined;
    while (at !== undefined && !seen.has(at)) {
      const node = nodes.get(at);
      if (!node) break;
      if (node.kind === 'workstream') {
        found = at;
        break;
      }
      seen.add(at);
      at = node.parent;
    }
    container.set(id, found);
  }
  // Workstreams can still contain each other in a ring (A in B, B in A). Lift the smallest
  // id of each ring to the top level until no ring is left.
  for (const id of [...container.keys()].filter((k) => nodes.get(k)!.kind === 'workstream').sort(byId)) {
    for (;;) {
      const path: string[] = [];
      let at: string | undefined = id;
      while (at !== undefined && !path.includes(at)) {
        path.push(at);
        at = container.get(at);
      }
      if (at === undefined) break;
      const ring = path.slice(path.indexOf(at)).sort(byId);
      container.set(ring[0]!, undefined);
    }
  }
  return container;
}

/** The chain of containers from the top level down to (not including) `id`. */
function ancestry(id: string, container: ReadonlyMap<string, string | undefined>): string[] {
  const chain: string[] = [];
  for (let at = container.get(id); at !== undefined; at = container.get(at)) chain.push(at);
  return chain.reverse();
}

/** The plan reduced to what a layout engine needs, in one canonical order. */
interface Prepared {
  /** Nodes by id, in id order, first occurrence of a duplicated id kept. */
  readonly nodes: ReadonlyMap<string, LayoutNodeInput>;
  readonly container: ReadonlyMap<string, string | undefined>;
  /** Known, distinct, non-self edges, sorted; none joins a workstream to its own contents. */
  readonly edges: readonly LayoutEdgeInput[];
  /** Size of each node; for a workstream, the smallest its box may be. */
  readonly sizes: ReadonlyMap<string, { readonly width: number; readonly height: number }>;
}

function prepare(input: LayoutInput): Prepared {
  // Sorted and de-duplicated so the result depends only on the plan, not the caller's order.
  const nodes = new Map<string, LayoutNodeInput>();
  for (const node of [...input.nodes].sort((a, b) => byId(a.id, b.id))) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const container = containers(nodes);
  const sizes = new Map<string, { width: number; height: number }>();
  for (const [id, node] of nodes) {
    const size = node.kind === 'workstream' ? WORKSTREAM_MIN_SIZE : defaultSize(node.kind);
    sizes.set(id, { width: usable(node.width) ? node.width : size.width, height: usable(node.height) ? node.height : size.height });
  }
  const seen = new Set<string>();
  const edges: LayoutEdgeInput[] = [];
  const candidates = input.edges
    .filter((e) => e.source !== e.target && nodes.has(e.source) && nodes.has(e.target))
    .map((e) => ({ source: e.source, target: e.target }))
    .sort((a, b) => byId(a.source, b.source) || byId(a.target, b.target));
  for (const e of candidates) {
    const key = `${e.source}\u0000${e.target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A workstream and something inside it: the box surrounds its contents, so there is no
    // left or right between them (and ELK rejects such an edge).
    if (isInside(e.target, e.source, container) || isInside(e.source, e.target, container)) continue;
    edges.push(e);
  }
  return { nodes, container, edges, sizes };
}

function isInside(id: string, group: string, container: ReadonlyMap<string, string | undefined>): boolean {
  for (let at = container.get(id); at !== undefined; at = container.get(at)) if (at === group) return true;
  return false;
}

let elk: Promise<ELK> | undefined;

/**
 * ELK is loaded on first use: it is 1.4 MB of JavaScript, so a dynamic import lets Vite put
 * it in a chunk of its own that only a layout request fetches. The bundled build runs ELK
 * in-thread (no web worker), so the same code works in the renderer and under Node.
 */
function loadElk(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(
    ({ default: Elk }) => new Elk(),
    (error: unknown) => {
      elk = undefined;
      throw error;
    },
  );
  return elk;
}

async function elkLayout(p: Prepared): Promise<Map<string, LayoutBox>> {
  const elkNodes = new Map<string, ElkNode>();
  for (const [id, node] of p.nodes) {
    const size = p.sizes.get(id)!;
    if (node.kind === 'workstream') {
      elkNodes.set(id, {
        id,
        children: [],
        edges: [],
        layoutOptions: {
          ...ELK_OPTIONS,
          'elk.padding': WORKSTREAM_PADDING,
          'elk.nodeSize.constraints': 'MINIMUM_SIZE',
          'elk.nodeSize.minimum': `(${size.width}, ${size.height})`,
        },
      });
    } else {
      elkNodes.set(id, { id, width: size.width, height: size.height });
    }
  }
  const root: ElkNode = { id: '__root__', layoutOptions: ELK_OPTIONS, children: [], edges: [] };
  for (const id of p.nodes.keys()) {
    const parentId = p.container.get(id);
    (parentId === undefined ? root : elkNodes.get(parentId)!).children!.push(elkNodes.get(id)!);
  }
  p.edges.forEach((e, i) => {
    const from = ancestry(e.source, p.container);
    const to = ancestry(e.target, p.container);
    // ELK wants each edge held by the deepest group that contains both ends.
    let depth = 0;
    while (depth < from.length && depth < to.length && from[depth] === to[depth]) depth++;
    const holder = depth === 0 ? root : elkNodes.get(from[depth - 1]!)!;
    holder.edges!.push({ id: `e${i}`, sources: [e.source], targets: [e.target] });
  });

  const laidOut = await (await loadElk()).layout(root);

  const result = new Map<string, LayoutBox>();
  // ELK gives positions relative to the containing group; callers want absolute ones.
  const stack: { node: ElkNode; dx: number; dy: number }[] = (laidOut.children ?? []).map((node) => ({ node, dx: 0, dy: 0 }));
  while (stack.length) {
    const { node, dx, dy } = stack.pop()!;
    const x = dx + (node.x ?? 0);
    const y = dy + (node.y ?? 0);
    const isGroup = p.nodes.get(node.id)?.kind === 'workstream';
    result.set(node.id, isGroup ? { x, y, width: node.width ?? 0, height: node.height ?? 0 } : { x, y });
    for (const child of node.children ?? []) stack.push({ node: child, dx: x, dy: y });
  }
  return result;
}

// Spacing of the lane layout, matched to the ELK options above so both look alike.
const NODE_GAP = 30;
const LAYER_GAP = 60;
const LANE_GAP = 60;
const PAD = { top: 56, left: 24, bottom: 24, right: 24 } as const;

/**
 * A column for every node that is not a workstream. Longest-path layers over the whole plan,
 * so an edge between lanes still points right; nodes on a cycle are released in id order,
 * their unfinished predecessors ignored. Start nodes move right up to their first successor
 * and nodes without edges fill the emptiest columns of their lane, so no column of a lane
 * collects every loose node.
 */
function layerColumns(p: Prepared): Map<string, number> {
  const ids = [...p.nodes.keys()].filter((id) => p.nodes.get(id)!.kind !== 'workstream');
  const index = new Map(ids.map((id, i) => [id, i]));
  const out: number[][] = ids.map(() => []);
  const waiting = new Int32Array(ids.length);
  for (const e of p.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    // Workstreams are boxes, not columns: their own edges do not shape the layers.
    if (s === undefined || t === undefined) continue;
    out[s]!.push(t);
    waiting[t]!++;
  }
  const isStart = Array.from(waiting, (w) => w === 0);
  const layer = new Int32Array(ids.length);
  const done = new Uint8Array(ids.length);
  const ready: number[] = [];
  for (let i = 0; i < ids.length; i++) if (waiting[i] === 0) ready.push(i);
  let next = 0;
  for (let placed = 0; placed < ids.length; placed++) {
    let i = ready.pop();
    if (i === undefined) {
      // Everything left waits on a cycle: release the first unplaced node by id.
      while (done[next]) next++;
      i = next;
    }
    done[i] = 1;
    for (const t of out[i]!) {
      if (done[t]) continue;
      if (layer[i]! + 1 > layer[t]!) layer[t] = layer[i]! + 1;
      if (--waiting[t]! === 0) ready.push(t);
    }
  }
  let layerCount = 0;
  for (let i = 0; i < ids.length; i++) {
    if (isStart[i] && out[i]!.length) layer[i] = Math.max(layer[i]!, Math.min(...out[i]!.map((t) => layer[t]!)) - 1);
    layerCount = Math.max(layerCount, layer[i]! + 1);
  }

  const loose = new Map<string | undefined, number[]>();
  const filled = new Map<string | undefined, number[]>();
  const hasIn = new Uint8Array(ids.length);
  for (const list of out) for (const t of list) hasIn[t] = 1;
  ids.forEach((id, i) => {
    const group = p.container.get(id);
    if (!out[i]!.length && !hasIn[i]) {
      const list = loose.get(group);
      if (list) list.push(i);
      else loose.set(group, [i]);
      return;
    }
    const counts = filled.get(group) ?? [];
    counts[layer[i]!] = (counts[layer[i]!] ?? 0) + 1;
    filled.set(group, counts);
  });
  for (const [group, list] of loose) {
    const counts = filled.get(group) ?? [];
    const placedHere = counts.reduce((a, b) => a + (b ?? 0), 0);
    // Without edges a lane would be one tall column; a roughly square block reads better.
    const width = Math.max(layerCount, Math.ceil(Math.sqrt(placedHere + list.length)));
    for (const i of list) {
      let best = 0;
      for (let l = 1; l < width; l++) if ((counts[l] ?? 0) < (counts[best] ?? 0)) best = l;
      layer[i] = best;
      counts[best] = (counts[best] ?? 0) + 1;
    }
  }
  return new Map(ids.map((id, i) => [id, layer[i]!]));
}

/**
 * The fallback for plans too big for ELK: shared layer columns left to right, each
 * workstream a lane of its own, lanes stacked top to bottom (nested ones inside).
 */
function laneLayout(p: Prepared): Map<string, LayoutBox> {
  const layers = layerColumns(p);
  const columnWidth: number[] = [];
  for (const [id, l] of layers) columnWidth[l] = Math.max(columnWidth[l] ?? 0, p.sizes.get(id)!.width);
  const columnX: number[] = [];
  for (let l = 0, x = 0; l < columnWidth.length; l++) {
    columnX[l] = x;
    x += (columnWidth[l] ?? 0) + LAYER_GAP;
  }
  const members = new Map<string | undefined, string[]>();
  for (const id of p.nodes.keys()) {
    const group = p.container.get(id);
    const list = members.get(group);
    if (list) list.push(id);
    else members.set(group, [id]);
  }
  const result = new Map<string, LayoutBox>();

  // Places a group's contents from `top` down; returns the horizontal extent and bottom edge.
  const place = (group: string | undefined, top: number): { left: number; right: number; bottom: number } => {
    const inside = members.get(group) ?? [];
    const cursor = new Map<number, number>();
    let left = Infinity;
    let right = -Infinity;
    let bottom = top;
    for (const id of inside) {
      const l = layers.get(id);
      if (l === undefined) continue;
      const size = p.sizes.get(id)!;
      const x = columnX[l]!;
      const y = cursor.get(l) ?? top;
      result.set(id, { x, y });
      cursor.set(l, y + size.height + NODE_GAP);
      left = Math.min(left, x);
      right = Math.max(right, x + size.width);
      bottom = Math.max(bottom, y + size.height);
    }
    let laneTop = bottom === top ? top : bottom + LANE_GAP;
    for (const id of inside) {
      if (layers.has(id)) continue;
      const min = p.sizes.get(id)!;
      const content = place(id, laneTop + PAD.top);
      const empty = content.left > content.right;
      const x = empty ? 0 : content.left - PAD.left;
      const width = Math.max(min.width, empty ? 0 : content.right - content.left + PAD.left + PAD.right);
      const height = Math.max(min.height, content.bottom + PAD.bottom - laneTop);
      result.set(id, { x, y: laneTop, width, height });
      left = Math.min(left, x);
      right = Math.max(right, x + width);
      bottom = laneTop + height;
      laneTop = bottom + LANE_GAP;
    }
    return { left, right, bottom };
  };
  place(undefined, 0);
  return result;
}

/** Above this many nodes plus edges ELK takes too long (about 1 s at 500 nodes, minutes at 5,000), so lanes are used. */
export const ELK_SIZE_LIMIT = 1_500;

/**
 * Places every node left to right along its dependencies, workstreams as boxes around their
 * nodes: ELK's layered algorithm for plans up to ELK_SIZE_LIMIT, stacked lanes beyond (or
 * if ELK fails). Returns absolute top-left positions, plus box sizes for workstreams; the
 * same input always gives the same output, whatever its order.
 */
export async function autoLayout(input: LayoutInput): Promise<Map<string, LayoutBox>> {
  const prepared = prepare(input);
  const engine = input.engine ?? 'auto';
  let all: Map<string, LayoutBox>;
  if (engine === 'lanes' || (engine === 'auto' && prepared.nodes.size + prepared.edges.length > ELK_SIZE_LIMIT)) {
    all = laneLayout(prepared);
  } else {
    try {
      all = await elkLayout(prepared);
    } catch (error) {
      // A graph ELK cannot handle still gets a readable picture instead of none.
      if (engine === 'elk') throw error;
      all = laneLayout(prepared);
    }
  }
  const wanted = input.onlyUnpositioned;
  if (!wanted) return all;
  return new Map([...all].filter(([id]) => wanted.has(id)));
}
