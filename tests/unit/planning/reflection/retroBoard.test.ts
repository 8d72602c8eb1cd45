import { describe, expect, it } from 'vitest';
import { retroNoteSchema, retroVoteSchema, type RetroNote, type RetroVote } from '../../../../shared/model';
import { retroBoard } from '../../../../shared/planning';

const note = (id: string, column: RetroNote['column'], author: string, createdAt: string, group?: string): RetroNote =>
  retroNoteSchema.parse({ id, column, text: `note ${id}`, author, createdAt, ...(group ? { group } : {}) });
const vote = (noteId: string, voter: string): RetroVote => retroVoteSchema.parse({ id: `${noteId}.${voter}`, note: noteId, voter });
const tables = (notes: RetroNote[], votes: RetroVote[]) => ({ retroNotes: new Map(notes.map((n) => [n.id as string, n])), retroVotes: new Map(votes.map((v) => [v.id as string, v])) });

describe('retroBoard', () => {
  const notes = [
    note('a', 'went-well', 'Alice', '2025-03-07T10:00:00Z', 'Process'),
    note('b', 'went-well', 'Bob', '2025-03-07T10:01:00Z'),
    note('c', 'went-well', 'Carol', '2025-03-07T10:02:00Z', 'People'),
    note('d', 'went-well', 'Bob', '2025-03-07T10:03:00Z', 'People'),
    note('e', 'to-improve', 'Alice', '2025-03-07T10:04:00Z'),
    note('f', 'to-improve', 'Bob', '2025-03-07T09:00:00Z'),
  ];
  const votes = [vote('c', 'Alice'), vote('d', 'Alice'), vote('d', 'Bob'), vote('a', 'Dan'), vote('e', 'Bob'), vote('gone', 'Eve')];
  const board = retroBoard(tables(notes, votes));

  it('counts each note\'s votes and who cast them; a vote for a removed note counts for nothing', () => {
    expect(board.ranked.map((n) => [n.note.id, n.votes, n.voters.join('+')])).toEqual([
      ['d', 2, 'Alice+Bob'],
      ['a', 1, 'Dan'],
      ['c', 1, 'Alice'],
      ['e', 1, 'Bob'],
      ['f', 0, ''],
      ['b', 0, ''],
    ]);
    expect(board.participants).toEqual(['Alice', 'Bob', 'Carol', 'Dan']);
  });

  it('orders named groups by their total votes, ungrouped notes last, notes by votes then when written', () => {
    const wentWell = board.columns.find((c) => c.column === 'went-well')!;
    expect(wentWell.notes).toBe(4);
    expect(wentWell.groups.map((g) => [g.label, g.votes, g.notes.map((n) => n.note.id).join('')])).toEqual([
      ['People', 3, 'dc'],
      ['Process', 1, 'a'],
      [null, 0, 'b'],
    ]);
    const toImprove = board.columns.find((c) => c.column === 'to-improve')!;
    expect(toImprove.groups).toEqual([{ label: null, votes: 1, notes: [board.ranked[3], board.ranked[4]] }]);
    expect(board.columns.find((c) => c.column === 'ideas')).toEqual({ column: 'ideas', notes: 0, groups: [] });
  });

  it('gives one order whatever order the tables hold', () => {
    expect(retroBoard(tables([...notes].reverse(), [...votes].reverse()))).toEqual(board);
  });
});
