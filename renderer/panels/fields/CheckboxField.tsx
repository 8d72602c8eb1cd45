import { useId } from 'react';
import { ErrorText, useDraft, type Commit } from './Field';

/** A checkbox committed on change. */
export function CheckboxField({ label, checked, onCommit, field }: { label: string; checked: boolean; onCommit: Commit<boolean>; field?: string }) {
  const draft = useDraft(checked, onCommit, field);
  const id = useId();
  return (
    <div className="field field--checkbox">
      <label>
        <input type="checkbox" checked={draft.value} aria-describedby={draft.error ? `${id}-error` : undefined} onChange={(e) => draft.commit(e.target.checked)} />
        {label}
      </label>
      {draft.error && <ErrorText id={`${id}-error`}>{draft.error}</ErrorText>}
    </div>
  );
}
