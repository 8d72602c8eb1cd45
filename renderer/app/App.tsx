import { useState } from 'react';
import { PlanLibrary } from '../../shared/doc';
import { PlanListView } from './PlanListView';
import { PlanView } from './PlanView';
import { useFileDrop } from './useFileDrop';
import { useHashRoute } from './useHashRoute';

/** The shell: the plan list, or the open plan; a plan file dropped anywhere opens. */
export function App() {
  const [library] = useState(() => new PlanLibrary());
  const route = useHashRoute();
  const [dropError, setDropError] = useFileDrop(library);
  return (
    <>
      {dropError && (
        <div role="alert" className="banner banner--error drop-error">
          <span>{dropError}</span>
          <button type="button" onClick={() => setDropError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {route.view === 'plan' ? <PlanView key={route.planId} planId={route.planId} library={library} /> : <PlanListView library={library} />}
    </>
  );
}
