/** Code-unit order of two strings: the same on every machine (unlike localeCompare). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One sort key: numbers compare by value, strings in code-unit order (the same on every machine). */
export type SortKey = number | string;

/**
 * `items` sorted by the keys `keyOf` gives each (compared in turn), without changing the
 * input. Each item's keys are computed once, not once per comparison: sorting 5,000 tasks
 * by looked-up titles and parsed dates would otherwise do some 60,000 lookups of each.
 */
export function sortedBy<T>(items: readonly T[], keyOf: (item: T) => readonly SortKey[]): T[] {
  const keys = items.map(keyOf);
  const order = items.map((_, i) => i);
  order.sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    for (let k = 0; k < ka.length; k++) {
      const x = ka[k]!;
      const y = kb[k]!;
      if (x === y) continue;
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      return x < y ? -1 : 1;
    }
    return a - b;
  });
  return order.map((i) => items[i]!);
}
