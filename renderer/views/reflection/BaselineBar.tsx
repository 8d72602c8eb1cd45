import { useState, type FormEvent } from 'react';
import type { Baseline, Result } from '../../../shared/model';
import { ErrorText, problemText } from '../../panels/fields/Field';
import { usePlan } from '../../app/planContext';

/** Baselines newest first: the one just taken is the one people look for. */
export function sortedBaselines(baselines: ReadonlyMap<string, Baseline>): Baseline[] {
  return [...baselines.values()].sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : a.id < b.id ? -1 : 1));
}

/** "Set baseline" (asks a name), the baseline compared with, and removing it. */
export function BaselineBar() {
  const { plan, snapshot, today } = usePlan();
  const [naming, setNaming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const baselines = sortedBaselines(snapshot.baselines);
  const chosen = snapshot.meta.baseline !== undefined && snapshot.baselines.has(snapshot.meta.baseline) ? snapshot.meta.baseline : '';

  const report = (result: Result<unknown>) => setError(result.ok ? null : problemText(result.error, 'name'));
  function save(event: FormEvent) {
    event.preventDefault();
    const result = plan.commands.setBaseline(naming ?? '');
    report(result);
    if (result.ok) setNaming(null);
  }

  return (
    <div className="reflection-baseline" role="group" aria-label="Baseline">
      <label>
        Compare with{' '}
        <select aria-label="Compare with baseline" value={chosen} onChange={(e) => report(plan.commands.chooseBaseline(e.target.value || null))}>
          <option value="">No baseline</option>
          {baselines.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} ({b.takenAt.slice(0, 10)}, {b.projectDays} d)
            </option>
          ))}
        </select>
      </label>
      {naming === null ? (
        <button type="button" onClick={() => setNaming(`Baseline ${today}`)} title="Freeze the current schedule to compare what happens against it">
          Set baseline
        </button>
      ) : (
        <form className="reflection-baseline__form" onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setNaming(null))}>
          <label>
            Baseline name{' '}
            <input value={naming} autoFocus maxLength={200} onChange={(e) => setNaming(e.target.value)} />
          </label>
          <button type="submit">Save baseline</button>
          <button type="button" onClick={() => setNaming(null)}>
            Cancel
          </button>
        </form>
      )}
      <button type="button" disabled={!chosen} onClick={() => chosen && report(plan.commands.removeBaseline(chosen))} title="Remove the chosen baseline">
        Remove baseline
      </button>
      {error && <ErrorText>{error}</ErrorText>}
    </div>
  );
}
