import { describe, expect, it } from 'vitest';
import { computeMatrix, computeSchedule } from '../../../shared/planning';
import { snapshotOf, type PlanSpec } from './snapshotOf';

function matrixOf(spec: PlanSpec) {
  const snapshot = snapshotOf(spec);
  return computeMatrix(snapshot, computeSchedule(snapshot));
}

describe('computeMatrix', () => {
  it('one row per scheduled item with depends-on, blocks, critical and slack, in schedule order', () => {
    const rows = matrixOf({
      personas: ['alice', 'bob'],
      workstreams: [{ id: 'ws', title: 'Core' }],
      tasks: [
        { id: 'A', title: 'Design', estimate: 2, owner: 'alice', parent: 'ws' },
        { id: 'B', title: 'Build', estimate: 4, owner: 'bob', parent: 'ws' },
        { id: 'C', title: 'Docs', estimate: 1 },
        { id: 'D', title: 'Release', estimate: 3, owner: 'alice' },
      ],
      milestones: [{ id: 'M', title: 'Shipped' }],
      edges: [
        ['A', 'B'],
        ['A', 'C'],
        ['B', 'D'],
        ['C', 'D'],
        ['D', 'M'],
      ],
    });
    expect(rows).toEqual([
      { id: 'A', component: 'Design', kind: 'task', owner: 'alice', workstream: 'ws', dependsOn: [], blocks: ['B', 'C'], critical: true, slack: 0, inCycle: false },
      { id: 'B', component: 'Build', kind: 'task', owner: 'bob', workstream: 'ws', dependsOn: ['A'], blocks: ['D'], critical: true, slack: 0, inCycle: false },
      { id: 'C', component: 'Docs', kind: 'task', owner: undefined, workstream: null, dependsOn: ['A'], blocks: ['D'], critical: false, slack: 3, inCycle: false },
      { id: 'D', component: 'Release', kind: 'task', owner: 'alice', workstream: null, dependsOn: ['B', 'C'], blocks: ['M'], critical: true, slack: 0, inCycle: false },
      { id: 'M', component: 'Shipped', kind: 'milestone', owner: undefined, workstream: null, dependsOn: ['D'], blocks: [], critical: true, slack: 0, inCycle: false },
    ]);
  });

  it('rows starting the same day are ordered by component title, then id', () => {
    const rows = matrixOf({
      tasks: [
        { id: 'z', title: 'Alpha', estimate: 1 },
        { id: 'a', title: 'Charlie', estimate: 1 },
        { id: 'y', title: 'Bravo', estimate: 1 },
        { id: 'x', title: 'Bravo', estimate: 1 },
        { id: 'late', title: 'Aardvark', estimate: 1 },
      ],
      edges: [['z', 'late']],
    });
    expect(rows.map((r) => r.id)).toEqual(['z', 'x', 'y', 'a', 'late']);
  });

  it('lists risks and decisions among depends-on and blocks, but gives them no row', () => {
    const rows = matrixOf({
      tasks: [{ id: 't', estimate: 1 }],
      nodes: [
        { id: 'r', kind: 'risk', title: 'Risk' },
        { id: 'd', kind: 'decision', title: 'Decision' },
      ],
      edges: [
        ['r', 't'],
        ['t', 'd'],
        ['ghost', 't'],
      ],
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 't', dependsOn: ['r'], blocks: ['d'] });
  });

  it('with a cycle, critical and slack are null and inCycle marks the cycle', () => {
    const rows = matrixOf({
      tasks: [
        { id: 'a', title: 'A', estimate: 1 },
        { id: 'b', title: 'B', estimate: 1 },
        { id: 'c', title: 'C', estimate: 1 },
        { id: 'before', title: 'Before', estimate: 1 },
      ],
      edges: [
        ['before', 'a'],
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
      ],
    });
    expect(rows.map((r) => [r.id, r.critical, r.slack, r.inCycle])).toEqual([
      ['a', null, null, true],
      ['b', null, null, true],
      ['before', null, null, false],
      ['c', null, null, true],
    ]);
    expect(rows.find((r) => r.id === 'a')).toMatchObject({ dependsOn: ['before', 'c'], blocks: ['b'] });
  });

  it('duplicate parallel edges (merged from two replicas) list a neighbour once', () => {
    const rows = matrixOf({
      tasks: [
        { id: 'a', estimate: 1 },
        { id: 'b', estimate: 1 },
      ],
      edges: [
        ['a', 'b'],
        ['a', 'b'],
      ],
    });
    expect(rows.map((r) => [r.id, r.dependsOn, r.blocks])).toEqual([
      ['a', [], ['b']],
      ['b', ['a'], []],
    ]);
  });

  it('does not depend on Map insertion order', () => {
    const spec: PlanSpec = {
      tasks: ['p', 'q', 'r', 's'].map((id, i) => ({ id, title: `T${3 - i}`, estimate: 1 + (i % 2) })),
      edges: [
        ['p', 's'],
        ['q', 's'],
        ['r', 's'],
      ],
    };
    expect(matrixOf({ ...spec, reversed: true })).toEqual(matrixOf(spec));
  });
});
