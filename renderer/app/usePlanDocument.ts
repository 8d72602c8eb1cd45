import { useEffect, useState, useSyncExternalStore } from 'react';
import { PlanDocument, persistLocally } from '../../shared/doc';
import { formatProblems, type PlanSnapshot } from '../../shared/model';
import { takeHandedOverPlan } from './planHandover';
import { displayName } from './userIdentity';

/** An open plan: loading from IndexedDB, ready to edit, or refused with a reason. */
export type OpenPlan =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly plan: PlanDocument }
  | { readonly state: 'error'; readonly message: string };

/** Opens a plan from local storage for as long as the component is mounted; upgrades old layouts. */
export function usePlanDocument(planId: string): OpenPlan {
  const [open, setOpen] = useState<OpenPlan>({ state: 'loading' });
  useEffect(() => {
    let cancelled = false;
    const handed = takeHandedOverPlan(planId);
    const plan = handed?.plan ?? new PlanDocument({ actor: displayName(), planId });
    const stored = handed?.stored ?? persistLocally(plan);
    stored.whenLoaded.then(() => {
      if (cancelled) return;
      const migrated = plan.migrate();
      setOpen(migrated.ok ? { state: 'ready', plan } : { state: 'error', message: migrated.error });
    }, (e: unknown) => !cancelled && setOpen({ state: 'error', message: `could not read the plan from this browser's storage: ${String(e)}` }));
    return () => {
      cancelled = true;
      void stored.close().finally(() => plan.destroy());
    };
  }, [planId]);
  return open;
}

/** The plan's current snapshot, re-rendering when it changes. */
export function usePlanSnapshot(plan: PlanDocument): PlanSnapshot {
  return useSyncExternalStore(plan.subscribe, plan.getSnapshot);
}

/** Problems of a plan snapshot as one message, or null. */
export function snapshotProblemMessage(snapshot: PlanSnapshot): string | null {
  return snapshot.problems.length ? formatProblems(snapshot.problems) : null;
}
