import { useMemo, useState } from 'react';
import { formatProblems, type CoordinationSession, type Persona } from '../../../shared/model';
import { sessionPrefill } from '../../../shared/planning';
import { usePlan } from '../../app/planContext';
import { exportFormats } from '../../app/exportFormats';
import { ExportDialog } from '../../panels/ExportDialog';
import { ErrorText } from '../../panels/fields/Field';
import { PersonaChecklist } from '../../panels/fields/PersonaChecklist';
import { SelectField } from '../../panels/fields/SelectField';
import { LinesField, TextField } from '../../panels/fields/TextField';
import { PrefillSummary } from './PrefillSummary';
import { ActionItemsSection, DecisionsSection, RisksSection } from './SessionRecords';
import { formatWhen, listOrNull, orNull, personaName, SESSION_TYPES, typeLabel, windowOf } from './sessionFacts';

type SessionPatch = Parameters<ReturnType<typeof usePlan>['plan']['commands']['updateSession']>[1];
type NextPoint = NonNullable<CoordinationSession['nextPoint']>;

/** One coordination session: what it starts from, and what the team records in it. */
export function SessionPage({ session, ordered, personas, onRemoved }: { session: CoordinationSession; ordered: readonly CoordinationSession[]; personas: readonly Persona[]; onRemoved(): void }) {
  const { plan, snapshot, analysis } = usePlan();
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const update = (patch: SessionPatch) => plan.commands.updateSession(session.id, patch);
  const window = useMemo(() => windowOf(ordered, session), [ordered, session]);
  const prefill = useMemo(() => sessionPrefill(snapshot, analysis, window), [snapshot, analysis, window]);
  // The session's own document first; the dialog offers the other formats too.
  const formats = useMemo(() => {
    const all = exportFormats(plan, { sessionId: session.id });
    return [...all.filter((f) => f.id === 'persona-coordination'), ...all.filter((f) => f.id !== 'persona-coordination')];
  }, [plan, session.id]);
  const next = session.nextPoint ?? {};
  // An emptied next point is no next point, so the export says "not recorded" rather than "not scheduled".
  const setNext = (patch: Partial<Record<keyof NextPoint, unknown>>) => {
    const merged: Record<string, unknown> = { ...next, ...patch };
    for (const k of Object.keys(merged)) if (merged[k] === null || merged[k] === undefined) delete merged[k];
    return update({ nextPoint: Object.keys(merged).length ? (merged as NextPoint) : null });
  };

  function remove() {
    const r = plan.commands.removeSession(session.id);
    if (!r.ok) return setError(formatProblems(r.error));
    onRemoved();
  }

  const label = `${typeLabel(session.type)} session, ${formatWhen(session.date)}`;
  return (
    <article className="session-page" aria-label={label}>
      <header className="session-page__header">
        <div>
          <span className="kind-tag">{typeLabel(session.type)} session</span>
          <h2 className="session-page__title">
            <time dateTime={session.date} title={session.date}>
              {formatWhen(session.date)}
            </time>
          </h2>
          <p className="muted session-page__who">{session.participants?.length ? session.participants.map((id) => personaName(snapshot, id)).join(', ') : 'Everyone'}</p>
        </div>
        <span className="session-page__actions">
          <button type="button" aria-label="Export session" title="Export this session as the persona coordination document" onClick={() => setExporting(true)}>
            Export
          </button>
          <button type="button" className="danger" aria-label="Delete session" onClick={remove}>
            Delete
          </button>
        </span>
      </header>
      {error && <ErrorText>{error}</ErrorText>}

      <section className="session-section session-section--about" aria-label="About this session">
        <div className="session-about">
          <div>
            <SelectField label="Session type" field="type" value={session.type} choices={SESSION_TYPES} onCommit={(v) => update({ type: v as CoordinationSession['type'] })} />
            {/* A meeting recorded late gets its real day; the time it was started is kept. */}
            <TextField
              label="Held on"
              field="date"
              type="date"
              value={session.date.slice(0, 10)}
              onCommit={(day) => update({ date: day && session.date.length > 10 ? day + session.date.slice(10) : day })}
            />
            <LinesField label="Objectives" field="objectives" value={session.objectives} onCommit={(lines) => update({ objectives: listOrNull(lines) })} />
          </div>
          <PersonaChecklist label="Participants" field="participants" value={session.participants} personas={personas} onCommit={(ids) => update({ participants: listOrNull(ids) })} />
        </div>
      </section>

      <PrefillSummary prefill={prefill} snapshot={snapshot} analysis={analysis} since={window.from} />
      <DecisionsSection session={session} personas={personas} />
      <ActionItemsSection session={session} personas={personas} />
      <RisksSection session={session} personas={personas} />

      <section className="session-section" aria-label="Escalations">
        <h3 className="session-section__title">Escalations</h3>
        <LinesField label="Issues requiring escalation" field="escalations" hint="One per line, with the recommended escalation path" value={session.escalations} onCommit={(lines) => update({ escalations: listOrNull(lines) })} />
      </section>

      <section className="session-section" aria-label="Next coordination point">
        <h3 className="session-section__title">Next coordination point</h3>
        <div className="session-about">
          <div>
            <TextField label="Scheduled for" field="nextPoint" type="date" value={next.when?.slice(0, 10) ?? ''} onCommit={(v) => setNext({ when: orNull(v) })} />
            <LinesField label="Next objectives" field="nextPoint" value={next.objectives} onCommit={(lines) => setNext({ objectives: listOrNull(lines) })} />
          </div>
          <PersonaChecklist label="Next participants" field="nextPoint" value={next.participants} personas={personas} onCommit={(ids) => setNext({ participants: listOrNull(ids) })} />
        </div>
      </section>

      <section className="session-section" aria-label="Notes">
        <h3 className="session-section__title">Notes</h3>
        <TextField label="Session notes" field="notes" multiline rows={5} value={session.notes ?? ''} hint="Shared with everyone in the plan; Ctrl+Enter or leaving the field saves" onCommit={(v) => update({ notes: v === '' ? null : v })} />
      </section>

      {exporting && <ExportDialog label="Export session" title={`${snapshot.meta.title} ${session.date.slice(0, 10)} ${session.type} session`} formats={formats} onClose={() => setExporting(false)} />}
    </article>
  );
}
