import { describe, expect, it } from 'vitest';
import { dependencySchema, type Dependency } from '../../../shared/model';
import { drawEdges, drawsEdgesInBulk, edgeAt, EDGE_BATCH_MIN_EDGES } from '../../../renderer/canvas/edgeBatch';
import { CARD_HEIGHT, CARD_WIDTH, HANDLE_SIZE } from '../../../renderer/canvas/flowElements';

const dep = (id: string, source: string, target: string): Dependency => dependencySchema.parse({ id, kind: 'dependency', source, target });
const positions = new Map([
  ['a', { x: 0, y: 0 }],
  ['b', { x: 400, y: 100 }],
  ['c', { x: 400, y: 400 }],
]);
const none = new Set<string>();
// React Flow's handles: the source's on the card's right side, the target's on its left, at mid height.
const sx = CARD_WIDTH + HANDLE_SIZE / 2;
const sy = CARD_HEIGHT / 2;
const tx = 400 - HANDLE_SIZE / 2;
const ty = 100 + CARD_HEIGHT / 2;

describe('dependencies drawn in bulk', () => {
  it('draws React Flow\'s bezier between the handles: half the gap as the control offset', () => {
    const drawing = drawEdges([dep('e1', 'a', 'b')], positions, none, none);
    const offset = (tx - sx) / 2;
    expect(drawing.patches.map((p) => p.plain)).toEqual([`M${sx},${sy} C${sx + offset},${sy} ${tx - offset},${ty} ${tx},${ty}`]);
    expect(drawing.ids).toEqual(['e1']);
  });

  it('leaves out edges whose ends are not both cards, and draws critical over selected', () => {
    const drawing = drawEdges([dep('e1', 'a', 'b'), dep('e2', 'a', 'c'), dep('gone', 'a', 'nowhere')], positions, new Set(['e1']), new Set(['e1', 'e2']));
    expect(drawing.ids).toEqual(['e1', 'e2']);
    const all = drawing.patches.map((p) => [p.critical.split('M').length - 1, p.selected.split('M').length - 1, p.plain.split('M').length - 1]);
    expect(all.reduce((s, [c, sel, p]) => [s[0]! + c!, s[1]! + sel!, s[2]! + p!], [0, 0, 0])).toEqual([1, 1, 0]);
  });

  it('hands back the same drawing when nothing drawn changed, a new one when a card moved', () => {
    const edges = [dep('e1', 'a', 'b'), dep('e2', 'a', 'c')];
    const first = drawEdges(edges, positions, none, none);
    expect(drawEdges(edges, new Map(positions), none, none, first)).toBe(first);
    const moved = drawEdges(edges, new Map([...positions, ['c', { x: 420, y: 400 }]]), none, none, first);
    expect(moved).not.toBe(first);
    expect(moved.patches.map((p) => p.plain).join()).not.toBe(first.patches.map((p) => p.plain).join());
    expect(moved.patches.map((p) => p.plain).join()).toContain('C');
  });

  it('finds the edge under a click within the tolerance, the nearest of two, and nothing further away', () => {
    const drawing = drawEdges([dep('e1', 'a', 'b'), dep('e2', 'a', 'c')], positions, none, none);
    // The curve's middle is the midpoint of its ends (it is symmetric).
    const mid = { x: (sx + tx) / 2, y: (sy + ty) / 2 };
    expect(edgeAt(drawing, mid)).toBe('e1');
    expect(edgeAt(drawing, { x: mid.x, y: mid.y + 6 })).toBe('e1');
    expect(edgeAt(drawing, { x: mid.x, y: mid.y - 40 })).toBeNull();
    expect(edgeAt(drawing, { x: tx, y: 400 + CARD_HEIGHT / 2 })).toBe('e2');
  });

  it('is used past the threshold only', () => {
    const plan = (n: number) => ({ edges: new Map(Array.from({ length: n }, (_, i) => [`e${i}`, dep(`e${i}`, 'a', 'b')])) }) as never;
    expect(drawsEdgesInBulk(plan(EDGE_BATCH_MIN_EDGES))).toBe(false);
    expect(drawsEdgesInBulk(plan(EDGE_BATCH_MIN_EDGES + 1))).toBe(true);
  });
});
