import { describe, expect, it } from 'vitest';
import { PlanDocument } from '../../../shared/doc';
import { activityEntrySchema, parsePlanJson, stringifyPlanJson, toPlanJson, type ActivityEntry } from '../../../shared/model';
import { analysePlan, reflectionEvidence, sessionPrefill } from '../../../shared/planning';
import { must, syncAll } from './helpers';

const MONDAY = new Date('2025-03-03T09:15:00.000Z');
const TUESDAY = new Date('2025-03-04T11:00:00.000Z');

/** Alice's plan on a clock she controls, with two personas and one task. */
function alicesPlan() {
  let now = MONDAY;
  const alice = new PlanDocument({ actor: 'alice', clock: () => now });
  must(alice.initialize('Real-time Collaboration System'));
  must(alice.commands.addPersona({ id: 'dev', name: 'Developer', kind: 'agent' }));
  must(alice.commands.addPersona({ id: 'qa', name: 'QA Engineer', kind: 'human' }));
  must(alice.commands.addNode({ id: 't1', kind: 'task', title: 'WebSocket server', owner: 'dev', estimateDays: 5 }));
  return { alice, setNow: (d: Date) => (now = d) };
}

/** The entries without their random ids, for comparing with what is expected. */
const facts = (log: readonly ActivityEntry[]) => log.map(({ id: _id, ...rest }) => rest);

