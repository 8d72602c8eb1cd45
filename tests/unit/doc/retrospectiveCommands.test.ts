import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadPlanJson, PlanDocument } from '../../../shared/doc';
import { parsePlanJson, stringifyPlanJson, toPlanJson } from '../../../shared/model';
import { expectRefused, must, newPlan, replicaOf, syncAll } from './helpers';

/** Design (3 days) then Build (5 days): an 8-day plan to freeze. */
function scheduledPlan() {
  const plan = newPlan('alice');
  const { c } = plan;
  must(c.addPersona({ id: 'dev', name: 'Developer', kind: 'human' }));
  must(c.addNode({ id: 'a', kind: 'task', title: 'Design', estimateDays: 3 }));
  must(c.addNode({ id: 'b', kind: 'task', title: 'Build', estimateDays: 5, owner: 'dev' }));
  must(c.connectTasks({ source: 'a', target: 'b' }));
  return plan;
}

describe('baselines', () => {
  it('"Set baseline" freezes every task\'s planned start and finish and the project length, and chooses it', () => {
    const { doc, c, setNow } = scheduledPlan();
    setNow('2025-03-04T10:00:00.000Z');
    const id = must(c.setBaseline('  Kick-off  '));
    const snapshot = doc.getSnapshot();
    expect(snapshot.meta.baseline).toBe(id);
    expect(snapshot.baselines.get(id)).toEqual({
      id,
      name: 'Kick-off',
      takenAt: '2025-03-04T10:00:00.000Z',
      projectDays: 8,
      tasks: { a: { plannedStart: 0, plannedFinish: 3, estimateDays: 3 }, b: { plannedStart: 3, plannedFinish: 8, estimateDays: 5 } },
    });
    // Later changes to the plan leave the frozen schedule as it was.
    must(c.updateNode('b', { estimateDays: 9 }));
    expect(doc.getSnapshot().baselines.get(id)!.projectDays).toBe(8);
  });

  it('keeps several; the chosen one can change, and removing the chosen one chooses none', () => {
    const { doc, c } = scheduledPlan();
    const first = must(c.setBaseline('Kick-off'));
    must(c.updateNode('b', { estimateDays: 9 }));
    const second = must(c.setBaseline('Re-plan'));
    expect(doc.getSnapshot().baselines.get(second)!.projectDays).toBe(12);
    expect(doc.getSnapshot().meta.baseline).toBe(second);
    must(c.chooseBaseline(first));
    expect(doc.getSnapshot().meta.baseline).toBe(first);
    must(c.removeBaseline(first));
    expect(doc.getSnapshot().meta.baseline).toBeUndefined();
    expect([...doc.getSnapshot().baselines.keys()]).toEqual([second]);
    must(c.chooseBaseline(null));
    expect(doc.getSnapshot().meta.baseline).toBeUndefined();
  });

  it('refuses a baseline of a plan with a cycle, an empty name and unknown ids, leaving the plan untouched', () => {
    const { doc, c } = scheduledPlan();
    expectRefused(doc, () => c.setBaseline('   '), 'name', /non-empty/);
    expectRefused(doc, () => c.chooseBaseline('bl-nope'), 'baselines["bl-nope"]', /no baseline/);
    expectRefused(doc, () => c.removeBaseline('bl-nope'), 'baselines["bl-nope"]');
    // A cycle written by a peer (commands refuse to draw one) leaves nothing to freeze.
    const peer = replicaOf(doc, 'bob');
    peer.ydoc.transact(() => {
      const edge = new Y.Map<unknown>();
      peer.types.tables.edges.set('back', edge);
      edge.set('id', 'back');
      edge.set('kind', 'dependency');
      edge.set('source', 'b');
      edge.set('target', 'a');
    });
    must(doc.applyUpdate(peer.encodeState()));
    expectRefused(doc, () => c.setBaseline('Cyclic'), 'edges', /cycle \((Design → Build → Design|Build → Design → Build)\)/);
  });

  it('undoes "Set baseline" in one step', () => {
    const { doc, c } = scheduledPlan();
    must(c.setBaseline('Kick-off'));
    doc.undo();
    expect(doc.getSnapshot().baselines.size).toBe(0);
    expect(doc.getSnapshot().meta.baseline).toBeUndefined();
  });
});

