import { describe, expect, it } from 'vitest';
import { computeBlocking, computeRollups, computeSchedule, workstreamOf } from '../../../shared/planning';
import { snapshotOf, type PlanSpec } from './snapshotOf';

function rollupsOf(spec: PlanSpec, today?: string) {
  const snapshot = snapshotOf(spec);
  return computeRollups(snapshot, { schedule: computeSchedule(snapshot), blocking: computeBlocking(snapshot), today });
}

// 3 March 2025 is a Monday; the plan's working day 0.
const MON = '2025-03-03';

describe('computeRollups: progress', () => {
  it('is weighted by estimate: done counts 100, others their own progress', () => {
    const { plan } = rollupsOf({
      tasks: [
        { id: 'a', estimate: 3, status: 'done' },
        { id: 'b', estimate: 1, progress: 50, status: 'active' },
        { id: 'c', estimate: 4 },
      ],
    });
    // (3 * 100 + 1 * 50 + 4 * 0) / 8 = 43.75, shown to one decimal.
    expect(plan).toMatchObject({ progress: 43.8, tasks: 3, done: 1, status: 'on-track' });
  });

  it('a done task counts 100 whatever progress it recorded', () => {
    const { plan } = rollupsOf({ tasks: [{ id: 'a', estimate: 1, status: 'done', progress: 10 }, { id: 'b', estimate: 1 }] });
    expect(plan.progress).toBe(50);
  });

  it('is by count when no task is estimated', () => {
    const { plan } = rollupsOf({ tasks: [{ id: 'a', status: 'done' }, { id: 'b', progress: 50 }, 'c', { id: 'd', estimate: 0 }] });
    // (100 + 50 + 0 + 0) / 4
    expect(plan).toMatchObject({ progress: 37.5, tasks: 4, done: 1 });
  });

  it('when some tasks are estimated, unestimated ones weigh nothing', () => {
    const { plan } = rollupsOf({ tasks: [{ id: 'a', estimate: 2, progress: 25 }, { id: 'u', status: 'done' }] });
    expect(plan).toMatchObject({ progress: 25, done: 1, status: 'on-track' });
  });

  it('complete when every task is done: progress 100', () => {
    const { plan, workstreams } = rollupsOf({
      workstreams: ['ws'],
      tasks: [
        { id: 'a', estimate: 2, status: 'done', parent: 'ws' },
        { id: 'b', status: 'done' },
      ],
      edges: [['a', 'b']],
    });
    expect(plan).toMatchObject({ progress: 100, status: 'complete', tasks: 2, done: 2, blockedCritical: [], late: [] });
    expect(workstreams).toEqual([{ id: 'ws', title: 'ws', progress: 100, status: 'complete', tasks: 1, done: 1, blockedCritical: [], late: [] }]);
  });

  it('a plan without tasks is on track at 0 (not complete)', () => {
    const { plan, workstreams } = rollupsOf({ workstreams: ['ws'] });
    expect(plan).toEqual({ progress: 0, status: 'on-track', tasks: 0, done: 0, blockedCritical: [], late: [], overTimeline: false });
    expect(workstreams[0]).toMatchObject({ id: 'ws', progress: 0, status: 'on-track', tasks: 0 });
  });
});

