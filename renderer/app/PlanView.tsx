import { useEffect } from 'react';
import type { PlanDocument, PlanLibrary } from '../../shared/doc';
import { PlanCanvas } from '../canvas/PlanCanvas';
import { navigate } from './useHashRoute';
import { snapshotProblemMessage, usePlanDocument, usePlanSnapshot } from './usePlanDocument';

/** One open plan: its title and its canvas. */
export function PlanView({ planId, library }: { planId: string; library: PlanLibrary }) {
  const open = usePlanDocument(planId);
  if (open.state === 'loading') return <p className="centered muted">Opening plan…</p>;
  if (open.state === 'error') {
    return (
      <main className="centered">
        <p role="alert" className="error">
          This plan cannot be opened: {open.message}
        </p>
        <button type="button" onClick={() => navigate({ view: 'list' })}>
          Back to plans
        </button>
      </main>
    );
  }
  return <OpenPlanView plan={open.plan} library={library} />;
}

function OpenPlanView({ plan, library }: { plan: PlanDocument; library: PlanLibrary }) {
  const snapshot = usePlanSnapshot(plan);
  const title = snapshot.meta.title;
  const problems = snapshotProblemMessage(snapshot);
  // The list keeps a copy of the title so it can show plans without opening them.
  useEffect(() => library.noteTitle(plan.planId, title), [library, plan, title]);
  useEffect(() => {
    document.title = `${title} — Baton`;
    return () => void (document.title = 'Baton');
  }, [title]);
  return (
    <div className="plan-view">
      <header className="plan-view__header">
        <button type="button" onClick={() => navigate({ view: 'list' })} aria-label="Back to plans" title="Back to plans">
          ← Plans
        </button>
        <h1 className="plan-view__title">{title}</h1>
      </header>
      {problems && (
        <p role="status" className="warning">
          Some parts of this plan could not be read and are hidden: {problems}
        </p>
      )}
      <section className="plan-view__canvas" aria-label="Canvas">
        <PlanCanvas snapshot={snapshot} />
      </section>
    </div>
  );
}