describe('the retrospective board', () => {
  it('adds, edits, groups and removes notes; a removed note takes its votes with it', () => {
    const { doc, c, setNow } = newPlan('alice');
    setNow('2025-03-07T16:00:00.000Z');
    const n = must(c.addRetroNote({ column: 'went-well', text: 'Contracts first', author: 'Alice' }));
    expect(doc.getSnapshot().retroNotes.get(n)).toEqual({ id: n, column: 'went-well', text: 'Contracts first', author: 'Alice', createdAt: '2025-03-07T16:00:00.000Z' });
    must(c.updateRetroNote(n, { text: 'API contracts first', group: 'Contracts' }));
    must(c.updateRetroNote(n, { column: 'ideas' }));
    expect(doc.getSnapshot().retroNotes.get(n)).toMatchObject({ text: 'API contracts first', group: 'Contracts', column: 'ideas' });
    must(c.updateRetroNote(n, { group: null }));
    expect(doc.getSnapshot().retroNotes.get(n)).not.toHaveProperty('group');
    expect(must(c.toggleRetroVote(n, 'Alice'))).toBe(true);
    must(c.removeRetroNote(n));
    expect(doc.getSnapshot().retroNotes.size).toBe(0);
    expect(doc.getSnapshot().retroVotes.size).toBe(0);
  });

  it('refuses an empty note, an unknown column and votes for notes that do not exist', () => {
    const { doc, c } = newPlan('alice');
    expectRefused(doc, () => c.addRetroNote({ column: 'went-well', text: '   ', author: 'Alice' }), /text$/, /non-empty/);
    expectRefused(doc, () => c.addRetroNote({ column: 'mad' as 'ideas', text: 'x', author: 'Alice' }), /column$/);
    expectRefused(doc, () => c.toggleRetroVote('rn-nope', 'Alice'), 'retroNotes["rn-nope"]', /no retrospective note/);
    const n = must(c.addRetroNote({ column: 'ideas', text: 'Pairing', author: 'Alice' }));
    expectRefused(doc, () => c.updateRetroNote(n, { column: 'sideways' as 'ideas' }), /column$/);
  });

  it('a vote counts once per person; voting again takes it back', () => {
    const { doc, c } = newPlan('alice');
    const n = must(c.addRetroNote({ column: 'to-improve', text: 'Late reviews', author: 'Alice' }));
    expect(must(c.toggleRetroVote(n, 'Alice'))).toBe(true);
    expect(must(c.toggleRetroVote(n, 'Bob Smith'))).toBe(true);
    expect(doc.getSnapshot().retroVotes.size).toBe(2);
    expect(must(c.toggleRetroVote(n, 'Alice'))).toBe(false);
    expect([...doc.getSnapshot().retroVotes.values()].map((v) => v.voter)).toEqual(['Bob Smith']);
  });

  it('teammates writing and voting at the same time all keep their notes and votes', () => {
    const alice = newPlan('alice');
    const bob = replicaOf(alice.doc, 'bob');
    const shared = must(alice.c.addRetroNote({ column: 'went-well', text: 'Daily syncs', author: 'Alice' }));
    syncAll(alice.doc, bob);
    must(alice.c.addRetroNote({ column: 'ideas', text: 'Alice idea', author: 'Alice' }));
    must(bob.commands.addRetroNote({ column: 'ideas', text: 'Bob idea', author: 'Bob' }));
    must(alice.c.toggleRetroVote(shared, 'Alice'));
    must(bob.commands.toggleRetroVote(shared, 'Bob'));
    // The same person voting from two devices is still one vote.
    must(bob.commands.toggleRetroVote(shared, 'Alice'));
    syncAll(alice.doc, bob);
    for (const doc of [alice.doc, bob]) {
      const s = doc.getSnapshot();
      expect([...s.retroNotes.values()].map((n) => n.text).sort()).toEqual(['Alice idea', 'Bob idea', 'Daily syncs']);
      expect([...s.retroVotes.values()].map((v) => v.voter).sort()).toEqual(['Alice', 'Bob']);
    }
  });

  it('turns a note into an action item (a todo task) or a process improvement, once', () => {
    const { doc, c } = newPlan('alice');
    const action = must(c.addRetroNote({ column: 'to-improve', text: 'Write the   runbook earlier', author: 'Alice' }));
    const improvement = must(c.addRetroNote({ column: 'ideas', text: 'Review contracts on Mondays', author: 'Bob' }));
    const taskId = must(c.promoteRetroNote(action, 'action-item'))!;
    expect(doc.getSnapshot().nodes.get(taskId)).toMatchObject({ kind: 'task', title: 'Write the runbook earlier', status: 'todo' });
    expect(doc.getSnapshot().retroNotes.get(action)).toMatchObject({ outcome: 'action-item', task: taskId });
    must(c.setReflectionText('processImprovements', 'Keep the matrix current'));
    must(c.promoteRetroNote(improvement, 'process-improvement'));
    expect(doc.getSnapshot().reflection.processImprovements).toBe('Keep the matrix current\n- Review contracts on Mondays');
    expectRefused(doc, () => c.promoteRetroNote(action, 'process-improvement'), `retroNotes["${action}"].outcome`, /already an action item/);
  });
});

