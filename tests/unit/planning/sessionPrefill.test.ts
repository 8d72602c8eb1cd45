import { describe, expect, it } from 'vitest';
import { activityEntrySchema, handoffSchema, type ActivityEntry, type Handoff, type PlanSnapshot } from '../../../shared/model';
import { analysePlan, sessionPrefill, type SessionWindow } from '../../../shared/planning';
import { snapshotOf, type PlanSpec } from './snapshotOf';

// Monday 3 March 2025 to Wednesday 5 March; the previous session ends Monday at 18:00 and the
// new one is held Tuesday at 18:00.
const MON = (h: string) => `2025-03-03T${h}:00.000Z`;
const TUE = (h: string) => `2025-03-04T${h}:00.000Z`;
const WED = (h: string) => `2025-03-05T${h}:00.000Z`;
const WINDOW: SessionWindow = { from: MON('18:00'), to: TUE('18:00') };

let seq = 0;
/** A log entry written by `actor` (each teammate's machine has its own). */
function entry(actor: string, at: string, kind: ActivityEntry['kind'], entity: string, from?: string | null, to?: string | null, id = `act-${String(++seq).padStart(3, '0')}`): ActivityEntry {
  return activityEntrySchema.parse({ id, at, actor, kind, entity, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
}

/** A plan from the shorthand, with its log and handoffs as stored (in the order given). */
function plan(spec: PlanSpec, activity: readonly ActivityEntry[] = [], handoffs: readonly Record<string, unknown>[] = []): PlanSnapshot {
  const base = snapshotOf(spec);
  return { ...base, activity, handoffs: new Map(handoffs.map((h) => [String(h.id), handoffSchema.parse(h) as Handoff])) };
}

const prefill = (snapshot: PlanSnapshot, window?: SessionWindow) => sessionPrefill(snapshot, analysePlan(snapshot), window);

describe('sessionPrefill', () => {
  it('has nothing to say about an empty plan', () => {
    expect(prefill(plan({}), WINDOW)).toEqual({
      personas: [],
      identified: [],
      resolved: [],
      pendingHandoffs: [],
      completedHandoffs: [],
      artifactsCreated: [],
      contractUpdates: [],
      risksOpened: [],
    });
    // Personas with no tasks still get their (empty) section, by name.
    expect(prefill(plan({ personas: [{ id: 'z', name: 'Zed' }, { id: 'a', name: 'Ann' }] })).personas.map((p) => [p.persona, p.active, p.blocked, p.completed, p.upcoming])).toEqual([
      ['a', [], [], [], []],
      ['z', [], [], [], []],
    ]);
  });

  // Alice owns Alpha (active, 2 d) and Beta (done on Tuesday, 1 d) and Zeta (todo, 1 d); Bob owns
  // Gamma (todo, after Alpha), Delta (marked blocked) and Epsilon (todo, after Beta).
  const team: PlanSpec = {
    personas: [
      { id: 'b', name: 'Bob' },
      { id: 'a', name: 'Alice' },
    ],
    tasks: [
      { id: 't1', title: 'Alpha', owner: 'a', status: 'active', progress: 40, estimate: 2 },
      { id: 't2', title: 'Beta', owner: 'a', status: 'done', estimate: 1 },
      { id: 't3', title: 'Gamma', owner: 'b', status: 'todo', estimate: 1 },
      { id: 't4', title: 'Delta', owner: 'b', status: 'blocked', estimate: 1 },
      { id: 't5', title: 'Epsilon', owner: 'b', status: 'todo', estimate: 1 },
      { id: 't6', title: 'Zeta', owner: 'a', status: 'todo', estimate: 1 },
    ],
    edges: [
      ['t1', 't3'],
      ['t2', 't5'],
    ],
  };
  const teamLog = () => [
    entry('alice', MON('09:00'), 'status', 't2', 'todo', 'active'),
    entry('alice', TUE('12:00'), 'status', 't2', 'active', 'done'),
    entry('alice', MON('10:00'), 'status', 't1', 'todo', 'active'),
  ];

  it('at a first session (no previous one) reports every dated completion up to the session', () => {
    const p = prefill(plan(team, teamLog()), { to: TUE('18:00') });
    expect(p.personas).toEqual([
      {
        persona: 'a',
        active: [{ task: 't1', progress: 40 }],
        blocked: [],
        completed: [{ id: 't2', at: TUE('12:00') }],
        // Zeta has no prerequisite: day 0.
        upcoming: [{ task: 't6', earlyStart: 0 }],
      },
      {
        persona: 'b',
        active: [],
        // By title: Delta is marked blocked; Gamma waits on Alpha.
        blocked: [
          { task: 't4', marked: true, waitingOn: [] },
          { task: 't3', marked: false, waitingOn: ['t1'] },
        ],
        completed: [],
        // Epsilon after Beta (1 d): day 1; Gamma after Alpha (2 d): day 2.
        upcoming: [
          { task: 't5', earlyStart: 1 },
          { task: 't3', earlyStart: 2 },
        ],
      },
    ]);
    expect(p.identified.map((d) => [d.source, d.target, d.blockingPersona, d.blockedPersona])).toEqual([['t1', 't3', 'a', 'b']]);
    expect(p.resolved.map((d) => [d.dependency.source, d.dependency.target, d.at])).toEqual([['t2', 't5', TUE('12:00')]]);
  });

  it('reports only what happened after the previous session, and only for the personas asked for', () => {
    const log = [...teamLog(), entry('alice', MON('11:00'), 'status', 't6', 'todo', 'done')];
    const snapshot = plan({ ...team, tasks: team.tasks!.map((t) => (typeof t !== 'string' && t.id === 't6' ? { ...t, status: 'done' as const } : t)) }, log);
    const p = prefill(snapshot, { ...WINDOW, personas: ['a'] });
    expect(p.personas.map((s) => s.persona)).toEqual(['a']);
    // Zeta was done on Monday at 11:00, before the previous session ended: not new.
    expect(p.personas[0]!.completed).toEqual([{ id: 't2', at: TUE('12:00') }]);
    expect(p.personas[0]!.upcoming).toEqual([]);
    // After the window nothing is new.
    expect(prefill(snapshot, { from: TUE('18:00') }).personas.flatMap((s) => s.completed)).toEqual([]);
  });

  it('reads a log from several machines in any order, copies counted once, a reopen undoing a completion', () => {
    // Three tasks of Alice's, the entries as two machines synced them: Bob's clock-ordered
    // entries arrived after Alice's later ones, and one entry arrived twice.
    const spec: PlanSpec = {
      personas: [{ id: 'a', name: 'Alice' }],
      tasks: [
        { id: 'r1', title: 'Reopened then redone in the window', owner: 'a', status: 'done' },
        { id: 'r2', title: 'Reopened in the window, redone after it', owner: 'a', status: 'done' },
        { id: 'r3', title: 'Done twice', owner: 'a', status: 'done' },
      ],
    };
    const copy = entry('bob', TUE('09:00'), 'status', 'r3', 'active', 'done', 'act-copy');
    const log = [
      entry('alice', TUE('15:00'), 'status', 'r1', 'active', 'done'),
      entry('alice', WED('09:00'), 'status', 'r2', 'active', 'done'),
      copy,
      entry('bob', TUE('10:00'), 'status', 'r1', 'active', 'done'),
      entry('bob', TUE('11:00'), 'status', 'r1', 'done', 'active'),
      entry('bob', TUE('10:00'), 'status', 'r2', 'active', 'done'),
      entry('bob', TUE('11:00'), 'status', 'r2', 'done', 'active'),
      entry('alice', MON('08:00'), 'status', 'r3', 'todo', 'active'),
      copy,
    ];
    // By title: r3 once, though stored twice; r1 was done at 10:00, reopened at 11:00 and done
    // again at 15:00: the last completion counts.
    const expected = [
      { id: 'r3', at: TUE('09:00') },
      { id: 'r1', at: TUE('15:00') },
    ];
    // r2 was active again when the session was held (done only on Wednesday): not completed then.
    expect(prefill(plan(spec, log), WINDOW).personas[0]!.completed).toEqual(expected);
    expect(prefill(plan(spec, [...log].reverse()), WINDOW).personas[0]!.completed).toEqual(expected);
    expect(prefill(plan({ ...spec, reversed: true }, log), WINDOW).personas[0]!.completed).toEqual(expected);
  });

  it('judges a task without a status log by its finishedAt; a bare date stands for the end of its day', () => {
    const spec: PlanSpec = {
      personas: [{ id: 'a', name: 'Alice' }],
      nodes: [
        { id: 'i1', kind: 'task', title: 'Imported, finished Tuesday', owner: 'a', status: 'done', finishedAt: '2025-03-04' },
        { id: 'i2', kind: 'task', title: 'Imported, finished Monday', owner: 'a', status: 'done', finishedAt: '2025-03-03' },
        { id: 'i3', kind: 'task', title: 'Imported, no date', owner: 'a', status: 'done' },
      ],
    };
    const completed = (w: SessionWindow) => prefill(plan(spec), w).personas[0]!.completed;
    // "Finished Monday" ends after the previous session (Monday 18:00); "finished Tuesday" ends
    // after this one (Tuesday 18:00) ...
    expect(completed(WINDOW)).toEqual([{ id: 'i2', at: '2025-03-03' }]);
    // ... but within a session dated Tuesday; Monday's ends with the previous session dated Monday.
    expect(completed({ from: '2025-03-03', to: '2025-03-04' })).toEqual([{ id: 'i1', at: '2025-03-04' }]);
    // With no previous session both dated ones count; the undated one cannot be placed.
    expect(completed({ to: '2025-03-04' })).toEqual([
      { id: 'i2', at: '2025-03-03' },
      { id: 'i1', at: '2025-03-04' },
    ]);
  });

  it('lists pending handoffs and those completed in the window, by the log or else completedAt', () => {
    const spec: PlanSpec = {
      personas: ['a', 'b'],
      tasks: [
        { id: 't1', title: 'One', owner: 'a' },
        { id: 't2', title: 'Two', owner: 'a' },
      ],
    };
    const handoffs = [
      { id: 'h1', task: 't1', from: 'a', to: 'b', status: 'pending', due: '2025-03-07' },
      { id: 'h0', task: 't2', from: 'a', to: 'b' },
      { id: 'h2', task: 't1', from: 'a', to: 'b', status: 'completed', completedAt: TUE('15:00') },
      { id: 'h3', task: 't2', from: 'a', to: 'b', status: 'completed', completedAt: MON('12:00') },
      { id: 'h4', task: 't2', from: 'b', to: 'a', status: 'completed', completedAt: TUE('13:00') },
      { id: 'h5', task: 't2', from: 'b', to: 'a', status: 'completed' },
    ];
    const log = [
      entry('bob', TUE('15:00'), 'handoff', 'h2', 'pending', 'completed'),
      entry('alice', TUE('09:00'), 'handoff', 'h1', null, 'pending'),
      entry('alice', MON('08:00'), 'handoff', 'h2', null, 'pending'),
      entry('alice', MON('12:00'), 'handoff', 'h3', 'pending', 'completed'),
    ];
    const p = prefill(plan(spec, log, handoffs), WINDOW);
    // By due date (none last): h1 (due Friday), then h0; h1 was recorded on Tuesday.
    expect(p.pendingHandoffs).toEqual([{ id: 'h1', at: TUE('09:00') }, { id: 'h0' }]);
    // h4 has no log (imported) and its completedAt is in the window; h3 was before; h5 has no date.
    expect(p.completedHandoffs).toEqual([
      { id: 'h4', at: TUE('13:00') },
      { id: 'h2', at: TUE('15:00') },
    ]);
    expect(prefill(plan(spec, log, handoffs), { to: TUE('18:00') }).completedHandoffs.map((h) => h.id)).toEqual(['h5', 'h3', 'h4', 'h2']);
  });

  it('reports artifacts created, contract updates and risks opened, from the log', () => {
    const spec: PlanSpec = {
      personas: ['a'],
      nodes: [
        { id: 'a1', kind: 'artifact', title: 'Load test report', createdBy: 'a' },
        { id: 'a2', kind: 'artifact', title: 'Old mock data' },
        { id: 'c1', kind: 'artifact', title: 'Protocol contract', contract: true, status: 'agreed' },
        { id: 'c2', kind: 'artifact', title: 'Schema contract', contract: true, status: 'proposed' },
        { id: 'c3', kind: 'artifact', title: 'Imported contract', contract: true, status: 'agreed' },
        { id: 'k1', kind: 'risk', title: 'New risk' },
        { id: 'k2', kind: 'risk', title: 'Reopened risk', state: 'open' },
        { id: 'k3', kind: 'risk', title: 'Raised and closed', state: 'closed' },
        { id: 'k4', kind: 'risk', title: 'Old risk' },
        { id: 'k5', kind: 'risk', title: 'Imported risk' },
      ],
    };
    const log = [
      entry('alice', TUE('10:00'), 'created', 'a1', undefined, 'draft'),
      entry('alice', MON('10:00'), 'created', 'a2', undefined, 'draft'),
      entry('bob', TUE('14:00'), 'status', 'c1', 'draft', 'agreed'),
      entry('alice', MON('10:00'), 'created', 'c1', undefined, 'draft'),
      entry('alice', TUE('11:00'), 'created', 'c2', undefined, 'proposed'),
      entry('alice', TUE('09:30'), 'created', 'k1', undefined, 'open'),
      entry('bob', TUE('16:00'), 'status', 'k2', 'closed', 'open'),
      entry('alice', MON('09:00'), 'created', 'k2', undefined, 'open'),
      entry('alice', MON('12:00'), 'status', 'k2', 'open', 'closed'),
      entry('alice', TUE('12:00'), 'status', 'k3', 'open', 'closed'),
      entry('alice', TUE('10:00'), 'created', 'k3', undefined, 'open'),
      entry('alice', MON('09:00'), 'created', 'k4', undefined, 'open'),
      // An entry about a node since removed is ignored.
      entry('alice', TUE('10:00'), 'created', 'gone', undefined, 'open'),
    ];
    const p = prefill(plan(spec, log), WINDOW);
    expect(p.artifactsCreated).toEqual([{ id: 'a1', at: TUE('10:00') }]);
    expect(p.contractUpdates).toEqual([
      { id: 'c2', from: null, to: 'proposed', at: TUE('11:00') },
      { id: 'c1', from: 'draft', to: 'agreed', at: TUE('14:00') },
    ]);
    expect(p.risksOpened).toEqual([
      { id: 'k1', at: TUE('09:30'), open: true },
      { id: 'k3', at: TUE('10:00'), open: false },
      { id: 'k2', at: TUE('16:00'), open: true },
    ]);
    // At a first session what the plan holds without a log entry is new too.
    const first = prefill(plan(spec, log), { to: TUE('18:00') });
    expect(first.artifactsCreated.map((a) => a.id)).toEqual(['a2', 'a1']);
    expect(first.contractUpdates).toEqual([
      { id: 'c3', from: null, to: 'agreed' },
      { id: 'c2', from: null, to: 'proposed', at: TUE('11:00') },
      { id: 'c1', from: 'draft', to: 'agreed', at: TUE('14:00') },
    ]);
    expect(first.risksOpened.map((r) => r.id)).toEqual(['k5', 'k4', 'k1', 'k3', 'k2']);
  });

  it('reports no upcoming order when the plan has a cycle, and does not throw', () => {
    const p = prefill(plan({ personas: ['a'], tasks: [{ id: 'x', owner: 'a' }, { id: 'y', owner: 'a' }], edges: [['x', 'y'], ['y', 'x']] }));
    expect(p.personas[0]!.upcoming).toEqual([{ task: 'x' }, { task: 'y' }]);
  });
});