describe('computeRollups: status', () => {
  it('at-risk when a critical task is blocked; a blocked task with slack is not a risk', () => {
    const critical = rollupsOf({ tasks: [{ id: 'a', estimate: 3, status: 'blocked' }, { id: 'c', estimate: 1 }] });
    expect(critical.plan).toMatchObject({ status: 'at-risk', blockedCritical: ['a'], late: [] });

    const slack = rollupsOf({ tasks: [{ id: 'a', estimate: 3 }, { id: 'c', estimate: 1, status: 'blocked' }] });
    expect(slack.plan).toMatchObject({ status: 'on-track', blockedCritical: [] });
  });

  it('a critical task merely waiting for its prerequisite is the normal state, not a risk', () => {
    const { plan } = rollupsOf({
      tasks: [
        { id: 'a', estimate: 2, status: 'active' },
        { id: 'b', estimate: 2 },
      ],
      edges: [['a', 'b']],
    });
    expect(plan).toMatchObject({ status: 'on-track', blockedCritical: [] });
  });

  it('a critical task marked blocked puts the plan at risk; its waiting dependent only once its latest start has passed', () => {
    const spec: PlanSpec = {
      meta: { timelineStart: MON },
      tasks: [
        { id: 'a', estimate: 2, status: 'blocked' },
        { id: 'b', estimate: 2 },
      ],
      edges: [['a', 'b']],
    };
    expect(rollupsOf(spec).plan).toMatchObject({ status: 'at-risk', blockedCritical: ['a'] });
    // Wednesday: b's latest start (day 2) has come and it still waits on a.
    expect(rollupsOf(spec, '2025-03-05').plan).toMatchObject({ status: 'at-risk', blockedCritical: ['a', 'b'] });
  });

  it('late when today is past the latest finish, counted in working days from timelineStart', () => {
    // a: 3 days, critical, latest finish end of Wednesday. c: 1 day, slack 2, same latest finish.
    const spec: PlanSpec = {
      meta: { timelineStart: MON },
      tasks: [
        { id: 'a', estimate: 3, status: 'active' },
        { id: 'c', estimate: 1, status: 'active' },
      ],
    };
    expect(rollupsOf(spec, '2025-03-04').plan).toMatchObject({ status: 'on-track', late: [] });
    expect(rollupsOf(spec, '2025-03-05').plan).toMatchObject({ status: 'on-track', late: [] });
    // Thursday: the third day is over and neither is done.
    expect(rollupsOf(spec, '2025-03-06').plan).toMatchObject({ status: 'at-risk', late: ['a', 'c'] });
  });

  it('work due on Friday is late on the weekend and on Monday', () => {
    const spec: PlanSpec = { meta: { timelineStart: MON }, tasks: [{ id: 'a', estimate: 5 }] };
    expect(rollupsOf(spec, '2025-03-07').plan.late).toEqual([]);
    expect(rollupsOf(spec, '2025-03-08').plan.late).toEqual(['a']);
    expect(rollupsOf(spec, '2025-03-10').plan.late).toEqual(['a']);
  });

  it('a fractional latest finish is due on the day it falls in', () => {
    const spec: PlanSpec = { meta: { timelineStart: MON }, tasks: [{ id: 'a', estimate: 2.5 }] };
    expect(rollupsOf(spec, '2025-03-05').plan.late).toEqual([]);
    expect(rollupsOf(spec, '2025-03-06').plan.late).toEqual(['a']);
  });

  it('nothing is late without today, without a timeline start, before the start, or once done', () => {
    const tasks = [
      { id: 'a', estimate: 1 },
      { id: 'd', estimate: 1, status: 'done' as const },
    ];
    expect(rollupsOf({ meta: { timelineStart: MON }, tasks }).plan.late).toEqual([]);
    expect(rollupsOf({ tasks }, '2030-01-01').plan.late).toEqual([]);
    expect(rollupsOf({ meta: { timelineStart: MON }, tasks }, '2025-02-20').plan.late).toEqual([]);
    expect(rollupsOf({ meta: { timelineStart: MON }, tasks }, '2030-01-01').plan).toMatchObject({ late: ['a'], status: 'at-risk' });
  });

  it('complete wins over late and blocked', () => {
    const { plan } = rollupsOf({ meta: { timelineStart: MON }, tasks: [{ id: 'a', estimate: 1, status: 'done' }] }, '2030-01-01');
    expect(plan).toMatchObject({ status: 'complete', late: [] });
  });

  it('on-track while nothing critical is blocked and nothing is late', () => {
    const { plan } = rollupsOf(
      {
        meta: { timelineStart: MON, timelineEnd: '2025-03-28' },
        tasks: [
          { id: 'a', estimate: 2, status: 'done' },
          { id: 'b', estimate: 3, status: 'active', progress: 40 },
          { id: 'c', estimate: 1 },
        ],
        edges: [['a', 'b']],
      },
      '2025-03-04',
    );
    expect(plan).toMatchObject({ status: 'on-track', blockedCritical: [], late: [], overTimeline: false });
  });

  it('with a cycle there is no schedule: nothing is critical or late, progress still rolls up', () => {
    const { plan } = rollupsOf(
      {
        meta: { timelineStart: MON, timelineEnd: MON },
        tasks: [
          { id: 'a', estimate: 1, status: 'blocked' },
          { id: 'b', estimate: 1, status: 'done' },
        ],
        edges: [
          ['a', 'b'],
          ['b', 'a'],
        ],
      },
      '2030-01-01',
    );
    expect(plan).toEqual({ progress: 50, status: 'on-track', tasks: 2, done: 1, blockedCritical: [], late: [], overTimeline: false });
  });
});

describe('computeRollups: timeline', () => {
  const plan = (days: number, meta: PlanSpec['meta']) => rollupsOf({ meta, tasks: [{ id: 'a', estimate: days }] }).plan;

  it('over the timeline when the project is longer than the working days from start to end (end included)', () => {
    // Monday 3 March to Friday 7 March: one working week, five days.
    const week = { timelineStart: MON, timelineEnd: '2025-03-07' };
    expect(plan(5, week)).toMatchObject({ overTimeline: false, status: 'on-track' });
    expect(plan(5.5, week)).toMatchObject({ overTimeline: true, status: 'at-risk' });
    // Monday to Friday four weeks later: twenty working days.
    expect(plan(20, { timelineStart: MON, timelineEnd: '2025-03-28' }).overTimeline).toBe(false);
    expect(plan(21, { timelineStart: MON, timelineEnd: '2025-03-28' }).overTimeline).toBe(true);
  });

  it('a timeline ending on a weekend counts the same as one ending the Friday before; a one-day timeline holds one day', () => {
    expect(plan(5, { timelineStart: MON, timelineEnd: '2025-03-09' }).overTimeline).toBe(false);
    expect(plan(6, { timelineStart: MON, timelineEnd: '2025-03-09' }).overTimeline).toBe(true);
    expect(plan(1, { timelineStart: MON, timelineEnd: MON }).overTimeline).toBe(false);
    expect(plan(2, { timelineStart: MON, timelineEnd: MON }).overTimeline).toBe(true);
    // Across a month end: Friday 28 February to Monday 3 March is two working days.
    expect(plan(2, { timelineStart: '2025-02-28', timelineEnd: MON }).overTimeline).toBe(false);
    expect(plan(3, { timelineStart: '2025-02-28', timelineEnd: MON }).overTimeline).toBe(true);
  });

  it('never over the timeline without both ends', () => {
    expect(plan(500, { timelineStart: MON }).overTimeline).toBe(false);
    expect(plan(500, { timelineEnd: MON }).overTimeline).toBe(false);
    expect(plan(500, {}).overTimeline).toBe(false);
  });

  it('over the timeline does not override complete', () => {
    const { plan: p } = rollupsOf({ meta: { timelineStart: MON, timelineEnd: MON }, tasks: [{ id: 'a', estimate: 9, status: 'done' }] });
    expect(p).toMatchObject({ overTimeline: true, status: 'complete' });
  });
});

