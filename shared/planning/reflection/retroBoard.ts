import { RETRO_COLUMNS, type PlanSnapshot, type RetroColumn, type RetroNote } from '../../model';
import { compareText } from '../sortedBy';

/** A note with its votes, as the board and the exports show it. */
export interface BoardNote {
  readonly note: RetroNote;
  readonly votes: number;
  /** Who voted, sorted. */
  readonly voters: readonly string[];
}

/** Notes sharing a group label (or the ungrouped ones, `label` null), most-voted first. */
export interface BoardGroup {
  readonly label: string | null;
  readonly votes: number;
  readonly notes: readonly BoardNote[];
}

/** One column of the board. */
export interface BoardColumn {
  readonly column: RetroColumn;
  readonly notes: number;
  /** Named groups by total votes, then label; ungrouped notes last. */
  readonly groups: readonly BoardGroup[];
}

/** The retrospective board, computed once for views and exports. */
export interface RetroBoard {
  readonly columns: readonly BoardColumn[];
  /** Every note, most-voted first: what the team should act on. */
  readonly ranked: readonly BoardNote[];
  readonly participants: readonly string[];
}

/** Most votes first; ties by when written, then id, so every replica shows one order. */
const byVotes = (a: BoardNote, b: BoardNote) =>
  b.votes - a.votes || compareText(a.note.createdAt ?? '', b.note.createdAt ?? '') || compareText(a.note.id, b.note.id);

/**
 * The board: notes by column and group with their vote counts. Votes for notes that are gone
 * (removed by a teammate while someone voted) count for nothing.
 */
export function retroBoard(snapshot: Pick<PlanSnapshot, 'retroNotes' | 'retroVotes'>): RetroBoard {
  const voters = new Map<string, string[]>();
  for (const vote of snapshot.retroVotes.values()) {
    if (!snapshot.retroNotes.has(vote.note)) continue;
    const list = voters.get(vote.note);
    if (list) list.push(vote.voter);
    else voters.set(vote.note, [vote.voter]);
  }
  const people = new Set<string>();
  const ranked: BoardNote[] = [];
  for (const note of snapshot.retroNotes.values()) {
    const who = [...new Set(voters.get(note.id) ?? [])].sort(compareText);
    who.forEach((v) => people.add(v));
    people.add(note.author);
    ranked.push({ note, votes: who.length, voters: who });
  }
  ranked.sort(byVotes);
  const columns = RETRO_COLUMNS.map((column): BoardColumn => {
    const inColumn = ranked.filter((n) => n.note.column === column);
    const groups = new Map<string | null, BoardNote[]>();
    for (const n of inColumn) {
      const label = n.note.group ?? null;
      const list = groups.get(label);
      if (list) list.push(n);
      else groups.set(label, [n]);
    }
    const ordered = [...groups.entries()]
      .map(([label, notes]): BoardGroup => ({ label, notes, votes: notes.reduce((sum, n) => sum + n.votes, 0) }))
      .sort((a, b) => (a.label === null ? 1 : b.label === null ? -1 : b.votes - a.votes || compareText(a.label, b.label)));
    return { column, notes: inColumn.length, groups: ordered };
  });
  return { columns, ranked, participants: [...people].sort(compareText) };
}

/** The column headings people read. */
export const RETRO_COLUMN_TITLES: Readonly<Record<RetroColumn, string>> = {
  'went-well': 'Went Well',
  'to-improve': 'To Improve',
  ideas: 'Ideas',
};
