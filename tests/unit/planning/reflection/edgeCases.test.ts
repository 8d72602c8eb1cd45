import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActivityEntry, Handoff, PlanSnapshot, StatusBroadcast } from '../../../../shared/model';
import type { Baseline } from '../../../../shared/model';
import { reflectionEvidence, type ReflectionEvidence } from '../../../../shared/planning/reflection';
import { snapshotOf, type PlanSpec } from '../snapshotOf';
import { loadBaseline, loadPlan } from './fixtures';

// Small logs built in code for the cases the checkout fixture does not show. Week of Monday
// 2025-03-03; times UTC; a working day is 24 weekday hours.

let seq = 0;
function entry(at: string, kind: ActivityEntry['kind'], entity: string, from?: string | number | null, to?: string | number | null): ActivityEntry {
  seq++;
  return { id: `x${String(seq).padStart(3, '0')}`, at, actor: 'test', kind, entity, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) } as ActivityEntry;
}
const status = (at: string, task: string, from: string, to: string) => entry(at, 'status', task, from, to);

function planWith(spec: PlanSpec, activity: ActivityEntry[], extra: Partial<PlanSnapshot> = {}): PlanSnapshot {
  return { ...snapshotOf(spec), activity, ...extra };
}
const task = (e: ReflectionEvidence, id: string) => e.tasks.find((t) => t.id === id)!;

describe('activity from several machines', () => {
  it('gives the same evidence whatever order the entries and broadcasts are stored in, and however often copied', () => {
    const plan = loadPlan('checkout.json');
    const baseline = loadBaseline('checkout-baseline.json');
    const asOf = '2025-03-12T12:00:00Z';
    const { log: _log, ...expected } = reflectionEvidence(plan, { asOf, baseline });
    const stored = fc.tuple(
      fc.shuffledSubarray([...plan.activity], { minLength: plan.activity.length }),
      fc.subarray([...plan.activity], { maxLength: 6 }),
      fc.shuffledSubarray([...plan.broadcasts], { minLength: plan.broadcasts.length }),
      fc.subarray([...plan.broadcasts], { maxLength: 3 }),
    );
    fc.assert(
      fc.property(stored, ([activity, copies, broadcasts, bcopies]) => {
        const { log, ...got } = reflectionEvidence({ ...plan, activity: [...copies, ...activity], broadcasts: [...broadcasts, ...bcopies] }, { asOf, baseline });
        expect(got).toEqual(expected);
        expect(log.used).toBe(37);
      }),
      { numRuns: 60 },
    );
  });

  it('flags a status entry whose `from` disagrees with the replayed status (a clock behind), and still uses time order', () => {
    const activity = [
      entry('2025-03-03T00:00:00Z', 'created', 'a', undefined, 'todo'),
      status('2025-03-03T12:00:00Z', 'a', 'todo', 'active'),
      // Written on a machine whose clock ran a day behind: it says it was done before it was started elsewhere.
      status('2025-03-03T06:00:00Z', 'a', 'active', 'done'),
    ];
    const e = reflectionEvidence(planWith({ tasks: [{ id: 'a', estimate: 1 }] }, activity), { asOf: '2025-03-05T00:00:00Z' });
    // In time order both later entries disagree: "active → done" while todo, "todo → active" while done.
    expect(e.log.anomalies).toEqual([activity[1]!.id, activity[2]!.id]);
    expect(e.log.outOfOrder).toBe(1);
    // In time order: done at 06:00 (never started), then active at 12:00: running since, 1.5 days by Wed 00:00.
    expect(task(e, 'a')).toMatchObject({ status: 'active', reopened: 1, startedAt: '2025-03-03T12:00:00Z', inFlightDays: 1.5, actualDays: null });
  });

  it('a task created active starts when created; a removal (undone later) stops the clock', () => {
    const activity = [
      entry('2025-03-03T00:00:00Z', 'created', 'a', undefined, 'active'),
      entry('2025-03-03T12:00:00Z', 'removed', 'a'),
      entry('2025-03-04T00:00:00Z', 'created', 'a', undefined, 'active'),
      status('2025-03-04T12:00:00Z', 'a', 'active', 'done'),
    ];
    const e = reflectionEvidence(planWith({ tasks: [{ id: 'a', estimate: 2 }] }, activity), { asOf: '2025-03-07T00:00:00Z' });
    expect(task(e, 'a')).toMatchObject({ status: 'done', startedAt: '2025-03-03T00:00:00Z', actualDays: 1, accuracy: 0.5 });
  });

  it('counts nothing before the first fact about a task, and a done without a start is not measured', () => {
    const activity = [
      // No "created" entry (logged before the log existed): blocked since some time nobody knows.
      status('2025-03-04T00:00:00Z', 'a', 'blocked', 'active'),
      status('2025-03-05T00:00:00Z', 'a', 'active', 'done'),
      status('2025-03-04T00:00:00Z', 'b', 'todo', 'done'),
    ];
    const e = reflectionEvidence(planWith({ tasks: [{ id: 'a', estimate: 1 }, { id: 'b', estimate: 1 }] }, activity), { asOf: '2025-03-07T00:00:00Z' });
    expect(task(e, 'a')).toMatchObject({ blockedDays: 0, blockedSpans: 0, actualDays: 1, accuracy: 1 });
    expect(task(e, 'b')).toMatchObject({ status: 'done', startedAt: null, actualDays: null, accuracy: null });
    expect(e.totals).toMatchObject({ done: 2, measured: 1 });
  });

  it('time in todo after a start (work put back) is not counted; blocked after the start is', () => {
    const activity = [
      status('2025-03-03T00:00:00Z', 'a', 'todo', 'active'),
      status('2025-03-03T12:00:00Z', 'a', 'active', 'todo'),
      status('2025-03-04T00:00:00Z', 'a', 'todo', 'blocked'),
      status('2025-03-04T06:00:00Z', 'a', 'blocked', 'active'),
      status('2025-03-04T12:00:00Z', 'a', 'active', 'done'),
    ];
    const e = reflectionEvidence(planWith({ tasks: [{ id: 'a', estimate: 1 }] }, activity), { asOf: '2025-03-07T00:00:00Z' });
    expect(task(e, 'a')).toMatchObject({ actualDays: 1, blockedDays: 0.25, blockedSpans: 1 });
  });
});

