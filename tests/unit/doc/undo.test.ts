import { describe, expect, it } from 'vitest';
import { loadPlanJson, PlanDocument, REMOTE_ORIGIN } from '../../../shared/doc';
import { parsePlanJson, type TaskNode } from '../../../shared/model';
import { must, newPlan, replicaOf, syncAll } from './helpers';

/** Live sync between two replicas, as a provider does: every local update goes to the other. */
function link(a: PlanDocument, b: PlanDocument): void {
  a.onUpdate((update, origin) => {
    if (origin !== REMOTE_ORIGIN) must(b.applyUpdate(update));
  });
  b.onUpdate((update, origin) => {
    if (origin !== REMOTE_ORIGIN) must(a.applyUpdate(update));
  });
}

/** Alice's plan with two tasks, and Bob's replica of it, not linked. */
function aliceAndBob() {
  const { doc: alice } = newPlan('alice');
  must(alice.commands.addPersona({ id: 'dev', name: 'Developer', kind: 'agent' }));
  must(alice.commands.addPersona({ id: 'qa', name: 'QA', kind: 'human' }));
  must(alice.commands.addNode({ id: 't1', kind: 'task', title: 'WebSocket server', owner: 'dev', estimateDays: 5 }));
  must(alice.commands.addNode({ id: 't2', kind: 'task', title: 'Load testing', owner: 'qa', estimateDays: 3 }));
  const bob = replicaOf(alice, 'bob');
  return { alice, bob };
}

const taskOf = (doc: PlanDocument, id: string) => doc.getSnapshot().nodes.get(id) as TaskNode | undefined;

