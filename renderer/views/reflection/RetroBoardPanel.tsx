import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { RETRO_COLUMNS, type Result, type RetroColumn } from '../../../shared/model';
import { usePlan } from '../../app/planContext';
import { displayName } from '../../app/userIdentity';
import { ErrorText, problemText } from '../../panels/fields/Field';
import { boardLayout, type BoardNote, type BoardOrder } from './boardLayout';

/** Column headings as people say them. */
export const COLUMN_TITLES: Readonly<Record<RetroColumn, string>> = { 'went-well': 'Went well', 'to-improve': 'To improve', ideas: 'Ideas' };

/** Notes offered for promotion: the few the team voted up most. */
const TOP_VOTED = 5;

/** Enter submits a note; Shift+Enter is a new line; never mid-composition. */
const submitsOnEnter = (event: KeyboardEvent) => event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing;

/**
 * The retrospective board: three columns of notes everyone adds to, groups and votes on; the
 * top-voted become an action item (a task) or a process improvement with one click.
 */
export function RetroBoardPanel() {
  const { plan, snapshot } = usePlan();
  const [order, setOrder] = useState<BoardOrder>('written');
  const [error, setError] = useState<string | null>(null);
  // Read at each render: the name can change in the Share dialog while the view is open.
  const me = displayName();
  const { retroNotes, retroVotes } = snapshot;
  const board = useMemo(() => boardLayout({ retroNotes, retroVotes }, me, order), [retroNotes, retroVotes, me, order]);
  const report = (result: Result<unknown>): boolean => {
    setError(result.ok ? null : problemText(result.error, 'text'));
    return result.ok;
  };
  const top = board.ranked.filter((n) => n.votes > 0).slice(0, TOP_VOTED);
  const listId = useId();

  return (
    <section className="retro" aria-labelledby={`${listId}-title`}>
      <header className="retro__header">
        <h2 id={`${listId}-title`}>Retrospective board</h2>
        <span className="muted">
          {snapshot.retroNotes.size} note{snapshot.retroNotes.size === 1 ? '' : 's'} · you are {me}
        </span>
        <button type="button" aria-pressed={order === 'votes'} onClick={() => setOrder((o) => (o === 'votes' ? 'written' : 'votes'))}>
          Sort by votes
        </button>
      </header>
      {error && <ErrorText>{error}</ErrorText>}
      <datalist id={`${listId}-groups`}>
        {board.groupLabels.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      <div className="retro__body">
        {RETRO_COLUMNS.map((column) => (
          <RetroColumnView key={column} column={column} groups={board.columns.get(column)!} groupList={`${listId}-groups`} me={me} report={report} />
        ))}
        <aside className="retro__top" aria-labelledby={`${listId}-top`}>
          <h3 id={`${listId}-top`}>Top voted</h3>
          {top.length === 0 ? (
            <p className="muted">Vote for notes; the most-voted can become an action item or a process improvement here.</p>
          ) : (
            <ol className="retro__top-list" aria-label="Top-voted notes">
              {top.map((n) => (
                <li key={n.note.id} className="retro__top-item">
                  <span className="retro__top-text">{n.note.text}</span>
                  <span className="muted">
                    {COLUMN_TITLES[n.note.column]} · {n.votes} vote{n.votes === 1 ? '' : 's'}
                  </span>
                  {n.note.outcome ? (
                    <Outcome note={n} />
                  ) : (
                    <span className="retro__top-actions">
                      <button type="button" aria-label={`Make action item: ${n.note.text}`} title="A new to-do task, linked from this note" onClick={() => report(plan.commands.promoteRetroNote(n.note.id, 'action-item'))}>
                        Make action item
                      </button>
                      <button
                        type="button"
                        aria-label={`Make process improvement: ${n.note.text}`}
                        title="A line added to Process Improvements Identified"
                        onClick={() => report(plan.commands.promoteRetroNote(n.note.id, 'process-improvement'))}
                      >
                        Make process improvement
                      </button>
                    </span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </aside>
      </div>
    </section>
  );
}

/** What a note became, with the task's title and status when it is an action item. */
function Outcome({ note }: { note: BoardNote }) {
  const { snapshot } = usePlan();
  if (note.note.outcome === 'process-improvement') return <span className="retro__outcome">Process improvement</span>;
  const task = note.note.task ? snapshot.nodes.get(note.note.task) : undefined;
  return (
    <span className="retro__outcome">
      Action item{task ? `: task “${task.title}”${task.kind === 'task' ? ` (${task.status ?? 'todo'})` : ''}` : ' (task removed)'}
    </span>
  );
}

interface ColumnProps {
  column: RetroColumn;
  groups: ReturnType<typeof boardLayout>['columns'] extends Map<RetroColumn, infer G> ? G : never;
  groupList: string;
  me: string;
  report(result: Result<unknown>): boolean;
}

function RetroColumnView({ column, groups, groupList, me, report }: ColumnProps) {
  const { plan } = usePlan();
  const [draft, setDraft] = useState('');
  const title = COLUMN_TITLES[column];
  const count = groups.reduce((s, g) => s + g.notes.length, 0);
  function add(event?: FormEvent) {
    event?.preventDefault();
    if (!draft.trim()) return;
    if (report(plan.commands.addRetroNote({ column, text: draft.trim(), author: me }))) setDraft('');
  }
  return (
    <section className={`retro__column retro__column--${column}`} aria-label={title}>
      <h3>
        {title} <span className="muted">({count})</span>
      </h3>
      <form className="retro__add" onSubmit={add}>
        <textarea
          aria-label={`New note: ${title}`}
          placeholder={`Add a note to “${title}”`}
          rows={2}
          maxLength={2000}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (submitsOnEnter(e)) {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="submit" disabled={!draft.trim()}>
          Add note
        </button>
      </form>
      <ul className="retro__notes" aria-label={`${title} notes`}>
        {groups.map((g) =>
          g.label === null ? (
            g.notes.map((n) => <NoteCard key={n.note.id} note={n} groupList={groupList} me={me} report={report} />)
          ) : (
            <li key={`group:${g.label}`} className="retro__group">
              <h4>
                {g.label} <span className="muted">· {g.notes.length} note{g.notes.length === 1 ? '' : 's'}, {g.votes} vote{g.votes === 1 ? '' : 's'}</span>
              </h4>
              <ul aria-label={`Group: ${g.label}`}>
                {g.notes.map((n) => (
                  <NoteCard key={n.note.id} note={n} groupList={groupList} me={me} report={report} />
                ))}
              </ul>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

/** One note: its text and author, a vote toggle, grouping, and editing for its author. */
function NoteCard({ note: n, groupList, me, report }: { note: BoardNote; groupList: string; me: string; report(result: Result<unknown>): boolean }) {
  const { plan } = usePlan();
  const [editing, setEditing] = useState<'text' | 'group' | null>(null);
  const [value, setValue] = useState('');
  const { note } = n;
  const open = (what: 'text' | 'group') => {
    setValue(what === 'text' ? note.text : (note.group ?? ''));
    setEditing(what);
  };
  function save(event?: FormEvent) {
    event?.preventDefault();
    const ok =
      editing === 'text' ? report(plan.commands.updateRetroNote(note.id, { text: value.trim() })) : report(plan.commands.updateRetroNote(note.id, { group: value.trim() === '' ? null : value.trim() }));
    if (ok) setEditing(null);
  }
  const classes = ['retro__note'];
  if (n.votedByMe) classes.push('retro__note--voted');
  if (note.outcome) classes.push('retro__note--promoted');
  return (
    <li className={classes.join(' ')} data-note-id={note.id}>
      {editing === 'text' ? (
        <NoteForm label="Edit note" value={value} multiline onChange={setValue} onSave={save} onCancel={() => setEditing(null)} />
      ) : (
        <p className="retro__note-text">{note.text}</p>
      )}
      <div className="retro__note-meta">
        <span className="retro__author">{note.author === me ? `${note.author} (you)` : note.author}</span>
        {note.outcome && <span className="retro__badge">{note.outcome === 'action-item' ? 'Action item' : 'Process improvement'}</span>}
      </div>
      {editing === 'group' && <NoteForm label="Group" value={value} list={groupList} onChange={setValue} onSave={save} onCancel={() => setEditing(null)} hint="Same label, same group; empty to ungroup" />}
      <div className="retro__note-actions">
        <button
          type="button"
          className="retro__vote"
          aria-pressed={n.votedByMe}
          aria-label={`Vote (${n.votes})`}
          title={n.votedByMe ? 'You voted for this note: click to take your vote back' : 'Vote for this note'}
          onClick={() => report(plan.commands.toggleRetroVote(note.id, me))}
        >
          <span aria-hidden="true">{n.votedByMe ? '★' : '☆'}</span> {n.votes}
        </button>
        <button type="button" onClick={() => open('group')} aria-expanded={editing === 'group'}>
          Group
        </button>
        {n.mine && (
          <>
            <button type="button" onClick={() => open('text')} aria-expanded={editing === 'text'}>
              Edit
            </button>
            <button type="button" onClick={() => report(plan.commands.removeRetroNote(note.id))}>
              Remove
            </button>
          </>
        )}
      </div>
    </li>
  );
}

/** A one-field inline form: Enter saves (Ctrl+Enter in a textarea), Escape cancels. */
function NoteForm({ label, value, multiline, list, hint, onChange, onSave, onCancel }: { label: string; value: string; multiline?: boolean; list?: string; hint?: string; onChange(v: string): void; onSave(e?: FormEvent): void; onCancel(): void }) {
  const id = useId();
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
    } else if (multiline ? submitsOnEnter(e) : e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      onSave();
    }
  };
  return (
    <form className="retro__note-form" onSubmit={onSave}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {multiline ? (
        <textarea id={id} rows={3} value={value} autoFocus maxLength={2000} onChange={(e) => onChange(e.target.value)} onKeyDown={onKeyDown} />
      ) : (
        <input id={id} value={value} list={list} autoFocus maxLength={200} onChange={(e) => onChange(e.target.value)} onKeyDown={onKeyDown} aria-describedby={hint ? `${id}-hint` : undefined} />
      )}
      {hint && (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      )}
      <span className="retro__note-form-actions">
        <button type="submit">Save</button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </span>
    </form>
  );
}
