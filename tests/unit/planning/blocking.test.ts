import { describe, expect, it } from 'vitest';
import { blockingByPersona, computeBlocking, crossPersonaDependencies } from '../../../shared/planning';
import { snapshotOf, type PlanSpec } from './snapshotOf';

const blockingOf = (spec: PlanSpec) => computeBlocking(snapshotOf(spec));

describe('computeBlocking', () => {
  it('a task is blocked while a prerequisite is not done, and that prerequisite holds it up', () => {
    const b = blockingOf({ tasks: ['a', 'b'], edges: [['a', 'b']] });
    expect(b.get('a')).toEqual({ id: 'a', waitingOn: [], holdingUp: ['b'], blocked: false });
    expect(b.get('b')).toEqual({ id: 'b', waitingOn: ['a'], holdingUp: [], blocked: true });
  });

  it('an active prerequisite still blocks; a done one releases the task', () => {
    const active = blockingOf({ tasks: [{ id: 'a', status: 'active' }, 'b'], edges: [['a', 'b']] });
    expect(active.get('b')!.blocked).toBe(true);
    const done = blockingOf({ tasks: [{ id: 'a', status: 'done' }, 'b'], edges: [['a', 'b']] });
    expect(done.get('b')).toEqual({ id: 'b', waitingOn: [], holdingUp: [], blocked: false });
    expect(done.get('a')).toEqual({ id: 'a', waitingOn: [], holdingUp: [], blocked: false });
  });

  it('a task whose status says blocked is blocked without any prerequisite', () => {
    const b = blockingOf({ tasks: [{ id: 'a', status: 'blocked' }, 'b'], edges: [['a', 'b']] });
    expect(b.get('a')).toEqual({ id: 'a', waitingOn: [], holdingUp: ['b'], blocked: true });
    expect(b.get('b')).toMatchObject({ waitingOn: ['a'], blocked: true });
  });

  it('waits on every unfinished prerequisite (sorted), not on finished ones', () => {
    const b = blockingOf({
      tasks: ['z', { id: 'y', status: 'done' }, { id: 'x', status: 'active' }, 't'],
      edges: [
        ['z', 't'],
        ['y', 't'],
        ['x', 't'],
      ],
    });
    expect(b.get('t')).toMatchObject({ waitingOn: ['x', 'z'], blocked: true });
  });

  it('done tasks are never blocked, whatever comes before them, and nobody holds them up', () => {
    const b = blockingOf({ tasks: ['a', { id: 'b', status: 'done' }], edges: [['a', 'b']] });
    expect(b.get('b')).toEqual({ id: 'b', waitingOn: [], holdingUp: [], blocked: false });
    expect(b.get('a')!.holdingUp).toEqual([]);
  });

  it('a done task holds nobody up, even a dependent that is blocked for another reason', () => {
    const b = blockingOf({ tasks: [{ id: 'a', status: 'done' }, { id: 'b', status: 'blocked' }], edges: [['a', 'b']] });
    expect(b.get('a')!.holdingUp).toEqual([]);
    expect(b.get('b')).toEqual({ id: 'b', waitingOn: [], holdingUp: [], blocked: true });
  });

  it('milestones and gates pass through: after a milestone after an unfinished task, a task is blocked', () => {
    const b = blockingOf({ tasks: ['a', 'b'], milestones: ['m'], edges: [['a', 'm'], ['m', 'b']] });
    expect(b.get('b')).toMatchObject({ waitingOn: ['m'], blocked: true });
    // The milestone itself is no task: it has no row.
    expect(b.has('m')).toBe(false);

    const chain = blockingOf({
      tasks: ['a', 'b'],
      milestones: ['m'],
      gates: ['g'],
      edges: [
        ['a', 'm'],
        ['m', 'g'],
        ['g', 'b'],
      ],
    });
    expect(chain.get('b')).toMatchObject({ waitingOn: ['g'], blocked: true });
  });

  it('a milestone whose prerequisites are all done (or that has none) does not block', () => {
    const done = blockingOf({
      tasks: [{ id: 'a', status: 'done' }, { id: 'c', status: 'done' }, 'b'],
      milestones: ['m'],
      gates: ['g'],
      edges: [
        ['a', 'm'],
        ['c', 'm'],
        ['m', 'g'],
        ['g', 'b'],
      ],
    });
    expect(done.get('b')).toMatchObject({ waitingOn: [], blocked: false });

    const bare = blockingOf({ tasks: ['b'], milestones: ['m'], edges: [['m', 'b']] });
    expect(bare.get('b')!.blocked).toBe(false);
  });

  it('one unfinished prerequisite of a milestone is enough to block what comes after it', () => {
    const b = blockingOf({
      tasks: [{ id: 'a', status: 'done' }, 'c', 'b'],
      milestones: ['m'],
      edges: [
        ['a', 'm'],
        ['c', 'm'],
        ['m', 'b'],
      ],
    });
    expect(b.get('b')).toMatchObject({ waitingOn: ['m'], blocked: true });
  });

  it('risks, decisions and dangling edges never hold work up', () => {
    const b = blockingOf({
      tasks: ['t'],
      nodes: [
        { id: 'r', kind: 'risk', title: 'R' },
        { id: 'd', kind: 'decision', title: 'D' },
      ],
      edges: [
        ['r', 't'],
        ['d', 't'],
        ['ghost', 't'],
      ],
    });
    expect(b.get('t')).toEqual({ id: 't', waitingOn: [], holdingUp: [], blocked: false });
  });

  it('cycles do not hang: tasks on a cycle wait on each other; milestones on a cycle count as unfinished', () => {
    const tasks = blockingOf({ tasks: ['a', 'b'], edges: [['a', 'b'], ['b', 'a']] });
    expect(tasks.get('a')).toMatchObject({ waitingOn: ['b'], holdingUp: ['b'], blocked: true });
    expect(tasks.get('b')).toMatchObject({ waitingOn: ['a'], holdingUp: ['a'], blocked: true });

    const milestones = blockingOf({
      tasks: [{ id: 'a', status: 'done' }, 't'],
      milestones: ['m1', 'm2'],
      edges: [
        ['a', 'm1'],
        ['m1', 'm2'],
        ['m2', 'm1'],
        ['m2', 't'],
      ],
    });
    expect(milestones.get('t')).toMatchObject({ waitingOn: ['m2'], blocked: true });

    const selfLoop = blockingOf({ tasks: ['a'], edges: [['a', 'a']] });
    expect(selfLoop.get('a')!.blocked).toBe(true);
  });

  it('a done task on a cycle still releases what follows it', () => {
    const b = blockingOf({
      tasks: [{ id: 'a', status: 'done' }, 't'],
      milestones: ['m'],
      edges: [
        ['a', 'm'],
        ['m', 'a'],
        ['m', 't'],
      ],
    });
    expect(b.get('t')!.blocked).toBe(false);
  });

  it('duplicate parallel edges (merged from two replicas) list a prerequisite once', () => {
    const b = blockingOf({
      tasks: ['a', 'b'],
      edges: [
        ['a', 'b'],
        ['a', 'b'],
      ],
    });
    expect(b.get('b')!.waitingOn).toEqual(['a']);
    expect(b.get('a')!.holdingUp).toEqual(['b']);
  });

  it('has a row for every task and none for other kinds', () => {
    const b = blockingOf({ workstreams: ['ws'], tasks: ['a', 'b'], milestones: ['m'], gates: ['g'] });
    expect([...b.keys()].sort()).toEqual(['a', 'b']);
  });
});

