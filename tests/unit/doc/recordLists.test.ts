import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PlanDocument } from '../../../shared/doc';
import type { ActionItem } from '../../../shared/model';
import { must, newPlan, replicaOf, syncAll } from './helpers';

// A session's action items are a record list: teammates who add, tick or edit items of the
// same session while apart keep every one of their changes once they sync.

function meetingWithTwoTeammates() {
  const { doc: alice, c } = newPlan('alice');
  must(c.addPersona({ id: 'dev', name: 'Developer', kind: 'agent' }));
  must(c.addPersona({ id: 'qa', name: 'QA Engineer', kind: 'human' }));
  const session = must(
    c.addSession({
      date: '2025-03-05',
      type: 'review',
      actionItems: [
        { id: 'ai1', text: 'Publish the API contract', persona: 'dev' },
        { id: 'ai2', text: 'Book the load-test rig', persona: 'qa' },
      ],
    }),
  );
  const bob = replicaOf(alice, 'bob');
  return { alice, bob, session };
}

/** An action item as a command takes one (the snapshot's ids are branded). */
interface ItemInput {
  readonly id: string;
  readonly text: string;
  readonly persona?: string;
  readonly due?: string;
  readonly done?: boolean;
}

const itemsOf = (doc: PlanDocument, session: string): readonly ActionItem[] => doc.getSnapshot().sessions.get(session)?.actionItems ?? [];
const add = (doc: PlanDocument, session: string, item: ItemInput) => must(doc.commands.updateSession(session, { actionItems: [...itemsOf(doc, session), item] }));
const edit = (doc: PlanDocument, session: string, id: string, change: Partial<ItemInput>) =>
  must(doc.commands.updateSession(session, { actionItems: itemsOf(doc, session).map((i) => (i.id === id ? { ...i, ...change } : i)) }));

