import { useRef, type ChangeEvent } from 'react';
import type { PlanLibrary } from '../../shared/doc';
import { importPlanFile } from './importPlan';
import { navigate } from './useHashRoute';
import { displayName } from './userIdentity';

/** "Import plan": pick a `.json` or `.baton` file and open it as a plan (a `.baton` of a plan here merges). */
export function ImportPlanButton({ library, onError, label = 'Import plan' }: { library: PlanLibrary; onError(message: string | null): void; label?: string }) {
  const fileInput = useRef<HTMLInputElement>(null);

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const imported = await importPlanFile(file.name, new Uint8Array(await file.arrayBuffer()), library, displayName());
    if (!imported.ok) return onError(`Could not import ${imported.error}`);
    onError(null);
    navigate({ view: 'plan', planId: imported.value });
  }

  return (
    <>
      <button type="button" aria-label="Import plan" title="Import plan: a .json or .baton file (or drop one on the window)" onClick={() => fileInput.current?.click()}>
        {label}
      </button>
      <input ref={fileInput} type="file" accept=".json,.baton,application/json" hidden aria-label="Plan file to import" onChange={importFile} />
    </>
  );
}
