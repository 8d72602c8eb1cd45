import { useEffect, useState } from 'react';
import type { PlanLibrary } from '../../shared/doc';
import { importNotes, importPlanFile } from './importPlan';
import { navigate } from './useHashRoute';
import { displayName } from './userIdentity';

/**
 * Dropping a `.json` or `.baton` file anywhere on the window opens it as a plan. Returns the
 * last refusal (a bad file), for the shell to show.
 */
export function useFileDrop(library: PlanLibrary): [string | null, (message: string | null) => void] {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
    };
    const onDrop = async (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      const imported = await importPlanFile(file.name, new Uint8Array(await file.arrayBuffer()), library, displayName());
      if (!imported.ok) return setError(`Could not open ${imported.error}`);
      setError(importNotes(imported.value.notes));
      navigate({ view: 'plan', planId: imported.value.planId });
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [library]);
  return [error, setError];
}
