import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findPath, successors, type GraphEdge } from '../../../shared/planning/graph';

const e = (source: string, target: string): GraphEdge => ({ source, target });

describe('successors', () => {
  it('lists each node\'s targets in edge order', () => {
    const next = successors([e('a', 'b'), e('a', 'c'), e('b', 'c')]);
    expect(next.get('a')).toEqual(['b', 'c']);
    expect(next.get('b')).toEqual(['c']);
    expect(next.has('c')).toBe(false);
  });
});

describe('findPath', () => {
  const edges = [e('infra', 'ws'), e('ws', 'ui'), e('ui', 'user-testing'), e('protocol', 'ui'), e('ws', 'load')];

  it('follows edges from source to target', () => {
    expect(findPath(edges, 'infra', 'ws')).toEqual(['infra', 'ws']);
    expect(findPath(edges, 'infra', 'user-testing')).toEqual(['infra', 'ws', 'ui', 'user-testing']);
    expect(findPath(edges, 'protocol', 'user-testing')).toEqual(['protocol', 'ui', 'user-testing']);
  });

  it('returns null against the direction of the edges, between unrelated nodes, and for unknown nodes', () => {
    expect(findPath(edges, 'user-testing', 'infra')).toBeNull();
    expect(findPath(edges, 'protocol', 'load')).toBeNull();
    expect(findPath(edges, 'ghost', 'ui')).toBeNull();
    expect(findPath(edges, 'infra', 'ghost')).toBeNull();
    expect(findPath([], 'a', 'b')).toBeNull();
  });

  it('a node reaches itself by the empty walk', () => {
    expect(findPath(edges, 'ws', 'ws')).toEqual(['ws']);
  });

  it('takes a shortest path', () => {
    expect(findPath([e('a', 'b'), e('b', 'c'), e('c', 'd'), e('a', 'd')], 'a', 'd')).toEqual(['a', 'd']);
  });

  it('breaks ties by id, whatever order the edges come in', () => {
    const forward = [e('a', 'y'), e('a', 'x'), e('x', 'd'), e('y', 'd')];
    expect(findPath(forward, 'a', 'd')).toEqual(['a', 'x', 'd']);
    expect(findPath([...forward].reverse(), 'a', 'd')).toEqual(['a', 'x', 'd']);
  });

  it('terminates on graphs that already have cycles', () => {
    const cyclic = [e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd')];
    expect(findPath(cyclic, 'b', 'a')).toEqual(['b', 'c', 'a']);
    expect(findPath(cyclic, 'a', 'd')).toEqual(['a', 'b', 'c', 'd']);
    expect(findPath(cyclic, 'd', 'a')).toBeNull();
  });

  it('handles duplicate edges', () => {
    expect(findPath([e('a', 'b'), e('a', 'b'), e('b', 'c')], 'a', 'c')).toEqual(['a', 'b', 'c']);
  });

  it('walks a 10,000-node chain without overflowing the stack', () => {
    const n = 10_000;
    const ids = Array.from({ length: n }, (_, i) => `t${i}`);
    const chain = ids.slice(1).map((id, i) => e(ids[i]!, id));
    const path = findPath(chain, 't0', `t${n - 1}`);
    expect(path).toHaveLength(n);
    expect(path).toEqual(ids);
    expect(findPath([...chain].reverse(), 't0', `t${n - 1}`)).toHaveLength(n);
    expect(findPath(chain, `t${n - 1}`, 't0')).toBeNull();
  });

  it('property: a path is a real walk along edges, and there is one exactly when the target is reachable', () => {
    const node = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    fc.assert(
      fc.property(fc.array(fc.tuple(node, node), { maxLength: 14 }), node, node, (pairs, from, to) => {
        const graph = pairs.map(([s, t]) => e(s, t));
        // Reachability by fixed point, independent of findPath.
        const reach = new Set<string>([from]);
        for (let changed = true; changed; ) {
          changed = false;
          for (const { source, target } of graph) {
            if (reach.has(source) && !reach.has(target)) {
              reach.add(target);
              changed = true;
            }
          }
        }
        const path = findPath(graph, from, to);
        if (!reach.has(to)) {
          expect(path).toBeNull();
          return;
        }
        expect(path).not.toBeNull();
        expect(path![0]).toBe(from);
        expect(path!.at(-1)).toBe(to);
        expect(new Set(path).size).toBe(path!.length);
        for (let i = 1; i < path!.length; i++) {
          expect(graph.some((g) => g.source === path![i - 1] && g.target === path![i])).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
