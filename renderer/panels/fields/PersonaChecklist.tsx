import { personaColour, type Persona } from '../../../shared/model';
import { ErrorText, useDraft, type Commit } from './Field';

/** Several personas picked with checkboxes (workstream support, artifact users); committed on each change. */
export function PersonaChecklist({
  label,
  value,
  personas,
  onCommit,
  field,
}: {
  label: string;
  value: readonly string[] | undefined;
  personas: readonly Persona[];
  /** Receives the new list; empty when nobody is picked. */
  onCommit: Commit<string[]>;
  field?: string;
}) {
  const draft = useDraft<readonly string[]>(value ?? [], (ids) => onCommit([...ids]), field);
  const picked = new Set(draft.value);
  // Ids that name no persona (yet: a teammate's persona still syncing) are kept, not dropped.
  const toggle = (id: string, on: boolean) => draft.commit(on ? [...draft.value, id] : draft.value.filter((p) => p !== id));
  return (
    <fieldset className="field persona-checklist">
      <legend className="field__label">{label}</legend>
      {personas.length === 0 && <p className="muted">No personas yet.</p>}
      {personas.map((p) => (
        <label key={p.id} className="persona-checklist__item">
          <input type="checkbox" checked={picked.has(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
          <span className="swatch" style={{ background: personaColour(p) }} aria-hidden="true" />
          {p.name}
        </label>
      ))}
      {draft.error && <ErrorText>{draft.error}</ErrorText>}
    </fieldset>
  );
}
