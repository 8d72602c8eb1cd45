import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  autoLayout,
  ELK_SIZE_LIMIT,
  MARKER_SIZE,
  TASK_SIZE,
  type LayoutBox,
  type LayoutEdgeInput,
  type LayoutEngine,
  type LayoutInput,
  type LayoutNodeInput,
} from '../../../shared/planning/autoLayout';
import { generatePlan, seededRandom } from '../../support/generatePlan';

interface Rect {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function rectOf(id: string, box: LayoutBox | undefined, nodes: readonly LayoutNodeInput[]): Rect {
  if (!box) throw new Error(`no position for ${id}`);
  const node = nodes.find((n) => n.id === id)!;
  const size = node.kind === 'milestone' || node.kind === 'gate' ? MARKER_SIZE : TASK_SIZE;
  return { id, x: box.x, y: box.y, width: box.width ?? node.width ?? size.width, height: box.height ?? node.height ?? size.height };
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const contains = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/** The nearest workstream ancestor, the way the layout groups nodes (no loops in these inputs). */
function workstreamOf(id: string, nodes: readonly LayoutNodeInput[]): string | undefined {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (let at = byId.get(id)?.parent; at !== undefined; at = byId.get(at)?.parent) if (byId.get(at)?.kind === 'workstream') return at;
  return undefined;
}

/** Pairs of overlapping rectangles, by a sweep over x so thousands of nodes stay cheap. */
function overlappingPairs(rects: readonly Rect[]): [string, string][] {
  const sorted = [...rects].sort((a, b) => a.x - b.x);
  const pairs: [string, string][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < a.x + a.width; j++) if (overlaps(a, sorted[j]!)) pairs.push([a.id, sorted[j]!.id]);
  }
  return pairs;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/realtime-collab.json', import.meta.url), 'utf8')) as {
  nodes: LayoutNodeInput[];
  edges: LayoutEdgeInput[];
};
const realtime: LayoutInput = {
  nodes: fixture.nodes.map(({ id, kind, parent }) => ({ id, kind, parent })),
  edges: fixture.edges.map(({ source, target }) => ({ source, target })),
};

/** A mid-sized plan with lanes, edges across lanes, loose nodes and a few cycles. */
function tangledPlan(): LayoutInput {
  const random = seededRandom(3);
  const nodes: LayoutNodeInput[] = [{ id: 'feature', kind: 'feature' }];
  for (let w = 0; w < 5; w++) nodes.push({ id: `ws${w}`, kind: 'workstream', parent: 'feature' });
  for (let t = 0; t < 60; t++) {
    const kind = t % 10 === 9 ? 'milestone' : t % 10 === 4 ? 'gate' : 'task';
    nodes.push({ id: `n${t}`, kind, parent: t % 7 === 0 ? 'feature' : `ws${t % 5}` });
  }
  const edges: LayoutEdgeInput[] = [];
  for (let i = 0; i < 90; i++) {
    const a = Math.floor(random() * 60);
    const b = Math.floor(random() * 60);
    edges.push({ source: `n${a}`, target: `n${b}` });
  }
  return { nodes, edges };
}

function checkGeometry(input: LayoutInput, result: Map<string, LayoutBox>): void {
  const rects = new Map(input.nodes.map((n) => [n.id, rectOf(n.id, result.get(n.id), input.nodes)]));
  const groups = input.nodes.filter((n) => n.kind === 'workstream');
  const items = input.nodes.filter((n) => n.kind !== 'workstream');
  for (const n of items) {
    const ws = workstreamOf(n.id, input.nodes);
    if (ws) expect(contains(rects.get(ws)!, rects.get(n.id)!), `${n.id} inside ${ws}`).toBe(true);
  }
  for (const n of items) expect(result.get(n.id)?.width, `${n.id} has no size`).toBeUndefined();
  for (const g of groups) expect(result.get(g.id)?.width).toBeGreaterThan(0);
  expect(overlappingPairs(items.map((n) => rects.get(n.id)!))).toEqual([]);
  // Workstreams side by side (none nested here) must not share any area.
  expect(overlappingPairs(groups.map((g) => rects.get(g.id)!))).toEqual([]);
  // A node outside a workstream stays out of its box.
  for (const n of items) {
    for (const g of groups) if (workstreamOf(n.id, input.nodes) !== g.id) expect(overlaps(rects.get(g.id)!, rects.get(n.id)!), `${n.id} vs ${g.id}`).toBe(false);
  }
}

const sortedEntries = (m: Map<string, LayoutBox>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

describe.each<LayoutEngine>(['elk', 'lanes'])('autoLayout (%s)', (engine) => {
  it('lays a chain out left to right', async () => {
    const ids = ['e', 'b', 'd', 'a', 'c'];
    const nodes = ids.map((id) => ({ id, kind: 'task' }));
    const edges = ids.slice(1).map((id, i) => ({ source: ids[i]!, target: id }));
    const result = await autoLayout({ nodes, edges, engine });
    const xs = ids.map((id) => result.get(id)!.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]!);
  });

  it('keeps a chain left to right when it crosses workstreams', async () => {
    const nodes: LayoutNodeInput[] = [
      { id: 'ws-a', kind: 'workstream' },
      { id: 'ws-b', kind: 'workstream' },
      { id: 't1', kind: 'task', parent: 'ws-a' },
      { id: 't2', kind: 'task', parent: 'ws-a' },
      { id: 't3', kind: 'task', parent: 'ws-b' },
      { id: 't4', kind: 'task', parent: 'ws-b' },
      { id: 'm', kind: 'milestone' },
    ];
    const edges = [
      { source: 't1', target: 't2' },
      { source: 't2', target: 't3' },
      { source: 't3', target: 't4' },
      { source: 't4', target: 'm' },
    ];
    const result = await autoLayout({ nodes, edges, engine });
    const xs = ['t1', 't2', 't3', 't4', 'm'].map((id) => result.get(id)!.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]!);
    checkGeometry({ nodes, edges }, result);
  });

  it('places the realtime-collaboration plan: children inside their workstream, no overlaps', async () => {
    const result = await autoLayout({ ...realtime, engine });
    expect(result.size).toBe(realtime.nodes.length);
    checkGeometry(realtime, result);
  });

  it('groups through other kinds: a node under a task under a workstream is inside that workstream', async () => {
    const nodes: LayoutNodeInput[] = [
      { id: 'ws', kind: 'workstream' },
      { id: 'task', kind: 'task', parent: 'ws' },
      { id: 'risk', kind: 'risk', parent: 'task' },
      { id: 'other', kind: 'task' },
    ];
    const result = await autoLayout({ nodes, edges: [{ source: 'risk', target: 'other' }], engine });
    checkGeometry({ nodes, edges: [] }, result);
    expect(contains(rectOf('ws', result.get('ws'), nodes), rectOf('risk', result.get('risk'), nodes))).toBe(true);
  });

  it('uses the given sizes and the per-kind defaults', async () => {
    const nodes: LayoutNodeInput[] = [
      { id: 'big', kind: 'task', width: 400, height: 200 },
      { id: 'm', kind: 'milestone' },
      { id: 'g', kind: 'gate' },
      { id: 't', kind: 'task' },
    ];
    const edges = [
      { source: 'big', target: 'm' },
      { source: 'big', target: 'g' },
      { source: 'big', target: 't' },
    ];
    const result = await autoLayout({ nodes, edges, engine });
    // The big node's real width pushes its successors right of it.
    for (const id of ['m', 'g', 't']) expect(result.get(id)!.x).toBeGreaterThanOrEqual(result.get('big')!.x + 400);
    checkGeometry({ nodes, edges }, result);
  });

  it('places a tangled plan (cycles, loose nodes, cross-lane edges) without overlaps', async () => {
    const plan = tangledPlan();
    const result = await autoLayout({ ...plan, engine });
    expect(result.size).toBe(plan.nodes.length);
    checkGeometry(plan, result);
  });

  it('is deterministic, whatever the order of its input', async () => {
    const plan = tangledPlan();
    const first = await autoLayout({ ...plan, engine });
    const again = await autoLayout({ ...plan, engine });
    const shuffled = await autoLayout({ nodes: [...plan.nodes].reverse(), edges: [...plan.edges].reverse(), engine });
    expect(sortedEntries(again)).toEqual(sortedEntries(first));
    expect(sortedEntries(shuffled)).toEqual(sortedEntries(first));
  });

  it('survives cycles, self-loops, duplicate and dangling edges, and parent loops', async () => {
    const nodes: LayoutNodeInput[] = [
      { id: 'a', kind: 'task' },
      { id: 'b', kind: 'task' },
      { id: 'c', kind: 'task' },
      { id: 'p', kind: 'task', parent: 'q' },
      { id: 'q', kind: 'task', parent: 'p' },
      { id: 'ws1', kind: 'workstream', parent: 'ws2' },
      { id: 'ws2', kind: 'workstream', parent: 'ws1' },
      { id: 'in1', kind: 'task', parent: 'ws1' },
      { id: 'orphan', kind: 'task', parent: 'missing' },
    ];
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'a' },
      { source: 'a', target: 'a' },
      { source: 'a', target: 'b' },
      { source: 'a', target: 'nowhere' },
      { source: 'ghost', target: 'b' },
      { source: 'p', target: 'q' },
      { source: 'q', target: 'p' },
      // A workstream and its own contents: no meaningful direction, must not break ELK.
      { source: 'ws1', target: 'in1' },
      { source: 'in1', target: 'ws2' },
      { source: 'ws2', target: 'a' },
    ];
    const result = await autoLayout({ nodes, edges, engine });
    expect([...result.keys()].sort()).toEqual(nodes.map((n) => n.id).sort());
    for (const box of result.values()) expect(Number.isFinite(box.x) && Number.isFinite(box.y)).toBe(true);
  });

  it('returns only the ids asked for with onlyUnpositioned, placed as in the full layout', async () => {
    const full = await autoLayout({ ...realtime, engine });
    const wanted = new Set(['t-websocket', 'ws-ux', 'm-api-checkpoint', 'not-a-node']);
    const some = await autoLayout({ ...realtime, onlyUnpositioned: wanted, engine });
    expect([...some.keys()].sort()).toEqual(['m-api-checkpoint', 't-websocket', 'ws-ux']);
    for (const [id, box] of some) expect(box).toEqual(full.get(id));
    expect(some.get('ws-ux')!.width).toBeGreaterThan(0);
    expect((await autoLayout({ ...realtime, onlyUnpositioned: new Set(), engine })).size).toBe(0);
  });

  it('gives an empty workstream a box of its own', async () => {
    const nodes: LayoutNodeInput[] = [
      { id: 'empty', kind: 'workstream' },
      { id: 'full', kind: 'workstream' },
      { id: 't', kind: 'task', parent: 'full' },
    ];
    const result = await autoLayout({ nodes, edges: [], engine });
    expect(result.get('empty')!.width).toBeGreaterThan(0);
    expect(result.get('empty')!.height).toBeGreaterThan(0);
    checkGeometry({ nodes, edges: [] }, result);
  });

  it('handles an empty plan', async () => {
    expect((await autoLayout({ nodes: [], edges: [], engine })).size).toBe(0);
  });
});