describe('top blockers', () => {
  it('ranks prerequisites by how often dependents were blocked while they were not done', () => {
    // a and b feed c and d. c is blocked twice while a is not done; d once while both are not.
    const spec: PlanSpec = { tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id, estimate: 1 })), edges: [['a', 'c'], ['a', 'd'], ['b', 'd']] };
    const activity = [
      status('2025-03-03T00:00:00Z', 'c', 'todo', 'blocked'),
      status('2025-03-03T06:00:00Z', 'c', 'blocked', 'todo'),
      status('2025-03-03T12:00:00Z', 'd', 'todo', 'blocked'),
      status('2025-03-03T18:00:00Z', 'b', 'todo', 'done'),
      status('2025-03-04T00:00:00Z', 'c', 'todo', 'blocked'),
      status('2025-03-04T00:00:00Z', 'a', 'todo', 'done'),
      status('2025-03-04T12:00:00Z', 'c', 'blocked', 'active'),
    ];
    const e = reflectionEvidence(planWith(spec, activity), { asOf: '2025-03-05T00:00:00Z' });
    // a: c's ¼ day (00–06 Mon) + c's second stretch starts the moment a is done (not a wait) + d's ½ day (12:00 → Tue 00:00).
    // b: d from Mon 12:00 until b was done at 18:00: ¼ day.
    expect(e.topBlockers.prerequisites).toEqual([
      { id: 'a', title: 'a', owner: null, waits: 2, waitedDays: 0.75, waitedBy: ['c', 'd'] },
      { id: 'b', title: 'b', owner: null, waits: 1, waitedDays: 0.25, waitedBy: ['d'] },
    ]);
    // d is still blocked as of Wed 00:00: Mon 12:00 → Wed 00:00 = 1.5 days.
    expect(e.topBlockers.tasks.map((t) => [t.id, t.blockedDays, t.blockedSpans])).toEqual([
      ['d', 1.5, 1],
      ['c', 0.75, 2],
    ]);
    expect(reflectionEvidence(planWith(spec, activity), { asOf: '2025-03-05T00:00:00Z', top: 1 }).topBlockers.tasks).toHaveLength(1);
  });
});

