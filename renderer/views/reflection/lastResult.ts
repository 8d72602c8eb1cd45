/**
 * A one-entry cache: asked with the same keys as last time (compared by identity), it returns
 * the last result without computing. The view keeps these at module level, so switching away
 * from the Reflection tab and back does not recompute evidence over a 5,000-task log when
 * nothing changed (a hook's memo is dropped on unmount).
 */
export function lastResult<R>(): (keys: readonly unknown[], compute: () => R) => R {
  let last: { keys: readonly unknown[]; result: R } | null = null;
  return (keys, compute) => {
    if (last && last.keys.length === keys.length && last.keys.every((k, i) => Object.is(k, keys[i]))) return last.result;
    const result = compute();
    last = { keys, result };
    return result;
  };
}