describe('autoLayout engine choice', () => {
  it('lanes keep a chain left to right even when it leaves a workstream and comes back', async () => {
    // ELK cannot: both boxes would have to lie left and right of each other.
    const nodes: LayoutNodeInput[] = [
      { id: 'ws-a', kind: 'workstream' },
      { id: 'ws-b', kind: 'workstream' },
      { id: 't1', kind: 'task', parent: 'ws-a' },
      { id: 't2', kind: 'task', parent: 'ws-b' },
      { id: 't3', kind: 'task', parent: 'ws-a' },
    ];
    const edges = [
      { source: 't1', target: 't2' },
      { source: 't2', target: 't3' },
    ];
    const result = await autoLayout({ nodes, edges, engine: 'lanes' });
    const xs = ['t1', 't2', 't3'].map((id) => result.get(id)!.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]!);
    checkGeometry({ nodes, edges }, result);
  });

  it('places 5,000 nodes, 7,500 edges and 50 workstreams (lanes beyond the ELK limit)', async () => {
    const plan = generatePlan({ tasks: 4_950, dependencies: 7_500, workstreams: 50 }, 11);
    const input: LayoutInput = { nodes: plan.nodes.map(({ id, kind, parent }) => ({ id, kind, parent })), edges: plan.edges };
    expect(input.nodes.length + input.edges.length).toBeGreaterThan(ELK_SIZE_LIMIT);
    const result = await autoLayout(input);
    expect(result.size).toBe(5_000);
    const rects = input.nodes.map((n) => rectOf(n.id, result.get(n.id), input.nodes));
    expect(overlappingPairs(rects.filter((r) => !r.id.startsWith('ws')))).toEqual([]);
    expect(overlappingPairs(rects.filter((r) => r.id.startsWith('ws')))).toEqual([]);
    for (const n of input.nodes) if (n.parent) expect(contains(rects.find((r) => r.id === n.parent)!, rects.find((r) => r.id === n.id)!)).toBe(true);
    // Every dependency points right: the layers are shared by all lanes.
    for (const e of input.edges) expect(result.get(e.target)!.x).toBeGreaterThan(result.get(e.source)!.x);
  });

  it('uses ELK for a small plan ("auto" matches "elk")', async () => {
    expect(sortedEntries(await autoLayout(realtime))).toEqual(sortedEntries(await autoLayout({ ...realtime, engine: 'elk' })));
  });
});
