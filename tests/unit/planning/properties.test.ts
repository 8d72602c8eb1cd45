import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TaskStatus } from '../../../shared/model';
import {
  analysePlan,
  analysePlanOnDemand,
  computeBlocking,
  computeLoad,
  computeMatrix,
  computeSchedule,
  describeCycle,
  topologicalOrder,
  type Schedule,
} from '../../../shared/planning';
import { snapshotOf, type PlanSpec, type TaskSpec } from './snapshotOf';

// Random plans of up to 14 scheduled items. Ids are a random permutation of labels, so the
// id order (which breaks ties) has nothing to do with the dependency order.

type Kind = 'task' | 'milestone' | 'gate';
interface Item {
  readonly kind: Kind;
  readonly estimate: number | undefined;
  readonly status: TaskStatus | undefined;
  readonly owner: string | undefined;
}
interface RandomPlan {
  readonly ids: readonly string[];
  readonly items: readonly Item[];
  readonly edges: readonly (readonly [string, string])[];
}

const PERSONAS = ['p1', 'p2', 'p3'];

const estimateArb = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 0, max: 10 }),
  fc.integer({ min: 0, max: 20 }).map((h) => h / 2),
  // Tenths are not exact in binary: they exercise the rounding of floating-point dust.
  fc.integer({ min: 1, max: 30 }).map((t) => t / 10),
);

const itemArb: fc.Arbitrary<Item> = fc.record({
  kind: fc.constantFrom<Kind>('task', 'task', 'task', 'task', 'milestone', 'gate'),
  estimate: estimateArb,
  status: fc.constantFrom<TaskStatus | undefined>(undefined, 'todo', 'active', 'blocked', 'done'),
  owner: fc.constantFrom<string | undefined>(undefined, ...PERSONAS),
});

/**
 * `acyclic`: every edge goes from a lower to a higher position, so there is never a cycle.
 * Otherwise edges join any two items, self-loops included, so cycles are likely.
 */
function planArb(acyclic: boolean, maxItems = 14): fc.Arbitrary<RandomPlan> {
  return fc.integer({ min: 1, max: maxItems }).chain((n) =>
    fc
      .record({
        labels: fc.shuffledSubarray(
          Array.from({ length: maxItems }, (_, i) => `n${String(i).padStart(2, '0')}`),
          { minLength: n, maxLength: n },
        ),
        items: fc.array(itemArb, { minLength: n, maxLength: n }),
        pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
      })
      .map(({ labels, items, pairs }) => {
        const edges: (readonly [string, string])[] = [];
        for (const [a, b] of pairs) {
          if (acyclic && a === b) continue;
          const [s, t] = acyclic && a > b ? [b, a] : [a, b];
          edges.push([labels[s]!, labels[t]!]);
        }
        return { ids: labels, items, edges };
      }),
  );
}

function specOf(plan: RandomPlan, reversed = false): PlanSpec {
  const tasks: TaskSpec[] = [];
  const milestones: string[] = [];
  const gates: string[] = [];
  for (let i = 0; i < plan.ids.length; i++) {
    const id = plan.ids[i]!;
    const item = plan.items[i]!;
    if (item.kind === 'task') tasks.push({ id, estimate: item.estimate, status: item.status, owner: item.owner });
    else (item.kind === 'milestone' ? milestones : gates).push(id);
  }
  return { personas: PERSONAS, tasks, milestones, gates, edges: plan.edges, reversed };
}

function okSchedule(s: Schedule): Extract<Schedule, { ok: true }> {
  if (!s.ok) throw new Error(`unexpected cycle ${s.cycle.join(' -> ')}`);
  return s;
}

const edgeSet = (edges: readonly (readonly [string, string])[]) => new Set(edges.map(([s, t]) => `${s}>${t}`));

