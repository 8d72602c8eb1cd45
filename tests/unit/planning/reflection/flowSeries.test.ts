import { describe, expect, it } from 'vitest';
import type { ActivityEntry, PlanNode, PlanSnapshot } from '../../../../shared/model';
import { flowSeries, type FlowPoint } from '../../../../shared/planning/reflection';

// A small log, every answer counted by hand. Days are UTC calendar days; each point is the
// state at the end of its day; midnight belongs to the day it starts.
//   a (est 2): created Mon 03-03 09:00, active Tue 08:00, done Wed 15:00.
//   b (est 2, then 3 on Wed 16:00): created Mon 10:00, blocked Tue 12:00, active Thu 10:00,
//     done Sat 03-08 (after asOf: not counted).
//   c (est 1): not in the log; startedAt 2025-03-03, finishedAt 2025-03-04 (done that day).
//   d (no node now, no estimate): created Wed 17:00, removed Thu 09:00.
const task = (id: string, fields: Partial<Extract<PlanNode, { kind: 'task' }>> = {}) => [id, { id, kind: 'task', title: id, ...fields }] as const;
let n = 0;
const entry = (at: string, kind: ActivityEntry['kind'], entity: string, from?: string | number | null, to?: string | number | null): ActivityEntry =>
  ({ id: `act-${String(++n).padStart(3, '0')}`, at, actor: 'Alice', kind, entity, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }) as ActivityEntry;

const activeA = entry('2025-03-04T08:00:00Z', 'status', 'a', 'todo', 'active');
const activity: ActivityEntry[] = [
  entry('2025-03-03T09:00:00Z', 'created', 'a', undefined, 'todo'),
  entry('2025-03-03T09:00:00Z', 'estimate', 'a', null, 2),
  entry('2025-03-03T10:00:00Z', 'created', 'b', undefined, 'todo'),
  entry('2025-03-03T10:00:00Z', 'estimate', 'b', null, 2),
  entry('2025-03-04T12:00:00Z', 'status', 'b', 'todo', 'blocked'),
  entry('2025-03-05T15:00:00Z', 'status', 'a', 'active', 'done'),
  // Stored out of order, as entries from another machine arrive.
  entry('2025-03-06T10:00:00Z', 'status', 'b', 'blocked', 'active'),
  entry('2025-03-05T16:00:00Z', 'estimate', 'b', 2, 3),
  entry('2025-03-05T17:00:00Z', 'created', 'd', undefined, 'todo'),
  entry('2025-03-06T09:00:00Z', 'removed', 'd'),
  entry('2025-03-08T10:00:00Z', 'status', 'b', 'active', 'done'),
  activeA,
  // A copy of one entry (same id and time), synced twice: counted once.
  activeA,
];
const plan: Pick<PlanSnapshot, 'nodes' | 'activity'> = {
  nodes: new Map<string, PlanNode>([
    task('a', { status: 'done', estimateDays: 2 }),
    task('b', { status: 'done', estimateDays: 3 }),
    task('c', { status: 'done', estimateDays: 1, startedAt: '2025-03-03', finishedAt: '2025-03-04' }),
    ['m', { id: 'm', kind: 'milestone', title: 'Release' } as PlanNode],
  ] as [string, PlanNode][]),
  activity,
};

const point = (date: string, todo: number, active: number, blocked: number, done: number, scopeDays: number, doneDays: number): FlowPoint => ({ date, todo, active, blocked, done, scopeDays, doneDays });

describe('flowSeries: burn-up and cumulative flow from the activity log', () => {
  it('one point per day from the first fact to asOf, hand-counted', () => {
    const series = flowSeries(plan, { asOf: '2025-03-07' });
    expect(series.stepDays).toBe(1);
    expect(series.fromFields).toBe(1);
    expect(series.points).toEqual([
      // a todo 2, b todo 2, c active 1 (started 03-03).
      point('2025-03-03', 2, 1, 0, 0, 5, 0),
      // a active, b blocked, c done at the end of 03-04.
      point('2025-03-04', 0, 1, 1, 1, 5, 1),
      // a done, b re-estimated to 3, d created without an estimate.
      point('2025-03-05', 1, 0, 1, 2, 6, 3),
      // d removed, b active again.
      point('2025-03-06', 0, 1, 0, 2, 6, 3),
      // b's done on Saturday is after asOf.
      point('2025-03-07', 0, 1, 0, 2, 6, 3),
    ]);
  });

  it('an asOf within a day stops there: the last point leaves out what came later that day', () => {
    const { points } = flowSeries(plan, { asOf: '2025-03-05T15:30:00Z' });
    expect(points.map((p) => p.date)).toEqual(['2025-03-03', '2025-03-04', '2025-03-05']);
    // a done at 15:00 counts; b's re-estimate (16:00) and d (17:00) do not yet.
    expect(points.at(-1)).toEqual(point('2025-03-05', 0, 0, 1, 2, 5, 3));
  });

  it('from an earlier day: the unlogged task is there, the logged ones not yet', () => {
    const { points } = flowSeries(plan, { asOf: '2025-03-04', from: '2025-03-01' });
    expect(points).toEqual([point('2025-03-01', 1, 0, 0, 0, 1, 0), point('2025-03-02', 1, 0, 0, 0, 1, 0), point('2025-03-03', 2, 1, 0, 0, 5, 0), point('2025-03-04', 0, 1, 1, 1, 5, 1)]);
  });

  it('a long range is sampled every few days, always ending on the asOf day', () => {
    const series = flowSeries(plan, { asOf: '2025-03-07', maxPoints: 2 });
    // 5 days, at most 2 points: every 3 days counted back from the last.
    expect(series.stepDays).toBe(3);
    expect(series.points).toEqual([point('2025-03-04', 0, 1, 1, 1, 5, 1), point('2025-03-07', 0, 1, 0, 2, 6, 3)]);
  });

  it('tasks without a log: their current status throughout, or todo until a start after asOf', () => {
    const nodes = new Map<string, PlanNode>([
      task('x', { status: 'active', estimateDays: 4 }),
      task('y', { status: 'done', estimateDays: 1 }),
      task('z', { status: 'blocked', estimateDays: 2, startedAt: '2025-04-02T12:00:00Z' }),
      task('w', { status: 'done', estimateDays: 3, startedAt: '2025-03-31', finishedAt: '2025-04-09' }),
    ] as [string, PlanNode][]);
    const { points, fromFields } = flowSeries({ nodes, activity: [] }, { asOf: '2025-04-01' });
    expect(fromFields).toBe(4);
    // The range starts at w's start (03-31); z starts, and w finishes, after asOf.
    expect(points).toEqual([point('2025-03-31', 1, 2, 0, 1, 10, 1), point('2025-04-01', 1, 2, 0, 1, 10, 1)]);
  });

  it('an empty plan is one empty point on the asOf day; a bad date is refused', () => {
    expect(flowSeries({ nodes: new Map(), activity: [] }, { asOf: '2025-03-07T08:00:00Z' }).points).toEqual([point('2025-03-07', 0, 0, 0, 0, 0, 0)]);
    expect(() => flowSeries(plan, { asOf: 'soon' })).toThrow(RangeError);
    expect(() => flowSeries(plan, { asOf: '2025-03-07', from: 'yesterday' })).toThrow(RangeError);
  });

  it('the same log in any stored order gives the same series', () => {
    const shuffled = { ...plan, activity: [...activity].reverse() };
    expect(flowSeries(shuffled, { asOf: '2025-03-07' })).toEqual(flowSeries(plan, { asOf: '2025-03-07' }));
  });
});
