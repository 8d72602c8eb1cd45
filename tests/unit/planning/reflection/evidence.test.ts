import { describe, expect, it } from 'vitest';
import { reflectionEvidence, type ReflectionEvidence, type TaskEvidence } from '../../../../shared/planning/reflection';
import { loadBaseline, loadPlan } from './fixtures';

// Hand-computed answers for tests/fixtures/activity/checkout.json (see its README). A working
// day is 24 weekday hours, UTC; day 0 is Monday 2025-03-03 00:00. Week one: Mon 03-03 is day
// 0–1, ..., Fri 03-07 is day 4–5; week two: Mon 03-10 is day 5–6, Tue 03-11 day 6–7, Wed 03-12 day 7–8.

const ASOF = '2025-03-12T12:00:00Z'; // Wednesday noon: day 7.5
const plan = loadPlan('checkout.json');
const baseline = loadBaseline('checkout-baseline.json');

const task = (e: ReflectionEvidence, id: string): TaskEvidence => e.tasks.find((t) => t.id === id)!;

describe('reflection evidence: checkout plan with its baseline, as of Wed 03-12 12:00', () => {
  const e = reflectionEvidence(plan, { asOf: ASOF, baseline });

  it('t1: active Mon 00:00 → done Tue 18:00 (written in +02:00) is 1.75 days of 2 planned', () => {
    expect(task(e, 't1')).toEqual({
      id: 't1',
      title: 'Order schema',
      owner: 'dev',
      workstream: 'ws-api',
      source: 'log',
      status: 'done',
      plannedDays: 2,
      plannedFrom: 'baseline',
      startedAt: '2025-03-03T00:00:00Z',
      finishedAt: '2025-03-04T20:00:00+02:00',
      actualDays: 1.75,
      inFlightDays: 1.75,
      accuracy: 0.875,
      blockedDays: 0,
      blockedSpans: 0,
      reopened: 0,
      baselineFinish: 2,
      forecastFinish: 1.75,
      finishSlipDays: -0.25,
    });
  });

  it('t2, blocked twice: Wed 12:00 → Tue 12:00 is 4 days (weekend skipped), 1.5 of them blocked', () => {
    const t2 = task(e, 't2');
    // Wed ½ + Thu 1 + Fri 1 + Mon 1 + Tue ½ = 4; blocked Thu 00–12 (½) + Fri 12 → Mon 12 (½ + ½) = 1.5.
    expect(t2).toMatchObject({ status: 'done', actualDays: 4, inFlightDays: 4, blockedDays: 1.5, blockedSpans: 2, reopened: 0 });
    // The baseline's estimate (3), not the re-estimate (4), is what was planned.
    expect(t2).toMatchObject({ plannedDays: 3, plannedFrom: 'baseline' });
    expect(t2.accuracy).toBeCloseTo(4 / 3, 12);
    // Done Tue 12:00 = day 6.5 against a planned finish of day 5.
    expect(t2).toMatchObject({ baselineFinish: 5, forecastFinish: 6.5, finishSlipDays: 1.5 });
  });

  it('t3, reopened: the active spans add up (Wed 12 → Thu 12, Fri 06 → 18) and the final done counts', () => {
    expect(task(e, 't3')).toMatchObject({
      status: 'done',
      startedAt: '2025-03-05T12:00:00Z',
      finishedAt: '2025-03-07T18:00:00Z',
      actualDays: 1.5,
      accuracy: 0.75,
      reopened: 1,
      blockedDays: 0,
      // Fri 18:00 = day 4.75 against day 4.
      forecastFinish: 4.75,
      finishSlipDays: 0.75,
    });
  });

  it('t4, running as of asOf: no actual yet, 1 day in flight, blocked Mon 06:00 → Tue 12:00 before it started', () => {
    expect(task(e, 't4')).toMatchObject({
      status: 'active', // the move to done on Thursday is after asOf
      owner: 'qa',
      startedAt: '2025-03-11T12:00:00Z',
      finishedAt: null,
      actualDays: null,
      inFlightDays: 1,
      accuracy: null,
      blockedDays: 1.25,
      blockedSpans: 1,
      // Started day 6.5, 1 of 2 days spent: 1 left from day 7.5.
      forecastFinish: 8.5,
      finishSlipDays: 1.5,
    });
  });

  it('t5, never started: nulls, no blocked time; forecast to start now', () => {
    expect(task(e, 't5')).toMatchObject({
      status: 'todo',
      startedAt: null,
      finishedAt: null,
      actualDays: null,
      inFlightDays: 0,
      accuracy: null,
      blockedDays: 0,
      plannedDays: 0.5,
      forecastFinish: 8,
      finishSlipDays: 7.5,
    });
  });

  it('rolls up per workstream: API all done over 6.5 days, Checkout UI still running, then tasks outside', () => {
    expect(e.workstreams.map((w) => [w.id, w.title])).toEqual([
      ['ws-api', 'API'],
      ['ws-ui', 'Checkout UI'],
      [null, 'No workstream'],
    ]);
    const [api, ui, none] = e.workstreams;
    expect(api).toMatchObject({ tasks: 2, started: 2, done: 2, measured: 2, plannedDays: 5, measuredPlannedDays: 5, actualDays: 5.75, blockedDays: 1.5 });
    expect(api!.accuracy).toBeCloseTo(1.15, 12);
    // Planned t1 0–2, t2 2–5; actual Mon 03-03 00:00 → Tue 03-11 12:00 = 5 + 1.5.
    expect(api).toMatchObject({ plannedSpanDays: 5, actualSpanDays: 6.5 });
    expect(ui).toMatchObject({ tasks: 2, started: 2, done: 1, measured: 1, plannedDays: 4, measuredPlannedDays: 2, actualDays: 1.5, accuracy: 0.75, blockedDays: 1.25 });
    expect(ui).toMatchObject({ plannedSpanDays: 5, actualSpanDays: null }); // t3 2–4, t4 5–7
    expect(none).toMatchObject({ tasks: 1, started: 0, done: 0, measured: 0, plannedDays: 0.5, accuracy: null, plannedSpanDays: 0.5, actualSpanDays: null });
    expect(e.totals).toMatchObject({ tasks: 5, started: 4, done: 3, measured: 3, plannedDays: 9.5, measuredPlannedDays: 7, actualDays: 7.25, blockedDays: 2.75, plannedSpanDays: 7, actualSpanDays: null });
    expect(e.totals.accuracy).toBeCloseTo(7.25 / 7, 12);
  });

  it('rolls up per persona; blocked time goes to whoever owned the task at the time', () => {
    expect(e.personas.map((p) => p.persona)).toEqual(['dev', 'design', 'qa']); // Backend agent, Designer, QA engineer
    const [dev, design, qa] = e.personas;
    // t4 was blocked 06:00–18:00 Monday under dev (½), then under qa until Tue 12:00 (¾).
    expect(dev).toMatchObject({ name: 'Backend agent', tasks: 2, done: 2, plannedDays: 5, actualDays: 5.75, blockedDays: 2, handoffsSent: 2, handoffsReceived: 0, handoffLatencyDays: null, waitsCaused: 1 });
    expect(dev!.accuracy).toBeCloseTo(1.15, 12);
    expect(design).toMatchObject({ tasks: 1, done: 1, actualDays: 1.5, accuracy: 0.75, blockedDays: 0, handoffsSent: 1, handoffsReceived: 0, waitsCaused: 0 });
    expect(qa).toMatchObject({ tasks: 2, started: 1, done: 0, measured: 0, plannedDays: 2.5, actualDays: 0, accuracy: null, blockedDays: 0.75, handoffsSent: 0, handoffsReceived: 3, handoffLatencyDays: 0.625 });
  });

  it('names the top blockers: tasks longest blocked, and the prerequisite t4 waited on', () => {
    expect(e.topBlockers.tasks).toEqual([
      { id: 't2', title: 'Payment endpoints', owner: 'dev', blockedDays: 1.5, blockedSpans: 2 },
      { id: 't4', title: 'Integration tests', owner: 'qa', blockedDays: 1.25, blockedSpans: 1 },
    ]);
    // t4 blocked from Mon 06:00, when t2 was not done (t3 was): waited until t2 was done Tue 12:00.
    expect(e.topBlockers.prerequisites).toEqual([{ id: 't2', title: 'Payment endpoints', owner: 'dev', waits: 1, waitedDays: 1.25, waitedBy: ['t4'] }]);
  });

  it('forecasts 8.5 days against the baseline 7: 1.5 days (21.4 %) of slip along t1 → t2 → t4 → Release', () => {
    expect(e.forecast).toEqual({
      anchor: { date: '2025-03-03', from: 'baseline' },
      asOfDay: 7.5,
      plannedDays: 8, // today's plan with t2 at 4 days
      projectDays: 8.5,
      final: false,
      chain: ['t1', 't2', 't4', 'm1'],
    });
    expect(e.slip).toMatchObject({ baselineDays: 7, forecastDays: 8.5, final: false, days: 1.5 });
    expect(e.slip!.percent).toBeCloseTo((1.5 / 7) * 100, 10);
    expect(e.slip!.chain).toEqual([
      { id: 't1', title: 'Order schema', forecastFinish: 1.75, baselineFinish: 2, slipDays: -0.25 },
      { id: 't2', title: 'Payment endpoints', forecastFinish: 6.5, baselineFinish: 5, slipDays: 1.5 },
      { id: 't4', title: 'Integration tests', forecastFinish: 8.5, baselineFinish: 7, slipDays: 1.5 },
      { id: 'm1', title: 'Release', forecastFinish: 8.5, baselineFinish: 7, slipDays: 1.5 },
    ]);
    expect(e.notes).toEqual({ forecast: null, slip: null, adherence: null });
  });

  it('timeline adherence: 7 of 9.5 planned estimate-days earned by day 7.5 is −26.3 %', () => {
    // Every baseline window has passed by day 7.5: planned 2 + 3 + 2 + 2 + 0.5; earned t1 + t2 + t3.
    expect(e.adherence).toMatchObject({ asOfDay: 7.5, plannedValueDays: 9.5, earnedValueDays: 7, dueByNow: 5, doneOfDue: 3, finishedOnTime: 1, finishedLate: 2 });
    expect(e.adherence!.percent).toBeCloseTo(((7 - 9.5) / 9.5) * 100, 10);
  });

  it('handoffs: three, two completed (one by its completedAt), latency ¾ and ½ day; the removed one apart', () => {
    expect(e.handoffs).toEqual({
      count: 3,
      completed: 2,
      pending: 1,
      removed: 1,
      meanLatencyDays: 0.625,
      medianLatencyDays: 0.625,
      maxLatencyDays: 0.75,
      list: [
        { id: 'h1', task: 't4', from: 'dev', to: 'qa', status: 'completed', createdAt: '2025-03-10T18:00:00Z', completedAt: '2025-03-11T12:00:00Z', latencyDays: 0.75 },
        { id: 'h2', task: 't3', from: 'design', to: 'qa', status: 'pending', createdAt: '2025-03-07T18:00:00Z', completedAt: null, latencyDays: null },
        { id: 'h3', task: 't2', from: 'dev', to: 'qa', status: 'completed', createdAt: '2025-03-11T12:00:00Z', completedAt: '2025-03-12T00:00:00Z', latencyDays: 0.5 },
      ],
    });
  });

  it('per-agent figures from broadcasts: copies once, out-of-order sorted, later ones left out', () => {
    expect(e.agents).toEqual([
      {
        agent: 'dev',
        broadcasts: 4,
        completed: 1,
        errors: 0,
        completionRate: 0.25,
        errorRate: 0,
        blockedDays: 1, // blocked Fri 12:00 until the next broadcast Mon 12:00
        tasksReported: 1,
        tasksCompleted: 1,
        lastStatus: 'completed',
        lastAt: '2025-03-11T12:00:00Z',
        blockingIssues: [{ issue: 'Payment sandbox keys missing', count: 1 }],
      },
      {
        agent: 'tester',
        broadcasts: 3,
        completed: 0,
        errors: 1,
        completionRate: 0,
        errorRate: 1 / 3,
        blockedDays: 0.5, // blocked Wed 00:00, still as of Wed 12:00
        tasksReported: 1,
        tasksCompleted: 0,
        lastStatus: 'blocked',
        lastAt: '2025-03-12T00:00:00Z',
        blockingIssues: [{ issue: 'Flaky checkout e2e', count: 2 }],
      },
    ]);
    expect(e.agentIssues).toEqual([
      { issue: 'Flaky checkout e2e', count: 2 },
      { issue: 'Payment sandbox keys missing', count: 1 },
    ]);
  });

  it('says how the log looked: a copy, entries after asOf, entries from a machine that synced late', () => {
    expect(e.log).toEqual({ stored: 39, duplicates: 1, afterAsOf: 1, outOfOrder: 6, used: 37, anomalies: [], broadcasts: 7 });
  });
});