describe('baselines and forecasts at the edges', () => {
  const baseline: Baseline = {
    id: 'b' as Baseline['id'],
    name: 'B',
    takenAt: '2025-03-03T00:00:00Z',
    projectDays: 2,
    tasks: { a: { plannedStart: 0, plannedFinish: 2, estimateDays: 2 } },
  };

  it('a cycle: no forecast and no slip, with the reason; adherence still stands', () => {
    const snapshot = planWith({ tasks: [{ id: 'a', estimate: 2 }, { id: 'b', estimate: 1 }], edges: [['a', 'b'], ['b', 'a']], meta: { timelineStart: '2025-03-03' } }, [
      status('2025-03-03T00:00:00Z', 'a', 'todo', 'active'),
    ]);
    const e = reflectionEvidence(snapshot, { asOf: '2025-03-04T00:00:00Z', baseline });
    expect(e.forecast).toBeNull();
    expect(e.slip).toBeNull();
    expect(e.notes.forecast?.code).toBe('cycle');
    expect(e.notes.slip?.code).toBe('cycle');
    // Day 1 of a 0–2 window: half of a's 2 days planned, nothing earned.
    expect(e.adherence).toMatchObject({ asOfDay: 1, plannedValueDays: 1, earnedValueDays: 0, percent: -100 });
    expect(task(e, 'a').forecastFinish).toBeNull();
  });

  it('without a timeline start, the baseline’s day is the day it was taken', () => {
    const snapshot = planWith({ tasks: [{ id: 'a', estimate: 2 }] }, []);
    const e = reflectionEvidence(snapshot, { asOf: '2025-03-03T12:00:00Z', baseline });
    expect(e.forecast).toMatchObject({ anchor: { date: '2025-03-03', from: 'baseline-taken' }, asOfDay: 0.5, projectDays: 2.5 });
    expect(e.slip).toMatchObject({ days: 0.5, percent: 25 });
    expect(e.adherence).toMatchObject({ plannedValueDays: 0.5, earnedValueDays: 0, percent: -100, dueByNow: 0 });
  });

  it('as of a whole day (the Reflection view’s today), work not started may still start that day: no slip on the day the baseline was set', () => {
    const snapshot = planWith({ tasks: [{ id: 'a', estimate: 2 }] }, []);
    const sameDay = reflectionEvidence(snapshot, { asOf: '2025-03-03', baseline });
    // The day's events count to its end (day 1), but a's start is the day's start, as the baseline planned.
    expect(sameDay.forecast).toMatchObject({ anchor: { from: 'baseline-taken' }, asOfDay: 1, projectDays: 2 });
    expect(sameDay.slip).toMatchObject({ days: 0, percent: 0, chain: [{ id: 'a', forecastFinish: 2, baselineFinish: 2, slipDays: 0 }] });
    // A day later, still not started: that day is lost.
    expect(reflectionEvidence(snapshot, { asOf: '2025-03-04', baseline }).slip).toMatchObject({ days: 1, forecastDays: 3 });
  });

  it('all done: the length is final, what happened', () => {
    const snapshot = planWith({ tasks: [{ id: 'a', estimate: 2 }], meta: { timelineStart: '2025-03-03' } }, [
      status('2025-03-03T00:00:00Z', 'a', 'todo', 'active'),
      status('2025-03-05T12:00:00Z', 'a', 'active', 'done'),
    ]);
    const e = reflectionEvidence(snapshot, { asOf: '2025-03-10T00:00:00Z', baseline });
    expect(e.slip).toMatchObject({ final: true, forecastDays: 2.5, days: 0.5, percent: 25 });
    expect(e.totals).toMatchObject({ actualSpanDays: 2.5 });
    expect(e.adherence).toMatchObject({ plannedValueDays: 2, earnedValueDays: 2, percent: 0, finishedLate: 1 });
  });

  it('a zero-day baseline and nothing due yet give null percentages, not infinities', () => {
    const snapshot = planWith({ tasks: [{ id: 'a', estimate: 2 }], meta: { timelineStart: '2025-03-10' } }, []);
    const e = reflectionEvidence(snapshot, { asOf: '2025-03-05T00:00:00Z', baseline: { ...baseline, projectDays: 0, tasks: { a: { plannedStart: 0, plannedFinish: 0, estimateDays: 0 } } } });
    expect(e.slip?.percent).toBeNull();
    expect(e.adherence?.percent).toBeNull();
    expect(e.adherence?.asOfDay).toBe(-3); // before the plan starts
  });

  it('an empty plan with no start: no forecast, saying why', () => {
    const e = reflectionEvidence(planWith({}, []), { asOf: '2025-03-05' });
    expect(e.tasks).toEqual([]);
    expect(e.forecast).toBeNull();
    expect(e.notes.forecast?.code).toBe('no-start');
    expect(e.totals).toMatchObject({ tasks: 0, accuracy: null, actualSpanDays: null, plannedSpanDays: null });
  });

  it('asOf may be a date (to the end of that day); an unreadable one is a caller’s mistake', () => {
    const snapshot = planWith({ tasks: [{ id: 'a', estimate: 1 }] }, [status('2025-03-05T23:00:00Z', 'a', 'todo', 'active')]);
    expect(task(reflectionEvidence(snapshot, { asOf: '2025-03-05' }), 'a').status).toBe('active');
    expect(task(reflectionEvidence(snapshot, { asOf: '2025-03-04' }), 'a').status).toBe('todo');
    expect(() => reflectionEvidence(snapshot, { asOf: 'soon' })).toThrow(RangeError);
  });
});

