import * as Y from 'yjs';
import type { z } from 'zod';
import { fail, newId, ok, type ActionItem, type Problem, type Result, type RetroNote, retroNoteSchema, type TableName } from '../model';
import { computeSchedule } from '../planning/criticalPath';
import { takeBaseline } from '../planning/reflection/baseline';
import type { CommandContext, Patch } from './commands';
import { readFields, writeListField } from './entityCodec';
import { newYText } from './ytext';

/** The record helpers of `createCommands` that these commands reuse. */
export interface RecordTools {
  write(fn: () => void): void;
  nowIso(): string;
  addRecord<T extends { id: string }>(table: TableName, input: Record<string, unknown>): Result<T>;
  insert(table: TableName, record: { id: string }): void;
  update(table: TableName, id: string, patch: Readonly<Record<string, unknown>>): Result<void>;
  notFound(table: TableName, id: string): Result<never>;
}

export type NewRetroNote = Omit<z.input<typeof retroNoteSchema>, 'id' | 'createdAt' | 'outcome' | 'task'> & { id?: string };

/**
 * A vote's id: the note and a short hash of the voter, so one person's vote is one record
 * whichever device casts it, and two people voting at once write two records.
 */
export function voteId(noteId: string, voter: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < voter.length; i++) {
    const c = voter.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${noteId}.v-${h1.toString(36)}${h2.toString(36)}`;
}

const taskTitle = (text: string) => (text.length > 500 ? `${text.slice(0, 499)}…` : text).replace(/\s+/g, ' ').trim();

/** Baselines, the retrospective board and action items: commands of issue "sessions and reflection". */
export function createRetrospectiveCommands(ctx: CommandContext, tools: RecordTools) {
  const { types } = ctx;
  const { write, nowIso, addRecord, insert, update, notFound } = tools;

  /** A new todo task for an action; its owner kept only when that persona exists. */
  function newTask(title: string, owner: string | undefined): Result<{ id: string }> {
    return addRecord<{ id: string }>('nodes', { kind: 'task', title: taskTitle(title), status: 'todo', ...(owner && types.tables.personas.has(owner) ? { owner } : {}) });
  }

  return {
    /**
     * "Set baseline": freezes the current schedule (planned start and finish of every task,
     * the project length) under `name`, and makes it the one the reflection compares against.
     */
    setBaseline(name: string): Result<string> {
      const trimmed = name.trim();
      if (!trimmed) return fail([{ path: 'name', message: 'expected a non-empty name' }]);
      const snapshot = ctx.snapshot();
      const taken = takeBaseline(snapshot, computeSchedule(snapshot), { id: newId('bl'), name: trimmed.slice(0, 200), takenAt: nowIso() });
      if (!taken.ok) return taken;
      const r = addRecord<{ id: string }>('baselines', taken.value as unknown as Record<string, unknown>);
      if (!r.ok) return r;
      write(() => {
        insert('baselines', r.value);
        types.meta.set('baseline', r.value.id);
      });
      return ok(r.value.id);
    },
    /** Chooses the baseline the reflection compares against (`null`: none). */
    chooseBaseline(id: string | null): Result<void> {
      if (id !== null && !types.tables.baselines.has(id)) return notFound('baselines', id);
      write(() => (id === null ? types.meta.delete('baseline') : types.meta.set('baseline', id)));
      return ok(undefined);
    },
    /** Removes a baseline; if it was the chosen one, none is chosen. */
    removeBaseline(id: string): Result<void> {
      if (!types.tables.baselines.has(id)) return notFound('baselines', id);
      write(() => {
        types.tables.baselines.delete(id);
        if (types.meta.get('baseline') === id) types.meta.delete('baseline');
      });
      return ok(undefined);
    },

    /** Adds a note to a column of the retrospective board; returns its id. */
    addRetroNote(input: NewRetroNote): Result<string> {
      const r = addRecord<{ id: string }>('retroNotes', { ...input, createdAt: nowIso() });
      if (!r.ok) return r;
      write(() => insert('retroNotes', r.value));
      return ok(r.value.id);
    },
    /** Edits a note: its text, column or group (`group: null` takes it out of its group). */
    updateRetroNote: (id: string, patch: Patch<Pick<z.input<typeof retroNoteSchema>, 'text' | 'column' | 'group'>>) =>
      update('retroNotes', id, patch as Record<string, unknown>),
    /** Removes a note and the votes for it. */
    removeRetroNote(id: string): Result<void> {
      if (!types.tables.retroNotes.has(id)) return notFound('retroNotes', id);
      write(() => {
        types.tables.retroNotes.delete(id);
        for (const [vid, vote] of types.tables.retroVotes.entries()) if (vote.get('note') === id) types.tables.retroVotes.delete(vid);
      });
      return ok(undefined);
    },
    /** Casts `voter`'s vote for a note, or takes it back if they had voted; returns whether the vote now stands. */
    toggleRetroVote(noteId: string, voter: string): Result<boolean> {
      if (!types.tables.retroNotes.has(noteId)) return notFound('retroNotes', noteId);
      const id = voteId(noteId, voter);
      if (types.tables.retroVotes.has(id)) {
        write(() => types.tables.retroVotes.delete(id));
        return ok(false);
      }
      const r = addRecord<{ id: string }>('retroVotes', { id, note: noteId, voter });
      if (!r.ok) return r;
      write(() => insert('retroVotes', r.value));
      return ok(true);
    },
    /**
     * Turns a note into what the team decided: an action item (a new todo task, linked from
     * the note) or a process improvement (a line added to that reflection section).
     */
    promoteRetroNote(id: string, outcome: NonNullable<RetroNote['outcome']>): Result<string | undefined> {
      const map = types.tables.retroNotes.get(id);
      if (!(map instanceof Y.Map)) return notFound('retroNotes', id);
      const note = readFields(map) as Partial<RetroNote>;
      if (note.outcome !== undefined) return fail([{ path: `retroNotes["${id}"].outcome`, message: `this note is already ${note.outcome === 'action-item' ? 'an action item' : 'a process improvement'}` }]);
      const text = String(note.text ?? '');
      if (outcome === 'action-item') {
        const task = newTask(text, undefined);
        if (!task.ok) return task;
        write(() => {
          insert('nodes', task.value);
          map.set('outcome', outcome);
          map.set('task', task.value.id);
        });
        return ok(task.value.id);
      }
      write(() => {
        const section = types.reflection.get('processImprovements');
        const line = `- ${text.replace(/\s+/g, ' ').trim()}`;
        if (section instanceof Y.Text) section.insert(section.length, section.length && !section.toString().endsWith('\n') ? `\n${line}` : line);
        else types.reflection.set('processImprovements', newYText(line));
        map.set('outcome', outcome);
      });
      return ok(undefined);
    },

    /** One click: turns a session's action item into a todo task owned by its persona; returns the task id. */
    actionItemToTask(sessionId: string, itemId: string): Result<string> {
      const session = types.tables.sessions.get(sessionId);
      if (!(session instanceof Y.Map)) return notFound('sessions', sessionId);
      const items = (readFields(session).actionItems as ActionItem[] | undefined) ?? [];
      const index = items.findIndex((i) => i.id === itemId);
      const problem = (message: string): Problem => ({ path: `sessions["${sessionId}"].actionItems`, message });
      if (index < 0) return fail([problem(`no action item with id "${itemId}"`)]);
      const item = items[index]!;
      if (item.task !== undefined && types.tables.nodes.has(item.task)) return fail([problem(`"${item.text}" is already a task`)]);
      const task = newTask(item.text, item.persona);
      if (!task.ok) return task;
      const next = items.map((i, j) => (j === index ? { ...i, task: task.value.id } : i));
      write(() => {
        insert('nodes', task.value);
        writeListField(session, 'actionItems', next);
      });
      return ok(task.value.id);
    },
  };
}

/** The retrospective commands of a plan. */
export type RetrospectiveCommands = ReturnType<typeof createRetrospectiveCommands>;
