import { describe, expect, it } from 'vitest';
import { computeLoad, computeSchedule } from '../../../shared/planning';
import { snapshotOf, type PlanSpec } from './snapshotOf';

function loadOf(spec: PlanSpec) {
  const snapshot = snapshotOf(spec);
  return computeLoad(snapshot, computeSchedule(snapshot));
}

describe('computeLoad', () => {
  it('spreads each task over the 5-day weeks it spans and sums per persona; idle personas show zeros', () => {
    // a 0-3 and b 3-7 for pat; c 0-5 and d 3-5 for quinn (capacity 3): project 7 days, 2 weeks.
    const report = loadOf({
      personas: ['pat', { id: 'quinn', capacity: 3 }, 'idle'],
      tasks: [
        { id: 'a', estimate: 3, owner: 'pat' },
        { id: 'b', estimate: 4, owner: 'pat' },
        { id: 'c', estimate: 5, owner: 'quinn' },
        { id: 'd', estimate: 2, owner: 'quinn' },
      ],
      edges: [
        ['a', 'b'],
        ['a', 'd'],
      ],
    });
    expect(report.weeks).toBe(2);
    expect(report.personas).toEqual([
      { persona: 'idle', capacity: 5, perWeek: [0, 0], totalDays: 0 },
      { persona: 'pat', capacity: 5, perWeek: [5, 2], totalDays: 7 },
      { persona: 'quinn', capacity: 3, perWeek: [7, 0], totalDays: 7 },
    ]);
    expect(report.bottlenecks).toEqual([{ persona: 'quinn', week: 0, days: 7, capacity: 3 }]);
  });

  it('two tasks in parallel for one persona overload the week against the default capacity of 5', () => {
    const report = loadOf({
      personas: ['pat'],
      tasks: [
        { id: 'x', estimate: 5, owner: 'pat' },
        { id: 'y', estimate: 5, owner: 'pat' },
        { id: 'z', estimate: 5, owner: 'pat' },
      ],
      edges: [['x', 'z']],
    });
    expect(report.weeks).toBe(2);
    expect(report.personas).toEqual([{ persona: 'pat', capacity: 5, perWeek: [10, 5], totalDays: 15 }]);
    // Exactly at capacity is not a bottleneck; above it is.
    expect(report.bottlenecks).toEqual([{ persona: 'pat', week: 0, days: 10, capacity: 5 }]);
  });

  it('a custom capacity decides the bottleneck, down to zero', () => {
    const report = loadOf({
      personas: [
        { id: 'part', capacity: 2.5 },
        { id: 'away', capacity: 0 },
        { id: 'full', capacity: 7 },
      ],
      tasks: [
        { id: 'p', estimate: 3, owner: 'part' },
        { id: 'a', estimate: 0.5, owner: 'away' },
        { id: 'f1', estimate: 4, owner: 'full' },
        { id: 'f2', estimate: 3, owner: 'full' },
      ],
    });
    expect(report.weeks).toBe(1);
    expect(report.bottlenecks).toEqual([
      { persona: 'away', week: 0, days: 0.5, capacity: 0 },
      { persona: 'part', week: 0, days: 3, capacity: 2.5 },
    ]);
    expect(report.personas.find((p) => p.persona === 'full')).toEqual({ persona: 'full', capacity: 7, perWeek: [7], totalDays: 7 });
  });

  it('a task that straddles a week boundary is split between the weeks, fractions included', () => {
    const report = loadOf({
      personas: ['pat'],
      tasks: [
        { id: 'lead', estimate: 4.5 },
        { id: 'half', estimate: 1, owner: 'pat' },
        { id: 'long', estimate: 12, owner: 'pat' },
      ],
      edges: [['lead', 'half']],
    });
    // half: 4.5-5.5 -> 0.5 + 0.5; long: 0-12 -> 5 + 5 + 2.
    expect(report.weeks).toBe(3);
    expect(report.personas).toEqual([{ persona: 'pat', capacity: 5, perWeek: [5.5, 5.5, 2], totalDays: 13 }]);
    expect(report.bottlenecks.map((b) => b.week)).toEqual([0, 1]);
  });

  it('unowned tasks, owners who are not personas, milestones and zero-day tasks add no load', () => {
    const report = loadOf({
      personas: ['pat'],
      tasks: [
        { id: 'free', estimate: 3 },
        { id: 'ghost', estimate: 3, owner: 'nobody' },
        { id: 'zero', estimate: 0, owner: 'pat' },
        { id: 'unest', owner: 'pat' },
      ],
      milestones: ['m'],
    });
    expect(report.personas).toEqual([{ persona: 'pat', capacity: 5, perWeek: [0], totalDays: 0 }]);
    expect(report.bottlenecks).toEqual([]);
  });

  it('an empty plan still has one week; a plan without personas has no rows', () => {
    expect(loadOf({ personas: ['pat'] })).toEqual({ weeks: 1, personas: [{ persona: 'pat', capacity: 5, perWeek: [0], totalDays: 0 }], bottlenecks: [] });
    expect(loadOf({ tasks: [{ id: 'a', estimate: 11 }] })).toEqual({ weeks: 3, personas: [], bottlenecks: [] });
  });

  it('a cycle gives an empty report rather than a wrong one', () => {
    expect(
      loadOf({
        personas: ['pat'],
        tasks: [
          { id: 'a', estimate: 1, owner: 'pat' },
          { id: 'b', estimate: 1, owner: 'pat' },
        ],
        edges: [
          ['a', 'b'],
          ['b', 'a'],
        ],
      }),
    ).toEqual({ weeks: 0, personas: [], bottlenecks: [] });
  });

  it('the total of every persona is the sum of their estimates, whatever the week split', () => {
    const report = loadOf({
      personas: ['p', 'q'],
      tasks: [
        { id: 'a', estimate: 2.5, owner: 'p' },
        { id: 'b', estimate: 3.25, owner: 'q' },
        { id: 'c', estimate: 7, owner: 'p' },
        { id: 'd', estimate: 1.75, owner: 'q' },
      ],
      edges: [
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'd'],
      ],
    });
    const total = Object.fromEntries(report.personas.map((p) => [p.persona, p.totalDays]));
    expect(total).toEqual({ p: 9.5, q: 5 });
    for (const p of report.personas) expect(p.perWeek.reduce((x, y) => x + y, 0)).toBeCloseTo(p.totalDays, 9);
  });
});
