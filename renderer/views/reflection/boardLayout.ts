import { RETRO_COLUMNS, type PlanSnapshot, type RetroColumn, type RetroNote } from '../../../shared/model';
import { retroBoard, type BoardNote as SharedBoardNote } from '../../../shared/planning';

/** A note as the board shows it: its votes and whether this participant wrote it or cast one. */
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

/**
 * The board for one participant: the shared board (retroBoard: columns, groups, most votes
 * first, the same order the retrospective export uses) marked with what is mine, or re-sorted
 * as written (groups by label) when the team is still writing.
 */
export function boardLayout(snapshot: Pick<PlanSnapshot, 'retroNotes' | 'retroVotes'>, me: string, order: BoardOrder) {
  const shared = retroBoard(snapshot);
  const mark = (n: SharedBoardNote): BoardNote => ({ note: n.note, votes: n.votes, mine: n.note.author === me, votedByMe: n.voters.includes(me) });
  const columns = new Map<RetroColumn, BoardGroup[]>();
  for (const column of shared.columns) {
    const groups = column.groups.map((g): BoardGroup => ({ label: g.label, votes: g.votes, notes: g.notes.map(mark) }));
    if (order === 'written') {
      for (const g of groups) (g.notes as BoardNote[]).sort(byWritten);
      groups.sort((a, b) => (a.label === null ? 1 : b.label === null ? -1 : text(a.label, b.label)));
    }
    columns.set(column.column, groups);
  }
  const ranked = shared.ranked.map(mark);
  const groupLabels = [...new Set(ranked.map((n) => n.note.group).filter((g): g is string => g !== undefined))].sort(text);
  return { columns: new Map(RETRO_COLUMNS.map((c) => [c, columns.get(c) ?? []])), ranked, groupLabels };
}
