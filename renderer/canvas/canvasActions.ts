import { createContext, useContext } from 'react';

/**
 * What node components may ask of the canvas. Passed through a context with stable
 * functions, so memoized nodes never re-render because a callback changed identity.
 */
export interface CanvasActions {
  /** Starts editing a node's title in place. */
  startEditing(id: string): void;
  /** Commits a title (one undo step) and stops editing. */
  commitTitle(id: string, title: string): void;
  /** Stops editing without a change. */
  cancelEditing(): void;
}

export const CanvasActionsContext = createContext<CanvasActions | null>(null);

/** The canvas actions; only inside the canvas. */
export function useCanvasActions(): CanvasActions {
  const actions = useContext(CanvasActionsContext);
  if (!actions) throw new Error('useCanvasActions outside the canvas');
  return actions;
}
