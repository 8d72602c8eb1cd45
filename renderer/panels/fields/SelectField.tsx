import { Field, useDraft, type Commit } from './Field';

/** One choice of a select; `value: ''` is the "none" choice. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

interface SelectFieldProps {
  label: string;
  value: string;
  choices: readonly Choice[];
  /** Receives the chosen value ('' for the "none" choice). */
  onCommit: Commit<string>;
  field?: string;
  hint?: string;
  disabled?: boolean;
  /** A tooltip on the select (why it is disabled, say). */
  title?: string;
}

/** A select committed on change; a refused choice stays shown with its error. */
export function SelectField({ label, value, choices, onCommit, field, hint, disabled, title }: SelectFieldProps) {
  const draft = useDraft(value, onCommit, field);
  // A value that is not among the choices (a persona removed by a teammate a moment ago) still shows.
  const known = choices.some((c) => c.value === draft.value);
  return (
    <Field label={label} error={draft.error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <select id={id} value={draft.value} disabled={disabled} title={title} aria-invalid={invalid || undefined} aria-describedby={describedBy} onChange={(e) => draft.commit(e.target.value)}>
          {!known && <option value={draft.value}>Unknown ({draft.value})</option>}
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
