import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadPlanJson, PlanDocument } from '../../../shared/doc';
import { parsePlanJson, stringifyPlanJson, TABLE_NAMES, toPlanJson, type PlanJson, type PlanSnapshot } from '../../../shared/model';
import { must, replicaOf } from './helpers';

const TASKS = 200;

/** A plan with 200 tasks in 4 workstreams, chained dependencies, a handoff, a session, a phase and texts. */
function bigPlan(): PlanJson {
  const value = {
    format: 'baton-plan',
    version: 1,
    title: 'Real-time Collaboration System',
    personas: ['dev', 'designer', 'devops', 'data', 'qa', 'architect'].map((id) => ({ id, name: id.toUpperCase(), kind: 'human' })),
    nodes: [
      ...['infra', 'data', 'api', 'ux'].map((w) => ({ id: `ws-${w}`, kind: 'workstream', title: w })),
      ...Array.from({ length: TASKS }, (_, i) => ({
        id: `t${String(i).padStart(3, '0')}`,
        kind: 'task',
        title: `Task ${i}`,
        parent: `ws-${['infra', 'data', 'api', 'ux'][i % 4]}`,
        owner: ['dev', 'designer', 'devops', 'data', 'qa', 'architect'][i % 6],
        estimateDays: (i % 5) + 1,
        position: { x: (i % 20) * 200, y: Math.floor(i / 20) * 120 },
      })),
    ],
    edges: Array.from({ length: TASKS - 1 }, (_, i) => ({
      id: `e${i}`,
      kind: 'dependency',
      source: `t${String(i).padStart(3, '0')}`,
      target: `t${String(i + 1).padStart(3, '0')}`,
    })),
    handoffs: [{ id: 'h1', task: 't010', from: 'designer', to: 'dev' }],
    sessions: [{ id: 's1', date: '2025-03-03', type: 'planning' }],
    phases: [{ id: 'ph1', name: 'Foundation' }],
    playbook: { communication: 'Daily standups' },
    reflection: { lessonsLearned: 'Contracts first' },
  };
  const parsed = parsePlanJson(value);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

function openBigPlan(actor = 'alice'): PlanDocument {
  const doc = new PlanDocument({ actor, clock: () => new Date('2025-03-03T09:00:00Z') });
  loadPlanJson(doc.ydoc, bigPlan());
  return doc;
}

/** Every entity of `after` other than those in `changed` is the very object it was in `before`. */
function expectSharedExcept(before: PlanSnapshot, after: PlanSnapshot, changed: { table: (typeof TABLE_NAMES)[number]; id: string }[]) {
  for (const table of TABLE_NAMES) {
    const ids = new Set(changed.filter((c) => c.table === table).map((c) => c.id));
    if (ids.size === 0) {
      expect(after[table], `table ${table}`).toBe(before[table]);
      continue;
    }
    expect(after[table]).not.toBe(before[table]);
    for (const [id, entity] of before[table]) {
      if (ids.has(id)) expect(after[table].get(id)).not.toBe(entity);
      else expect(after[table].get(id), `${table} ${id}`).toBe(entity);
    }
  }
}

describe('incremental snapshot', () => {
  it('editing one task of 200 keeps every other entity, and every untouched table, the same object', () => {
    const doc = openBigPlan();
    const before = doc.getSnapshot();
    expect(before.nodes.size).toBe(TASKS + 4);
    must(doc.commands.updateNode('t123', { title: 'Renamed task' }));
    const after = doc.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.nodes.get('t123')?.title).toBe('Renamed task');
    expectSharedExcept(before, after, [{ table: 'nodes', id: 't123' }]);
    expect(after.meta).toBe(before.meta);
    expect(after.playbook).toBe(before.playbook);
    expect(after.reflection).toBe(before.reflection);
    expect(after.broadcasts).toBe(before.broadcasts);
    expect(after.activity).toBe(before.activity); // a rename is not logged
    expect(after.problems).toBe(before.problems);
  });

  it('a status change touches the task and the activity log, nothing else', () => {
    const doc = openBigPlan();
    const before = doc.getSnapshot();
    must(doc.commands.updateNode('t050', { status: 'active' }));
    const after = doc.getSnapshot();
    expectSharedExcept(before, after, [{ table: 'nodes', id: 't050' }]);
    expect(after.activity).not.toBe(before.activity);
    expect(after.meta).toBe(before.meta);
  });

  it('editing a persona, a dependency or a session keeps the rest', () => {
    const doc = openBigPlan();
    let before = doc.getSnapshot();
    must(doc.commands.updatePersona('qa', { name: 'QA Engineer' }));
    expectSharedExcept(before, doc.getSnapshot(), [{ table: 'personas', id: 'qa' }]);
    before = doc.getSnapshot();
    must(doc.commands.updateDependency('e7', { type: 'api' }));
    expectSharedExcept(before, doc.getSnapshot(), [{ table: 'edges', id: 'e7' }]);
    expect(doc.getSnapshot().edges.get('e7')?.type).toBe('api');
    before = doc.getSnapshot();
    must(doc.commands.updateSession('s1', { notes: 'Kickoff' }));
    expectSharedExcept(before, doc.getSnapshot(), [{ table: 'sessions', id: 's1' }]);
    expect(doc.getSnapshot().sessions.get('s1')?.notes).toBe('Kickoff');
  });

  it('typing in a task description rebuilds only that task', () => {
    const doc = openBigPlan();
    must(doc.commands.updateNode('t001', { description: 'First draft' }));
    const before = doc.getSnapshot();
    must(doc.commands.updateNode('t001', { description: 'First draft, reviewed' }));
    expect(doc.getSnapshot().nodes.get('t001')?.description).toBe('First draft, reviewed');
    expectSharedExcept(before, doc.getSnapshot(), [{ table: 'nodes', id: 't001' }]);
  });

  it('the snapshot is frozen', () => {
    const doc = openBigPlan();
    const s = doc.getSnapshot();
    expect(Object.isFrozen(s)).toBe(true);
    const t = s.nodes.get('t000')!;
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.position)).toBe(true);
    expect(() => {
      (t as { title: string }).title = 'hacked';
    }).toThrow(TypeError);
  });

  it('matches a snapshot built from scratch after many edits', () => {
    const doc = openBigPlan();
    must(doc.commands.updateNode('t000', { status: 'done' }));
    must(doc.commands.removeNodes(['t100']));
    must(doc.commands.updatePersona('dev', { capacity: 3 }));
    must(doc.commands.moveNodes([{ id: 't001', position: { x: 1, y: 2 } }]));
    must(doc.commands.connectTasks({ id: 'extra', source: 't000', target: 't150' }));
    must(doc.commands.updatePhase('ph1', { duration: '2 weeks' }));
    must(doc.commands.setPlaybookText('review', 'Pairs'));
    doc.undo();
    const fresh = replicaOf(doc, 'bob');
    expect(stringifyPlanJson(toPlanJson(doc.getSnapshot()))).toBe(stringifyPlanJson(toPlanJson(fresh.getSnapshot())));
  });
});

