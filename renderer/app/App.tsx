import { useState } from 'react';
import { PlanLibrary } from '../../shared/doc';
import { PlanListView } from './PlanListView';
import { PlanView } from './PlanView';
import { useHashRoute } from './useHashRoute';

/** The shell: the plan list, or the open plan. */
export function App() {
  const [library] = useState(() => new PlanLibrary());
  const route = useHashRoute();
  return route.view === 'plan' ? <PlanView key={route.planId} planId={route.planId} library={library} /> : <PlanListView library={library} />;
}
