import { useRef, type KeyboardEvent } from 'react';
import { Field, refuse, useDraft, type Commit } from './Field';

interface TextFieldProps {
  label: string;
  value: string;
  /** Receives the text as typed; return the command's result. */
  onCommit: Commit<string>;
  /** The entity field the command reports problems under (to keep their messages short). */
  field?: string;
  /** A textarea: Enter is a new line, Ctrl+Enter (or leaving the field) commits. */
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'date';
  placeholder?: string;
  hint?: string;
  required?: boolean;
}

/** Whether a key press commits: Enter in a line, Ctrl/Cmd+Enter in a textarea, never mid-composition. */
export function isCommitKey(event: KeyboardEvent, multiline = false): boolean {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return false;
  return multiline ? event.ctrlKey || event.metaKey : true;
}

/** A text input or textarea committed on blur or Enter: one command per commit. */
export function TextField({ label, value, onCommit, field, multiline, rows = 3, type = 'text', placeholder, hint, required }: TextFieldProps) {
  const draft = useDraft(value, onCommit, field);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (isCommitKey(event, multiline)) {
      event.preventDefault();
      draft.commit();
    } else if (event.key === 'Escape' && draft.editing) {
      event.preventDefault();
      event.stopPropagation();
      draft.revert();
    }
  };
  return (
    <Field label={label} error={draft.error} hint={hint}>
      {({ id, describedBy, invalid }) =>
        multiline ? (
          <textarea
            id={id}
            rows={rows}
            value={draft.value}
            placeholder={placeholder}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => draft.change(e.target.value)}
            onBlur={() => draft.commit()}
            onKeyDown={onKeyDown}
          />
        ) : (
          <input
            id={id}
            type={type}
            value={draft.value}
            placeholder={placeholder}
            required={required}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => draft.change(e.target.value)}
            onBlur={() => draft.commit()}
            onKeyDown={onKeyDown}
          />
        )
      }
    </Field>
  );
}

/** One entry per line in a textarea (deliverables, competing positions); blank lines are dropped. */
export function LinesField({ label, value, onCommit, field, hint }: { label: string; value: readonly string[] | undefined; onCommit: Commit<string[]>; field?: string; hint?: string }) {
  return (
    <TextField
      label={label}
      field={field}
      multiline
      rows={Math.min(8, Math.max(3, (value?.length ?? 0) + 1))}
      hint={hint ?? 'One per line'}
      value={(value ?? []).join('\n')}
      onCommit={(text) =>
        onCommit(
          text
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        )
      }
    />
  );
}

interface NumberFieldProps {
  label: string;
  value: number | undefined;
  /** Receives the number, or null when the field was emptied. */
  onCommit: Commit<number | null>;
  field?: string;
  min?: number;
  max?: number;
  step?: number;
  placeholder?: string;
  hint?: string;
}

/** A number input committed on blur or Enter; emptying it clears the field. */
export function NumberField({ label, value, onCommit, field, min, max, step, placeholder, hint }: NumberFieldProps) {
  // A number input reports half-typed text ("1e", "-") as empty: remember that it is not a number.
  const badInput = useRef(false);
  const draft = useDraft(
    value === undefined ? '' : String(value),
    (text) => {
      if (badInput.current) return refuse('expected a number');
      const trimmed = text.trim();
      if (trimmed === '') return onCommit(null);
      const n = Number(trimmed);
      return Number.isFinite(n) ? onCommit(n) : refuse('expected a number');
    },
    field,
  );
  return (
    <Field label={label} error={draft.error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={draft.value}
          placeholder={placeholder}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            badInput.current = e.target.validity.badInput;
            draft.change(e.target.value);
          }}
          onBlur={() => draft.commit()}
          onKeyDown={(e) => {
            if (isCommitKey(e)) {
              e.preventDefault();
              draft.commit();
            } else if (e.key === 'Escape' && draft.editing) {
              e.preventDefault();
              e.stopPropagation();
              draft.revert();
            }
          }}
        />
      )}
    </Field>
  );
}