describe('subscribers', () => {
  it('hear about each edit once, after the snapshot is up to date', () => {
    const doc = openBigPlan();
    const seen: PlanSnapshot[] = [];
    doc.subscribe(() => seen.push(doc.getSnapshot()));
    const expectOneCall = (run: () => unknown, check: (s: PlanSnapshot) => void) => {
      seen.length = 0;
      run();
      expect(seen).toHaveLength(1);
      check(seen[0]!);
    };
    expectOneCall(() => doc.commands.updateNode('t001', { title: 'A' }), (s) => expect(s.nodes.get('t001')?.title).toBe('A'));
    // A status change is two transactions (the edit, then its activity entry) and an undo step.
    expectOneCall(() => doc.commands.updateNode('t002', { status: 'done' }), (s) => {
      expect(s.nodes.get('t002')).toMatchObject({ status: 'done', progress: 100 });
      expect(s.activity.at(-1)).toMatchObject({ kind: 'status', to: 'done' });
    });
    expectOneCall(() => doc.commands.moveNodes(['t003', 't004', 't005'].map((id) => ({ id, position: { x: 0, y: 0 } }))), (s) => expect(s.nodes.get('t005')?.position).toEqual({ x: 0, y: 0 }));
    expectOneCall(() => doc.undo(), (s) => expect(s.nodes.get('t005')?.position).not.toEqual({ x: 0, y: 0 }));
    expectOneCall(() => doc.redo(), (s) => expect(s.nodes.get('t005')?.position).toEqual({ x: 0, y: 0 }));
    expectOneCall(() => doc.undo(), () => expect(doc.canRedo).toBe(true));
    const bob = replicaOf(doc, 'bob');
    must(bob.commands.updateNode('t009', { owner: 'qa' }));
    expectOneCall(() => doc.applyUpdate(bob.encodeDiff(doc.encodeStateVector())), (s) => expect(s.nodes.get('t009')).toMatchObject({ owner: 'qa' }));
  });

  it('hear nothing when nothing changed', () => {
    const doc = openBigPlan();
    let calls = 0;
    const unsubscribe = doc.subscribe(() => calls++);
    const before = doc.getSnapshot();
    doc.commands.updateNode('t001', { title: 'Task 1' }); // its current title
    doc.commands.updateNode('t001', { estimateDays: -5 }); // refused
    doc.commands.updateNode('ghost', { title: 'x' }); // refused
    doc.applyUpdate(new Uint8Array([1, 2, 3]));
    expect(calls).toBe(0);
    expect(doc.getSnapshot()).toBe(before);
    unsubscribe();
    must(doc.commands.updateNode('t001', { title: 'Changed' }));
    expect(calls).toBe(0);
  });
});

