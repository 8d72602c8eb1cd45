import { describe, expect, it } from 'vitest';
import { topologicalOrder, type GraphEdge } from '../../../shared/planning';

const edges = (...pairs: [string, string][]): GraphEdge[] => pairs.map(([source, target]) => ({ source, target }));

describe('topologicalOrder', () => {
  it('orders an empty graph, and nodes without edges by id', () => {
    expect(topologicalOrder([], [])).toEqual({ order: [], cycle: null });
    expect(topologicalOrder(['c', 'a', 'b'], [])).toEqual({ order: ['a', 'b', 'c'], cycle: null });
  });

  it('puts every node after its prerequisites, breaking ties by the smaller id', () => {
    // In-degrees: a 1, b 1, c 0, d 0, e 0. Ready {c, d, e}: c frees b, which beats d; d frees a.
    expect(topologicalOrder(['a', 'b', 'c', 'd', 'e'], edges(['d', 'a'], ['c', 'b']))).toEqual({ order: ['c', 'b', 'd', 'a', 'e'], cycle: null });
  });

  it('gives the same order whatever order nodes and edges come in', () => {
    const nodes = ['t1', 't10', 't2', 'm', 'a', 'z'];
    const es = edges(['z', 't1'], ['t2', 't1'], ['a', 'm'], ['t10', 'm']);
    const expected = topologicalOrder(nodes, es);
    expect(expected.order).toEqual(['a', 't10', 'm', 't2', 'z', 't1']);
    expect(topologicalOrder([...nodes].reverse(), [...es].reverse())).toEqual(expected);
  });

  it('ignores edges to or from nodes it was not given, and tolerates duplicate edges', () => {
    expect(topologicalOrder(['a', 'b'], edges(['x', 'a'], ['b', 'y'], ['b', 'a'], ['b', 'a']))).toEqual({ order: ['b', 'a'], cycle: null });
  });

  it('returns the cycle in dependency order, starting at its smallest id', () => {
    expect(topologicalOrder(['a', 'b', 'c'], edges(['a', 'b'], ['b', 'c'], ['c', 'a']))).toEqual({ order: null, cycle: ['a', 'b', 'c'] });
    expect(topologicalOrder(['c', 'b', 'a'], edges(['c', 'a'], ['b', 'c'], ['a', 'b']))).toEqual({ order: null, cycle: ['a', 'b', 'c'] });
    expect(topologicalOrder(['a', 'b', 'c'], edges(['a', 'c'], ['c', 'b'], ['b', 'a']))).toEqual({ order: null, cycle: ['a', 'c', 'b'] });
  });

  it('a self-loop is a cycle of one node; a two-node loop a cycle of two', () => {
    expect(topologicalOrder(['a', 'b'], edges(['a', 'b'], ['b', 'b']))).toEqual({ order: null, cycle: ['b'] });
    expect(topologicalOrder(['a', 'b'], edges(['b', 'a'], ['a', 'b']))).toEqual({ order: null, cycle: ['a', 'b'] });
  });

  it('names only the cycle, not the work before or after it', () => {
    // pre -> x -> y -> z -> x, and z -> after: `after` is unorderable too, but not on the cycle.
    const r = topologicalOrder(['pre', 'x', 'y', 'z', 'after', 'aa'], edges(['pre', 'x'], ['x', 'y'], ['y', 'z'], ['z', 'x'], ['z', 'after'], ['aa', 'pre']));
    expect(r).toEqual({ order: null, cycle: ['x', 'y', 'z'] });
  });

  it('with a chord inside the cycle, still names a real cycle, the same one every time', () => {
    // a -> b -> c -> d -> a with the chord b -> d: either way round is a true cycle.
    const es = edges(['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'a'], ['b', 'd']);
    const r = topologicalOrder(['a', 'b', 'c', 'd'], es);
    expect([['a', 'b', 'd'], ['a', 'b', 'c', 'd']]).toContainEqual(r.cycle);
    expect(topologicalOrder(['d', 'c', 'b', 'a'], [...es].reverse())).toEqual(r);
  });

  it('handles 10,000 nodes, in a chain or in one big cycle, without recursion', () => {
    const n = 10_000;
    const ids = Array.from({ length: n }, (_, i) => `n${String(n - i).padStart(5, '0')}`);
    const chain = ids.slice(1).map((id, i) => ({ source: ids[i]!, target: id }));
    const ordered = topologicalOrder([...ids].sort(), chain);
    expect(ordered.order).toEqual(ids);
    const cyclic = topologicalOrder(ids, [...chain, { source: ids[n - 1]!, target: ids[0]! }]);
    expect(cyclic.cycle).toHaveLength(n);
    expect(cyclic.cycle![0]).toBe('n00001');
    expect(cyclic.cycle![1]).toBe(ids[0]);
  });
});