describe('computeRollups: workstreams', () => {
  const spec: PlanSpec = {
    nodes: [{ id: 'feature', kind: 'feature', title: 'Feature' }],
    workstreams: [
      { id: 'ws-b', title: 'Backend', parent: 'feature' },
      { id: 'ws-a', title: 'API', parent: 'feature' },
      { id: 'ws-e', title: 'Empty' },
      { id: 'ws-inner', title: 'Inner', parent: 'ws-b' },
    ],
    tasks: [
      { id: 'comp', title: 'Component', estimate: 2, status: 'done', parent: 'ws-b' },
      { id: 'sub', title: 'Sub-task of component', estimate: 2, parent: 'comp' },
      { id: 'subsub', title: 'Sub-sub-task', estimate: 4, progress: 50, parent: 'sub' },
      { id: 'api', estimate: 1, status: 'done', parent: 'ws-a' },
      { id: 'deep', estimate: 1, parent: 'ws-inner' },
      { id: 'loose', estimate: 1, parent: 'feature' },
    ],
  };

  it('nested components roll up to their nearest workstream; workstreams sorted by title', () => {
    const { plan, workstreams } = rollupsOf(spec);
    expect(workstreams.map((w) => [w.id, w.title, w.tasks, w.done, w.progress, w.status])).toEqual([
      ['ws-a', 'API', 1, 1, 100, 'complete'],
      // comp 2 days done, sub 2 days at 0, subsub 4 days at 50: (200 + 0 + 200) / 8
      ['ws-b', 'Backend', 3, 1, 50, 'on-track'],
      ['ws-e', 'Empty', 0, 0, 0, 'on-track'],
      ['ws-inner', 'Inner', 1, 0, 0, 'on-track'],
    ]);
    // The plan counts every task, including those under no workstream.
    expect(plan).toMatchObject({ tasks: 6, done: 2 });
  });

  it('workstreamOf finds the nearest workstream ancestor, or null; a parent loop ends', () => {
    const s = snapshotOf(spec);
    expect(workstreamOf(s.nodes, s.nodes.get('subsub')!)).toBe('ws-b');
    expect(workstreamOf(s.nodes, s.nodes.get('deep')!)).toBe('ws-inner');
    expect(workstreamOf(s.nodes, s.nodes.get('ws-inner')!)).toBe('ws-b');
    expect(workstreamOf(s.nodes, s.nodes.get('loose')!)).toBeNull();
    expect(workstreamOf(s.nodes, s.nodes.get('feature')!)).toBeNull();

    // Two offline edits can make a parent loop; it must not hang.
    const looped = snapshotOf({
      tasks: [
        { id: 'x', parent: 'y' },
        { id: 'y', parent: 'x' },
      ],
    });
    expect(workstreamOf(looped.nodes, looped.nodes.get('x')!)).toBeNull();
  });

  it('a blocked critical task marks its workstream at risk, not the others', () => {
    const { workstreams, plan } = rollupsOf({
      workstreams: [
        { id: 'w1', title: 'One' },
        { id: 'w2', title: 'Two' },
      ],
      tasks: [
        { id: 'a', estimate: 5, status: 'blocked', parent: 'w1' },
        { id: 'b', estimate: 1, parent: 'w2' },
      ],
    });
    expect(workstreams.map((w) => [w.id, w.status, w.blockedCritical])).toEqual([
      ['w1', 'at-risk', ['a']],
      ['w2', 'on-track', []],
    ]);
    expect(plan.status).toBe('at-risk');
  });

  it('workstreams with the same title keep an order by id', () => {
    const { workstreams } = rollupsOf({
      workstreams: [
        { id: 'w2', title: 'Same' },
        { id: 'w1', title: 'Same' },
      ],
      reversed: true,
    });
    expect(workstreams.map((w) => w.id)).toEqual(['w1', 'w2']);
  });
});