describe('a faulty peer', () => {
  /** A raw Yjs replica of `doc`, to write what no command would. */
  function rawReplica(doc: PlanDocument): Y.Doc {
    const raw = new Y.Doc();
    Y.applyUpdate(raw, doc.encodeState());
    return raw;
  }
  const sendRaw = (raw: Y.Doc, doc: PlanDocument, edit: () => void) => {
    const sv = Y.encodeStateVector(raw);
    raw.transact(edit);
    must(doc.applyUpdate(Y.encodeStateAsUpdate(raw, sv)));
  };

  it('an entity that breaks the schema is left out and reported; the rest stays visible', () => {
    const doc = openBigPlan();
    const raw = rawReplica(doc);
    const before = doc.getSnapshot();
    sendRaw(raw, doc, () => {
      raw.getMap<Y.Map<unknown>>('nodes').get('t042')!.set('estimateDays', 'abc');
    });
    const s = doc.getSnapshot();
    expect(s.nodes.has('t042')).toBe(false);
    expect(s.nodes.size).toBe(TASKS + 4 - 1);
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]!.path).toMatch(/^nodes.*t042.*\.estimateDays$/);
    expect(s.problems[0]!.message).toMatch(/expected a number, got the string "abc"/);
    expectSharedExcept(before, s, [{ table: 'nodes', id: 't042' }]);
    // Everything else still exports, and the export is a valid plan.
    expect(parsePlanJson(stringifyPlanJson(toPlanJson(s))).ok).toBe(true);
    // When the peer repairs it, it comes back and the problem goes away.
    sendRaw(raw, doc, () => {
      raw.getMap<Y.Map<unknown>>('nodes').get('t042')!.set('estimateDays', 3);
    });
    expect(doc.getSnapshot().nodes.get('t042')).toMatchObject({ estimateDays: 3 });
    expect(doc.getSnapshot().problems).toEqual([]);
  });

  it('a new entity of an unknown kind, a non-map record and a broken broadcast are all reported', () => {
    const doc = openBigPlan();
    const raw = rawReplica(doc);
    sendRaw(raw, doc, () => {
      const epic = new Y.Map<unknown>();
      raw.getMap<unknown>('nodes').set('epic-1', epic);
      epic.set('kind', 'epic');
      epic.set('title', 'An epic');
      raw.getMap<unknown>('personas').set('ghost', 'just a string');
      raw.getArray<unknown>('broadcasts').push([{ id: 'b1', receivedAt: 'now', status: {} }]);
    });
    const s = doc.getSnapshot();
    expect(s.nodes.has('epic-1')).toBe(false);
    expect(s.personas.has('ghost')).toBe(false);
    expect(s.broadcasts).toEqual([]);
    const paths = s.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/epic-1.*kind/), 'personas["ghost"]', 'broadcasts']));
    expect(s.nodes.size).toBe(TASKS + 4);
  });

  it('garbage bytes are refused and change nothing', () => {
    const doc = openBigPlan();
    const before = doc.getSnapshot();
    const state = doc.encodeState();
    let calls = 0;
    doc.subscribe(() => calls++);
    const garbage = [
      new Uint8Array([]),
      new Uint8Array([1, 2, 3]),
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]),
      new TextEncoder().encode('{"format":"baton-plan"}'),
      new TextEncoder().encode('not a plan update at all'),
      state.slice(0, Math.floor(state.length / 2)),
    ];
    for (const bytes of garbage) {
      const r = doc.applyUpdate(bytes);
      expect(r.ok, `bytes ${Array.from(bytes.slice(0, 8))}`).toBe(false);
      if (!r.ok) expect(r.error[0]!.message).toMatch(/not a plan update/);
    }
    expect(doc.getSnapshot()).toBe(before);
    expect(doc.encodeState()).toEqual(state);
    expect(calls).toBe(0);
  });

  it('loading a whole plan into a fresh document gives the same plan, and garbage gives an error instead of a throw', () => {
    const state = openBigPlan().encodeState();
    const fresh = new PlanDocument({ actor: 'reader' });
    expect(fresh.loadUpdate(state)).toEqual({ ok: true, value: undefined });
    expect(fresh.getSnapshot().nodes.size).toBe(TASKS + 4);
    expect(fresh.getSnapshot().problems).toEqual([]);
    for (const bytes of [new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]), new TextEncoder().encode('not a plan update at all'), state.slice(0, Math.floor(state.length / 2))]) {
      const r = new PlanDocument({ actor: 'reader' }).loadUpdate(bytes);
      expect(r.ok, `bytes ${Array.from(bytes.slice(0, 8))}`).toBe(false);
      if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
    }
  });
});
