import { describe, expect, it } from 'vitest';
import { computeSchedule, describeCycle, type Schedule } from '../../../shared/planning';
import { snapshotOf, type PlanSpec } from './snapshotOf';

type Figures = readonly [es: number, ef: number, ls: number, lf: number, slack: number, critical: boolean];

/** The schedule of a plan that must have one. */
function scheduleOf(spec: PlanSpec): Extract<Schedule, { ok: true }> {
  const s = computeSchedule(snapshotOf(spec));
  if (!s.ok) throw new Error(`unexpected cycle ${s.cycle.join(',')}`);
  return s;
}

/** ES, EF, LS, LF, slack and critical of every item, by id. */
function figures(s: Extract<Schedule, { ok: true }>): Record<string, Figures> {
  return Object.fromEntries(s.items.map((i) => [i.id, [i.earlyStart, i.earlyFinish, i.lateStart, i.lateFinish, i.slack, i.critical] as const]));
}

describe('computeSchedule: textbook cases', () => {
  it('a single chain is critical from end to end', () => {
    const s = scheduleOf({
      tasks: [
        { id: 'a', estimate: 3 },
        { id: 'b', estimate: 2 },
        { id: 'c', estimate: 4 },
      ],
      edges: [
        ['a', 'b'],
        ['b', 'c'],
      ],
    });
    expect(s.projectDays).toBe(9);
    expect(figures(s)).toEqual({
      a: [0, 3, 0, 3, 0, true],
      b: [3, 5, 3, 5, 0, true],
      c: [5, 9, 5, 9, 0, true],
    });
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(new Set(s.criticalEdges)).toEqual(new Set(['e-a-b', 'e-b-c']));
    expect(s.unestimated).toEqual([]);
  });

  it('two parallel chains: the shorter one has slack equal to the difference', () => {
    const s = scheduleOf({
      tasks: [
        { id: 'a', estimate: 2 },
        { id: 'b', estimate: 3 },
        { id: 'c', estimate: 1 },
        { id: 'd', estimate: 1 },
      ],
      edges: [
        ['a', 'b'],
        ['c', 'd'],
      ],
    });
    expect(s.projectDays).toBe(5);
    expect(figures(s)).toEqual({
      a: [0, 2, 0, 2, 0, true],
      b: [2, 5, 2, 5, 0, true],
      c: [0, 1, 3, 4, 3, false],
      d: [1, 2, 4, 5, 3, false],
    });
    expect([...s.criticalEdges]).toEqual(['e-a-b']);
  });

  it('a diamond A -> {B, C} -> D: the longer branch is critical, the shorter has slack', () => {
    const s = scheduleOf({
      tasks: [
        { id: 'A', estimate: 2 },
        { id: 'B', estimate: 4 },
        { id: 'C', estimate: 1 },
        { id: 'D', estimate: 3 },
      ],
      edges: [
        ['A', 'B'],
        ['A', 'C'],
        ['B', 'D'],
        ['C', 'D'],
      ],
    });
    expect(s.projectDays).toBe(9);
    expect(figures(s)).toEqual({
      A: [0, 2, 0, 2, 0, true],
      B: [2, 6, 2, 6, 0, true],
      C: [2, 3, 5, 6, 3, false],
      D: [6, 9, 6, 9, 0, true],
    });
    expect(new Set(s.criticalEdges)).toEqual(new Set(['e-A-B', 'e-B-D']));
  });

  it('zero-length milestones inside and at the end of a chain take no time', () => {
    const s = scheduleOf({
      tasks: [
        { id: 'a', estimate: 2 },
        { id: 'b', estimate: 3 },
        { id: 'c', estimate: 1 },
      ],
      milestones: ['m1', 'm2'],
      gates: ['g'],
      edges: [
        ['a', 'm1'],
        ['m1', 'b'],
        ['b', 'g'],
        ['g', 'm2'],
        ['c', 'm1'],
      ],
    });
    expect(s.projectDays).toBe(5);
    expect(figures(s)).toEqual({
      a: [0, 2, 0, 2, 0, true],
      c: [0, 1, 1, 2, 1, false],
      m1: [2, 2, 2, 2, 0, true],
      b: [2, 5, 2, 5, 0, true],
      g: [5, 5, 5, 5, 0, true],
      m2: [5, 5, 5, 5, 0, true],
    });
    expect(s.byId.get('m1')).toMatchObject({ kind: 'milestone', duration: 0 });
    expect(s.byId.get('g')).toMatchObject({ kind: 'gate', duration: 0 });
    // Milestones and gates have no estimate to miss.
    expect(s.unestimated).toEqual([]);
    expect(new Set(s.criticalEdges)).toEqual(new Set(['e-a-m1', 'e-m1-b', 'e-b-g', 'e-g-m2']));
  });

  it('unestimated tasks count as zero days and are listed (sorted); an explicit 0 is an estimate', () => {
    const s = scheduleOf({
      tasks: [{ id: 'a', estimate: 2 }, 'x', { id: 'b', estimate: 1 }, 'u', { id: 'y', estimate: 0 }],
      edges: [
        ['a', 'u'],
        ['u', 'b'],
      ],
    });
    expect(s.projectDays).toBe(3);
    expect(s.unestimated).toEqual(['u', 'x']);
    expect(figures(s)).toEqual({
      a: [0, 2, 0, 2, 0, true],
      u: [2, 2, 2, 2, 0, true],
      b: [2, 3, 2, 3, 0, true],
      x: [0, 0, 3, 3, 3, false],
      y: [0, 0, 3, 3, 3, false],
    });
    expect(s.byId.get('u')!.duration).toBe(0);
  });

  it('fractional estimates (half days) schedule exactly', () => {
    const s = scheduleOf({
      tasks: [
        { id: 'a', estimate: 0.5 },
        { id: 'b', estimate: 1.5 },
        { id: 'c', estimate: 0.5 },
        { id: 'd', estimate: 1 },
      ],
      edges: [
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'd'],
        ['c', 'd'],
      ],
    });
    expect(s.projectDays).toBe(3);
    expect(figures(s)).toEqual({
      a: [0, 0.5, 0, 0.5, 0, true],
      b: [0.5, 2, 0.5, 2, 0, true],
      c: [0.5, 1, 1.5, 2, 1, false],
      d: [2, 3, 2, 3, 0, true],
    });
  });

  it('floating-point dust does not make a tie non-critical: 0.1 + 0.2 against 0.3', () => {
    const s = scheduleOf({
      tasks: [
        { id: 'p', estimate: 0.1 },
        { id: 'q', estimate: 0.2 },
        { id: 'r', estimate: 0.3 },
      ],
      edges: [['p', 'q']],
    });
    expect(s.projectDays).toBe(0.3);
    expect(figures(s)).toEqual({
      p: [0, 0.1, 0, 0.1, 0, true],
      q: [0.1, 0.3, 0.1, 0.3, 0, true],
      r: [0, 0.3, 0, 0.3, 0, true],
    });
  });

  // The seven-activity network found in operations-research textbooks:
  //   activity  A  B  C  D    E  F  G
  //   days      2  3  4  6    2  3  2
  //   after     -  -  A  A,B  C  D  E,F
  // Forward pass: A 0-2, B 0-3, C 2-6, D 3-9, E 6-8, F 9-12, G 12-14.
  // Backward pass from 14: G 12-14, F 9-12, E 10-12, D 3-9, C 6-10, B 0-3, A 1-3.
  // Critical path B-D-F-G (3 + 6 + 3 + 2 = 14); slack A 1, C 4, E 4.
  it('the classic 7-activity network has the known slack values and critical path B-D-F-G', () => {
    const s = scheduleOf({
      tasks: [
        { id: 'A', estimate: 2 },
        { id: 'B', estimate: 3 },
        { id: 'C', estimate: 4 },
        { id: 'D', estimate: 6 },
        { id: 'E', estimate: 2 },
        { id: 'F', estimate: 3 },
        { id: 'G', estimate: 2 },
      ],
      edges: [
        ['A', 'C'],
        ['A', 'D'],
        ['B', 'D'],
        ['C', 'E'],
        ['D', 'F'],
        ['E', 'G'],
        ['F', 'G'],
      ],
    });
    expect(s.projectDays).toBe(14);
    expect(figures(s)).toEqual({
      A: [0, 2, 1, 3, 1, false],
      B: [0, 3, 0, 3, 0, true],
      C: [2, 6, 6, 10, 4, false],
      D: [3, 9, 3, 9, 0, true],
      E: [6, 8, 10, 12, 4, false],
      F: [9, 12, 9, 12, 0, true],
      G: [12, 14, 12, 14, 0, true],
    });
    expect(new Set(s.criticalEdges)).toEqual(new Set(['e-B-D', 'e-D-F', 'e-F-G']));
    // Topological order, ties by id.
    expect(s.items.map((i) => i.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  });

  it('two critical paths of equal length are both critical', () => {
    const s = scheduleOf({
      tasks: [
        { id: 's', estimate: 1 },
        { id: 'x', estimate: 2 },
        { id: 'y', estimate: 2 },
        { id: 'z', estimate: 1 },
      ],
      edges: [
        ['s', 'x'],
        ['s', 'y'],
        ['x', 'z'],
        ['y', 'z'],
      ],
    });
    expect(s.projectDays).toBe(4);
    expect(s.items.every((i) => i.critical && i.slack === 0)).toBe(true);
    expect(s.criticalEdges.size).toBe(4);
  });

  it('an empty plan, and a plan of items without dependencies', () => {
    const empty = scheduleOf({});
    expect(empty).toMatchObject({ ok: true, projectDays: 0, items: [], unestimated: [] });
    expect(empty.criticalEdges.size).toBe(0);

    const loose = scheduleOf({ tasks: [{ id: 'b', estimate: 4 }, { id: 'a', estimate: 1 }], milestones: ['m'] });
    expect(loose.projectDays).toBe(4);
    expect(figures(loose)).toEqual({
      a: [0, 1, 3, 4, 3, false],
      b: [0, 4, 0, 4, 0, true],
      m: [0, 0, 4, 4, 4, false],
    });
  });

  it('only tasks, milestones and gates are scheduled; edges to other kinds are ignored', () => {
    const s = scheduleOf({
      workstreams: ['ws'],
      tasks: [
        { id: 'a', estimate: 2, parent: 'ws' },
        { id: 'b', estimate: 3, parent: 'ws' },
      ],
      nodes: [
        { id: 'risk', kind: 'risk', title: 'Risk' },
        { id: 'dec', kind: 'decision', title: 'Decision' },
      ],
      edges: [
        ['risk', 'a'],
        ['a', 'dec'],
        ['dec', 'b'],
        ['ws', 'b'],
        ['a', 'ghost'],
      ],
    });
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(s.projectDays).toBe(3);
    expect(s.byId.get('a')).toMatchObject({ earlyStart: 0, slack: 1, critical: false });
    expect(s.byId.get('b')).toMatchObject({ earlyStart: 0, slack: 0, critical: true });
  });

  it('items carry title and kind, and are frozen', () => {
    const s = scheduleOf({ tasks: [{ id: 'a', title: 'Design', estimate: 1 }] });
    const a = s.byId.get('a')!;
    expect(a).toMatchObject({ id: 'a', title: 'Design', kind: 'task', duration: 1 });
    expect(Object.isFrozen(a)).toBe(true);
    expect(s.items[0]).toBe(a);
  });

  it('duplicate parallel edges (two replicas drew the same dependency) change nothing', () => {
    const once = scheduleOf({ tasks: [{ id: 'a', estimate: 2 }, { id: 'b', estimate: 1 }], edges: [['a', 'b']] });
    const twice = scheduleOf({
      tasks: [{ id: 'a', estimate: 2 }, { id: 'b', estimate: 1 }],
      edges: [
        ['a', 'b'],
        ['a', 'b'],
      ],
    });
    expect(twice.items).toEqual(once.items);
    expect(twice.projectDays).toBe(3);
    expect(new Set(twice.criticalEdges)).toEqual(new Set(['e-a-b', 'e-a-b-2']));
  });
});

describe('computeSchedule: deterministic tie-breaks', () => {
  const spec: PlanSpec = {
    tasks: [
      { id: 'zeta', estimate: 1 },
      { id: 'alpha', estimate: 2 },
      { id: 'mid', estimate: 2 },
      { id: 'beta', estimate: 1 },
      'none2',
      'none1',
    ],
    milestones: ['m'],
    edges: [
      ['alpha', 'beta'],
      ['mid', 'm'],
      ['zeta', 'm'],
      ['beta', 'm'],
    ],
  };

  it('independent items come out by id; each item after all its prerequisites', () => {
    const s = scheduleOf(spec);
    expect(s.items.map((i) => i.id)).toEqual(['alpha', 'beta', 'mid', 'none1', 'none2', 'zeta', 'm']);
    expect(s.unestimated).toEqual(['none1', 'none2']);
    expect([...s.byId.keys()]).toEqual(s.items.map((i) => i.id));
  });

  it('the same plan inserted in another Map order gives an identical schedule', () => {
    const forward = scheduleOf(spec);
    const backward = scheduleOf({ ...spec, reversed: true });
    const rotated = scheduleOf({ ...spec, tasks: [...spec.tasks!.slice(3), ...spec.tasks!.slice(0, 3)], edges: [...spec.edges!].reverse() });
    for (const other of [backward, rotated]) {
      expect(other.items).toEqual(forward.items);
      expect(other.projectDays).toBe(forward.projectDays);
      expect(other.unestimated).toEqual(forward.unestimated);
      expect([...other.byId.keys()]).toEqual([...forward.byId.keys()]);
      expect([...other.criticalEdges].sort()).toEqual([...forward.criticalEdges].sort());
    }
  });
});

describe('computeSchedule: cycles', () => {
  const abc = { tasks: ['a', 'b', 'c'].map((id) => ({ id, title: id.toUpperCase(), estimate: 1 })) };

  it('returns ok:false with the cycle in dependency order, whatever the insertion order', () => {
    const edges = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ] as const;
    expect(computeSchedule(snapshotOf({ ...abc, edges }))).toEqual({ ok: false, cycle: ['a', 'b', 'c'] });
    expect(computeSchedule(snapshotOf({ ...abc, edges, reversed: true }))).toEqual({ ok: false, cycle: ['a', 'b', 'c'] });
    expect(computeSchedule(snapshotOf({ ...abc, edges: [...edges].reverse() }))).toEqual({ ok: false, cycle: ['a', 'b', 'c'] });
  });

  it('a cycle running the other way round is named in its own direction', () => {
    const edges = [
      ['a', 'c'],
      ['c', 'b'],
      ['b', 'a'],
    ] as const;
    expect(computeSchedule(snapshotOf({ ...abc, edges }))).toEqual({ ok: false, cycle: ['a', 'c', 'b'] });
  });

  it('a self-loop is a cycle of one', () => {
    expect(computeSchedule(snapshotOf({ tasks: ['a', 'b'], edges: [['a', 'b'], ['b', 'b']] }))).toEqual({ ok: false, cycle: ['b'] });
  });

  it('a cycle downstream of acyclic work is found and only the cycle is named', () => {
    const s = computeSchedule(
      snapshotOf({
        tasks: ['s', 't', 'x', 'y', 'z', 'after', 'apart'].map((id) => ({ id, estimate: 1 })),
        milestones: ['m'],
        edges: [
          ['s', 't'],
          ['t', 'x'],
          ['x', 'y'],
          ['y', 'm'],
          ['m', 'z'],
          ['z', 'x'],
          ['z', 'after'],
        ],
      }),
    );
    expect(s).toEqual({ ok: false, cycle: ['m', 'z', 'x', 'y'] });
  });

  it('a cycle through a risk or a decision is not a scheduling cycle', () => {
    const s = computeSchedule(
      snapshotOf({
        tasks: ['a', 'b'],
        nodes: [{ id: 'r', kind: 'risk', title: 'R' }],
        edges: [
          ['a', 'r'],
          ['r', 'a'],
          ['a', 'b'],
        ],
      }),
    );
    expect(s.ok).toBe(true);
  });

  it('describeCycle names the cycle by titles and closes it: "A → B → C → A"', () => {
    const snapshot = snapshotOf({
      ...abc,
      edges: [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
      ],
    });
    const s = computeSchedule(snapshot);
    expect(s.ok).toBe(false);
    if (s.ok) return;
    expect(describeCycle(s.cycle, snapshot.nodes)).toBe('A → B → C → A');
  });

  it('describeCycle names a self-loop and falls back to the id for an unknown node', () => {
    const nodes = snapshotOf({ tasks: [{ id: 'a', title: 'Write API' }] }).nodes;
    expect(describeCycle(['a'], nodes)).toBe('Write API → Write API');
    expect(describeCycle(['a', 'gone'], nodes)).toBe('Write API → gone → Write API');
  });
});
