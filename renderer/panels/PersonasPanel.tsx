import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { DEFAULT_CAPACITY_DAYS, formatProblems, PERSONA_PALETTE, personaColour, type Persona, type PlanSnapshot } from '../../shared/model';
import { usePlan } from '../app/planContext';
import { ErrorText, keepKeysInside, useDraft, type Commit } from './fields/Field';
import { SelectField, type Choice } from './fields/SelectField';
import { NumberField, TextField } from './fields/TextField';
import './panels.css';

const KINDS: readonly Choice[] = [
  { value: 'human', label: 'Human' },
  { value: 'agent', label: 'Agent' },
];

/** The first palette colour no persona uses yet, so a new persona stands out. */
function freeColour(personas: Iterable<Persona>): string {
  const used = new Set([...personas].map((p) => personaColour(p).toLowerCase()));
  return PERSONA_PALETTE.find((c) => !used.has(c)) ?? PERSONA_PALETTE[0];
}

/**
 * The plan's personas as a modal dialog: edit each inline, add, remove (after a confirmation
 * that says what removing unassigns). Escape or "Close" calls `onClose`.
 */
export function PersonasPanel({ onClose }: { onClose(): void }) {
  const { snapshot } = usePlan();
  const dialog = useRef<HTMLDialogElement>(null);
  const [adding, setAdding] = useState(false);
  const personas = useMemo(() => [...snapshot.personas.values()].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)), [snapshot.personas]);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!el.open) el.showModal();
    return () => {
      el.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="personas"
      aria-label="Personas"
      onKeyDown={(e) => keepKeysInside(e, true)}
      // Escape: the parent decides whether the panel goes (the native close would leave it mounted).
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="personas__header">
        <h2>Personas</h2>
        <span className="muted">
          {personas.length} {personas.length === 1 ? 'persona' : 'personas'}
        </span>
        <button type="button" className="personas__close" onClick={onClose}>
          Close
        </button>
      </header>
      {personas.length === 0 && <p className="muted">No personas yet: add the people and agents who build this feature.</p>}
      <ul className="personas__list">
        {personas.map((p) => (
          <li key={p.id}>
            <PersonaRow persona={p} snapshot={snapshot} />
          </li>
        ))}
      </ul>
      {adding ? (
        <NewPersonaForm colour={freeColour(snapshot.personas.values())} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="personas__add" onClick={() => setAdding(true)}>
          Add persona
        </button>
      )}
    </dialog>
  );
}

/** What removing a persona touches, so the confirmation can say it. */
function usage(snapshot: PlanSnapshot, id: string): { assigned: number; handoffs: number } {
  let assigned = 0;
  for (const n of snapshot.nodes.values()) {
    const fields = n as Partial<Record<'owner' | 'lead' | 'responsible' | 'createdBy', string>> & Partial<Record<'support' | 'usedBy', readonly string[]>>;
    if ([fields.owner, fields.lead, fields.responsible, fields.createdBy].includes(id) || fields.support?.includes(id) || fields.usedBy?.includes(id)) assigned++;
  }
  let handoffs = 0;
  for (const h of snapshot.handoffs.values()) if (h.from === id || h.to === id) handoffs++;
  return { assigned, handoffs };
}

