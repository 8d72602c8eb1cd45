import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PeerPresence, PlanDocument, SyncConnection } from '../../shared/doc';
import type { PlanSnapshot } from '../../shared/model';
import type { PlanAnalysis } from '../../shared/planning';
import type { Selection, SelectionStore } from './selection';

/** The views a plan can be shown in. */
export type PlanViewName = 'canvas' | 'matrix' | 'board' | 'timeline' | 'sessions' | 'reflection';

/** What every view of an open plan reads: the document (for commands), its snapshot and analysis. */
export interface PlanContextValue {
  readonly plan: PlanDocument;
  readonly snapshot: PlanSnapshot;
  readonly analysis: PlanAnalysis;
  readonly selection: SelectionStore;
  /** Today as YYYY-MM-DD (the views' only clock reading). */
  readonly today: string;
  /** The live link to teammates, when the plan is shared. */
  readonly sync: SyncConnection | null;
  /** Everyone else in the plan right now. */
  readonly peers: readonly PeerPresence[];
  showView(view: PlanViewName): void;
}

const PlanContext = createContext<PlanContextValue | null>(null);

/** Provides the open plan to its views. */
export const PlanProvider = PlanContext.Provider;

/** The open plan; only inside a PlanProvider. */
export function usePlan(): PlanContextValue {
  const value = useContext(PlanContext);
  if (!value) throw new Error('usePlan outside a PlanProvider');
  return value;
}

/** The current selection, re-rendering when it changes. */
export function useSelection(): Selection {
  const { selection } = usePlan();
  return useSyncExternalStore(selection.subscribe, selection.get);
}