describe('reflection evidence: the same plan as of Thu 03-06 12:00', () => {
  const e = reflectionEvidence(plan, { asOf: '2025-03-06T12:00:00Z', baseline });

  it('counts only what had happened: t3 done once (not yet reopened), t2 running after one block', () => {
    expect(task(e, 't3')).toMatchObject({ status: 'done', actualDays: 1, accuracy: 0.5, reopened: 0, finishedAt: '2025-03-06T12:00:00Z' });
    // The entry at exactly asOf counts: t2 active again at Thu 12:00 after ½ day blocked.
    expect(task(e, 't2')).toMatchObject({ status: 'active', actualDays: null, inFlightDays: 1, blockedDays: 0.5, blockedSpans: 1 });
    expect(task(e, 't4')).toMatchObject({ status: 'todo', blockedDays: 0, owner: 'qa' });
  });

  it('forecasts with the estimate as it stood then (t2: 3 days): 7.5 days, +0.5', () => {
    // t2: started day 2.5, 1 of 3 days spent → day 3.5 + 2 = 5.5; t4 after it 5.5 + 2 = 7.5.
    expect(task(e, 't2').forecastFinish).toBe(5.5);
    expect(e.forecast).toMatchObject({ asOfDay: 3.5, projectDays: 7.5, chain: ['t1', 't2', 't4', 'm1'] });
    expect(e.slip).toMatchObject({ days: 0.5, forecastDays: 7.5 });
    expect(e.slip!.percent).toBeCloseTo((0.5 / 7) * 100, 10);
  });

  it('adherence counts the part of each baseline window that has passed', () => {
    // Day 3.5: t1 (0–2) 2, t2 (2–5) half of 3, t3 (2–4) ¾ of 2, t4 (5–7) 0, t5 (0–0.5) 0.5 → 5.5 planned;
    // earned t1 2 + t3 2 = 4. Due by now: t1 and t5; done of them: t1. On time: t1 (1.75 ≤ 2), t3 (3.5 ≤ 4).
    expect(e.adherence).toMatchObject({ asOfDay: 3.5, plannedValueDays: 5.5, earnedValueDays: 4, dueByNow: 2, doneOfDue: 1, finishedOnTime: 2, finishedLate: 0 });
    expect(e.adherence!.percent).toBeCloseTo(((4 - 5.5) / 5.5) * 100, 10);
  });

  it('handoffs and broadcasts after asOf do not exist yet', () => {
    expect(e.handoffs).toMatchObject({ count: 0, removed: 0, meanLatencyDays: null });
    expect(e.agents).toEqual([]);
  });
});

