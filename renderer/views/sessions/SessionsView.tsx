import { useMemo, useState } from 'react';
import { usePlan } from '../../app/planContext';
import { keepKeysInside } from '../../panels/fields/Field';
import { NewSessionForm } from './NewSessionForm';
import { SessionPage } from './SessionPage';
import { formatWhen, personaName, personasByName, sessionsInOrder, typeLabel } from './sessionFacts';
import '../../panels/panels.css';
import './sessions.css';

/** What the right-hand side shows: a session, the new-session form, or (none chosen) the newest session. */
type Shown = { readonly kind: 'session'; readonly id: string } | { readonly kind: 'new' } | null;

/** Coordination sessions: the list (newest first), one session's page, and "New session". */
export function SessionsView() {
  const { snapshot } = usePlan();
  const [shown, setShown] = useState<Shown>(null);
  const ordered = useMemo(() => sessionsInOrder(snapshot), [snapshot]);
  const newestFirst = useMemo(() => [...ordered].reverse(), [ordered]);
  const personas = useMemo(() => personasByName(snapshot), [snapshot]);
  // A session a teammate just removed is no longer there: fall back to the newest.
  const chosen = shown?.kind === 'session' ? snapshot.sessions.get(shown.id) : undefined;
  const session = shown?.kind === 'new' ? undefined : (chosen ?? newestFirst[0]);

  return (
    <div className="sessions" onKeyDown={(e) => keepKeysInside(e)}>
      <nav className="sessions__list" aria-label="Coordination sessions">
        <div className="sessions__list-head">
          <h2 className="sessions__heading">Sessions</h2>
          <button type="button" aria-pressed={shown?.kind === 'new'} onClick={() => setShown({ kind: 'new' })}>
            New session
          </button>
        </div>
        {newestFirst.length === 0 ? (
          <p className="muted sessions__empty">No sessions yet. Start one to record status, decisions and action items.</p>
        ) : (
          <ul className="sessions__items">
            {newestFirst.map((s) => {
              const current = session?.id === s.id;
              const who = s.participants?.length ? s.participants.map((id) => personaName(snapshot, id)).join(', ') : 'Everyone';
              return (
                <li key={s.id}>
                  <button type="button" className={`sessions__item${current ? ' sessions__item--current' : ''}`} aria-current={current ? 'page' : undefined} onClick={() => setShown({ kind: 'session', id: s.id })}>
                    <span className="sessions__item-date">{formatWhen(s.date)}</span>
                    <span className="badge">{typeLabel(s.type)}</span>
                    <span className="sessions__item-who muted">{who}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </nav>
      <div className="sessions__main">
        {shown?.kind === 'new' ? (
          <NewSessionForm previous={ordered.at(-1)} personas={personas} onStarted={(id) => setShown({ kind: 'session', id })} onCancel={() => setShown(null)} />
        ) : session ? (
          <SessionPage key={session.id} session={session} ordered={ordered} personas={personas} onRemoved={() => setShown(null)} />
        ) : (
          <div className="sessions__start muted">
            <p>Hold a coordination session: Baton fills in where each persona stands and what changed since the last one.</p>
            <button type="button" onClick={() => setShown({ kind: 'new' })}>
              Start a session
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
