import { PlanDocument, type NodePatch } from '../../shared/doc';

/**
 * Measurement hooks for `npm run bench`, switched on only by `?bench` in the URL: render
 * counts per canvas node, and a way to apply a genuine remote edit (an update made on
 * another replica) to the open plan. Off, they cost one boolean check per render.
 */
export const benchEnabled = typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('bench');

const renders = new Map<string, number>();

/** Counts a render of a canvas node (bench only). */
export function countRender(id: string): void {
  if (benchEnabled) renders.set(id, (renders.get(id) ?? 0) + 1);
}

/** What the bench reads and drives from the page. */
export interface BenchHooks {
  renderCounts(): Record<string, number>;
  resetRenderCounts(): void;
  /** Edits a node on a second replica and applies the resulting update here, as a peer would. */
  remoteEdit(nodeId: string, patch: NodePatch): boolean;
}

declare global {
  interface Window {
    __batonBench?: BenchHooks;
  }
}

/** Exposes the hooks for the open plan (bench only); returns the cleanup. */
export function exposeBenchHooks(plan: PlanDocument): () => void {
  if (!benchEnabled) return () => {};
  window.__batonBench = {
    renderCounts: () => Object.fromEntries(renders),
    resetRenderCounts: () => renders.clear(),
    remoteEdit(nodeId, patch) {
      const peer = new PlanDocument({ actor: 'bench-peer' });
      peer.applyUpdate(plan.encodeState());
      const edited = peer.commands.updateNode(nodeId, patch);
      const applied = edited.ok && plan.applyUpdate(peer.encodeDiff(plan.encodeStateVector())).ok;
      peer.destroy();
      return applied;
    },
  };
  return () => {
    delete window.__batonBench;
  };
}
