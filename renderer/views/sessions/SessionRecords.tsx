import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { formatProblems, newId, type ActionItem, type CoordinationSession, type NodeOfKind, type Persona, type PlanNode, type Result } from '../../../shared/model';
import { usePlan } from '../../app/planContext';
import { ErrorText } from '../../panels/fields/Field';
import { formatWhen, personaName } from './sessionFacts';

// What the team records during a session: decisions and risks (nodes of the plan linked to the
// session by `session`) and action items (in the session itself). Every write is a command; a
// refused one shows the command's message and leaves the form as typed.

/** Runs a command and keeps its refusal as the message to show. */
function useCommand(): [string | null, (r: Result<unknown>) => boolean] {
  const [error, setError] = useState<string | null>(null);
  const run = (r: Result<unknown>) => {
    setError(r.ok ? null : formatProblems(r.error));
    return r.ok;
  };
  return [error, run];
}

/** A labelled control of a record form. */
function FormField({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(id)}
    </div>
  );
}

const LEVELS = [
  { value: '', label: '—' },
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
] as const;

/** Nodes of one kind recorded in this session, by title. */
function useSessionNodes<K extends 'decision' | 'risk'>(session: CoordinationSession, kind: K): NodeOfKind<K>[] {
  const { snapshot } = usePlan();
  return useMemo(() => {
    const found: PlanNode[] = [...snapshot.nodes.values()].filter((n) => n.kind === kind && n.session === session.id);
    found.sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
    return found as NodeOfKind<K>[];
  }, [snapshot.nodes, session.id, kind]);
}

