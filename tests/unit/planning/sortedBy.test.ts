import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sortedBy } from '../../../shared/planning';

describe('sortedBy', () => {
  it('sorts by each key in turn: numbers by value, strings in code-unit order (not locale order)', () => {
    const rows = [
      { start: 2, title: 'b', id: 'x' },
      { start: 0, title: 'Z', id: 'y' },
      { start: 0, title: 'a', id: 'z' },
      { start: 0, title: 'a', id: 'w' },
      { start: -Infinity, title: 'late', id: 'v' },
    ];
    expect(sortedBy(rows, (r) => [r.start, r.title, r.id]).map((r) => r.id)).toEqual(['v', 'y', 'w', 'z', 'x']);
  });

  it('keeps the input order for equal keys and leaves the input as it was', () => {
    const input = ['b1', 'a1', 'b2', 'a2'];
    expect(sortedBy(input, (s) => [s[0]!])).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(input).toEqual(['b1', 'a1', 'b2', 'a2']);
  });

  it('computes each key once per item', () => {
    let calls = 0;
    sortedBy(
      Array.from({ length: 500 }, (_, i) => (i * 7919) % 500),
      (n) => {
        calls++;
        return [n];
      },
    );
    expect(calls).toBe(500);
  });

  it('agrees with a stable sort by a comparator over the same keys', () => {
    const key = fc.tuple(fc.integer({ min: -3, max: 3 }), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), (items) => {
        const compare = (a: [number, string], b: [number, string]) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
        expect(sortedBy(items, (k) => k)).toEqual([...items].sort(compare));
      }),
    );
  });
});
