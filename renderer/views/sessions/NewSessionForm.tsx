import { useId, useMemo, useState, type FormEvent } from 'react';
import { formatProblems, ok, type CoordinationSession, type Persona } from '../../../shared/model';
import { sessionPrefill } from '../../../shared/planning';
import { usePlan } from '../../app/planContext';
import { ErrorText } from '../../panels/fields/Field';
import { PersonaChecklist } from '../../panels/fields/PersonaChecklist';
import { PrefillSummary } from './PrefillSummary';
import { linesOf, SESSION_TYPES } from './sessionFacts';

/**
 * "New session": type, participants and objectives, with a preview of what the session will
 * start from (everything since the previous session). The session is dated when it starts,
 * to the millisecond, so a change made a moment before falls inside its window (its page
 * can move it to another day, for a meeting recorded late).
 */
export function NewSessionForm({ previous, personas, onStarted, onCancel }: { previous: CoordinationSession | undefined; personas: readonly Persona[]; onStarted(id: string): void; onCancel(): void }) {
  const { plan, snapshot, analysis } = usePlan();
  const [type, setType] = useState<CoordinationSession['type']>('planning');
  const [participants, setParticipants] = useState<readonly string[]>(() => personas.map((p) => p.id));
  const [objectives, setObjectives] = useState('');
  const [error, setError] = useState<string | null>(null);
  const typeId = useId();
  const objectivesId = useId();
  const window = useMemo(() => ({ from: previous?.date, ...(participants.length ? { personas: participants } : {}) }), [previous, participants]);
  const prefill = useMemo(() => sessionPrefill(snapshot, analysis, window), [snapshot, analysis, window]);

  function start(event: FormEvent) {
    event.preventDefault();
    const goals = linesOf(objectives);
    const r = plan.commands.addSession({
      date: new Date().toISOString(),
      type,
      ...(participants.length ? { participants: [...participants] } : {}),
      ...(goals.length ? { objectives: goals } : {}),
    });
    if (!r.ok) return setError(formatProblems(r.error));
    onStarted(r.value);
  }

  return (
    <article className="session-page" aria-label="New session">
      <form className="session-section session-new" aria-label="New session details" onSubmit={start}>
        <h2 className="session-page__title">New coordination session</h2>
        <div className="session-about">
          <div>
            <div className="field">
              <label className="field__label" htmlFor={typeId}>
                Session type
              </label>
              <select id={typeId} value={type} onChange={(e) => setType(e.target.value as CoordinationSession['type'])}>
                {SESSION_TYPES.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor={objectivesId}>
                Objectives
              </label>
              <textarea id={objectivesId} rows={3} value={objectives} placeholder="Primary goal, secondary objectives, expected outcomes" onChange={(e) => setObjectives(e.target.value)} />
              <span className="field__hint">One per line</span>
            </div>
          </div>
          <PersonaChecklist
            label="Participants"
            value={participants}
            personas={personas}
            onCommit={(ids) => {
              setParticipants(ids);
              return ok(undefined);
            }}
          />
        </div>
        <div className="session-new__actions">
          <button type="submit">Start session</button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
        {error && <ErrorText>{error}</ErrorText>}
      </form>
      <PrefillSummary prefill={prefill} snapshot={snapshot} analysis={analysis} since={previous?.date} />
    </article>
  );
}