describe('session action items as a record list', () => {
  it('two teammates adding an item to one session at once both keep it, in the same order on both', () => {
    const { alice, bob, session } = meetingWithTwoTeammates();
    add(alice, session, { id: 'ai3', text: 'Write the runbook', persona: 'dev' });
    add(bob, session, { id: 'ai4', text: 'Record the demo', persona: 'qa' });
    syncAll(alice, bob);
    const ids = itemsOf(alice, session).map((i) => i.id);
    expect(ids.slice(0, 2)).toEqual(['ai1', 'ai2']);
    expect([...ids.slice(2)].sort()).toEqual(['ai3', 'ai4']);
    expect(itemsOf(bob, session)).toEqual(itemsOf(alice, session));
  });

  it('ticking one item, editing another and adding a third, apart, keeps all three changes', () => {
    const { alice, bob, session } = meetingWithTwoTeammates();
    edit(alice, session, 'ai1', { done: true });
    edit(bob, session, 'ai2', { text: 'Book the load-test rig for Friday', due: '2025-03-07' });
    add(bob, session, { id: 'ai3', text: 'Write the runbook' });
    // Both edit one item too, in different fields: both fields stay.
    edit(alice, session, 'ai2', { persona: 'dev' });
    syncAll(alice, bob);
    expect(itemsOf(alice, session)).toEqual([
      { id: 'ai1', text: 'Publish the API contract', persona: 'dev', done: true },
      { id: 'ai2', text: 'Book the load-test rig for Friday', persona: 'dev', due: '2025-03-07' },
      { id: 'ai3', text: 'Write the runbook' },
    ]);
    expect(itemsOf(bob, session)).toEqual(itemsOf(alice, session));
  });

  it('an item removed by one teammate stays removed; an item added meanwhile by the other survives, even after the list is cleared', () => {
    const { alice, bob, session } = meetingWithTwoTeammates();
    must(alice.commands.updateSession(session, { actionItems: null }));
    add(bob, session, { id: 'ai3', text: 'Write the runbook' });
    syncAll(alice, bob);
    expect(itemsOf(alice, session).map((i) => i.id)).toEqual(['ai3']);
    expect(itemsOf(bob, session)).toEqual(itemsOf(alice, session));
  });

  it('turning an item into a task while a teammate adds another keeps both', () => {
    const { alice, bob, session } = meetingWithTwoTeammates();
    const task = must(alice.commands.actionItemToTask(session, 'ai1'));
    add(bob, session, { id: 'ai3', text: 'Write the runbook' });
    syncAll(alice, bob);
    expect(itemsOf(bob, session).map((i) => [i.id, i.task])).toEqual([
      ['ai1', task],
      ['ai2', undefined],
      ['ai3', undefined],
    ]);
    expect(bob.getSnapshot().nodes.get(task)).toMatchObject({ kind: 'task', title: 'Publish the API contract' });
  });

  it('a session written by an older Baton (items as one JSON array) reads the same, and its next edit keeps every item', () => {
    const { doc, c } = newPlan('alice');
    const session = must(c.addSession({ date: '2025-03-05', type: 'review' }));
    const legacy: ItemInput[] = [{ id: 'ai1', text: 'Publish the API contract' }];
    doc.ydoc.transact(() => (doc.ydoc.getMap('sessions').get(session) as Y.Map<unknown>).set('actionItems', legacy));
    expect(itemsOf(doc, session)).toEqual(legacy);
    add(doc, session, { id: 'ai2', text: 'Book the load-test rig' });
    expect(itemsOf(doc, session).map((i) => i.id)).toEqual(['ai1', 'ai2']);
    expect((doc.ydoc.getMap('sessions').get(session) as Y.Map<unknown>).get('actionItems')).toBeInstanceOf(Y.Array);
  });

  it("a faulty peer's garbage in the list is reported by its path, and the rest of the plan reads on", () => {
    const { alice, bob, session } = meetingWithTwoTeammates();
    const list = (bob.ydoc.getMap('sessions').get(session) as Y.Map<unknown>).get('actionItems') as Y.Array<unknown>;
    bob.ydoc.transact(() => list.push([42]));
    syncAll(alice, bob);
    const snapshot = alice.getSnapshot();
    expect(snapshot.sessions.has(session)).toBe(false);
    expect(snapshot.problems).toEqual([expect.objectContaining({ path: expect.stringMatching(new RegExp(`^sessions.*${session}.*actionItems\\[2\\]`)) })]);
    expect(snapshot.personas.size).toBe(2);
  });
});

// Its objectives and escalations are value lists: one Y.Array entry per line of text.
describe('session objectives and escalations as value lists', () => {
  function meeting() {
    const { doc: alice, c } = newPlan('alice');
    const session = must(c.addSession({ date: '2025-03-05', type: 'planning', objectives: ['Agree the API contract', 'Split the workstreams'] }));
    return { alice, bob: replicaOf(alice, 'bob'), session };
  }
  const sessionOf = (doc: PlanDocument, id: string) => doc.getSnapshot().sessions.get(id);
  const objectivesOf = (doc: PlanDocument, id: string) => sessionOf(doc, id)?.objectives ?? [];

  it('two teammates adding an objective at once both keep it, in the same order on both', () => {
    const { alice, bob, session } = meeting();
    must(alice.commands.updateSession(session, { objectives: [...objectivesOf(alice, session), 'Name the QA owner'] }));
    must(bob.commands.updateSession(session, { objectives: [...objectivesOf(bob, session), 'Book the demo'] }));
    syncAll(alice, bob);
    const objectives = objectivesOf(alice, session);
    expect(objectives.slice(0, 2)).toEqual(['Agree the API contract', 'Split the workstreams']);
    expect([...objectives.slice(2)].sort()).toEqual(['Book the demo', 'Name the QA owner']);
    expect(objectivesOf(bob, session)).toEqual(objectives);
  });

  it('rewording one objective, removing another and raising an escalation, apart, keeps all three changes', () => {
    const { alice, bob, session } = meeting();
    must(alice.commands.updateSession(session, { objectives: ['Agree the API contract by Friday', 'Split the workstreams'] }));
    must(bob.commands.updateSession(session, { objectives: ['Agree the API contract'], escalations: ['The staging cluster is down'] }));
    syncAll(alice, bob);
    expect(sessionOf(alice, session)).toMatchObject({ objectives: ['Agree the API contract by Friday'], escalations: ['The staging cluster is down'] });
    expect(sessionOf(bob, session)).toEqual(sessionOf(alice, session));
  });

  it('escalations written by an older Baton (one JSON array) read the same, and the next edit keeps every one', () => {
    const { alice, session } = meeting();
    const entity = alice.ydoc.getMap('sessions').get(session) as Y.Map<unknown>;
    alice.ydoc.transact(() => entity.set('escalations', ['The staging cluster is down']));
    expect(sessionOf(alice, session)?.escalations).toEqual(['The staging cluster is down']);
    must(alice.commands.updateSession(session, { escalations: ['The staging cluster is down', 'No design review slot'] }));
    expect(sessionOf(alice, session)?.escalations).toEqual(['The staging cluster is down', 'No design review slot']);
    expect(entity.get('escalations')).toBeInstanceOf(Y.Array);
  });
});

