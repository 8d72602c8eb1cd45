import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { fail, formatProblem, type Problem, type Result } from '../../../shared/model';

/** What a field hands its edits to: usually one `plan.commands.*` call, so one undo step. */
export type Commit<T> = (value: T) => Result<unknown>;

/** A refusal made in the field itself (say, text where a number belongs). */
export const refuse = (message: string): Result<never> => fail([{ path: '', message }]);

/**
 * Problems as the user reads them beside a field: a command names `nodes["t-1"].estimateDays`,
 * but next to "Estimate (days)" the message alone says it; problems about other fields keep their name.
 */
export function problemText(problems: readonly Problem[], field?: string): string {
  return problems
    .map((p) => {
      const path = p.path.replace(/^[a-z]+\["[^"]*"\]\.?/, '');
      return path === '' || path === field || (field !== undefined && path.startsWith(`${field}[`)) ? p.message : formatProblem({ ...p, path });
    })
    .join('\n');
}

/**
 * The text a field shows: the stored value, or the user's draft while they edit it. The draft
 * wins over remote changes only until it is committed or reverted; a refused commit keeps it.
 */
export function useDraft<T>(stored: T, commit: Commit<T>, field?: string) {
  // `refused`: the draft was committed and refused, so it is not tried again on its own.
  const [draft, setDraftState] = useState<{ value: T; refused: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // An edit still typed when the field goes away (the view switched, Alt+2) is committed, not lost.
  const pending = useRef<{ draft: typeof draft; stored: T; commit: Commit<T> }>({ draft, stored, commit });
  pending.current = { draft, stored, commit };
  // Kept in step at once, so a field unmounted right after a commit does not commit twice.
  const setDraft = (next: typeof draft) => {
    pending.current = { ...pending.current, draft: next };
    setDraftState(next);
  };
  useEffect(
    () => () => {
      const { draft: last, stored: was, commit: save } = pending.current;
      if (last && !last.refused && !Object.is(last.value, was)) save(last.value);
    },
    [],
  );
  return {
    value: draft ? draft.value : stored,
    editing: draft !== null,
    error,
    /** Records an edit without committing it. */
    change(value: T) {
      setDraft({ value, refused: false });
    },
    /** Commits `value` (or the draft); true when it was stored or nothing changed. */
    commit(value: T | undefined = draft?.value): boolean {
      if (value === undefined || Object.is(value, stored)) {
        setDraft(null);
        setError(null);
        return true;
      }
      const result = commit(value);
      if (result.ok) {
        setDraft(null);
        setError(null);
        return true;
      }
      setDraft({ value, refused: true });
      setError(problemText(result.error, field));
      return false;
    },
    /** Drops the draft and any error: the field shows the stored value again. */
    revert() {
      setDraft(null);
      setError(null);
    },
  };
}

/** A label, a control and the control's error, wired for assistive technology. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error: string | null;
  hint?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy, invalid: error !== null })}
      {hint && (
        <span id={hintId} className="field__hint">
          {hint}
        </span>
      )}
      {error && <ErrorText id={errorId}>{error}</ErrorText>}
    </div>
  );
}

/** A refused edit, announced. */
export function ErrorText({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} role="alert" className="field__error">
      {children}
    </p>
  );
}

/** Read-only facts as a definition list: `[label, value]` pairs. */
export function Facts({ items, label }: { items: readonly (readonly [string, ReactNode])[]; label?: string }) {
  return (
    <dl className="facts" aria-label={label}>
      {items.map(([term, value]) => (
        <div key={term} className="facts__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Keeps a panel's keystrokes from reaching the window's shortcut handlers (the canvas creates a
 * task on "t" and deletes on Delete unless an input has focus; a focused button here is not one).
 * Ctrl/Cmd and Alt shortcuts (undo, redo, switching views) still pass; a `modal` panel lets only
 * undo and redo through.
 */
export function keepKeysInside(event: KeyboardEvent, modal = false): void {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey && (key === 'z' || key === 'y')) return;
  if (modal || !(mod || event.altKey)) event.stopPropagation();
}