describe('reflection evidence: no baseline', () => {
  const e = reflectionEvidence(plan, { asOf: ASOF });

  it('slip and adherence are null, with the reason', () => {
    expect(e.baseline).toBeNull();
    expect(e.slip).toBeNull();
    expect(e.adherence).toBeNull();
    expect(e.notes.slip).toEqual({ code: 'no-baseline', message: expect.stringContaining('no baseline') });
    expect(e.notes.adherence).toEqual(e.notes.slip);
    expect(e.notes.forecast).toBeNull();
  });

  it('plans with the estimate as of asOf (t2 re-estimated to 4) and the current schedule', () => {
    expect(task(e, 't2')).toMatchObject({ plannedDays: 4, plannedFrom: 'estimate', accuracy: 1, baselineFinish: null, finishSlipDays: null });
    expect(e.totals).toMatchObject({ plannedDays: 10.5, measuredPlannedDays: 8, actualDays: 7.25, plannedSpanDays: 8 });
    expect(e.totals.accuracy).toBeCloseTo(7.25 / 8, 12);
    // The forecast still stands, from the plan's timeline start.
    expect(e.forecast).toMatchObject({ anchor: { date: '2025-03-03', from: 'timeline' }, projectDays: 8.5, plannedDays: 8 });
  });
});