/** One persona, edited inline: each field is its own commit (one undo step). */
function PersonaRow({ persona, snapshot }: { persona: Persona; snapshot: PlanSnapshot }) {
  const { plan } = usePlan();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const update = (patch: Parameters<typeof plan.commands.updatePersona>[1]) => plan.commands.updatePersona(persona.id, patch);

  function remove() {
    const r = plan.commands.removePersona(persona.id);
    if (!r.ok) setError(formatProblems(r.error));
  }

  const used = confirming ? usage(snapshot, persona.id) : null;
  return (
    <fieldset className="persona-row" style={{ borderLeftColor: personaColour(persona) }}>
      <legend className="persona-row__legend">
        <span className="swatch" style={{ background: personaColour(persona) }} aria-hidden="true" />
        {persona.name}
      </legend>
      <div className="persona-row__fields">
        <TextField label="Name" field="name" value={persona.name} onCommit={(v) => update({ name: v.trim() })} required />
        <TextField label="Role" field="role" value={persona.role ?? ''} onCommit={(v) => update({ role: v.trim() === '' ? null : v.trim() })} />
        {/* updatePersona keeps `kind` fixed (like a node's kind): it is chosen when the persona is added. */}
        <SelectField label="Kind" value={persona.kind} choices={KINDS} disabled title="Chosen when the persona is added" onCommit={() => ({ ok: true, value: undefined })} />
        <NumberField
          label="Capacity (days/week)"
          field="capacity"
          value={persona.capacity}
          min={0}
          max={7}
          step={0.5}
          placeholder={String(DEFAULT_CAPACITY_DAYS)}
          onCommit={(n) => update({ capacity: n })}
        />
        <ColourField label="Colour" field="colour" value={personaColour(persona)} onCommit={(c) => update({ colour: c })} />
        <div className="persona-row__remove">
          <button type="button" aria-label={`Remove ${persona.name}`} title={`Remove ${persona.name}`} disabled={confirming} onClick={() => setConfirming(true)}>
            Remove…
          </button>
        </div>
      </div>
      {confirming && used && (
        <div className="confirm" role="group" aria-label={`Remove ${persona.name}?`}>
          <span>
            Remove {persona.name}?{' '}
            {used.assigned + used.handoffs > 0
              ? `${used.assigned} item${used.assigned === 1 ? '' : 's'} lose${used.assigned === 1 ? 's' : ''} this persona and ${used.handoffs} handoff${used.handoffs === 1 ? '' : 's'} will be dropped.`
              : 'Nothing in the plan refers to them.'}
          </span>
          <button type="button" className="danger" onClick={remove}>
            Remove
          </button>
          <button type="button" onClick={() => setConfirming(false)} autoFocus>
            Cancel
          </button>
        </div>
      )}
      {error && <ErrorText>{error}</ErrorText>}
    </fieldset>
  );
}

/**
 * A colour picker committed when the picker closes (the native change event), not on every
 * hue it passes through while dragging: one colour change is one undo step.
 */
function ColourField({ label, value, onCommit, field }: { label: string; value: string; onCommit: Commit<string>; field?: string }) {
  const draft = useDraft(value.toLowerCase(), onCommit, field);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const commit = useRef(draft.commit);
  commit.current = draft.commit;
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const onChange = () => commit.current(el.value.toLowerCase());
    el.addEventListener('change', onChange);
    return () => el.removeEventListener('change', onChange);
  }, []);
  return (
    <div className={draft.error ? 'field field--colour field--invalid' : 'field field--colour'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input ref={input} id={id} type="color" value={draft.value} onChange={(e) => draft.change(e.target.value.toLowerCase())} />
      {draft.error && <ErrorText>{draft.error}</ErrorText>}
    </div>
  );
}

/** The "Add persona" form; a refused persona keeps what was typed. */
function NewPersonaForm({ colour, onDone }: { colour: string; onDone(): void }) {
  const { plan } = usePlan();
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [kind, setKind] = useState<'human' | 'agent'>('human');
  const [capacity, setCapacity] = useState('');
  const [pickedColour, setColour] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const cap = capacity.trim() === '' ? undefined : Number(capacity);
    if (cap !== undefined && !Number.isFinite(cap)) return setError('Capacity: expected a number of days per week');
    const r = plan.commands.addPersona({
      name: name.trim(),
      kind,
      colour: pickedColour ?? colour,
      ...(role.trim() ? { role: role.trim() } : {}),
      ...(cap !== undefined ? { capacity: cap } : {}),
    });
    if (!r.ok) return setError(formatProblems(r.error.map((p) => ({ ...p, path: p.path.replace(/^personas\["[^"]*"\]\.?/, '') }))));
    setError(null);
    onDone();
  }

  return (
    <form className="persona-row persona-row--new" aria-label="New persona" onSubmit={submit}>
      <div className="persona-row__fields">
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-name`}>
            Name
          </label>
          <input id={`${ids}-name`} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-role`}>
            Role
          </label>
          <input id={`${ids}-role`} value={role} onChange={(e) => setRole(e.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-kind`}>
            Kind
          </label>
          <select id={`${ids}-kind`} value={kind} onChange={(e) => setKind(e.target.value as 'human' | 'agent')}>
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-capacity`}>
            Capacity (days/week)
          </label>
          <input id={`${ids}-capacity`} type="number" min={0} max={7} step={0.5} placeholder={String(DEFAULT_CAPACITY_DAYS)} value={capacity} onChange={(e) => setCapacity(e.target.value)} />
        </div>
        <div className="field field--colour">
          <label className="field__label" htmlFor={`${ids}-colour`}>
            Colour
          </label>
          <input id={`${ids}-colour`} type="color" value={pickedColour ?? colour} onChange={(e) => setColour(e.target.value)} />
        </div>
      </div>
      {error && <ErrorText>{error}</ErrorText>}
      <div className="persona-row__actions">
        <button type="submit">Add</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