describe('crossPersonaDependencies', () => {
  const spec: PlanSpec = {
    personas: ['alice', 'bob', 'carol'],
    tasks: [
      { id: 'api', owner: 'alice', status: 'done' },
      { id: 'ui', owner: 'bob' },
      { id: 'schema', owner: 'carol' },
      { id: 'tests', owner: 'bob' },
      { id: 'docs' },
    ],
    milestones: ['m'],
    edges: [
      { id: 'e3', source: 'api', target: 'ui' },
      { id: 'e1', source: 'schema', target: 'api' },
      { id: 'e2', source: 'ui', target: 'tests' },
      { id: 'e4', source: 'docs', target: 'ui' },
      { id: 'e5', source: 'schema', target: 'm' },
      { id: 'e6', source: 'm', target: 'tests' },
    ],
  };

  it('lists dependencies between tasks of different owners, with blocking and blocked persona', () => {
    expect(crossPersonaDependencies(snapshotOf(spec))).toEqual([
      { edge: 'e1', source: 'schema', target: 'api', blockingPersona: 'carol', blockedPersona: 'alice', resolved: false },
      { edge: 'e3', source: 'api', target: 'ui', blockingPersona: 'alice', blockedPersona: 'bob', resolved: true },
    ]);
  });

  it('comes in reading order: by the dependent task\'s title, then the prerequisite\'s, then edge id', () => {
    const titled: PlanSpec = {
      personas: ['p', 'q'],
      tasks: [
        { id: 'a', owner: 'p', title: 'Zebra' },
        { id: 'b', owner: 'p', title: 'Apple' },
        { id: 'c', owner: 'q', title: 'Mango' },
        { id: 'd', owner: 'q', title: 'Mango' },
      ],
      edges: [
        { id: 'e1', source: 'a', target: 'c' },
        { id: 'e2', source: 'b', target: 'd' },
        { id: 'e3', source: 'b', target: 'c' },
        { id: 'e0', source: 'c', target: 'b' },
      ],
    };
    // Apple <- Mango, then Mango <- Apple (e2, e3: the same titles, so by edge id), then Mango <- Zebra.
    expect(crossPersonaDependencies(snapshotOf(titled)).map((d) => d.edge)).toEqual(['e0', 'e2', 'e3', 'e1']);
  });

  it('does not depend on insertion order', () => {
    expect(crossPersonaDependencies(snapshotOf({ ...spec, reversed: true }))).toEqual(crossPersonaDependencies(snapshotOf(spec)));
  });

  it('a dependency resolves when its prerequisite is done', () => {
    const before = crossPersonaDependencies(snapshotOf({ personas: ['p', 'q'], tasks: [{ id: 'a', owner: 'p', status: 'active' }, { id: 'b', owner: 'q' }], edges: [['a', 'b']] }));
    const after = crossPersonaDependencies(snapshotOf({ personas: ['p', 'q'], tasks: [{ id: 'a', owner: 'p', status: 'done' }, { id: 'b', owner: 'q' }], edges: [['a', 'b']] }));
    expect(before.map((d) => d.resolved)).toEqual([false]);
    expect(after.map((d) => d.resolved)).toEqual([true]);
  });
});