/** Decisions made in the session: decision, rationale, impact, owner. */
export function DecisionsSection({ session, personas }: { session: CoordinationSession; personas: readonly Persona[] }) {
  const { plan, snapshot } = usePlan();
  const decisions = useSessionNodes(session, 'decision');
  const [error, run] = useCommand();
  const [draft, setDraft] = useState({ title: '', rationale: '', impact: '', owner: '' });

  function add(event: FormEvent) {
    event.preventDefault();
    const ok = run(
      plan.commands.addNode({
        kind: 'decision',
        title: draft.title.trim(),
        session: session.id,
        ...(draft.rationale.trim() ? { rationale: draft.rationale.trim() } : {}),
        ...(draft.impact.trim() ? { impact: draft.impact.trim() } : {}),
        ...(draft.owner ? { owner: draft.owner } : {}),
      }),
    );
    if (ok) setDraft({ title: '', rationale: '', impact: '', owner: '' });
  }

  return (
    <section className="session-section" aria-label="Decisions">
      <h3 className="session-section__title">Decisions</h3>
      {decisions.length === 0 ? (
        <p className="muted">No decisions recorded in this session.</p>
      ) : (
        <ol className="records" aria-label="Decisions made">
          {decisions.map((d) => (
            <li key={d.id} className="record">
              <div className="record__title">{d.title}</div>
              <dl className="record__facts">
                <dt>Rationale</dt>
                <dd>{d.rationale ?? <span className="muted">Not recorded</span>}</dd>
                <dt>Impact</dt>
                <dd>{d.impact ?? <span className="muted">Not recorded</span>}</dd>
                <dt>Owner</dt>
                <dd>{personaName(snapshot, d.owner)}</dd>
              </dl>
              <button type="button" className="record__remove" aria-label={`Remove decision ${d.title}`} onClick={() => run(plan.commands.removeNodes([d.id]))}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <form className="session-form" aria-label="New decision" onSubmit={add}>
        <div className="session-form__grid">
          <FormField label="Decision">{(id) => <input id={id} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />}</FormField>
          <FormField label="Owner">{(id) => <select id={id} value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })}>{personaOptions(personas)}</select>}</FormField>
          <FormField label="Rationale">{(id) => <textarea id={id} rows={2} value={draft.rationale} onChange={(e) => setDraft({ ...draft, rationale: e.target.value })} />}</FormField>
          <FormField label="Impact">{(id) => <textarea id={id} rows={2} value={draft.impact} onChange={(e) => setDraft({ ...draft, impact: e.target.value })} />}</FormField>
        </div>
        <button type="submit">Record decision</button>
        {error && <ErrorText>{error}</ErrorText>}
      </form>
    </section>
  );
}

/** Options of a persona select, after "Unassigned". */
function personaOptions(personas: readonly Persona[]) {
  return (
    <>
      <option value="">Unassigned</option>
      {personas.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </>
  );
}

/** An item ticked off or not; "not done" is stored as no field, as the schema has it. */
function withDone(item: ActionItem, done: boolean): ActionItem {
  const { done: _was, ...rest } = item;
  return done ? { ...rest, done: true } : rest;
}

/** The session's action items: tick them off, turn one into a task, add more. */
export function ActionItemsSection({ session, personas }: { session: CoordinationSession; personas: readonly Persona[] }) {
  const { plan, snapshot, selection, showView } = usePlan();
  const [error, run] = useCommand();
  const [draft, setDraft] = useState({ text: '', persona: '', due: '' });
  const items = session.actionItems ?? [];
  const setItems = (next: ActionItem[]) => run(plan.commands.updateSession(session.id, { actionItems: next.length ? next : null }));

  function add(event: FormEvent) {
    event.preventDefault();
    const item = { id: newId('ai'), text: draft.text.trim(), ...(draft.persona ? { persona: draft.persona } : {}), ...(draft.due ? { due: draft.due } : {}) } as ActionItem;
    if (setItems([...items, item])) setDraft({ text: '', persona: '', due: '' });
  }

  function showTask(id: string) {
    selection.set([id]);
    showView('canvas');
  }

  return (
    <section className="session-section" aria-label="Action items">
      <h3 className="session-section__title">Action items</h3>
      {items.length === 0 ? (
        <p className="muted">No action items yet.</p>
      ) : (
        <ul className="records" aria-label="Action items of this session">
          {items.map((item) => {
            const task = item.task !== undefined ? snapshot.nodes.get(item.task) : undefined;
            return (
              <li key={item.id} className={`record record--item${item.done ? ' record--done' : ''}`} aria-label={item.text}>
                <label className="record__check">
                  <input type="checkbox" checked={item.done === true} onChange={(e) => setItems(items.map((i) => (i.id === item.id ? withDone(i, e.target.checked) : i)))} />
                  <span className="record__title">{item.text}</span>
                </label>
                <span className="muted">
                  {personaName(snapshot, item.persona)} · {item.due ? `due ${formatWhen(item.due)}` : 'no due date'}
                </span>
                <span className="record__actions">
                  {task ? (
                    <button type="button" className="link" title="Show the task on the canvas" onClick={() => showTask(task.id)}>
                      Task: {task.title}
                    </button>
                  ) : (
                    <button type="button" aria-label={`Make task of ${item.text}`} title="Turn this item into a todo task owned by its persona" onClick={() => run(plan.commands.actionItemToTask(session.id, item.id))}>
                      Make task
                    </button>
                  )}
                  <button type="button" className="record__remove" aria-label={`Remove action item ${item.text}`} onClick={() => setItems(items.filter((i) => i.id !== item.id))}>
                    Remove
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <form className="session-form" aria-label="New action item" onSubmit={add}>
        <div className="session-form__grid session-form__grid--item">
          <FormField label="Action item">{(id) => <input id={id} value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} />}</FormField>
          <FormField label="Assigned to">{(id) => <select id={id} value={draft.persona} onChange={(e) => setDraft({ ...draft, persona: e.target.value })}>{personaOptions(personas)}</select>}</FormField>
          <FormField label="Due">{(id) => <input id={id} type="date" value={draft.due} onChange={(e) => setDraft({ ...draft, due: e.target.value })} />}</FormField>
        </div>
        <button type="submit">Add action item</button>
        {error && <ErrorText>{error}</ErrorText>}
      </form>
    </section>
  );
}

/** Risks raised in the session. */
export function RisksSection({ session, personas }: { session: CoordinationSession; personas: readonly Persona[] }) {
  const { plan, snapshot } = usePlan();
  const risks = useSessionNodes(session, 'risk');
  const [error, run] = useCommand();
  const empty = { title: '', probability: '', impact: '', mitigation: '', owner: '' };
  const [draft, setDraft] = useState(empty);

  function add(event: FormEvent) {
    event.preventDefault();
    const ok = run(
      plan.commands.addNode({
        kind: 'risk',
        title: draft.title.trim(),
        session: session.id,
        ...(draft.probability ? { probability: draft.probability as 'low' } : {}),
        ...(draft.impact ? { impact: draft.impact as 'low' } : {}),
        ...(draft.mitigation.trim() ? { mitigation: draft.mitigation.trim() } : {}),
        ...(draft.owner ? { owner: draft.owner } : {}),
      }),
    );
    if (ok) setDraft(empty);
  }

  const level = (l: string | undefined) => (l ? l[0]!.toUpperCase() + l.slice(1) : '—');
  return (
    <section className="session-section" aria-label="Risks">
      <h3 className="session-section__title">Risks</h3>
      {risks.length === 0 ? (
        <p className="muted">No risks raised in this session.</p>
      ) : (
        <ul className="records" aria-label="Risks raised">
          {risks.map((r) => (
            <li key={r.id} className="record">
              <div className="record__title">
                {r.title} <span className={`badge${(r.state ?? 'open') === 'open' ? ' badge--blocked' : ''}`}>{r.state ?? 'open'}</span>
              </div>
              <dl className="record__facts">
                <dt>Probability / impact</dt>
                <dd>
                  {level(r.probability)} / {level(r.impact)}
                </dd>
                <dt>Mitigation</dt>
                <dd>{r.mitigation ?? <span className="muted">Not recorded</span>}</dd>
                <dt>Owner</dt>
                <dd>{personaName(snapshot, r.owner)}</dd>
              </dl>
              <button type="button" className="record__remove" aria-label={`Remove risk ${r.title}`} onClick={() => run(plan.commands.removeNodes([r.id]))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="session-form" aria-label="New risk" onSubmit={add}>
        <div className="session-form__grid session-form__grid--risk">
          <FormField label="Risk">{(id) => <input id={id} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />}</FormField>
          <FormField label="Probability">{(id) => <select id={id} value={draft.probability} onChange={(e) => setDraft({ ...draft, probability: e.target.value })}>{LEVELS.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}</select>}</FormField>
          <FormField label="Impact">{(id) => <select id={id} value={draft.impact} onChange={(e) => setDraft({ ...draft, impact: e.target.value })}>{LEVELS.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}</select>}</FormField>
          <FormField label="Risk owner">{(id) => <select id={id} value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })}>{personaOptions(personas)}</select>}</FormField>
          <FormField label="Mitigation">{(id) => <textarea id={id} rows={2} value={draft.mitigation} onChange={(e) => setDraft({ ...draft, mitigation: e.target.value })} />}</FormField>
        </div>
        <button type="submit">Record risk</button>
        {error && <ErrorText>{error}</ErrorText>}
      </form>
    </section>
  );
}