describe('handoffs and broadcasts at the edges', () => {
  it('a handoff removed and put back (undo) counts from when it was put back', () => {
    const handoff = { id: 'h', task: 'a', from: 'p', to: 'q', status: 'completed', completedAt: '2025-03-04T12:00:00Z' } as Handoff;
    const activity = [
      entry('2025-03-03T00:00:00Z', 'handoff', 'h', null, 'pending'),
      entry('2025-03-03T06:00:00Z', 'handoff', 'h', undefined, 'removed'),
      entry('2025-03-04T00:00:00Z', 'handoff', 'h', null, 'pending'),
      entry('2025-03-04T06:00:00Z', 'handoff', 'h', 'pending', 'completed'),
      entry('2025-03-04T09:00:00Z', 'handoff', 'h', 'completed', 'pending'),
      entry('2025-03-04T12:00:00Z', 'handoff', 'h', 'pending', 'completed'),
    ];
    const e = reflectionEvidence(planWith({ tasks: ['a'], personas: ['p', 'q'] }, activity, { handoffs: new Map([['h', handoff]]) }), { asOf: '2025-03-05T00:00:00Z' });
    // Put back Tue 00:00; completed, reopened, completed finally at 12:00: ½ day.
    expect(e.handoffs.list).toEqual([{ id: 'h', task: 'a', from: 'p', to: 'q', status: 'completed', createdAt: '2025-03-04T00:00:00Z', completedAt: '2025-03-04T12:00:00Z', latencyDays: 0.5 }]);
    expect(e.personas.find((p) => p.persona === 'q')).toMatchObject({ handoffsReceived: 1, handoffLatencyDays: 0.5 });
  });

  it('an agent blocked over a weekend loses no weekend days; an agent that is not a persona still shows', () => {
    const b = (id: string, receivedAt: string, s: StatusBroadcast['status']['status']): StatusBroadcast =>
      ({ id, receivedAt, status: { agent_id: 'bot', status: s } }) as StatusBroadcast;
    const broadcasts = [b('1', '2025-03-07T18:00:00Z', 'blocked'), b('2', '2025-03-10T06:00:00Z', 'blocked'), b('3', '2025-03-10T12:00:00Z', 'error'), b('4', '2025-03-10T18:00:00Z', 'completed')];
    const e = reflectionEvidence(planWith({}, [], { broadcasts }), { asOf: '2025-03-11T00:00:00Z' });
    // Fri 18:00 → Mon 06:00 (¼ + ¼) then Mon 06:00 → 12:00 (¼).
    expect(e.agents).toMatchObject([{ agent: 'bot', broadcasts: 4, blockedDays: 0.75, completionRate: 0.25, errorRate: 0.25, lastStatus: 'completed' }]);
  });
});
