import { useRef, useState, type ChangeEvent } from 'react';
import type { PlanLibrary } from '../../shared/doc';
import { importNotes, importPlanFile } from './importPlan';
import { navigate } from './useHashRoute';
import { displayName } from './userIdentity';

/** "Import plan": pick a `.json` or `.baton` file and open it as a plan (a `.baton` of a plan here merges). */
export function ImportPlanButton({ library, onError, label = 'Import plan' }: { library: PlanLibrary; onError(message: string | null): void; label?: string }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    // Imports of big files take a while: after half a second, say so.
    const slow = setTimeout(() => setBusy(true), 500);
    const imported = await importPlanFile(file.name, new Uint8Array(await file.arrayBuffer()), library, displayName()).finally(() => {
      clearTimeout(slow);
      setBusy(false);
    });
    if (!imported.ok) return onError(`Could not import ${imported.error}`);
    onError(importNotes(imported.value.notes));
    navigate({ view: 'plan', planId: imported.value.planId });
  }

  return (
    <>
      {busy && (
        <span role="progressbar" aria-label="Importing the plan" className="muted">
          Importing…
        </span>
      )}
      <button type="button" aria-label="Import plan" title="Import plan: a .json or .baton file (or drop one on the window)" onClick={() => fileInput.current?.click()}>
        {label}
      </button>
      <input ref={fileInput} type="file" accept=".json,.baton,application/json" hidden aria-label="Plan file to import" onChange={importFile} />
    </>
  );
}