describe("a phase's deliverables, checkpoints and triggers as value lists", () => {
  it('two teammates adding a deliverable and a checkpoint to one phase at once keep all of them', () => {
    const { doc: alice, c } = newPlan('alice');
    const phase = must(c.addPhase({ name: 'Foundation', deliverables: ['Message queue'], checkpoints: ['Schema review'] }));
    const bob = replicaOf(alice, 'bob');
    const phaseOf = (doc: PlanDocument) => doc.getSnapshot().phases.get(phase);
    must(alice.commands.updatePhase(phase, { deliverables: [...(phaseOf(alice)?.deliverables ?? []), 'Presence service'] }));
    must(bob.commands.updatePhase(phase, { deliverables: [...(phaseOf(bob)?.deliverables ?? []), 'Load-test rig'], checkpoints: ['Schema review', 'Security sign-off'] }));
    syncAll(alice, bob);
    const merged = phaseOf(alice);
    expect(merged?.deliverables?.[0]).toBe('Message queue');
    expect([...(merged?.deliverables ?? []).slice(1)].sort()).toEqual(['Load-test rig', 'Presence service']);
    expect(merged?.checkpoints).toEqual(['Schema review', 'Security sign-off']);
    expect(phaseOf(bob)).toEqual(merged);
  });
});

