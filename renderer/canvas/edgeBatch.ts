import type { Dependency, PlanSnapshot, Position } from '../../shared/model';
import { CARD_HEIGHT, CARD_WIDTH, HANDLE_SIZE } from './flowElements';

/**
 * Dependencies drawn in bulk, for large plans. React Flow gives every edge a component, an
 * <svg>, two paths and a store subscription that runs on every frame of a pan; with thousands
 * of edges that is half the canvas's work. Past EDGE_BATCH_MIN_EDGES the canvas draws them
 * instead as a few hundred long paths inside the viewport's transform, so panning and zooming
 * touch none of them. Edges are grouped by the patches of the plan their ends lie in, so each
 * path's bounds are as tight as its edges' (the browser skips paths out of view and rasters a
 * path only in the tiles it crosses).
 * The curves are React Flow's default bezier edges between the cards' handles, so the picture
 * is the same; clicks are matched against the same curves (see edgeAt).
 */

/** Past this many dependencies the canvas draws them in bulk rather than as React Flow edges. */
export const EDGE_BATCH_MIN_EDGES = 1_000;

/** Width of the patches edges are grouped by (flow units): a few patches in view at a working zoom. */
const PATCH = 2_000;
/** React Flow's default bezier curvature. */
const CURVATURE = 0.25;
/** Half of React Flow's default interaction width: how near a click must come to a curve (flow units). */
export const EDGE_HIT_TOLERANCE = 10;

/** One patch's edges as SVG path data, by how they are drawn. */
export interface EdgePatch {
  readonly key: string;
  readonly plain: string;
  readonly critical: string;
  readonly selected: string;
}

/** The drawn edges: path data per patch, and the curves for hit testing. */
export interface EdgeDrawing {
  readonly patches: readonly EdgePatch[];
  /** Edge ids, in the order of `curves`. */
  readonly ids: readonly string[];
  /** Per edge: source, two control points, target (8 numbers). */
  readonly curves: Float64Array;
}

export const EMPTY_DRAWING: EdgeDrawing = { patches: [], ids: [], curves: new Float64Array(0) };

// React Flow's calculateControlOffset: half the gap when the target lies ahead, a gentle bulge when behind.
const controlOffset = (distance: number) => (distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance));

/** Where a card's drawn edges start and end, relative to its position (the handles' outer sides, at mid height). */
const SOURCE_DX = CARD_WIDTH - HANDLE_SIZE / 2 + HANDLE_SIZE;
const TARGET_DX = -HANDLE_SIZE / 2;
const HANDLE_DY = CARD_HEIGHT / 2;

/**
 * Draws the dependencies between the cards at `positions` (the cards as the canvas shows
 * them, dragged ones included). Edges whose ends are not both cards are left out, as React
 * Flow leaves out edges without handles. Returns `previous` when nothing drawn changed, so
 * the layer does not re-render after an edit that moved no card and marked no edge.
 */
export function drawEdges(
  edges: Iterable<Dependency>,
  positions: ReadonlyMap<string, Position>,
  critical: ReadonlySet<string>,
  selected: ReadonlySet<string>,
  previous: EdgeDrawing = EMPTY_DRAWING,
): EdgeDrawing {
  const buckets = new Map<string, { plain: string[]; critical: string[]; selected: string[] }>();
  const ids: string[] = [];
  const numbers: number[] = [];
  for (const e of edges) {
    const from = positions.get(e.source);
    const to = positions.get(e.target);
    if (!from || !to) continue;
    const sx = from.x + SOURCE_DX;
    const sy = from.y + HANDLE_DY;
    const tx = to.x + TARGET_DX;
    const ty = to.y + HANDLE_DY;
    const c1x = sx + controlOffset(tx - sx);
    const c2x = tx - controlOffset(tx - sx);
    ids.push(e.id);
    numbers.push(sx, sy, c1x, sy, c2x, ty, tx, ty);
    const key = `${Math.floor(Math.min(sx, tx) / PATCH)},${Math.floor(Math.min(sy, ty) / PATCH)},${Math.floor(Math.max(sx, tx) / PATCH)},${Math.floor(Math.max(sy, ty) / PATCH)}`;
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = { plain: [], critical: [], selected: [] }));
    // React Flow's path format, so the curves are the ones it would draw.
    const d = `M${sx},${sy} C${c1x},${sy} ${c2x},${ty} ${tx},${ty}`;
    // As in the stylesheet: a critical edge stays red when selected.
    (critical.has(e.id) ? bucket.critical : selected.has(e.id) ? bucket.selected : bucket.plain).push(d);
  }
  const before = new Map(previous.patches.map((p) => [p.key, p]));
  let same = before.size === buckets.size;
  const patches: EdgePatch[] = [];
  for (const [key, b] of [...buckets].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const plain = b.plain.join('');
    const crit = b.critical.join('');
    const sel = b.selected.join('');
    const old = before.get(key);
    if (old && old.plain === plain && old.critical === crit && old.selected === sel) patches.push(old);
    else {
      same = false;
      patches.push({ key, plain, critical: crit, selected: sel });
    }
  }
  if (same && patches.every((p, i) => p === previous.patches[i])) return previous;
  return { patches, ids, curves: Float64Array.from(numbers) };
}

/** Card positions as the canvas draws them, from the flow nodes. */
export function cardPositions(nodes: Iterable<{ readonly id: string; readonly type?: string; readonly position: Position }>): Map<string, Position> {
  const out = new Map<string, Position>();
  for (const n of nodes) if (n.type === 'plan') out.set(n.id, n.position);
  return out;
}

/** Whether a plan's dependencies are drawn in bulk. */
export const drawsEdgesInBulk = (snapshot: PlanSnapshot): boolean => snapshot.edges.size > EDGE_BATCH_MIN_EDGES;

const SAMPLES = 24;

/** The edge whose curve passes nearest to `point`, within `tolerance` (flow units), or null. */
export function edgeAt(drawing: EdgeDrawing, point: Position, tolerance = EDGE_HIT_TOLERANCE): string | null {
  const c = drawing.curves;
  let best: string | null = null;
  let bestDistance = tolerance * tolerance;
  for (let i = 0; i < drawing.ids.length; i++) {
    const o = i * 8;
    const x0 = c[o]!, y0 = c[o + 1]!, x1 = c[o + 2]!, x2 = c[o + 4]!, y3 = c[o + 5]!, x3 = c[o + 6]!;
    // The curve lies inside the box of its four points.
    if (point.x < Math.min(x0, x1, x2, x3) - tolerance || point.x > Math.max(x0, x1, x2, x3) + tolerance) continue;
    if (point.y < Math.min(y0, y3) - tolerance || point.y > Math.max(y0, y3) + tolerance) continue;
    let px = x0;
    let py = y0;
    for (let s = 1; s <= SAMPLES; s++) {
      const t = s / SAMPLES;
      const u = 1 - t;
      // Control points share the end points' heights (y1 = y0, y2 = y3).
      const qx = u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3;
      const qy = (u * u * u + 3 * u * u * t) * y0 + (3 * u * t * t + t * t * t) * y3;
      const d = segmentDistance2(point, px, py, qx, qy);
      if (d < bestDistance) {
        bestDistance = d;
        best = drawing.ids[i]!;
      }
      px = qx;
      py = qy;
    }
  }
  return best;
}

function segmentDistance2(p: Position, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 ? Math.max(0, Math.min(1, ((p.x - ax) * dx + (p.y - ay) * dy) / length2)) : 0;
  const ex = ax + t * dx - p.x;
  const ey = ay + t * dy - p.y;
  return ex * ex + ey * ey;
}