describe('blockingByPersona', () => {
  const spec: PlanSpec = {
    personas: ['zed', 'bob', 'alice', 'idle'],
    tasks: [
      { id: 'a1', owner: 'alice' },
      { id: 'a2', owner: 'alice', status: 'blocked' },
      { id: 'b1', owner: 'bob' },
      { id: 'b2', owner: 'bob', status: 'done' },
      { id: 'z1', owner: 'zed' },
      { id: 'stranger', owner: 'nobody' },
      { id: 'free' },
    ],
    edges: [
      ['a1', 'b1'],
      ['b2', 'z1'],
      ['b1', 'z1'],
      ['stranger', 'a1'],
      ['free', 'a2'],
    ],
  };

  it('every persona appears, sorted by id, with the tasks they own that are blocked or holding others up', () => {
    expect(blockingByPersona(snapshotOf(spec))).toEqual([
      { persona: 'alice', blocked: ['a1', 'a2'], blocking: ['a1'] },
      { persona: 'bob', blocked: ['b1'], blocking: ['b1'] },
      { persona: 'idle', blocked: [], blocking: [] },
      { persona: 'zed', blocked: ['z1'], blocking: [] },
    ]);
  });

  it('uses a blocking map computed beforehand when given one', () => {
    const snapshot = snapshotOf(spec);
    expect(blockingByPersona(snapshot, computeBlocking(snapshot))).toEqual(blockingByPersona(snapshot));
    expect(blockingByPersona(snapshot, new Map())).toEqual([
      { persona: 'alice', blocked: [], blocking: [] },
      { persona: 'bob', blocked: [], blocking: [] },
      { persona: 'idle', blocked: [], blocking: [] },
      { persona: 'zed', blocked: [], blocking: [] },
    ]);
  });
});
