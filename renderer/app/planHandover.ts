import type { LocalPersistence, PlanDocument } from '../../shared/doc';

/** A plan just built in memory (an import) with its local storage still attached. */
export interface HandedOverPlan {
  readonly plan: PlanDocument;
  readonly stored: LocalPersistence;
}

let waiting: HandedOverPlan | null = null;

/**
 * Keeps a freshly imported plan open for the plan view that is about to show it, so a large
 * import is not written to IndexedDB and then read straight back. One slot: a newer hand-over
 * (or none taken) closes the previous one.
 */
export function handOverPlan(next: HandedOverPlan): void {
  if (waiting) void releasePlan(waiting);
  waiting = next;
}

/** The plan handed over for this id, if any (taking it empties the slot). */
export function takeHandedOverPlan(planId: string): HandedOverPlan | null {
  if (waiting?.plan.planId !== planId) return null;
  const taken = waiting;
  waiting = null;
  return taken;
}

/** Stops storing a plan and frees it. */
export function releasePlan({ plan, stored }: HandedOverPlan): Promise<void> {
  return stored.close().finally(() => plan.destroy());
}