describe('reflection evidence: a plan imported without a log', () => {
  const imported = loadPlan('imported-no-log.json');
  const e = reflectionEvidence(imported, { asOf: '2025-03-07T12:00:00Z' });

  it('reads startedAt and finishedAt; a finished date counts to the end of that day', () => {
    // i1: Mon 03-03 00:00 → end of Wed 03-05 = 3 days against 2.
    expect(task(e, 'i1')).toMatchObject({ source: 'fields', status: 'done', actualDays: 3, accuracy: 1.5, startedAt: '2025-03-03', finishedAt: '2025-03-05' });
    expect(task(e, 'i2')).toMatchObject({ source: 'fields', status: 'active', actualDays: null, inFlightDays: 1 });
    // Done with no start recorded: finished, but not measurable.
    expect(task(e, 'i3')).toMatchObject({ status: 'done', startedAt: null, finishedAt: '2025-03-05T12:00:00Z', actualDays: null, accuracy: null });
    expect(e.totals).toMatchObject({ tasks: 4, started: 2, done: 2, measured: 1, plannedDays: 7, measuredPlannedDays: 2, actualDays: 3, accuracy: 1.5, blockedDays: 0 });
  });

  it('counts days from the first start when the plan has no timeline start', () => {
    // i1 ends day 3; i2 started day 3.5, 1 of 3 days spent → 4.5 + 2 = 6.5; i4 after it → 7.5.
    expect(e.forecast).toEqual({ anchor: { date: '2025-03-03', from: 'first-start' }, asOfDay: 4.5, plannedDays: 6, projectDays: 7.5, final: false, chain: ['i1', 'i2', 'i4'] });
    expect(e.slip).toBeNull();
    expect(e.notes.slip?.code).toBe('no-baseline');
    expect(e.log).toEqual({ stored: 0, duplicates: 0, afterAsOf: 0, outOfOrder: 0, used: 0, anomalies: [], broadcasts: 0 });
    expect(e.workstreams.map((w) => w.id)).toEqual([null]);
    expect(e.personas).toMatchObject([{ persona: 'ana', tasks: 4, done: 2, accuracy: 1.5 }]);
  });
});
