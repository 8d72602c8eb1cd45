import { describe, expect, it } from 'vitest';
import type { PlanSnapshot, PlanNode } from '../../../../shared/model';
import { computeSchedule } from '../../../../shared/planning';
import { baselineSchema } from '../../../../shared/model';
import { chooseBaseline, takeBaseline } from '../../../../shared/planning/reflection';
import { snapshotOf } from '../snapshotOf';
import { loadBaseline, loadPlan } from './fixtures';

/** The checkout plan as it stood at kick-off: t2 still estimated at 3 days. */
function atKickOff(): PlanSnapshot {
  const plan = loadPlan('checkout.json');
  const nodes = new Map(plan.nodes);
  nodes.set('t2', { ...(nodes.get('t2') as PlanNode & { kind: 'task' }), estimateDays: 3 });
  return { ...plan, nodes };
}

describe('takeBaseline', () => {
  it('freezes every scheduled item’s planned start and finish, the project length and the timeline start', () => {
    const snapshot = atKickOff();
    const taken = takeBaseline(snapshot, computeSchedule(snapshot), { id: 'bl-kickoff', name: 'Kick-off', takenAt: '2025-02-28T17:00:00Z' });
    expect(taken).toEqual({ ok: true, value: loadBaseline('checkout-baseline.json') });
    // What it returns is what a plan can store.
    expect(baselineSchema.parse(taken.ok && taken.value)).toEqual(taken.ok && taken.value);
  });

  it('is plain data that survives JSON, with tasks in id order', () => {
    const snapshot = snapshotOf({ tasks: [{ id: 'b', estimate: 1 }, { id: 'a', estimate: 2 }], edges: [['a', 'b']], reversed: true });
    const taken = takeBaseline(snapshot, computeSchedule(snapshot), { id: 'x', name: 'X', takenAt: '2025-01-06T09:00:00Z' });
    expect(taken.ok).toBe(true);
    if (!taken.ok) return;
    expect(Object.keys(taken.value.tasks)).toEqual(['a', 'b']);
    expect(taken.value).not.toHaveProperty('start'); // the plan has no timeline start
    expect(JSON.parse(JSON.stringify(taken.value))).toEqual(taken.value);
    expect(taken.value).toMatchObject({ projectDays: 3, tasks: { a: { plannedStart: 0, plannedFinish: 2, estimateDays: 2 }, b: { plannedStart: 2, plannedFinish: 3, estimateDays: 1 } } });
  });

  it('refuses a plan with a cycle, naming it', () => {
    const snapshot = snapshotOf({ tasks: [{ id: 'a', title: 'Alpha' }, { id: 'b', title: 'Beta' }], edges: [['a', 'b'], ['b', 'a']] });
    const taken = takeBaseline(snapshot, computeSchedule(snapshot), { id: 'x', name: 'X', takenAt: '2025-01-06T09:00:00Z' });
    expect(taken.ok).toBe(false);
    if (!taken.ok) expect(taken.error[0]!.message).toMatch(/cycle \((Alpha → Beta → Alpha|Beta → Alpha → Beta)\)/);
  });

  it('a plan keeps several; the reflection uses the chosen one', () => {
    const a = loadBaseline('checkout-baseline.json');
    const b = { ...a, id: 'bl-replan', name: 'Re-plan' };
    expect(chooseBaseline([a, b], 'bl-replan')).toBe(b);
    expect(chooseBaseline([a, b], undefined)).toBeUndefined();
    expect(chooseBaseline([a, b], 'gone')).toBeUndefined();
  });

  it('the schema refuses a malformed baseline', () => {
    expect(baselineSchema.safeParse({ id: 'x', name: 'X', takenAt: 'yesterday', projectDays: 1, tasks: {} }).success).toBe(false);
    expect(baselineSchema.safeParse({ id: 'x', name: 'X', takenAt: '2025-01-06T09:00:00Z', projectDays: -1, tasks: {} }).success).toBe(false);
  });
});
