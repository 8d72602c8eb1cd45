/** What is selected in the open plan, shared by every view (a click in the matrix selects on the canvas). */
export interface Selection {
  readonly nodes: ReadonlySet<string>;
  readonly edges: ReadonlySet<string>;
}

const EMPTY: Selection = Object.freeze({ nodes: new Set<string>(), edges: new Set<string>() });

/** A tiny external store for the selection, read with useSyncExternalStore. */
export class SelectionStore {
  private current: Selection = EMPTY;
  private readonly listeners = new Set<() => void>();

  get = (): Selection => this.current;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Replaces the selection. */
  set(nodes: Iterable<string>, edges: Iterable<string> = []): void {
    const next = { nodes: new Set(nodes), edges: new Set(edges) };
    if (sameSet(next.nodes, this.current.nodes) && sameSet(next.edges, this.current.edges)) return;
    this.current = Object.freeze(next);
    for (const l of this.listeners) l();
  }

  clear(): void {
    this.set([], []);
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