/** Whether the graph has a cycle, by a plain depth-first search: independent of Kahn. */
function hasCycle(ids: readonly string[], edges: readonly (readonly [string, string])[]): boolean {
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [s, t] of edges) next.get(s)!.push(t);
  const state = new Map<string, 1 | 2>();
  const visit = (id: string): boolean => {
    state.set(id, 1);
    for (const t of next.get(id)!) {
      if (state.get(t) === 1) return true;
      if (!state.has(t) && visit(t)) return true;
    }
    state.set(id, 2);
    return false;
  };
  return ids.some((id) => !state.has(id) && visit(id));
}

const RUNS = { numRuns: 200 };

describe('critical path properties (random acyclic plans)', () => {
  it('slack is never negative, and the figures are consistent with durations, edges and the project length', () => {
    fc.assert(
      fc.property(planArb(true), (plan) => {
        const s = okSchedule(computeSchedule(snapshotOf(specOf(plan))));
        expect(s.items).toHaveLength(plan.ids.length);
        for (const i of s.items) {
          expect(i.slack).toBeGreaterThanOrEqual(0);
          expect(i.earlyStart).toBeGreaterThanOrEqual(0);
          expect(i.earlyFinish).toBeCloseTo(i.earlyStart + i.duration, 6);
          expect(i.lateFinish).toBeCloseTo(i.lateStart + i.duration, 6);
          expect(i.slack).toBeCloseTo(i.lateStart - i.earlyStart, 6);
          expect(i.lateFinish).toBeLessThanOrEqual(s.projectDays + 1e-6);
          expect(i.critical).toBe(i.slack === 0);
        }
        for (const [src, tgt] of plan.edges) {
          const a = s.byId.get(src)!;
          const b = s.byId.get(tgt)!;
          expect(b.earlyStart).toBeGreaterThanOrEqual(a.earlyFinish - 1e-6);
          expect(a.lateFinish).toBeLessThanOrEqual(b.lateStart + 1e-6);
        }
        const longest = Math.max(0, ...s.items.map((i) => i.earlyFinish));
        expect(s.projectDays).toBeCloseTo(longest, 6);
      }),
      RUNS,
    );
  });

  it('every critical chain runs the whole project, and there is at least one', () => {
    fc.assert(
      fc.property(planArb(true), (plan) => {
        const s = okSchedule(computeSchedule(snapshotOf(specOf(plan))));
        const hasPred = new Set(plan.edges.map(([, t]) => t));
        const criticalNext = new Map<string, string[]>();
        for (const id of plan.ids) criticalNext.set(id, []);
        const edgeIds = new Map<string, readonly [string, string]>();
        for (const e of snapshotOf(specOf(plan)).edges.values()) edgeIds.set(e.id, [e.source, e.target]);
        for (const id of s.criticalEdges) {
          const [src, tgt] = edgeIds.get(id)!;
          // A critical edge joins two critical items with no gap.
          expect(s.byId.get(src)!.critical && s.byId.get(tgt)!.critical).toBe(true);
          expect(s.byId.get(tgt)!.earlyStart).toBeCloseTo(s.byId.get(src)!.earlyFinish, 6);
          criticalNext.get(src)!.push(tgt);
        }
        let chains = 0;
        // Walk every chain from each critical start; plans are small, so the walks are too.
        const walk = (id: string, length: number): void => {
          const total = length + s.byId.get(id)!.duration;
          const next = criticalNext.get(id)!;
          if (next.length === 0) {
            chains++;
            expect(total).toBeCloseTo(s.projectDays, 6);
            expect(s.byId.get(id)!.earlyFinish).toBeCloseTo(s.projectDays, 6);
          }
          for (const n of next) walk(n, total);
        };
        for (const i of s.items) if (i.critical && !hasPred.has(i.id)) walk(i.id, 0);
        expect(chains).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('adding a dependency that keeps the graph acyclic never shortens the project', () => {
    const withExtra = planArb(true).chain((plan) =>
      fc.tuple(fc.constant(plan), fc.nat(plan.ids.length - 1), fc.nat(plan.ids.length - 1)),
    );
    fc.assert(
      fc.property(withExtra, ([plan, a, b]) => {
        fc.pre(a !== b);
        // Same orientation as the generator (by position), so the result stays acyclic.
        const extra = [plan.ids[Math.min(a, b)]!, plan.ids[Math.max(a, b)]!] as const;
        const before = okSchedule(computeSchedule(snapshotOf(specOf(plan))));
        const after = okSchedule(computeSchedule(snapshotOf(specOf({ ...plan, edges: [...plan.edges, extra] }))));
        expect(after.projectDays).toBeGreaterThanOrEqual(before.projectDays);
        // No item can start earlier either.
        for (const i of before.items) expect(after.byId.get(i.id)!.earlyStart).toBeGreaterThanOrEqual(i.earlyStart);
      }),
      RUNS,
    );
  });

  it('lengthening a task never shortens the project', () => {
    const withBump = planArb(true).chain((plan) => fc.tuple(fc.constant(plan), fc.nat(plan.ids.length - 1), fc.integer({ min: 1, max: 5 })));
    fc.assert(
      fc.property(withBump, ([plan, at, more]) => {
        const item = plan.items[at]!;
        fc.pre(item.kind === 'task');
        const items = plan.items.map((it, i) => (i === at ? { ...it, estimate: (it.estimate ?? 0) + more } : it));
        const before = okSchedule(computeSchedule(snapshotOf(specOf(plan))));
        const after = okSchedule(computeSchedule(snapshotOf(specOf({ ...plan, items }))));
        expect(after.projectDays).toBeGreaterThanOrEqual(before.projectDays);
      }),
      RUNS,
    );
  });

  it('the schedule does not depend on the order the plan was inserted in', () => {
    fc.assert(
      fc.property(planArb(true), (plan) => {
        const forward = okSchedule(computeSchedule(snapshotOf(specOf(plan))));
        const backward = okSchedule(computeSchedule(snapshotOf(specOf(plan, true))));
        expect(backward.items).toEqual(forward.items);
        expect(backward.projectDays).toBe(forward.projectDays);
        expect(backward.unestimated).toEqual(forward.unestimated);
        expect([...backward.criticalEdges].sort()).toEqual([...forward.criticalEdges].sort());
      }),
      RUNS,
    );
  });
});

describe('topological order properties', () => {
  it('on random DAGs the order holds every node once, respects every edge, and takes the smallest ready id each time', () => {
    fc.assert(
      fc.property(planArb(true), (plan) => {
        const edges = plan.edges.map(([source, target]) => ({ source, target }));
        const r = topologicalOrder([...plan.ids], edges);
        expect(r.cycle).toBeNull();
        const order = r.order!;
        expect([...order].sort()).toEqual([...plan.ids].sort());
        const position = new Map(order.map((id, i) => [id, i]));
        for (const { source, target } of edges) expect(position.get(source)!).toBeLessThan(position.get(target)!);
        // Independently: at each step, the next node is the smallest whose prerequisites are all placed.
        const placed = new Set<string>();
        for (const id of order) {
          const ready = plan.ids.filter((n) => !placed.has(n) && edges.every((e) => e.target !== n || placed.has(e.source)));
          expect(id).toBe([...ready].sort()[0]);
          placed.add(id);
        }
      }),
      RUNS,
    );
  });

  it('on random graphs with cycles it terminates, fails exactly when there is a cycle, and names a real one', () => {
    fc.assert(
      fc.property(planArb(false), (plan) => {
        const edges = plan.edges.map(([source, target]) => ({ source, target }));
        const r = topologicalOrder([...plan.ids], edges);
        expect(r.cycle !== null).toBe(hasCycle(plan.ids, plan.edges));
        const schedule = computeSchedule(snapshotOf(specOf(plan)));
        if (r.cycle === null) {
          expect(schedule.ok).toBe(true);
          const position = new Map(r.order.map((id, i) => [id, i]));
          for (const { source, target } of edges) expect(position.get(source)!).toBeLessThan(position.get(target)!);
          return;
        }
        const cycle = r.cycle;
        const present = edgeSet(plan.edges);
        expect(cycle.length).toBeGreaterThan(0);
        expect(new Set(cycle).size).toBe(cycle.length);
        for (let i = 0; i < cycle.length; i++) expect(present.has(`${cycle[i]}>${cycle[(i + 1) % cycle.length]}`)).toBe(true);
        // Named from its smallest id, and the schedule reports the very same cycle.
        expect(cycle[0]).toBe([...cycle].sort()[0]);
        expect(schedule).toEqual({ ok: false, cycle });
      }),
      { numRuns: 300 },
    );
  });

  it('on random graphs with cycles nothing in the engine throws', () => {
    fc.assert(
      fc.property(planArb(false), fc.constantFrom(undefined, '2025-03-05', '2031-01-01'), (plan, today) => {
        const snapshot = snapshotOf({ ...specOf(plan), meta: { timelineStart: '2025-03-03', timelineEnd: '2025-03-28' } });
        const analysis = analysePlan(snapshot, today);
        if (!analysis.schedule.ok) {
          const text = describeCycle(analysis.schedule.cycle, snapshot.nodes);
          expect(text.split(' → ')).toHaveLength(analysis.schedule.cycle.length + 1);
          expect(analysis.load).toEqual({ weeks: 0, personas: [], bottlenecks: [] });
          const inCycle = new Set(analysis.schedule.cycle);
          for (const row of analysis.matrix) {
            expect(row.critical).toBeNull();
            expect(row.slack).toBeNull();
            expect(row.inCycle).toBe(inCycle.has(row.id));
          }
        }
        expect(analysis.matrix).toHaveLength(plan.ids.length);
      }),
      RUNS,
    );
  });
});

describe('analysis on demand', () => {
  it('gives the same figures as the whole analysis, whichever part is read first', () => {
    fc.assert(
      fc.property(planArb(false), fc.constantFrom<keyof ReturnType<typeof analysePlan>>('matrix', 'rollups', 'load', 'personaBlocking', 'schedule'), (plan, first) => {
        const snapshot = snapshotOf({ ...specOf(plan), meta: { timelineStart: '2025-03-03', timelineEnd: '2025-03-28' } });
        const whole = analysePlan(snapshot, '2025-03-10');
        const onDemand = analysePlanOnDemand(snapshot, '2025-03-10');
        expect(onDemand[first]).toEqual(whole[first]);
        expect({ ...readAll(onDemand) }).toEqual({ ...whole });
        // A schedule the caller already has (the CLI computes one to warn of a cycle) is the
        // one used, and everything built on it comes out the same.
        const schedule = computeSchedule(snapshot);
        const given = analysePlanOnDemand(snapshot, '2025-03-10', { schedule });
        expect(given.schedule).toBe(schedule);
        expect({ ...readAll(given) }).toEqual({ ...whole });
      }),
      RUNS,
    );
  });
});

/** Every part of an analysis, read through its getters. */
function readAll(a: ReturnType<typeof analysePlan>) {
  return { schedule: a.schedule, blocking: a.blocking, personaBlocking: a.personaBlocking, crossPersona: a.crossPersona, load: a.load, rollups: a.rollups, matrix: a.matrix };
}

describe('matrix properties', () => {
  it('every row lists exactly its direct prerequisites and dependents, each once and sorted, with or without a cycle', () => {
    fc.assert(
      fc.property(fc.boolean().chain((acyclic) => planArb(acyclic)), fc.boolean(), (plan, reversed) => {
        const snapshot = snapshotOf(specOf(plan, reversed));
        const matrix = computeMatrix(snapshot, computeSchedule(snapshot));
        const sortedOnce = (ids: string[]) => [...new Set(ids)].sort();
        expect(matrix.map((r) => r.id).sort()).toEqual([...plan.ids].sort());
        for (const row of matrix) {
          expect(row.dependsOn).toEqual(sortedOnce(plan.edges.filter(([, t]) => t === row.id).map(([s]) => s)));
          expect(row.blocks).toEqual(sortedOnce(plan.edges.filter(([s]) => s === row.id).map(([, t]) => t)));
        }
      }),
      RUNS,
    );
  });

  it('a schedule computed on an earlier version of the plan still gives the current rows, with its own figures', () => {
    fc.assert(
      fc.property(planArb(true), (plan) => {
        const before = snapshotOf(specOf(plan));
        const after = snapshotOf({ ...specOf(plan), edges: plan.edges.slice(1) });
        const schedule = okSchedule(computeSchedule(before));
        const rows = computeMatrix(after, schedule);
        const dropped = plan.edges[0];
        for (const row of rows) {
          expect(row.slack).toBe(schedule.byId.get(row.id)!.slack);
          expect(row.dependsOn).toEqual([...new Set(plan.edges.slice(1).filter(([, t]) => t === row.id).map(([s]) => s))].sort());
        }
        if (dropped) expect(computeMatrix(before, schedule).find((r) => r.id === dropped[1])!.dependsOn).toContain(dropped[0]);
      }),
      RUNS,
    );
  });
});

describe('blocking and load properties', () => {
  it('done tasks are never blocked; blocked means a blocked status or an unfinished direct prerequisite', () => {
    fc.assert(
      fc.property(planArb(false), (plan) => {
        const snapshot = snapshotOf(specOf(plan));
        const blocking = computeBlocking(snapshot);
        const preds = new Map<string, Set<string>>();
        for (const [s, t] of plan.edges) (preds.get(t) ?? preds.set(t, new Set()).get(t)!).add(s);
        for (const [id, b] of blocking) {
          const node = snapshot.nodes.get(id);
          if (node?.kind !== 'task') throw new Error(`${id} is not a task`);
          const status = node.status ?? 'todo';
          expect(b.blocked).toBe(status !== 'done' && (status === 'blocked' || b.waitingOn.length > 0));
          if (status === 'done') expect(b).toEqual({ id, waitingOn: [], holdingUp: [], blocked: false });
          expect(new Set(b.waitingOn).size).toBe(b.waitingOn.length);
          expect(b.waitingOn).toEqual([...b.waitingOn].sort());
          expect(b.holdingUp).toEqual([...new Set(b.holdingUp)].sort());
          for (const w of b.waitingOn) {
            expect(preds.get(id)?.has(w)).toBe(true);
            // A task that holds this one up is not done, and lists it in turn.
            const pre = snapshot.nodes.get(w);
            if (pre?.kind === 'task') {
              expect(pre.status).not.toBe('done');
              expect(blocking.get(w)!.holdingUp).toContain(id);
            }
          }
          // A prerequisite task that is not done is always waited on.
          for (const p of preds.get(id) ?? []) {
            const pre = snapshot.nodes.get(p);
            if (status !== 'done' && pre?.kind === 'task' && pre.status !== 'done') expect(b.waitingOn).toContain(p);
          }
        }
      }),
      RUNS,
    );
  });

  it("each persona's weekly load adds up to the estimates of the tasks they own", () => {
    fc.assert(
      fc.property(planArb(true), (plan) => {
        const snapshot = snapshotOf(specOf(plan));
        const schedule = okSchedule(computeSchedule(snapshot));
        const report = computeLoad(snapshot, schedule);
        expect(report.weeks).toBe(Math.max(1, Math.ceil(schedule.projectDays / 5)));
        expect(report.personas.map((p) => p.persona)).toEqual(PERSONAS);
        for (const p of report.personas) {
          let owned = 0;
          plan.items.forEach((it) => it.kind === 'task' && it.owner === p.persona && (owned += it.estimate ?? 0));
          expect(p.totalDays).toBeCloseTo(owned, 2);
          expect(p.perWeek).toHaveLength(report.weeks);
          expect(p.perWeek.reduce((a, b) => a + b, 0)).toBeCloseTo(owned, 2);
          for (const [week, days] of p.perWeek.entries()) {
            expect(days).toBeGreaterThanOrEqual(0);
            const flagged = report.bottlenecks.some((b) => b.persona === p.persona && b.week === week);
            expect(flagged).toBe(days > p.capacity);
          }
        }
      }),
      RUNS,
    );
  });
});