describe('activity log', () => {
  it('logs a new task with its owner and estimate, by the actor at the injected time', () => {
    const { alice } = alicesPlan();
    expect(facts(alice.getSnapshot().activity)).toEqual([
      { at: MONDAY.toISOString(), actor: 'alice', kind: 'created', entity: 't1', to: 'todo' },
      { at: MONDAY.toISOString(), actor: 'alice', kind: 'owner', entity: 't1', from: null, to: 'dev' },
      { at: MONDAY.toISOString(), actor: 'alice', kind: 'estimate', entity: 't1', from: null, to: 5 },
    ]);
  });

  it('logs status, owner and estimate changes with from and to, and nothing for a rename', () => {
    const { alice, setNow } = alicesPlan();
    const start = alice.getSnapshot().activity.length;
    setNow(TUESDAY);
    must(alice.commands.updateNode('t1', { title: 'WebSocket server v2' }));
    expect(alice.getSnapshot().activity.length).toBe(start);
    must(alice.commands.updateNode('t1', { status: 'active' }));
    must(alice.commands.updateNode('t1', { owner: 'qa', estimateDays: 7 }));
    must(alice.commands.updateNode('t1', { status: 'done', estimateDays: null }));
    const logged = facts(alice.getSnapshot().activity.slice(start));
    expect(logged.slice(0, 3)).toEqual([
      { at: TUESDAY.toISOString(), actor: 'alice', kind: 'status', entity: 't1', from: 'todo', to: 'active' },
      { at: TUESDAY.toISOString(), actor: 'alice', kind: 'owner', entity: 't1', from: 'dev', to: 'qa' },
      { at: TUESDAY.toISOString(), actor: 'alice', kind: 'estimate', entity: 't1', from: 5, to: 7 },
    ]);
    // One command changing two fields: two entries, in no particular order.
    expect(logged.slice(3)).toHaveLength(2);
    expect(logged.slice(3)).toEqual(
      expect.arrayContaining([
        { at: TUESDAY.toISOString(), actor: 'alice', kind: 'status', entity: 't1', from: 'active', to: 'done' },
        { at: TUESDAY.toISOString(), actor: 'alice', kind: 'estimate', entity: 't1', from: 7, to: null },
      ]),
    );
  });

  it('logs handoffs: recorded, completed and removed', () => {
    const { alice, setNow } = alicesPlan();
    const start = alice.getSnapshot().activity.length;
    must(alice.commands.addHandoff({ id: 'h1', task: 't1', from: 'dev', to: 'qa', reason: 'Ready for load tests' }));
    setNow(TUESDAY);
    must(alice.commands.updateHandoff('h1', { status: 'completed' }));
    must(alice.commands.removeHandoff('h1'));
    expect(facts(alice.getSnapshot().activity.slice(start))).toEqual([
      { at: MONDAY.toISOString(), actor: 'alice', kind: 'handoff', entity: 'h1', from: null, to: 'pending' },
      { at: TUESDAY.toISOString(), actor: 'alice', kind: 'handoff', entity: 'h1', from: 'pending', to: 'completed' },
      { at: TUESDAY.toISOString(), actor: 'alice', kind: 'handoff', entity: 'h1', to: 'removed' },
    ]);
  });

  it('logs removed tasks, but not other kinds of node', () => {
    const { alice } = alicesPlan();
    must(alice.commands.addNode({ id: 'm1', kind: 'milestone', title: 'API Integration Checkpoint' }));
    const start = alice.getSnapshot().activity.length;
    expect(start).toBe(3); // the milestone's creation is not a task fact
    must(alice.commands.removeNodes(['t1', 'm1']));
    expect(facts(alice.getSnapshot().activity.slice(start))).toEqual([{ at: MONDAY.toISOString(), actor: 'alice', kind: 'removed', entity: 't1' }]);
  });

  it('undoing the creation of a task logs its removal', () => {
    const { alice } = alicesPlan();
    must(alice.commands.addNode({ id: 't2', kind: 'task', title: 'Caching layer' }));
    expect(alice.getSnapshot().activity.at(-1)).toMatchObject({ kind: 'created', entity: 't2' });
    alice.undo();
    expect(alice.getSnapshot().activity.at(-1)).toMatchObject({ kind: 'removed', entity: 't2', actor: 'alice' });
  });

  it('records the new name after setActor', () => {
    const { alice } = alicesPlan();
    alice.setActor('Alice Liddell');
    must(alice.commands.updateNode('t1', { status: 'blocked' }));
    expect(alice.getSnapshot().activity.at(-1)).toMatchObject({ actor: 'Alice Liddell', kind: 'status', to: 'blocked' });
  });

  it('a receiver does not log remote edits again', () => {
    const { alice } = alicesPlan();
    const bob = new PlanDocument({ actor: 'bob', clock: () => TUESDAY });
    must(bob.applyUpdate(alice.encodeState()));
    must(alice.commands.updateNode('t1', { status: 'active', owner: 'qa' }));
    must(alice.commands.addHandoff({ id: 'h1', task: 't1', from: 'qa', to: 'dev' }));
    must(bob.applyUpdate(alice.encodeDiff(bob.encodeStateVector())));
    expect(bob.getSnapshot().activity).toEqual(alice.getSnapshot().activity);
    expect(bob.getSnapshot().activity.some((e) => e.actor === 'bob' || e.at === TUESDAY.toISOString())).toBe(false);
    // Alice gets nothing new back from Bob either.
    const aliceLog = alice.getSnapshot().activity;
    must(alice.applyUpdate(bob.encodeState()));
    expect(alice.getSnapshot().activity).toEqual(aliceLog);
  });

  it('is append-only across sync: everyone keeps every entry, in each author\'s order', () => {
    const { alice } = alicesPlan();
    const bob = new PlanDocument({ actor: 'bob', clock: () => TUESDAY });
    must(bob.applyUpdate(alice.encodeState()));
    const shared = alice.getSnapshot().activity;
    // Both work offline on the same task.
    must(alice.commands.updateNode('t1', { status: 'active' }));
    must(alice.commands.updateNode('t1', { estimateDays: 6 }));
    must(bob.commands.updateNode('t1', { owner: 'qa' }));
    must(bob.commands.addHandoff({ id: 'h-bob', task: 't1', from: 'dev', to: 'qa' }));
    const aliceBefore = alice.getSnapshot().activity;
    const bobBefore = bob.getSnapshot().activity;
    syncAll(alice, bob);
    const aliceAfter = alice.getSnapshot().activity;
    expect(bob.getSnapshot().activity).toEqual(aliceAfter);
    expect(aliceAfter.length).toBe(aliceBefore.length + bobBefore.length - shared.length);
    expect(aliceAfter.slice(0, shared.length)).toEqual(shared);
    const ids = aliceAfter.map((e) => e.id);
    for (const before of [aliceBefore, bobBefore]) {
      const positions = before.map((e) => ids.indexOf(e.id));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
    expect(aliceAfter.filter((e) => e.actor === 'bob').map((e) => e.kind)).toEqual(['owner', 'handoff']);
    // More edits after the sync only ever add.
    must(bob.commands.updateNode('t1', { status: 'done' }));
    syncAll(alice, bob);
    expect(alice.getSnapshot().activity.slice(0, aliceAfter.length)).toEqual(aliceAfter);
    expect(alice.getSnapshot().activity.at(-1)).toMatchObject({ actor: 'bob', kind: 'status', from: 'active', to: 'done' });
  });

  it('entries are valid, frozen, and travel in the interchange JSON', () => {
    const { alice } = alicesPlan();
    must(alice.commands.updateNode('t1', { status: 'active' }));
    const log = alice.getSnapshot().activity;
    for (const entry of log) {
      expect(activityEntrySchema.safeParse(entry).success).toBe(true);
      expect(Object.isFrozen(entry)).toBe(true);
    }
    expect(new Set(log.map((e) => e.id)).size).toBe(log.length);
    const text = stringifyPlanJson(toPlanJson(alice.getSnapshot()));
    const parsed = parsePlanJson(text);
    expect(parsed.ok && parsed.value.activity).toEqual(log);
  });
});

describe('activity log of artifacts and risks (what a coordination session reports)', () => {
  it('logs their creation with the status (state) they start in, and changes of that field only', () => {
    const { alice, setNow } = alicesPlan();
    const start = alice.getSnapshot().activity.length;
    must(alice.commands.addNode({ id: 'a1', kind: 'artifact', title: 'WebSocket protocol contract', contract: true }));
    must(alice.commands.addNode({ id: 'k1', kind: 'risk', title: 'Message ordering under load', probability: 'medium' }));
    must(alice.commands.addNode({ id: 'd1', kind: 'decision', title: 'Use CRDTs' }));
    setNow(TUESDAY);
    must(alice.commands.updateNode('a1', { status: 'agreed', usedBy: ['qa'] }));
    must(alice.commands.updateNode('k1', { state: 'closed', impact: 'high' }));
    must(alice.commands.updateNode('k1', { title: 'Message ordering' }));
    must(alice.commands.updateNode('a1', { status: null }));
    expect(facts(alice.getSnapshot().activity.slice(start))).toEqual([
      { at: MONDAY.toISOString(), actor: 'alice', kind: 'created', entity: 'a1', to: 'draft' },
      { at: MONDAY.toISOString(), actor: 'alice', kind: 'created', entity: 'k1', to: 'open' },
      { at: TUESDAY.toISOString(), actor: 'alice', kind: 'status', entity: 'a1', from: 'draft', to: 'agreed' },
      { at: TUESDAY.toISOString(), actor: 'alice', kind: 'status', entity: 'k1', from: 'open', to: 'closed' },
      // An unset status is a draft, as the exporters read it.
      { at: TUESDAY.toISOString(), actor: 'alice', kind: 'status', entity: 'a1', from: 'agreed', to: 'draft' },
    ]);
  });

  it('feeds the session prefill: contracts updated and risks opened since the previous session', () => {
    const { alice, setNow } = alicesPlan();
    must(alice.commands.addNode({ id: 'a1', kind: 'artifact', title: 'Protocol contract', contract: true, status: 'proposed' }));
    must(alice.commands.addNode({ id: 'a2', kind: 'artifact', title: 'Mock data' }));
    setNow(TUESDAY);
    must(alice.commands.updateNode('a1', { status: 'agreed' }));
    must(alice.commands.addNode({ id: 'k1', kind: 'risk', title: 'Message ordering' }));
    const snapshot = alice.getSnapshot();
    const p = sessionPrefill(snapshot, analysePlan(snapshot), { from: '2025-03-03T12:00:00.000Z' });
    expect(p.artifactsCreated).toEqual([]);
    expect(p.contractUpdates).toEqual([{ id: 'a1', from: 'proposed', to: 'agreed', at: TUESDAY.toISOString() }]);
    expect(p.risksOpened).toEqual([{ id: 'k1', at: TUESDAY.toISOString(), open: true }]);
    const first = sessionPrefill(snapshot, analysePlan(snapshot), {});
    expect(first.artifactsCreated).toEqual([{ id: 'a2', at: MONDAY.toISOString() }]);
  });

  it('leaves the reflection evidence of tasks as it was', () => {
    const { alice, setNow } = alicesPlan();
    must(alice.commands.updateNode('t1', { status: 'active' }));
    setNow(TUESDAY);
    must(alice.commands.updateNode('t1', { status: 'done' }));
    const before = alice.getSnapshot();
    must(alice.commands.addNode({ id: 'a1', kind: 'artifact', title: 'Protocol contract', contract: true }));
    must(alice.commands.addNode({ id: 'k1', kind: 'risk', title: 'Message ordering' }));
    must(alice.commands.updateNode('k1', { state: 'closed' }));
    const after = alice.getSnapshot();
    const evidence = (s: typeof before) => reflectionEvidence(s, { asOf: '2025-03-05' });
    const { log: _beforeLog, ...withoutLogBefore } = evidence(before);
    const { log: afterLog, ...withoutLogAfter } = evidence(after);
    expect(withoutLogAfter).toEqual(withoutLogBefore);
    expect(afterLog.anomalies).toEqual([]);
  });

  it('keeps write order for entries of one millisecond: ids sort as they were written', () => {
    const { alice } = alicesPlan();
    // One clock reading for everything: the reader orders same-time entries by id.
    for (let i = 0; i < 40; i++) {
      must(alice.commands.addNode({ id: `s${i}`, kind: 'task', title: `Step ${i}` }));
      must(alice.commands.updateNode(`s${i}`, { status: 'active' }));
      must(alice.commands.updateNode(`s${i}`, { status: 'done' }));
    }
    const log = alice.getSnapshot().activity;
    expect([...log].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(log);
    const evidence = reflectionEvidence(alice.getSnapshot(), { asOf: '2025-03-05' });
    expect(evidence.log.anomalies).toEqual([]);
    expect(evidence.tasks.filter((t) => t.id.startsWith('s')).every((t) => t.status === 'done')).toBe(true);
  });
});