// Nodes have list fields by kind: a workstream's support and deliverables, a milestone's or
// gate's criteria, a decision's positions, an artifact's users.
describe('node lists by kind, and a session’s participants', () => {
  function planWithWorkstream() {
    const { doc: alice, c } = newPlan('alice');
    for (const [id, name] of [['dev', 'Developer'], ['qa', 'QA Engineer'], ['ops', 'DevOps']] as const) must(c.addPersona({ id, name, kind: 'human' }));
    const ws = must(c.addNode({ kind: 'workstream', title: 'Realtime API', deliverables: ['Presence service'] }));
    const gate = must(c.addNode({ kind: 'gate', title: 'Release gate', criteria: [{ text: 'Load test passes' }, { text: 'Security review' }] }));
    const task = must(c.addNode({ kind: 'task', title: 'Write the schema', parent: ws }));
    const session = must(c.addSession({ date: '2025-03-05', type: 'planning', participants: ['dev'] }));
    return { alice, bob: replicaOf(alice, 'bob'), ws, gate, task, session };
  }
  const nodeOf = (doc: PlanDocument, id: string) => doc.getSnapshot().nodes.get(id) as Record<string, unknown> | undefined;
  const listOf = (doc: PlanDocument, id: string, field: string) => (nodeOf(doc, id)?.[field] as unknown[] | undefined) ?? [];

  it('two teammates adding a deliverable and a supporting persona to one workstream at once keep all of them', () => {
    const { alice, bob, ws } = planWithWorkstream();
    must(alice.commands.updateNode(ws, { deliverables: [...(listOf(alice, ws, 'deliverables') as string[]), 'Cursor sync'], support: ['qa'] }));
    must(bob.commands.updateNode(ws, { deliverables: [...(listOf(bob, ws, 'deliverables') as string[]), 'Rate limiter'], support: ['ops'] }));
    syncAll(alice, bob);
    const deliverables = listOf(alice, ws, 'deliverables') as string[];
    expect(deliverables[0]).toBe('Presence service');
    expect([...deliverables.slice(1)].sort()).toEqual(['Cursor sync', 'Rate limiter']);
    expect([...(listOf(alice, ws, 'support') as string[])].sort()).toEqual(['ops', 'qa']);
    expect(nodeOf(bob, ws)).toEqual(nodeOf(alice, ws));
  });

  it("ticking one of a gate's criteria while a teammate adds another keeps both", () => {
    const { alice, bob, gate } = planWithWorkstream();
    must(alice.commands.updateNode(gate, { criteria: [{ text: 'Load test passes', done: true }, { text: 'Security review' }] }));
    must(bob.commands.updateNode(gate, { criteria: [...(listOf(bob, gate, 'criteria') as { text: string }[]), { text: 'Runbook written' }] }));
    syncAll(alice, bob);
    expect(listOf(alice, gate, 'criteria')).toEqual([{ text: 'Load test passes', done: true }, { text: 'Security review' }, { text: 'Runbook written' }]);
    expect(listOf(bob, gate, 'criteria')).toEqual(listOf(alice, gate, 'criteria'));
  });

  it('two teammates joining one session at once are both participants', () => {
    const { alice, bob, session } = planWithWorkstream();
    const participantsOf = (doc: PlanDocument) => doc.getSnapshot().sessions.get(session)?.participants ?? [];
    must(alice.commands.updateSession(session, { participants: [...participantsOf(alice), 'qa'] }));
    must(bob.commands.updateSession(session, { participants: [...participantsOf(bob), 'ops'] }));
    syncAll(alice, bob);
    expect(participantsOf(alice)[0]).toBe('dev');
    expect([...participantsOf(alice).slice(1)].sort()).toEqual(['ops', 'qa']);
    expect(participantsOf(bob)).toEqual(participantsOf(alice));
  });

  it('a task carries no lists it never uses; a workstream has its empty lists from the start', () => {
    const { alice, ws, task } = planWithWorkstream();
    const entity = (id: string) => alice.ydoc.getMap('nodes').get(id) as Y.Map<unknown>;
    expect([...entity(task).values()].some((v) => v instanceof Y.Array)).toBe(false);
    expect(entity(ws).get('support')).toBeInstanceOf(Y.Array);
    // Empty lists do not show in the snapshot.
    expect(nodeOf(alice, ws)).not.toHaveProperty('support');
  });

  it('deliverables written by an older Baton (one JSON array) read the same, and the next edit makes them a list', () => {
    const { alice, ws } = planWithWorkstream();
    const entity = alice.ydoc.getMap('nodes').get(ws) as Y.Map<unknown>;
    alice.ydoc.transact(() => entity.set('deliverables', ['Presence service', 'Cursor sync']));
    expect(listOf(alice, ws, 'deliverables')).toEqual(['Presence service', 'Cursor sync']);
    must(alice.commands.updateNode(ws, { deliverables: ['Presence service', 'Cursor sync', 'Rate limiter'] }));
    expect(listOf(alice, ws, 'deliverables')).toEqual(['Presence service', 'Cursor sync', 'Rate limiter']);
    expect(entity.get('deliverables')).toBeInstanceOf(Y.Array);
  });
});
