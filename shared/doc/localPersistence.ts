import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import type { PlanDocument } from './planDocument';

/** IndexedDB database name of a plan: one database per plan document. */
export const planDatabaseName = (planId: string) => `baton-plan-${planId}`;

/** A plan kept in the browser's IndexedDB: loaded on open, every change stored as it happens. */
export interface LocalPersistence {
  /** Resolves once the stored plan has been read into the document. */
  readonly whenLoaded: Promise<void>;
  /** Stops storing (the data stays). */
  close(): Promise<void>;
}

/** Keeps `plan` in IndexedDB with y-indexeddb, the local source of truth on this machine. */
export function persistLocally(plan: PlanDocument): LocalPersistence {
  const provider = new IndexeddbPersistence(planDatabaseName(plan.planId), plan.ydoc);
  return {
    whenLoaded: provider.whenSynced.then(() => undefined),
    close: () => provider.destroy(),
  };
}

/** Deletes a plan's stored data for good. */
export function deleteLocalPlan(planId: string): Promise<void> {
  return clearDocument(planDatabaseName(planId));
}