describe('session action items', () => {
  it('one click turns an action item into a task owned by its persona, once', () => {
    const { doc, c } = scheduledPlan();
    const s = must(
      c.addSession({
        date: '2025-03-05',
        type: 'review',
        actionItems: [
          { id: 'ai1', text: 'Publish the API contract', persona: 'dev' },
          { id: 'ai2', text: 'Book the load-test rig', persona: 'gone' as 'dev' },
        ],
      }),
    );
    const t1 = must(c.actionItemToTask(s, 'ai1'));
    expect(doc.getSnapshot().nodes.get(t1)).toMatchObject({ kind: 'task', title: 'Publish the API contract', owner: 'dev', status: 'todo' });
    const t2 = must(c.actionItemToTask(s, 'ai2'));
    expect(doc.getSnapshot().nodes.get(t2)).not.toHaveProperty('owner');
    expect(doc.getSnapshot().sessions.get(s)!.actionItems!.map((i) => i.task)).toEqual([t1, t2]);
    expectRefused(doc, () => c.actionItemToTask(s, 'ai1'), `sessions["${s}"].actionItems`, /already a task/);
    expectRefused(doc, () => c.actionItemToTask(s, 'ai9'), `sessions["${s}"].actionItems`, /no action item/);
    expectRefused(doc, () => c.actionItemToTask('s-nope', 'ai1'), 'sessions["s-nope"]');
  });
});

describe('interchange JSON', () => {
  it('carries baselines, the chosen baseline, notes and votes through export and import', () => {
    const { doc, c } = scheduledPlan();
    const bl = must(c.setBaseline('Kick-off'));
    const n = must(c.addRetroNote({ column: 'went-well', text: 'Contracts first', author: 'Alice', group: 'Contracts' }));
    must(c.toggleRetroVote(n, 'Bob'));
    const json = stringifyPlanJson(toPlanJson(doc.getSnapshot()));
    const parsed = must(parsePlanJson(json));
    expect(parsed.baseline).toBe(bl);
    const copy = new PlanDocument({ actor: 'carol' });
    loadPlanJson(copy.ydoc, parsed);
    expect(stringifyPlanJson(toPlanJson(copy.getSnapshot()))).toBe(json);
  });

  it('refuses a vote for a missing note and a chosen baseline that is not there, by path', () => {
    const base = { format: 'baton-plan', version: 1, title: 'T', personas: [], nodes: [], edges: [] };
    const vote = parsePlanJson({ ...base, retroVotes: [{ id: 'v1', note: 'rn-x', voter: 'Al' }] });
    expect(!vote.ok && vote.error).toEqual([{ path: 'retroVotes[0].note', message: 'no retrospective note with id "rn-x"' }]);
    const chosen = parsePlanJson({ ...base, baseline: 'bl-x' });
    expect(!chosen.ok && chosen.error).toEqual([{ path: 'baseline', message: 'no baseline with id "bl-x"' }]);
    const badNote = parsePlanJson({ ...base, retroNotes: [{ id: 'n1', column: 'glad', text: 'x', author: 'Al' }] });
    expect(!badNote.ok && badNote.error[0]!.path).toBe('retroNotes[0].column');
  });
});