describe('undo is per user', () => {
  it("alice's undo removes her edit and leaves bob's edit to another task", () => {
    const { alice, bob } = aliceAndBob();
    must(alice.commands.updateNode('t1', { title: 'WebSocket server v2' }));
    must(bob.commands.updateNode('t2', { title: 'Load testing (k6)' }));
    syncAll(alice, bob);
    expect(alice.undo()).toBe(true);
    syncAll(alice, bob);
    for (const doc of [alice, bob]) {
      expect(taskOf(doc, 't1')?.title).toBe('WebSocket server');
      expect(taskOf(doc, 't2')?.title).toBe('Load testing (k6)');
    }
  });

  it('both edit the same task, different fields: each undo takes back only its own field', () => {
    const { alice, bob } = aliceAndBob();
    link(alice, bob);
    must(alice.commands.updateNode('t1', { title: 'Socket server' }));
    must(bob.commands.updateNode('t1', { estimateDays: 8, owner: 'qa' }));
    expect(taskOf(alice, 't1')).toMatchObject({ title: 'Socket server', estimateDays: 8, owner: 'qa' });
    expect(alice.undo()).toBe(true);
    for (const doc of [alice, bob]) expect(taskOf(doc, 't1')).toMatchObject({ title: 'WebSocket server', estimateDays: 8, owner: 'qa' });
    expect(bob.undo()).toBe(true);
    for (const doc of [alice, bob]) expect(taskOf(doc, 't1')).toMatchObject({ title: 'WebSocket server', estimateDays: 5, owner: 'dev' });
  });

  it("alice's undo never overwrites a later value bob wrote to the same field", () => {
    const { alice, bob } = aliceAndBob();
    link(alice, bob);
    must(alice.commands.updateNode('t1', { estimateDays: 6 }));
    must(bob.commands.updateNode('t1', { estimateDays: 9 }));
    alice.undo();
    for (const doc of [alice, bob]) expect(taskOf(doc, 't1')?.estimateDays).toBe(9);
  });

  it("bob cannot undo what he only received, and alice's undo does not remove bob's new task", () => {
    const { alice, bob } = aliceAndBob();
    expect(bob.canUndo).toBe(false);
    link(alice, bob);
    must(alice.commands.addNode({ id: 't3', kind: 'task', title: 'Monitoring' }));
    must(bob.commands.addNode({ id: 't4', kind: 'task', title: 'Conflict UI' }));
    expect(bob.undo()).toBe(true); // his own t4
    expect(bob.undo()).toBe(false); // nothing else is his
    expect(bob.getSnapshot().nodes.has('t3')).toBe(true);
    expect(alice.getSnapshot().nodes.has('t4')).toBe(false);
    must(bob.commands.addNode({ id: 't5', kind: 'task', title: 'Caching layer' }));
    expect(alice.undo()).toBe(true);
    for (const doc of [alice, bob]) {
      expect(doc.getSnapshot().nodes.has('t3')).toBe(false);
      expect(doc.getSnapshot().nodes.has('t5')).toBe(true);
    }
  });

  it('redo brings the edit back, on both replicas', () => {
    const { alice, bob } = aliceAndBob();
    link(alice, bob);
    must(alice.commands.updateNode('t1', { title: 'Socket server', estimateDays: 4 }));
    alice.undo();
    expect(alice.canRedo).toBe(true);
    expect(taskOf(bob, 't1')).toMatchObject({ title: 'WebSocket server', estimateDays: 5 });
    expect(alice.redo()).toBe(true);
    for (const doc of [alice, bob]) expect(taskOf(doc, 't1')).toMatchObject({ title: 'Socket server', estimateDays: 4 });
    expect(alice.canRedo).toBe(false);
    expect(alice.redo()).toBe(false);
  });

  it('a new edit after an undo clears the redo history', () => {
    const { alice } = aliceAndBob();
    must(alice.commands.updateNode('t1', { title: 'A' }));
    alice.undo();
    must(alice.commands.updateNode('t2', { title: 'B' }));
    expect(alice.canRedo).toBe(false);
    expect(taskOf(alice, 't1')?.title).toBe('WebSocket server');
  });

  it('moving many nodes is one undo step', () => {
    const { doc, c } = newPlan('alice');
    const ids = Array.from({ length: 60 }, (_, i) => must(c.addNode({ id: `n${i}`, kind: 'task', title: `Task ${i}`, position: { x: i, y: 0 } })));
    const before = doc.getSnapshot();
    must(c.moveNodes(ids.map((id, i) => ({ id, position: { x: i + 100, y: 50 } }))));
    must(c.updateNode('n0', { title: 'Renamed' }));
    expect(doc.undo()).toBe(true); // the rename
    expect(doc.undo()).toBe(true); // the whole drag
    const after = doc.getSnapshot();
    for (const id of ids) expect(after.nodes.get(id)?.position).toEqual(before.nodes.get(id)?.position);
    // One more undo takes back the last node created, not part of the drag.
    expect(doc.undo()).toBe(true);
    expect(doc.getSnapshot().nodes.has('n59')).toBe(false);
    expect(doc.getSnapshot().nodes.get('n58')?.position).toEqual({ x: 58, y: 0 });
  });

  it('undoing a removal brings back the node with its dependencies and handoffs', () => {
    const { alice, bob } = aliceAndBob();
    must(alice.commands.connectTasks({ id: 'e1', source: 't1', target: 't2' }));
    must(alice.commands.addHandoff({ id: 'h1', task: 't1', from: 'dev', to: 'qa' }));
    must(alice.commands.removeNodes(['t1']));
    expect(alice.getSnapshot().edges.size).toBe(0);
    alice.undo();
    syncAll(alice, bob);
    for (const doc of [alice, bob]) {
      expect(taskOf(doc, 't1')).toMatchObject({ title: 'WebSocket server', owner: 'dev', estimateDays: 5 });
      expect(doc.getSnapshot().edges.get('e1')).toMatchObject({ source: 't1', target: 't2' });
      expect(doc.getSnapshot().handoffs.has('h1')).toBe(true);
    }
  });

  it('undoing a status change appends activity entries and removes none', () => {
    const { alice } = aliceAndBob();
    must(alice.commands.updateNode('t1', { status: 'active' }));
    const logBefore = alice.getSnapshot().activity;
    expect(logBefore.at(-1)).toMatchObject({ kind: 'status', entity: 't1', from: 'todo', to: 'active', actor: 'alice' });
    expect(alice.undo()).toBe(true);
    const logAfter = alice.getSnapshot().activity;
    expect(logAfter.length).toBeGreaterThan(logBefore.length);
    expect(logAfter.slice(0, logBefore.length)).toEqual(logBefore);
    expect(logAfter.slice(logBefore.length)).toContainEqual(expect.objectContaining({ kind: 'status', entity: 't1', from: 'active', to: 'todo', actor: 'alice' }));
    expect(taskOf(alice, 't1')?.status).toBeUndefined();
    expect(taskOf(alice, 't1')?.startedAt).toBeUndefined();
    // And redo is logged too.
    alice.redo();
    expect(alice.getSnapshot().activity.at(-1)).toMatchObject({ kind: 'status', entity: 't1', from: 'todo', to: 'active' });
  });

  it('loading a plan file is not an undoable edit', () => {
    const parsed = parsePlanJson({
      format: 'baton-plan',
      version: 1,
      title: 'Imported',
      personas: [],
      nodes: [{ id: 'x', kind: 'task', title: 'From the file' }],
      edges: [],
    });
    if (!parsed.ok) throw new Error('fixture plan invalid');
    const doc = new PlanDocument({ actor: 'alice' });
    loadPlanJson(doc.ydoc, parsed.value);
    expect(doc.canUndo).toBe(false);
    expect(doc.undo()).toBe(false);
    expect(doc.getSnapshot().nodes.has('x')).toBe(true);
  });
});
