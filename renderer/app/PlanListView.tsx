import { useState, useSyncExternalStore, type FormEvent } from 'react';
import type { PlanLibrary, PlanSummary } from '../../shared/doc';
import { formatProblems } from '../../shared/model';
import { EXAMPLE_PLAN } from '../../shared/model/examplePlan';
import { ImportPlanButton } from './ImportPlanButton';
import { JoinDialog } from './JoinDialog';
import { createPlanFromJson } from './importPlan';
import { navigate } from './useHashRoute';
import { displayName } from './userIdentity';

/** The start screen: every plan on this machine, with create, rename, delete and open. */
export function PlanListView({ library }: { library: PlanLibrary }) {
  const plans = useSyncExternalStore(library.subscribe, library.getPlans);
  const [newTitle, setNewTitle] = useState('');
  const [error, setError] = useState<string | null>(null);

  // An invite link opens the list with the invite ready to accept.
  const [joining, setJoining] = useState<string | null>(() => (window.location.hash.startsWith('#/join/') ? window.location.hash : null));

  async function createExample() {
    const created = await createPlanFromJson(EXAMPLE_PLAN, library, displayName());
    if (!created.ok) return setError(`Could not create the example: ${created.error}`);
    setError(null);
    navigate({ view: 'plan', planId: created.value.planId });
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    const created = await library.createPlan(newTitle, displayName());
    if (!created.ok) return setError(formatProblems(created.error));
    setError(null);
    setNewTitle('');
    navigate({ view: 'plan', planId: created.value });
  }

  return (
    <main className="plan-list">
      <header className="plan-list__header">
        <h1>
          <img src="./favicon.svg" alt="" width={28} height={28} /> Baton
        </h1>
        <p className="muted">Plan features that several personas build in parallel.</p>
      </header>
      <form className="plan-list__new" onSubmit={create}>
        <label htmlFor="new-plan-title">New plan</label>
        <input id="new-plan-title" placeholder="Feature to plan, e.g. Real-time Collaboration System" value={newTitle} onChange={(e) => setNewTitle(e.target.value)} />
        <button type="submit">Create plan</button>
        <button type="button" title="New plan from the Real-time Collaboration System example" onClick={createExample}>
          New from example
        </button>
        <ImportPlanButton library={library} onError={setError} />
        <button type="button" title="Join a teammate's plan with the invite they shared" onClick={() => setJoining('')}>
          Join plan
        </button>
      </form>
      {joining !== null && <JoinDialog library={library} initialInvite={joining} onClose={() => setJoining(null)} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {plans.length === 0 ? (
        <p className="muted">No plans yet. Name a feature above to start one.</p>
      ) : (
        <ul className="plan-list__items" aria-label="Plans">
          {plans.map((plan) => (
            <PlanRow key={plan.id} plan={plan} library={library} onError={setError} />
          ))}
        </ul>
      )}
    </main>
  );
}

function PlanRow({ plan, library, onError }: { plan: PlanSummary; library: PlanLibrary; onError: (message: string | null) => void }) {
  const [mode, setMode] = useState<'idle' | 'renaming' | 'deleting'>('idle');
  const [title, setTitle] = useState(plan.title);

  async function rename(event: FormEvent) {
    event.preventDefault();
    const renamed = await library.renamePlan(plan.id, title, displayName());
    if (!renamed.ok) return onError(formatProblems(renamed.error));
    onError(null);
    setMode('idle');
  }

  async function remove() {
    const removed = await library.deletePlan(plan.id);
    if (!removed.ok) onError(formatProblems(removed.error));
  }

  return (
    <li className="plan-row" data-plan-id={plan.id}>
      {mode === 'renaming' ? (
        <form className="plan-row__rename" onSubmit={rename}>
          <input aria-label={`New title for ${plan.title}`} value={title} autoFocus onChange={(e) => setTitle(e.target.value)} />
          <button type="submit">Save</button>
          <button type="button" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      ) : (
        <a className="plan-row__title" href={`#/plan/${plan.id}`}>
          {plan.title}
        </a>
      )}
      <span className="muted plan-row__date">edited {new Date(plan.updatedAt).toLocaleString()}</span>
      {mode === 'idle' && (
        <span className="plan-row__actions">
          <button type="button" aria-label={`Rename ${plan.title}`} onClick={() => (setTitle(plan.title), setMode('renaming'))}>
            Rename
          </button>
          <button type="button" aria-label={`Delete ${plan.title}`} onClick={() => setMode('deleting')}>
            Delete
          </button>
        </span>
      )}
      {mode === 'deleting' && (
        <span className="plan-row__actions" role="group" aria-label={`Confirm deleting ${plan.title}`}>
          <span>Delete for good?</span>
          <button type="button" className="danger" onClick={remove}>
            Delete plan
          </button>
          <button type="button" onClick={() => setMode('idle')}>
            Keep
          </button>
        </span>
      )}
    </li>
  );
}
