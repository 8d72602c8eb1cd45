import { RETRO_COLUMNS, type PlanSnapshot, type RetroColumn, type RetroNote } from '../../../shared/model';

/** A note as the board shows it: its votes and whether this participant cast one. */
export interface BoardNote {
  readonly note: RetroNote;
  readonly votes: number;
  readonly mine: boolean;
  readonly votedByMe: boolean;
}

/** Notes under one group label (`null`: not grouped). */
export interface BoardGroup {
  readonly label: string | null;
  readonly votes: number;
  readonly notes: readonly BoardNote[];
}

/** The board's order: as written, or most votes first. */
export type BoardOrder = 'written' | 'votes';

const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// Ties fall back to when written, then id: every replica lists the notes in one order.
const byWritten = (a: BoardNote, b: BoardNote) => text(a.note.createdAt ?? '', b.note.createdAt ?? '') || text(a.note.id, b.note.id);
const byVotes = (a: BoardNote, b: BoardNote) => b.votes - a.votes || byWritten(a, b);

/**
 * The board for one participant: notes by column, then by group (named groups first, by votes
 * or label; ungrouped last), in the chosen order. Votes for a note that is gone count for nothing.
 */
export function boardLayout(snapshot: Pick<PlanSnapshot, 'retroNotes' | 'retroVotes'>, me: string, order: BoardOrder) {
  const votes = new Map<string, number>();
  const mineVoted = new Set<string>();
  for (const v of snapshot.retroVotes.values()) {
    votes.set(v.note, (votes.get(v.note) ?? 0) + 1);
    if (v.voter === me) mineVoted.add(v.note);
  }
  const all: BoardNote[] = [...snapshot.retroNotes.values()].map((note) => ({ note, votes: votes.get(note.id) ?? 0, mine: note.author === me, votedByMe: mineVoted.has(note.id) }));
  const compare = order === 'votes' ? byVotes : byWritten;
  const columns = new Map<RetroColumn, BoardGroup[]>();
  for (const column of RETRO_COLUMNS) {
    const groups = new Map<string | null, BoardNote[]>();
    for (const n of all) {
      if (n.note.column !== column) continue;
      const label = n.note.group ?? null;
      (groups.get(label) ?? groups.set(label, []).get(label)!).push(n);
    }
    const list = [...groups].map(([label, notes]): BoardGroup => ({ label, notes: notes.sort(compare), votes: notes.reduce((s, n) => s + n.votes, 0) }));
    list.sort((a, b) => (a.label === null ? 1 : b.label === null ? -1 : (order === 'votes' ? b.votes - a.votes : 0) || text(a.label, b.label)));
    columns.set(column, list);
  }
  const ranked = [...all].sort(byVotes);
  const groupLabels = [...new Set(all.map((n) => n.note.group).filter((g): g is string => g !== undefined))].sort(text);
  return { columns, ranked, groupLabels };
}
